package org.faultline.symbols.breakpad;

import java.util.List;

/**
 * {@code FUNC [m] <address> <size> <parameter_size> <name>} with the line and INLINE records that follow it.
 *
 * @param multiple      the {@code m} flag: several symbols were folded into this code (ICF)
 * @param address       RVA
 * @param size          size in bytes
 * @param parameterSize bytes of parameters on the stack (x86)
 * @param name          the function name (may contain spaces)
 * @param lines         line records in file order
 * @param inlines       INLINE records in file order
 */
public record FuncRecord(boolean multiple, long address, long size, long parameterSize, String name,
                         List<LineRecord> lines, List<InlineRecord> inlines) {

    public FuncRecord {
        lines = List.copyOf(lines);
        inlines = List.copyOf(inlines);
    }

    public boolean covers(long rva) {
        return rva >= address && rva - address < size;
    }

    /** The line record covering {@code rva}, if any (line records are few per function: a linear scan). */
    public LineRecord lineAt(long rva) {
        for (LineRecord l : lines) {
            if (l.covers(rva)) {
                return l;
            }
        }
        return null;
    }
}
