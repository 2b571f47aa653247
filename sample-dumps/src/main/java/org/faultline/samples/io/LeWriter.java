package org.faultline.samples.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * A growable little-endian byte writer with absolute patching, for writing synthetic binary files.
 *
 * <p>Appending methods advance the position; {@code putXx(at, value)} methods overwrite bytes already
 * written. Integer writers accept either the unsigned range or the signed range of their width, so
 * {@code u32(-1)} and {@code u32(0xFFFF_FFFFL)} write the same bytes; anything wider is rejected.
 */
public final class LeWriter {
    private byte[] buf;
    private int size;

    /** Creates an empty writer. */
    public LeWriter() {
        this(256);
    }

    /** Creates an empty writer with the given initial capacity. */
    public LeWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Returns the number of bytes written so far, which is also the next write offset. */
    public int position() {
        return size;
    }

    /** Appends one byte. */
    public LeWriter u8(long value) {
        return putLe(reserve(1), check(value, 8), 1);
    }

    /** Appends a 16-bit value. */
    public LeWriter u16(long value) {
        return putLe(reserve(2), check(value, 16), 2);
    }

    /** Appends a 32-bit value. */
    public LeWriter u32(long value) {
        return putLe(reserve(4), check(value, 32), 4);
    }

    /** Appends a 64-bit value. */
    public LeWriter u64(long value) {
        return putLe(reserve(8), value, 8);
    }

    /** Appends the given bytes. */
    public LeWriter bytes(byte[] data) {
        int at = reserve(data.length);
        System.arraycopy(data, 0, buf, at, data.length);
        return this;
    }

    /** Appends {@code count} zero bytes. */
    public LeWriter zeros(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        reserve(count);
        return this;
    }

    /** Appends zero bytes until the position is a multiple of {@code alignment} (a power of two). */
    public LeWriter align(int alignment) {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        return zeros((alignment - (size & (alignment - 1))) & (alignment - 1));
    }

    /** Appends zero bytes until the position is {@code offset}; fails if already past it. */
    public LeWriter padTo(int offset) {
        if (offset < size) {
            throw new IllegalStateException("already at " + size + ", past " + offset);
        }
        return zeros(offset - size);
    }

    /** Appends the UTF-16LE code units of {@code text}, without a terminator. */
    public LeWriter utf16(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_16LE));
    }

    /**
     * Appends {@code text} as UTF-16LE into a fixed array of {@code chars} WCHARs, NUL-padded. A text of
     * exactly {@code chars} code units is written without terminator; a longer one is rejected.
     */
    public LeWriter utf16Fixed(String text, int chars) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_16LE);
        if (encoded.length > 2 * chars) {
            throw new IllegalArgumentException("\"" + text + "\" does not fit in " + chars + " WCHARs");
        }
        return bytes(encoded).zeros(2 * chars - encoded.length);
    }

    /**
     * Appends a Windows GUID: Data1 as u32, Data2 and Data3 as u16 (all little-endian), then the eight
     * Data4 bytes in order. {@code UUID} holds the GUID in its canonical text order.
     */
    public LeWriter guid(UUID guid) {
        long msb = guid.getMostSignificantBits();
        long lsb = guid.getLeastSignificantBits();
        u32(msb >>> 32);
        u16((msb >>> 16) & 0xFFFF);
        u16(msb & 0xFFFF);
        for (int shift = 56; shift >= 0; shift -= 8) {
            u8((lsb >>> shift) & 0xFF);
        }
        return this;
    }

    /** Overwrites one byte at {@code at}. */
    public LeWriter putU8(int at, long value) {
        return putLe(existing(at, 1), check(value, 8), 1);
    }

    /** Overwrites a 16-bit value at {@code at}. */
    public LeWriter putU16(int at, long value) {
        return putLe(existing(at, 2), check(value, 16), 2);
    }

    /** Overwrites a 32-bit value at {@code at}. */
    public LeWriter putU32(int at, long value) {
        return putLe(existing(at, 4), check(value, 32), 4);
    }

    /** Overwrites a 64-bit value at {@code at}. */
    public LeWriter putU64(int at, long value) {
        return putLe(existing(at, 8), value, 8);
    }

    /** Overwrites bytes at {@code at}. */
    public LeWriter putBytes(int at, byte[] data) {
        System.arraycopy(data, 0, buf, existing(at, data.length), data.length);
        return this;
    }

    /** Returns a copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /**
     * Writes {@code value} into {@code target} at {@code at}, little-endian, in {@code width} bytes (1, 2, 4
     * or 8), without range checks. Used to patch finished images.
     */
    public static void putLe(byte[] target, int at, long value, int width) {
        for (int i = 0; i < width; i++) {
            target[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private LeWriter putLe(int at, long value, int width) {
        putLe(buf, at, value, width);
        return this;
    }

    private static long check(long value, int bits) {
        long min = -(1L << (bits - 1));
        long max = (1L << bits) - 1;
        if (value < min || value > max) {
            throw new IllegalArgumentException("value 0x" + Long.toHexString(value) + " does not fit in " + bits + " bits");
        }
        return value;
    }

    private int reserve(int count) {
        int at = size;
        int end = Math.addExact(size, count);
        if (end > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(end, buf.length * 2));
        }
        size = end;
        return at;
    }

    private int existing(int at, int count) {
        if (at < 0 || count > size - at) {
            throw new IndexOutOfBoundsException("patch of " + count + " bytes at " + at + " outside 0.." + size);
        }
        return at;
    }
}
