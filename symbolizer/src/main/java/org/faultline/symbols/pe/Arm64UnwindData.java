package org.faultline.symbols.pe;

import java.util.ArrayList;
import java.util.List;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * An ARM64 {@code .xdata} record: the header word(s), the epilog scopes, the unwind code bytes and, when the X bit
 * is set, the exception handler RVA.
 *
 * @param rva            where the record lives
 * @param functionLength function length in bytes (the 18-bit field × 4)
 * @param version        Vers (0)
 * @param exceptionData  X: a handler RVA follows the codes
 * @param epilogPacked   E: one epilog, described by the header alone ({@code epilogCount} is then its first code
 *                       index)
 * @param epilogCount    number of epilog scopes (extended field when the header's counts are both 0)
 * @param codeWords      number of 32-bit words of unwind codes (extended field likewise)
 * @param epilogScopes   the scopes (empty when {@code epilogPacked})
 * @param unwindCodes    {@code codeWords × 4} code bytes
 * @param handlerRva     the handler RVA, or -1
 */
public record Arm64UnwindData(long rva, long functionLength, int version, boolean exceptionData,
                              boolean epilogPacked, int epilogCount, int codeWords,
                              List<Arm64EpilogScope> epilogScopes, byte[] unwindCodes, long handlerRva) {

    public Arm64UnwindData {
        epilogScopes = List.copyOf(epilogScopes);
        unwindCodes = unwindCodes.clone();
    }

    @Override
    public byte[] unwindCodes() {
        return unwindCodes.clone();
    }

    public static Arm64UnwindData read(Cursor c, long rva) throws DumpFormatException {
        long w = c.u32();
        long functionLength = (w & 0x3FFFF) * 4;
        int version = (int) ((w >>> 18) & 3);
        boolean x = ((w >>> 20) & 1) != 0;
        boolean e = ((w >>> 21) & 1) != 0;
        int epilogCount = (int) ((w >>> 22) & 0x1F);
        int codeWords = (int) ((w >>> 27) & 0x1F);
        if (epilogCount == 0 && codeWords == 0) {
            long ext = c.u32();
            epilogCount = (int) (ext & 0xFFFF);
            codeWords = (int) ((ext >>> 16) & 0xFF);
        }
        int scopes = e ? 0 : epilogCount;
        if ((long) scopes * 4 > c.remaining()) {
            throw new DumpFormatException.OutOfBounds(c.structure(), c.absolutePosition(),
                    scopes + " epilog scopes need " + scopes * 4L + " bytes, " + c.remaining() + " remain");
        }
        List<Arm64EpilogScope> list = new ArrayList<>(scopes);
        for (int i = 0; i < scopes; i++) {
            list.add(Arm64EpilogScope.decode(c.u32()));
        }
        byte[] codes = c.bytes(codeWords * 4);
        long handler = x ? c.u32() : -1;
        return new Arm64UnwindData(rva, functionLength, version, x, e, epilogCount, codeWords, list, codes, handler);
    }

    /** The prolog's codes: from index 0 up to and including the first {@code end}. */
    public List<Arm64UnwindCode> prologCodes() {
        return Arm64UnwindCode.decode(unwindCodes, 0);
    }

    /** The codes of one epilog scope. */
    public List<Arm64UnwindCode> epilogCodes(Arm64EpilogScope scope) {
        return Arm64UnwindCode.decode(unwindCodes, scope.startIndex());
    }
}
