package org.faultline.symbols.disasm;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.MemoryReader;

/** Test helpers: hex to bytes, and a {@link MemoryReader} over one byte array. */
final class Bytes {
    private Bytes() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Memory holding {@code bytes} at {@code start} and nothing else. */
    static MemoryReader memory(long start, byte[] bytes) {
        return new MemoryReader() {
            @Override
            public List<MemoryRange> ranges() {
                return List.of(new MemoryRange(start, bytes.length, 0, bytes.length));
            }

            @Override
            public Optional<byte[]> read(long address, int length) {
                long off = address - start;
                if (length < 0 || off < 0 || off + length > bytes.length) {
                    return Optional.empty();
                }
                byte[] out = new byte[length];
                System.arraycopy(bytes, (int) off, out, 0, length);
                return Optional.of(out);
            }

            @Override
            public long readableFrom(long address, long max) {
                long off = address - start;
                if (off < 0 || off >= bytes.length) {
                    return 0;
                }
                return Math.min(max, bytes.length - off);
            }
        };
    }
}
