package org.faultline.symbols.pdb;

import java.nio.charset.StandardCharsets;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.ByteStrings;

/**
 * A procedure record (PROCSYM32: S_GPROC32, S_LPROC32 and their _ID/_DPC variants) from a module stream.
 *
 * @param kind         the record kind ({@link CodeViewSymbolKind})
 * @param module       index of the module whose stream holds it
 * @param recordOffset where the record starts in that stream
 * @param parent       pParent
 * @param end          pEnd (offset of the matching S_END)
 * @param next         pNext
 * @param length       code size in bytes
 * @param debugStart   offset of the end of the prolog
 * @param debugEnd     offset of the start of the epilog
 * @param typeIndex    function type (or item id for the _ID kinds)
 * @param offset       offset of the first byte within the segment
 * @param segment      1-based section index
 * @param flags        CV_PROCFLAGS
 * @param name         the (undecorated) name
 */
public record ProcedureSymbol(int kind, int module, long recordOffset, long parent, long end, long next,
                              long length, long debugStart, long debugEnd, long typeIndex, long offset, int segment,
                              int flags, String name) {

    static ProcedureSymbol read(Cursor c, int kind, int module, long recordOffset) throws DumpFormatException {
        long parent = c.u32();
        long end = c.u32();
        long next = c.u32();
        long length = c.u32();
        long dbgStart = c.u32();
        long dbgEnd = c.u32();
        long type = c.u32();
        long offset = c.u32();
        int segment = c.u16();
        int flags = c.u8();
        String name = ByteStrings.cString(c, c.remaining(), StandardCharsets.UTF_8, false);
        return new ProcedureSymbol(kind, module, recordOffset, parent, end, next, length, dbgStart, dbgEnd, type,
                offset, segment, flags, name);
    }

    public String kindName() {
        return CodeViewSymbolKind.name(kind);
    }
}
