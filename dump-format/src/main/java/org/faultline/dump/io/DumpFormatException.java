package org.faultline.dump.io;

/**
 * The one checked error family that leaves {@code dump-format} for bad bytes. Every instance names the
 * structure that could not be read, the absolute file offset where it was, and a stable code that tools and
 * tests may match on.
 */
public abstract sealed class DumpFormatException extends Exception
        permits DumpFormatException.BadSignature,
                DumpFormatException.UnsupportedFormat,
                DumpFormatException.Truncated,
                DumpFormatException.OutOfBounds,
                DumpFormatException.InvalidValue {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String structure;
    private final long offset;
    private final String detail;

    private DumpFormatException(String code, String structure, long offset, String detail) {
        super(structure + " @0x" + Long.toHexString(offset) + ": " + detail);
        this.code = code;
        this.structure = structure;
        this.offset = offset;
        this.detail = detail;
    }

    /** A stable, machine-readable code such as {@code TRUNCATED}. */
    public String code() {
        return code;
    }

    /** The on-disk structure being read, e.g. {@code MINIDUMP_DIRECTORY[3]}. */
    public String structure() {
        return structure;
    }

    /** Absolute file offset at which the problem was found. */
    public long offset() {
        return offset;
    }

    /** The message without the structure and offset prefix. */
    public String detail() {
        return detail;
    }

    /** The first bytes of the file are not a signature we know. */
    public static final class BadSignature extends DumpFormatException {
        private static final long serialVersionUID = 1L;

        public BadSignature(String structure, long offset, String detail) {
            super("BAD_SIGNATURE", structure, offset, detail);
        }
    }

    /** A recognised file of a kind or version this reader does not handle. */
    public static final class UnsupportedFormat extends DumpFormatException {
        private static final long serialVersionUID = 1L;

        public UnsupportedFormat(String structure, long offset, String detail) {
            super("UNSUPPORTED", structure, offset, detail);
        }
    }

    /** A structure runs past the end of the file. */
    public static final class Truncated extends DumpFormatException {
        private static final long serialVersionUID = 1L;

        public Truncated(String structure, long offset, String detail) {
            super("TRUNCATED", structure, offset, detail);
        }
    }

    /** A read runs past the end of the region its structure declares (or an offset points outside the file). */
    public static final class OutOfBounds extends DumpFormatException {
        private static final long serialVersionUID = 1L;

        public OutOfBounds(String structure, long offset, String detail) {
            super("OUT_OF_BOUNDS", structure, offset, detail);
        }
    }

    /** A field holds a value that cannot be right (a count too large, an odd string length, ...). */
    public static final class InvalidValue extends DumpFormatException {
        private static final long serialVersionUID = 1L;

        public InvalidValue(String structure, long offset, String detail) {
            super("INVALID_VALUE", structure, offset, detail);
        }
    }
}
