package org.faultline.symbols.pe;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/** IMAGE_DEBUG_DIRECTORY (28 bytes). Raw values. */
public record ImageDebugDirectory(long characteristics, long timeDateStamp, int majorVersion, int minorVersion,
                                  long type, long sizeOfData, long addressOfRawData, long pointerToRawData) {
    public static final int SIZE = 28;

    public static final long TYPE_COFF = 1;
    public static final long TYPE_CODEVIEW = 2;
    public static final long TYPE_FPO = 3;
    public static final long TYPE_MISC = 4;
    public static final long TYPE_POGO = 13;
    public static final long TYPE_REPRO = 16;

    public static ImageDebugDirectory read(Cursor c) throws DumpFormatException {
        return new ImageDebugDirectory(c.u32(), c.u32(), c.u16(), c.u16(), c.u32(), c.u32(), c.u32(), c.u32());
    }
}
