package org.faultline.dump.minidump;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/** MINIDUMP_HEADER: the 32 bytes at offset 0. Raw values; {@link #isSupportedVersion()} interprets. */
public record MinidumpHeader(long signature, long version, long numberOfStreams, long streamDirectoryRva,
                             long checksum, long timeDateStamp, long flags) {
    public static final int SIZE = 32;
    /** {@code MDMP} read as a little-endian u32. */
    public static final long SIGNATURE = 0x504D444DL;
    /** MINIDUMP_VERSION, the low 16 bits of Version. */
    public static final int VERSION = 0xA793;

    public static MinidumpHeader read(Cursor c) throws DumpFormatException {
        return new MinidumpHeader(c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u64());
    }

    /** Only the low word is the format version; the high word is implementation specific. */
    public boolean isSupportedVersion() {
        return (version & 0xFFFF) == VERSION;
    }
}
