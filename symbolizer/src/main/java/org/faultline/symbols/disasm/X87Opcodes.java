package org.faultline.symbols.disasm;

import static org.faultline.symbols.disasm.X86Opcodes.BAD;
import static org.faultline.symbols.disasm.X86Opcodes.D64;
import static org.faultline.symbols.disasm.X86Opcodes.R0;
import static org.faultline.symbols.disasm.X86Opcodes.W0;
import static org.faultline.symbols.disasm.X86Opcodes.op;

import org.faultline.symbols.disasm.X86Opcodes.Node;
import org.faultline.symbols.disasm.X86Opcodes.Unsupported;

/**
 * The x87 floating-point escape opcodes D8–DF (Intel SDM Vol. 2, Appendix A.5): memory forms by opcode and
 * ModRM.reg, register forms by opcode and the whole ModRM byte. The environment and state saves take a
 * {@code w} suffix with a 66 prefix (the 14/94-byte 16-bit layouts), as objdump writes them. Undocumented register aliases
 * ({@code fstp1}, {@code fcom2}, …) and 8087/287-only instructions are recognised but not described.
 */
final class X87Opcodes {
    private X87Opcodes() {
    }

    /** [opcode - 0xD8][ModRM.reg]: memory forms. */
    static final Node[][] MEMORY = new Node[8][8];
    /** [opcode - 0xD8][ModRM - 0xC0]: register forms. */
    static final Node[][] REGISTER = new Node[8][64];

