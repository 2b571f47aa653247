package org.faultline.symbols.unwind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.MemoryReader;

/** A test {@link MemoryReader}: individual bytes at arbitrary addresses; anything not written is missing. */
final class SparseMemory implements MemoryReader {
    private final Map<Long, Byte> bytes = new HashMap<>();
    int reads;

    SparseMemory put64(long address, long value) {
        for (int i = 0; i < 8; i++) {
            bytes.put(address + i, (byte) (value >>> (8 * i)));
        }
        return this;
    }

    SparseMemory put32(long address, long value) {
        for (int i = 0; i < 4; i++) {
            bytes.put(address + i, (byte) (value >>> (8 * i)));
        }
        return this;
    }

    SparseMemory put(long address, byte... data) {
        for (int i = 0; i < data.length; i++) {
            bytes.put(address + i, data[i]);
        }
        return this;
    }

    /** 8-byte slots {@code [from, from + 8 * count)} each holding {@code pattern + offset}. */
    SparseMemory fill(long from, int count, long pattern) {
        for (int i = 0; i < count; i++) {
            put64(from + 8L * i, pattern + 8L * i);
        }
        return this;
    }

    @Override
    public List<MemoryRange> ranges() {
        return List.of();
    }

    @Override
    public Optional<byte[]> read(long address, int length) {
        reads++;
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            Byte b = bytes.get(address + i);
            if (b == null) {
                return Optional.empty();
            }
            out[i] = b;
        }
        return Optional.of(out);
    }

    @Override
    public long readableFrom(long address, long max) {
        long n = 0;
        while (n < max && bytes.containsKey(address + n)) {
            n++;
        }
        return n;
    }
}
