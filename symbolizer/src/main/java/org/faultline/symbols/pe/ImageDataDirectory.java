package org.faultline.symbols.pe;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * IMAGE_DATA_DIRECTORY (8 bytes). {@code virtualAddress} is an RVA, except for the certificate directory
 * (index 4), where it is a file offset.
 */
public record ImageDataDirectory(long virtualAddress, long size) {
    public static final int SIZE = 8;

    public static final int EXPORT = 0;
    public static final int IMPORT = 1;
    public static final int RESOURCE = 2;
    public static final int EXCEPTION = 3;
    public static final int CERTIFICATE = 4;
    public static final int BASE_RELOCATION = 5;
    public static final int DEBUG = 6;
    public static final int LOAD_CONFIG = 10;
    public static final int CLR_HEADER = 14;

    public static ImageDataDirectory read(Cursor c) throws DumpFormatException {
        return new ImageDataDirectory(c.u32(), c.u32());
    }

    /** Whether the directory is present (non-zero address and size). */
    public boolean present() {
        return virtualAddress != 0 && size != 0;
    }
}