    private static final String[] ARITH = {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"};
    private static final String[] IARITH = {"fiadd", "fimul", "ficom", "ficomp", "fisub", "fisubr", "fidiv", "fidivr"};

    static {
        for (int r = 0; r < 8; r++) {
            MEMORY[0][r] = op(ARITH[r], "Md", R0);
            MEMORY[4][r] = op(ARITH[r], "Mq", R0);
            MEMORY[2][r] = op(IARITH[r], "Md", R0);
            MEMORY[6][r] = op(IARITH[r], "Mw", R0);
        }
        Node[] d9 = {op("fld", "Md", R0), BAD, op("fst", "Md", W0), op("fstp", "Md", W0), op("fldenvw|fldenv|fldenv", "M", D64 | R0),
            op("fldcw", "Mw", R0), op("fnstenvw|fnstenv|fnstenv", "M", D64 | W0), op("fnstcw", "Mw", W0)};
        Node[] db = {op("fild", "Md", R0), op("fisttp", "Md", W0), op("fist", "Md", W0), op("fistp", "Md", W0), BAD,
            op("fld", "Mt", R0), BAD, op("fstp", "Mt", W0)};
        Node[] dd = {op("fld", "Mq", R0), op("fisttp", "Mq", W0), op("fst", "Mq", W0), op("fstp", "Mq", W0),
            op("frstorw|frstor|frstor", "M", D64 | R0), BAD, op("fnsavew|fnsave|fnsave", "M", D64 | W0), op("fnstsw", "Mw", W0)};
        Node[] df = {op("fild", "Mw", R0), op("fisttp", "Mw", W0), op("fist", "Mw", W0), op("fistp", "Mw", W0),
            op("fbld", "Mt", R0), op("fild", "Mq", R0), op("fbstp", "Mt", W0), op("fistp", "Mq", W0)};
        MEMORY[1] = d9;
        MEMORY[3] = db;
        MEMORY[5] = dd;
        MEMORY[7] = df;

        Unsupported alias = new Unsupported("undocumented x87 register alias", true, 0);
        for (int i = 0; i < 8; i++) {
            String sti = "%st(" + i + ")";
            // D8: st = st op st(i); DC: st(i) = st(i) op st (with the reversed sub/div names of the SDM).
            for (int r = 0; r < 8; r++) {
                boolean compare = r == 2 || r == 3;
                REGISTER[0][r * 8 + i] = compare ? op(ARITH[r], sti, R0) : op(ARITH[r], "%st," + sti);
            }
            String[] dc = {"fadd", "fmul", null, null, "fsubr", "fsub", "fdivr", "fdiv"};
            String[] de = {"faddp", "fmulp", null, null, "fsubrp", "fsubp", "fdivrp", "fdivp"};
            for (int r = 0; r < 8; r++) {
                REGISTER[4][r * 8 + i] = dc[r] == null ? alias : op(dc[r], sti + ",%st");
                REGISTER[6][r * 8 + i] = de[r] == null ? alias : op(de[r], sti + ",%st");
            }
            REGISTER[6][0x18 + i] = i == 1 ? op("fcompp") : alias;
            REGISTER[1][i] = op("fld", sti, R0);
            REGISTER[1][0x08 + i] = op("fxch", sti);
            REGISTER[1][0x18 + i] = alias;
            String[] cmovA = {"fcmovb", "fcmove", "fcmovbe", "fcmovu"};
            String[] cmovB = {"fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu"};
            for (int r = 0; r < 4; r++) {
                REGISTER[2][r * 8 + i] = op(cmovA[r], "%st," + sti);
                REGISTER[3][r * 8 + i] = op(cmovB[r], "%st," + sti);
            }
            REGISTER[3][0x28 + i] = op("fucomi", "%st," + sti, R0);
            REGISTER[3][0x30 + i] = op("fcomi", "%st," + sti, R0);
            REGISTER[5][i] = op("ffree", sti);
            REGISTER[5][0x08 + i] = alias;
            REGISTER[5][0x10 + i] = op("fst", sti, W0);
            REGISTER[5][0x18 + i] = op("fstp", sti, W0);
            REGISTER[5][0x20 + i] = op("fucom", sti, R0);
            REGISTER[5][0x28 + i] = op("fucomp", sti, R0);
            REGISTER[7][i] = op("ffreep", sti);
            REGISTER[7][0x08 + i] = alias;
            REGISTER[7][0x10 + i] = alias;
            REGISTER[7][0x18 + i] = alias;
            REGISTER[7][0x28 + i] = op("fucomip", "%st," + sti, R0);
            REGISTER[7][0x30 + i] = op("fcomip", "%st," + sti, R0);
        }
        String[] d9rest = {
            "fnop", null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null,
            "fchs", "fabs", null, null, "ftst", "fxam", null, null,
            "fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz", null,
            "f2xm1", "fyl2x", "fptan", "fpatan", "fxtract", "fprem1", "fdecstp", "fincstp",
            "fprem", "fyl2xp1", "fsqrt", "fsincos", "frndint", "fscale", "fsin", "fcos"};
        for (int k = 0; k < d9rest.length; k++) {
            REGISTER[1][0x10 + k] = d9rest[k] == null ? BAD : op(d9rest[k]);
        }
        for (int m = 0; m < 64; m++) {
            for (int t = 0; t < 8; t++) {
                if (REGISTER[t][m] == null) {
                    REGISTER[t][m] = BAD;
                }
            }
        }
        REGISTER[2][0x29] = op("fucompp");
        REGISTER[3][0x22] = op("fnclex");
        REGISTER[3][0x23] = op("fninit");
        REGISTER[3][0x20] = new Unsupported("8087-only instruction", true, 0);
        REGISTER[3][0x21] = new Unsupported("8087-only instruction", true, 0);
        REGISTER[3][0x24] = new Unsupported("287-only instruction", true, 0);
        REGISTER[3][0x25] = new Unsupported("287-only instruction", true, 0);
        REGISTER[7][0x20] = op("fnstsw", "%ax", W0);
        REGISTER[1][0x10 + 1] = BAD;
    }

    /** The entry for escape {@code opcode} (D8–DF) and {@code modrm}. */
    static Node lookup(int opcode, int modrm) {
        int t = opcode - 0xD8;
        if (modrm >= 0xC0) {
            return REGISTER[t][modrm - 0xC0];
        }
        return MEMORY[t][modrm >> 3 & 7];
    }
}
