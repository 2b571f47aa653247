package org.faultline.symbols.pdb;

import java.nio.charset.StandardCharsets;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.ByteStrings;

/**
 * An S_PUB32 record (PUBSYM32) from the symbol record stream.
 *
 * @param recordOffset where the record starts in the symbol record stream
 * @param flags        CV_PUBSYMFLAGS: 0x1 code, 0x2 function, 0x4 managed, 0x8 MSIL
 * @param offset       offset within the segment
 * @param segment      1-based section index (0 or past the last section: an absolute symbol, no RVA)
 * @param name         the name as stored (usually decorated)
 */
public record PublicSymbol(long recordOffset, long flags, long offset, int segment, String name) {
    public static final long FLAG_CODE = 0x1;
    public static final long FLAG_FUNCTION = 0x2;

    /** Reads the body of a record whose cursor spans it entirely, positioned after the kind field. */
    static PublicSymbol read(Cursor c, long recordOffset) throws DumpFormatException {
        long flags = c.u32();
        long offset = c.u32();
        int segment = c.u16();
        String name = ByteStrings.cString(c, c.remaining(), StandardCharsets.UTF_8, false);
        return new PublicSymbol(recordOffset, flags, offset, segment, name);
    }

    public boolean isFunction() {
        return (flags & FLAG_FUNCTION) != 0;
    }

    public boolean isCode() {
        return (flags & FLAG_CODE) != 0;
    }
}
