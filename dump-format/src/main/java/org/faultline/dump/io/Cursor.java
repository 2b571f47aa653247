package org.faultline.dump.io;

import java.nio.charset.StandardCharsets;

/**
 * A short-lived reader over one region {@code [base, limit)} of a {@link ByteSource}, with a position.
 * Every read is bounds-checked once, with overflow-safe arithmetic; a read past the region throws
 * {@link DumpFormatException.OutOfBounds}, or {@link DumpFormatException.Truncated} when the region itself
 * runs past the end of the file. Unsigned 32-bit values are returned in a {@code long}.
 */
public final class Cursor {
    private final ByteSource source;
    private final String structure;
    private final long base;
    private final long limit;
    private long position;

    Cursor(ByteSource source, String structure, long base, long limit) {
        this.source = source;
        this.structure = structure;
        this.base = base;
        this.limit = limit;
        this.position = base;
    }

    public ByteSource source() {
        return source;
    }

    public String structure() {
        return structure;
    }

    /** Absolute file offset of the region's first byte. */
    public long base() {
        return base;
    }

    /** Region length in bytes. */
    public long length() {
        return limit - base;
    }

    /** Position relative to the region's start. */
    public long position() {
        return position - base;
    }

    /** Absolute file offset of the position. */
    public long absolutePosition() {
        return position;
    }

    public long remaining() {
        return limit - position;
    }

    /** Moves to {@code relative} bytes from the region's start. */
    public Cursor seek(long relative) throws DumpFormatException {
        if (relative < 0 || relative > length()) {
            throw new DumpFormatException.OutOfBounds(structure, base,
                    "seek to +0x" + Long.toHexString(relative) + " outside a region of " + length() + " bytes");
        }
        position = base + relative;
        return this;
    }

    public Cursor skip(long count) throws DumpFormatException {
        check(count);
        position += count;
        return this;
    }

    private long check(long count) throws DumpFormatException {
        long at = position;
        long end;
        try {
            end = Math.addExact(at, count);
        } catch (ArithmeticException overflow) {
            throw new DumpFormatException.OutOfBounds(structure, at, "length " + count + " overflows");
        }
        if (count < 0 || end > limit) {
            long remain = Math.max(0, limit - at);
            if (limit > source.size() && end > source.size()) {
                throw new DumpFormatException.Truncated(structure, at,
                        "need " + count + " bytes, " + Math.max(0, source.size() - at) + " remain in the file");
            }
            throw new DumpFormatException.OutOfBounds(structure, at, "need " + count + " bytes, " + remain + " remain");
        }
        return at;
    }

    public int u8() throws DumpFormatException {
        int v = source.byteAt(check(1));
        position += 1;
        return v;
    }

    public int u16() throws DumpFormatException {
        int v = source.u16At(check(2));
        position += 2;
        return v;
    }

    public long u32() throws DumpFormatException {
        long v = source.u32At(check(4));
        position += 4;
        return v;
    }

    /** A signed 32-bit value. */
    public int i32() throws DumpFormatException {
        return (int) u32();
    }

    public long u64() throws DumpFormatException {
        long v = source.u64At(check(8));
        position += 8;
        return v;
    }

    /** Reads {@code count} bytes; {@code count} must already be bounded by the caller's structure. */
    public byte[] bytes(int count) throws DumpFormatException {
        long at = check(count);
        byte[] out = new byte[count];
        source.copy(at, out, 0, count);
        position += count;
        return out;
    }

    /** UTF-16LE text of {@code byteLength} bytes; unpaired surrogates become U+FFFD. */
    public String utf16(int byteLength) throws DumpFormatException {
        return new String(bytes(byteLength), StandardCharsets.UTF_16LE);
    }

    /** A NUL-terminated 8-bit string inside the next {@code maxBytes}; stops at the first NUL. */
    public String cString(int maxBytes, java.nio.charset.Charset charset) throws DumpFormatException {
        byte[] raw = bytes(maxBytes);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, charset);
    }

    /** A Windows GUID (Data1 u32, Data2 u16, Data3 u16, Data4[8]). */
    public Guid guid() throws DumpFormatException {
        long d1 = u32();
        int d2 = u16();
        int d3 = u16();
        byte[] d4 = bytes(8);
        return new Guid(d1, d2, d3, d4);
    }

    /**
     * A new cursor over {@code [relative, relative + length)} of this region, for a nested structure.
     */
    public Cursor slice(String nestedStructure, long relative, long length) throws DumpFormatException {
        long start;
        long end;
        try {
            start = Math.addExact(base, relative);
            end = Math.addExact(start, length);
        } catch (ArithmeticException overflow) {
            throw new DumpFormatException.OutOfBounds(nestedStructure, base, "offset plus length overflows");
        }
        if (relative < 0 || length < 0 || end > limit) {
            throw new DumpFormatException.OutOfBounds(nestedStructure, Math.max(base, Math.min(start, limit)),
                    "needs " + length + " bytes at +0x" + Long.toHexString(relative)
                            + " of " + structure + " (" + length() + " bytes)");
        }
        return new Cursor(source, nestedStructure, start, end);
    }
}
