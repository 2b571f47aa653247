package org.faultline.dump;

import java.util.List;
import java.util.Optional;

/**
 * Reads the crashed system's virtual memory from what the dump saved. Missing memory is reported, never
 * filled with zeros.
 */
public interface MemoryReader {

    /** The ranges the dump holds, in ascending address order. */
    List<MemoryRange> ranges();

    /** {@code length} bytes at {@code address}, or empty when any of them is not in the dump. */
    Optional<byte[]> read(long address, int length);

    /** How many bytes from {@code address} on are readable without a gap, up to {@code max}. */
    long readableFrom(long address, long max);

    /** A little-endian 64-bit value at {@code address}, or empty when missing. */
    default Optional<Long> readU64(long address) {
        return read(address, 8).map(b -> {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = v << 8 | (b[i] & 0xFF);
            }
            return v;
        });
    }

    /** A little-endian 32-bit value at {@code address}, or empty when missing. */
    default Optional<Long> readU32(long address) {
        return read(address, 4).map(b -> (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16
                | (b[3] & 0xFFL) << 24);
    }

    /** A reader over nothing. */
    static MemoryReader empty() {
        return RangeMemoryReader.EMPTY;
    }
}
