package org.faultline.dump.minidump;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/** VS_FIXEDFILEINFO (52 bytes) inside a module entry. */
public record VsFixedFileInfo(long signature, long strucVersion, long fileVersionMs, long fileVersionLs,
                              long productVersionMs, long productVersionLs, long fileFlagsMask, long fileFlags,
                              long fileOs, long fileType, long fileSubtype, long fileDateMs, long fileDateLs) {
    public static final int SIZE = 52;
    /** The signature of a present version resource. */
    public static final long SIGNATURE = 0xFEEF04BDL;

    static VsFixedFileInfo read(Cursor c) throws DumpFormatException {
        return new VsFixedFileInfo(c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u32(),
                c.u32(), c.u32(), c.u32(), c.u32(), c.u32());
    }

    /** {@code 5.1.2600.2180}, or {@code null} when the module has no version resource. */
    public String fileVersion() {
        if (signature != SIGNATURE) {
            return null;
        }
        return (fileVersionMs >>> 16) + "." + (fileVersionMs & 0xFFFF) + "." + (fileVersionLs >>> 16) + "."
                + (fileVersionLs & 0xFFFF);
    }
}
