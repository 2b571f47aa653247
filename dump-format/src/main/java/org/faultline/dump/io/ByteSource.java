package org.faultline.dump.io;

/**
 * Random-access, read-only, little-endian bytes of a dump. All reads are absolute, so one source can be
 * shared by many threads. The raw getters expect an in-bounds range: check it first with
 * {@link #require}, or read through a {@link Cursor}, which checks every read.
 */
public interface ByteSource extends AutoCloseable {

    /** Total number of bytes. */
    long size();

    /** A short name for messages (usually the file name). */
    String name();

    /** Copies {@code length} bytes at {@code offset} into {@code dst[dstOffset..]}; the range must be in bounds. */
    void copy(long offset, byte[] dst, int dstOffset, int length);

    /** One unsigned byte; the offset must be in bounds. */
    int byteAt(long offset);

    /** Unsigned 16-bit value; the range must be in bounds. */
    default int u16At(long offset) {
        return byteAt(offset) | byteAt(offset + 1) << 8;
    }

    /** Unsigned 32-bit value held in a long; the range must be in bounds. */
    default long u32At(long offset) {
        return (u16At(offset) | (long) u16At(offset + 2) << 16) & 0xFFFF_FFFFL;
    }

    /** 64-bit value (callers treat it as unsigned); the range must be in bounds. */
    default long u64At(long offset) {
        return u32At(offset) | u32At(offset + 4) << 32;
    }

    /**
     * Checks that {@code [offset, offset + length)} lies in the file.
     *
     * @throws DumpFormatException.Truncated naming {@code structure} when it does not
     */
    default void require(long offset, long length, String structure) throws DumpFormatException {
        if (offset < 0 || length < 0) {
            throw new DumpFormatException.OutOfBounds(structure, Math.max(offset, 0),
                    "negative offset or length (" + offset + ", " + length + ")");
        }
        long end;
        try {
            end = Math.addExact(offset, length);
        } catch (ArithmeticException overflow) {
            throw new DumpFormatException.OutOfBounds(structure, offset, "offset plus length overflows");
        }
        if (end > size()) {
            long remain = Math.max(0, size() - offset);
            throw new DumpFormatException.Truncated(structure, offset,
                    "need " + length + " bytes, " + remain + " remain in the file");
        }
    }

    /** Reads a checked range into a new array; {@code length} must be small (callers bound it). */
    default byte[] bytes(long offset, int length, String structure) throws DumpFormatException {
        require(offset, length, structure);
        byte[] out = new byte[length];
        copy(offset, out, 0, length);
        return out;
    }

    /** A cursor over the whole source, or a part of it. */
    default Cursor cursor(String structure, long offset, long length) throws DumpFormatException {
        require(offset, length, structure);
        return new Cursor(this, structure, offset, offset + length);
    }

    @Override
    default void close() {
        // Array sources hold nothing; mapped sources release their mappings to the GC.
    }
}
