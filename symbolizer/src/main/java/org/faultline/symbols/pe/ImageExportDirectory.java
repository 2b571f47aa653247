package org.faultline.symbols.pe;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/** IMAGE_EXPORT_DIRECTORY (40 bytes). Raw values; every address is an RVA. */
public record ImageExportDirectory(long characteristics, long timeDateStamp, int majorVersion, int minorVersion,
                                   long nameRva, long ordinalBase, long numberOfFunctions, long numberOfNames,
                                   long addressOfFunctions, long addressOfNames, long addressOfNameOrdinals) {
    public static final int SIZE = 40;

    public static ImageExportDirectory read(Cursor c) throws DumpFormatException {
        return new ImageExportDirectory(c.u32(), c.u32(), c.u16(), c.u16(), c.u32(), c.u32(), c.u32(), c.u32(),
                c.u32(), c.u32(), c.u32());
    }
}
