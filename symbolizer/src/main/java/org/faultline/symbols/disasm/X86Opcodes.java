package org.faultline.symbols.disasm;

import java.util.ArrayList;
import java.util.List;

/**
 * The x86 opcode maps as tables, in the Intel SDM's operand notation (Appendix A): {@code Ev,Gv} is a
 * ModRM register-or-memory operand of the operand size, then a ModRM.reg register of that size. Each
 * entry is parsed once into {@link Spec}s when the class loads.
 *
 * <p>Operand letters: E (ModRM r/m), G (ModRM.reg), M (memory only), R (register only, from r/m),
 * I (immediate; {@code Ibs} is sign-extended to the operand size), J (relative branch), O (moffs),
 * S (segment register in ModRM.reg), Z (register in the opcode's low bits), X/Y (string source/destination),
 * C/D (control/debug register), A (far pointer); V/W/U/H are XMM/YMM (reg, r/m, r/m register only,
 * VEX.vvvv), P/Q/N the same for MMX. {@code %name} is a fixed register, {@code %eAX} the accumulator of the
 * operand size and {@code %1} the constant 1. Sizes: b w d q t (10) dq (16) v (operand size) z (16 or 32)
 * y (32, or 64 with REX.W) p (far pointer) a (pair, for bound) x (16, or 32 with VEX.L) and none.
 */
final class X86Opcodes {
    private X86Opcodes() {
    }

    // Operand-size codes (negative: resolved per instruction).
    static final int SZ_V = -1;
    static final int SZ_Z = -2;
    static final int SZ_Y = -3;
    static final int SZ_P = -4;
    static final int SZ_X = -5;
    static final int SZ_A = -6;

    // Flags.
    static final int I64 = 1;          // invalid in 64-bit mode
    static final int O64 = 1 << 1;     // valid in 64-bit mode only
    static final int D64 = 1 << 2;     // operand size defaults to 64 in 64-bit mode (66 gives 16)
    static final int F64 = 1 << 3;     // operand size is 64 in 64-bit mode whatever the prefixes
    static final int W0 = 1 << 4;      // first operand is written, not read
    static final int R0 = 1 << 5;      // first operand is only read
    static final int XCHG = 1 << 6;    // first two operands are both read and written
    static final int NOACCESS = 1 << 7; // memory operand is not accessed (lea, nop, prefetch)
    static final int STR = 1 << 8;     // string instruction: F3 prints as rep
    static final int BND = 1 << 9;     // branch: F2 prints as bnd
    static final int NOTRACK = 1 << 10; // indirect branch: 3E prints as notrack
    static final int STACK = 1 << 11;  // reads and writes the stack pointer
    static final int SSE = 1 << 12;    // SSE: 66/F2/F3 select the entry and are consumed
    static final int NOVEX = 1 << 14;  // has no VEX form
    static final int VVVV_UNUSED = 1 << 15; // VEX.vvvv must be 1111
    static final int ADDR_VARIANT = 1 << 16; // mnemonic variants follow the address size
    static final int MOFFS = 1 << 17;
    static final int LOCKABLE = 1 << 18; // may take LOCK (then F2/F3 print as xacquire/xrelease)
    static final int MOVABS = 1 << 20;  // mov r64, imm64 prints as movabs
    static final int HLE_MOV = 1 << 21; // mov to memory: F3 prints as xrelease
    static final int ALL_W = 1 << 19;   // all operands written (pop into memory…)

    /** One operand: a kind letter, a size code (bytes when positive), and a fixed register name. */
    record Spec(char kind, int size, String fixed) {
    }

    /** A node of the opcode maps. */
    sealed interface Node permits Op, Group, ModSplit, RmSplit, Prefixed, Unsupported, Bad, Special {
    }

    /**
     * A leaf: mnemonic (variants by operand size 16|32|64, or by address size with ADDR_VARIANT), operands,
     * flags.
     */
    record Op(String mnemonic, Spec[] operands, int flags) implements Node {
    }

    /** Chooses by ModRM.reg. */
    record Group(Node[] byReg) implements Node {
    }

    /** Chooses by ModRM.mod: memory forms, register forms. */
    record ModSplit(Node memory, Node register) implements Node {
    }

    /** Register forms chosen by ModRM.rm (memory forms by {@code memory}). */
    record RmSplit(Node memory, Node[] byRm) implements Node {
    }

    /** Chooses by the mandatory prefix: none, 66, F3, F2. */
    record Prefixed(Node none, Node p66, Node pF3, Node pF2) implements Node {
    }

    /**
     * Recognised but not described: its length is still computed from the ModRM form ({@link #NO_MODRM},
     * {@link #MODRM}, or {@link #MODRM_REGISTER} for a ModRM byte always taken as a register form, as by
     * {@code mov cr/dr}) and {@code imm} immediate bytes.
     */
    record Unsupported(String why, int modrm, int imm) implements Node {
        static final int NO_MODRM = 0;
        static final int MODRM = 1;
        static final int MODRM_REGISTER = 2;

        Unsupported(String why, boolean modrm, int imm) {
            this(why, modrm ? MODRM : NO_MODRM, imm);
        }
    }

    /** Not an instruction. */
    record Bad() implements Node {
    }

    /** Decoded by code in {@link X86Decoder} ({@code nop}/{@code pause}/{@code xchg} at 90 and the like). */
    record Special(String name) implements Node {
    }

    static final Bad BAD = new Bad();

    static final Node[] ONE = new Node[256];
    static final Node[] TWO = new Node[256];
    static final Node[] THREE_38 = new Node[256];
    static final Node[] THREE_3A = new Node[256];

    static Op op(String mnemonic, String operands, int flags) {
        return new Op(mnemonic, specs(operands), flags);
    }

    static Op op(String mnemonic, String operands) {
        return op(mnemonic, operands, 0);
    }

    static Op op(String mnemonic) {
        return op(mnemonic, "", 0);
    }

    static Node[] g(Node... nodes) {
        if (nodes.length != 8) {
            throw new IllegalArgumentException("a group has 8 entries");
        }
        return nodes;
    }

    static Spec[] specs(String text) {
        if (text.isEmpty()) {
            return new Spec[0];
        }
        List<Spec> out = new ArrayList<>();
        for (String t : text.split(",")) {
            out.add(spec(t));
        }
        return out.toArray(new Spec[0]);
    }

    private static Spec spec(String t) {
        if (t.startsWith("%")) {
            String r = t.substring(1);
            return switch (r) {
                case "eAX" -> new Spec('A', SZ_V, null);
                case "zAX" -> new Spec('A', SZ_Z, null);
                case "1" -> new Spec('1', 0, null);
                default -> new Spec('F', 0, r);
            };
        }
        char kind = t.charAt(0);
        String s = t.substring(1);
        int size = switch (s) {
            case "" -> 0;
            case "b" -> 1;
            case "bs" -> 1;
            case "w" -> 2;
            case "d", "ss" -> 4;
            case "q", "sd" -> 8;
            case "t" -> 10;
            case "dq" -> 16;
            case "qq" -> 32;
            case "v" -> SZ_V;
            case "z" -> SZ_Z;
            case "y" -> SZ_Y;
            case "p" -> SZ_P;
            case "x", "ps", "pd" -> SZ_X;
            case "a" -> SZ_A;
            default -> throw new IllegalArgumentException("operand " + t);
        };
        if (s.equals("bs")) {
            kind = 's'; // sign-extended imm8
        }
        return new Spec(kind, size, null);
    }

    static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

    static {
        buildOneByte();
        buildTwoByte();
        buildThreeByte();
        for (int i = 0; i < 256; i++) {
            if (ONE[i] == null || TWO[i] == null || THREE_38[i] == null || THREE_3A[i] == null) {
                throw new IllegalStateException("opcode table hole at " + i);
            }
        }
    }

    private static void buildOneByte() {
        String[] alu = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
        for (int i = 0; i < 8; i++) {
            int b = i * 8;
            int f = i == 7 ? R0 : 0; // cmp only reads its first operand
            int lk = i == 7 ? R0 : LOCKABLE;
            ONE[b] = op(alu[i], "Eb,Gb", lk);
            ONE[b + 1] = op(alu[i], "Ev,Gv", lk);
            ONE[b + 2] = op(alu[i], "Gb,Eb", f);
            ONE[b + 3] = op(alu[i], "Gv,Ev", f);
            ONE[b + 4] = op(alu[i], "%al,Ib", f);
            ONE[b + 5] = op(alu[i], "%eAX,Iz", f);
        }
        ONE[0x06] = op("pushw|push|push", "%es", I64 | STACK | R0);
        ONE[0x07] = op("popw|pop|pop", "%es", I64 | STACK | W0);
        ONE[0x0E] = op("pushw|push|push", "%cs", I64 | STACK | R0);
        ONE[0x0F] = new Special("0f");
        ONE[0x16] = op("pushw|push|push", "%ss", I64 | STACK | R0);
        ONE[0x17] = op("popw|pop|pop", "%ss", I64 | STACK | W0);
        ONE[0x1E] = op("pushw|push|push", "%ds", I64 | STACK | R0);
        ONE[0x1F] = op("popw|pop|pop", "%ds", I64 | STACK | W0);
        for (int p : new int[] {0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3}) {
            ONE[p] = new Special("prefix");
        }
        ONE[0x27] = op("daa", "", I64);
        ONE[0x2F] = op("das", "", I64);
        ONE[0x37] = op("aaa", "", I64);
        ONE[0x3F] = op("aas", "", I64);
        for (int r = 0; r < 8; r++) {
            ONE[0x40 + r] = op("inc", "Zv", I64);
            ONE[0x48 + r] = op("dec", "Zv", I64);
            ONE[0x50 + r] = op("push", "Zv", D64 | STACK | R0);
            ONE[0x58 + r] = op("pop", "Zv", D64 | STACK | W0);
            ONE[0x70 + r] = op("j" + CC[r], "Jb", BND | R0);
            ONE[0x78 + r] = op("j" + CC[r + 8], "Jb", BND | R0);
            ONE[0xB0 + r] = op("mov", "Zb,Ib", W0);
            ONE[0xB8 + r] = op("mov", "Zv,Iv", W0 | MOVABS);
            ONE[0x90 + r] = r == 0 ? new Special("90") : op("xchg", "Zv,%eAX", XCHG);
        }
        ONE[0x60] = op("pushaw|pusha|pusha", "", I64 | STACK);
        ONE[0x61] = op("popaw|popa|popa", "", I64 | STACK);
        ONE[0x62] = new Special("62");
        ONE[0x63] = new Special("63");
        ONE[0x68] = op("pushw|push|push", "Iz", D64 | STACK | R0);
        ONE[0x69] = op("imul", "Gv,Ev,Iz", W0);
        ONE[0x6A] = op("pushw|push|push", "Ibs", D64 | STACK | R0);
        ONE[0x6B] = op("imul", "Gv,Ev,Ibs", W0);
        ONE[0x6C] = op("ins", "Yb,%dx", STR | W0);
        ONE[0x6D] = op("ins", "Yz,%dx", STR | W0);
        ONE[0x6E] = op("outs", "%dx,Xb", STR | R0);
        ONE[0x6F] = op("outs", "%dx,Xz", STR | R0);
        Node[] grp1b = new Node[8];
        Node[] grp1v = new Node[8];
        Node[] grp1s = new Node[8];
        for (int i = 0; i < 8; i++) {
            int f = i == 7 ? R0 : LOCKABLE;
            grp1b[i] = op(alu[i], "Eb,Ib", f);
            grp1v[i] = op(alu[i], "Ev,Iz", f);
            grp1s[i] = op(alu[i], "Ev,Ibs", f);
        }
        ONE[0x80] = new Group(grp1b);
        ONE[0x81] = new Group(grp1v);
        Node[] grp82 = new Node[8];
        for (int i = 0; i < 8; i++) {
            grp82[i] = op(alu[i], "Eb,Ib", (i == 7 ? R0 : LOCKABLE) | I64);
        }
        ONE[0x82] = new Group(grp82);
        ONE[0x83] = new Group(grp1s);
        ONE[0x84] = op("test", "Eb,Gb", R0);
        ONE[0x85] = op("test", "Ev,Gv", R0);
        ONE[0x86] = op("xchg", "Eb,Gb", XCHG | LOCKABLE);
        ONE[0x87] = op("xchg", "Ev,Gv", XCHG | LOCKABLE);
        ONE[0x88] = op("mov", "Eb,Gb", W0 | HLE_MOV);
        ONE[0x89] = op("mov", "Ev,Gv", W0 | HLE_MOV);
        ONE[0x8A] = op("mov", "Gb,Eb", W0);
        ONE[0x8B] = op("mov", "Gv,Ev", W0);
        ONE[0x8C] = new ModSplit(op("mov", "Mw,Sw", W0), op("mov", "Rv,Sw", W0));
        ONE[0x8D] = new ModSplit(op("lea", "Gv,M", W0 | NOACCESS), BAD);
        ONE[0x8E] = new ModSplit(op("mov", "Sw,Mw", W0), op("mov", "Sw,Rv", W0));
        ONE[0x8F] = new Special("8f");
        ONE[0x98] = op("cbw|cwde|cdqe", "");
        ONE[0x99] = op("cwd|cdq|cqo", "");
        ONE[0x9A] = op("call", "Ap", I64 | STACK);
        ONE[0x9B] = op("fwait");
        ONE[0x9C] = op("pushfw|pushf|pushf", "", D64 | STACK);
        ONE[0x9D] = op("popfw|popf|popf", "", D64 | STACK);
        ONE[0x9E] = op("sahf");
        ONE[0x9F] = op("lahf");
        ONE[0xA0] = op("mov", "%al,Ob", W0 | MOFFS);
        ONE[0xA1] = op("mov", "%eAX,Ov", W0 | MOFFS);
        ONE[0xA2] = op("mov", "Ob,%al", W0 | MOFFS);
        ONE[0xA3] = op("mov", "Ov,%eAX", W0 | MOFFS);
        ONE[0xA4] = op("movs", "Yb,Xb", STR | W0);
        ONE[0xA5] = op("movs", "Yv,Xv", STR | W0);
        ONE[0xA6] = op("cmps", "Xb,Yb", R0);
        ONE[0xA7] = op("cmps", "Xv,Yv", R0);
        ONE[0xA8] = op("test", "%al,Ib", R0);
        ONE[0xA9] = op("test", "%eAX,Iz", R0);
        ONE[0xAA] = op("stos", "Yb,%al", STR | W0);
        ONE[0xAB] = op("stos", "Yv,%eAX", STR | W0);
        ONE[0xAC] = op("lods", "%al,Xb", STR | W0);
        ONE[0xAD] = op("lods", "%eAX,Xv", STR | W0);
        ONE[0xAE] = op("scas", "%al,Yb", R0);
        ONE[0xAF] = op("scas", "%eAX,Yv", R0);
        String[] shifts = {"rol", "ror", "rcl", "rcr", "shl", "shr", "shl", "sar"};
        ONE[0xC0] = shiftGroup(shifts, "Eb,Ib");
        ONE[0xC1] = shiftGroup(shifts, "Ev,Ib");
        ONE[0xD0] = shiftGroup(shifts, "Eb,%1");
        ONE[0xD1] = shiftGroup(shifts, "Ev,%1");
        ONE[0xD2] = shiftGroup(shifts, "Eb,%cl");
        ONE[0xD3] = shiftGroup(shifts, "Ev,%cl");
        ONE[0xC2] = op("retw|ret|ret", "Iw", D64 | BND | STACK | R0);
        ONE[0xC3] = op("retw|ret|ret", "", D64 | BND | STACK);
        ONE[0xC4] = new Special("c4");
        ONE[0xC5] = new Special("c5");
        ONE[0xC6] = new Group(g(op("mov", "Eb,Ib", W0 | HLE_MOV), BAD, BAD, BAD, BAD, BAD, BAD,
                new Unsupported("xabort", false, 1)));
        ONE[0xC7] = new Group(g(op("mov", "Ev,Iz", W0 | HLE_MOV), BAD, BAD, BAD, BAD, BAD, BAD,
                new Unsupported("xbegin", false, 4)));
        ONE[0xC8] = op("enterw|enter|enter", "Iw,Ib", D64 | STACK | R0);
        ONE[0xC9] = op("leavew|leave|leave", "", D64 | STACK);
        ONE[0xCA] = op("retfw|retf|retfq", "Iw", STACK | R0);
        ONE[0xCB] = op("retfw|retf|retfq", "", STACK);
        ONE[0xCC] = op("int3");
        ONE[0xCD] = op("int", "Ib", R0);
        ONE[0xCE] = op("into", "", I64);
        ONE[0xCF] = op("iretw|iret|iretq", "", STACK);
        ONE[0xD4] = op("aam", "Ib", I64 | R0);
        ONE[0xD5] = op("aad", "Ib", I64 | R0);
        ONE[0xD6] = BAD;
        ONE[0xD7] = op("xlat", "Xb", R0);
        for (int i = 0xD8; i <= 0xDF; i++) {
            ONE[i] = new Special("x87");
        }
        ONE[0xE0] = op("loopne", "Jb", R0);
        ONE[0xE1] = op("loope", "Jb", R0);
        ONE[0xE2] = op("loop", "Jb", R0);
        ONE[0xE3] = op("jcxz|jecxz|jrcxz", "Jb", R0 | ADDR_VARIANT);
        ONE[0xE4] = op("in", "%al,Ib", W0);
        ONE[0xE5] = op("in", "%zAX,Ib", W0);
        ONE[0xE6] = op("out", "Ib,%al", R0);
        ONE[0xE7] = op("out", "Ib,%zAX", R0);
        ONE[0xE8] = op("call", "Jz", F64 | BND | STACK | R0);
        ONE[0xE9] = op("jmp", "Jz", F64 | BND | R0);
        ONE[0xEA] = op("jmp", "Ap", I64 | R0);
        ONE[0xEB] = op("jmp", "Jb", F64 | BND | R0);
        ONE[0xEC] = op("in", "%al,%dx", W0);
        ONE[0xED] = op("in", "%zAX,%dx", W0);
        ONE[0xEE] = op("out", "%dx,%al", R0);
        ONE[0xEF] = op("out", "%dx,%zAX", R0);
        ONE[0xF1] = op("int1");
        ONE[0xF4] = op("hlt");
        ONE[0xF5] = op("cmc");
        ONE[0xF6] = new Group(g(op("test", "Eb,Ib", R0), op("test", "Eb,Ib", R0), op("not", "Eb", LOCKABLE), op("neg", "Eb", LOCKABLE),
                op("mul", "Eb", R0), op("imul", "Eb", R0), op("div", "Eb", R0), op("idiv", "Eb", R0)));
        ONE[0xF7] = new Group(g(op("test", "Ev,Iz", R0), op("test", "Ev,Iz", R0), op("not", "Ev", LOCKABLE), op("neg", "Ev", LOCKABLE),
                op("mul", "Ev", R0), op("imul", "Ev", R0), op("div", "Ev", R0), op("idiv", "Ev", R0)));
        ONE[0xF8] = op("clc");
        ONE[0xF9] = op("stc");
        ONE[0xFA] = op("cli");
        ONE[0xFB] = op("sti");
        ONE[0xFC] = op("cld");
        ONE[0xFD] = op("std");
        ONE[0xFE] = new Group(g(op("inc", "Eb", LOCKABLE), op("dec", "Eb", LOCKABLE), BAD, BAD, BAD, BAD, BAD, BAD));
        ONE[0xFF] = new Group(g(op("inc", "Ev", LOCKABLE), op("dec", "Ev", LOCKABLE),
                op("call", "Ev", F64 | BND | NOTRACK | STACK | R0), new ModSplit(op("call", "Mp", STACK | R0), BAD),
                op("jmp", "Ev", F64 | BND | NOTRACK | R0), new ModSplit(op("jmp", "Mp", R0), BAD),
                op("push", "Ev", D64 | STACK | R0), BAD));
    }

    private static Group shiftGroup(String[] names, String operands) {
        Node[] n = new Node[8];
        for (int i = 0; i < 8; i++) {
            n[i] = op(names[i], operands);
        }
        return new Group(n);
    }

    /** An SSE entry: the same operands for none/66/F3/F2 with different mnemonics ({@code null}: bad). */
    private static Node sse(String none, String p66, String f3, String f2, String operands, int flags) {
        return new Prefixed(sseOp(none, operands, flags), sseOp(p66, operands, flags),
                sseOp(f3, operands, flags), sseOp(f2, operands, flags));
    }

    private static Node sseOp(String mnemonic, String operands, int flags) {
        if (mnemonic == null) {
            return BAD;
        }
        int slash = mnemonic.indexOf(' ');
        if (slash > 0) {
            // "movss Vx,Wss": this prefix's operands differ from the row's.
            return op(mnemonic.substring(0, slash), mnemonic.substring(slash + 1), flags | SSE);
        }
        return op(mnemonic, operands, flags | SSE);
    }

    /** Packed-single, packed-double, scalar-single, scalar-double arithmetic {@code name}. */
    private static Node arith(String name, int flags) {
        return new Prefixed(op(name + "ps", "Vx,Hx,Wx", flags | SSE), op(name + "pd", "Vx,Hx,Wx", flags | SSE),
                op(name + "ss", "Vdq,Hdq,Wss", flags | SSE), op(name + "sd", "Vdq,Hdq,Wsd", flags | SSE));
    }

    /** An MMX/SSE2 integer instruction: MMX without prefix, XMM with 66. */
    private static Node mmx(String name) {
        return mmx(name, "Pq,Qq", "Vx,Hx,Wx");
    }

    private static Node mmx(String name, String mmxOperands, String xmmOperands) {
        return new Prefixed(op(name, mmxOperands, SSE | NOVEX), op(name, xmmOperands, SSE), BAD, BAD);
    }

    private static Node shiftImmediate(String[] byReg) {
        Node[] n = new Node[8];
        for (int r = 0; r < 8; r++) {
            String m = byReg[r];
            if (m == null) {
                n[r] = BAD;
            } else if (m.endsWith("dq")) {
                n[r] = new Prefixed(BAD, op(m, "Hx,Ux,Ib", SSE), BAD, BAD); // psrldq/pslldq: XMM only
            } else {
                n[r] = new Prefixed(op(m, "Nq,Ib", SSE | NOVEX), op(m, "Hx,Ux,Ib", SSE), BAD, BAD);
            }
        }
        return new ModSplit(BAD, new Group(n));
    }

    private static void buildTwoByte() {
        for (int i = 0; i < 256; i++) {
            TWO[i] = new Unsupported("two-byte opcode 0f " + hex2(i), true, 0);
        }
        TWO[0x24] = new Unsupported("mov from a test register", Unsupported.MODRM_REGISTER, 0);
        TWO[0x26] = new Unsupported("mov to a test register", Unsupported.MODRM_REGISTER, 0);
        for (int i : new int[] {0x04, 0x0A, 0x0C, 0x25, 0x27, 0x36, 0x39, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F}) {
            TWO[i] = BAD;
        }
        for (int i : new int[] {0x0E, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x37, 0xAA}) {
            TWO[i] = new Unsupported("system instruction 0f " + hex2(i), false, 0);
        }
        for (int i : new int[] {0x70, 0x71, 0x72, 0x73, 0xA4, 0xAC, 0xBA, 0xC2, 0xC4, 0xC5, 0xC6}) {
            TWO[i] = new Unsupported("two-byte opcode 0f " + hex2(i), true, 1);
        }
        for (int i = 0x80; i <= 0x8F; i++) {
            TWO[i] = op("j" + CC[i - 0x80], "Jz", F64 | BND | R0);
        }
        for (int i = 0x90; i <= 0x9F; i++) {
            TWO[i] = op("set" + CC[i - 0x90], "Eb", W0);
        }
        for (int i = 0x40; i <= 0x4F; i++) {
            TWO[i] = op("cmov" + CC[i - 0x40], "Gv,Ev", W0);
        }
        for (int i = 0xC8; i <= 0xCF; i++) {
            TWO[i] = op("bswap", "Zv");
        }
        TWO[0x0F] = new Unsupported("3DNow!", true, 1);
        TWO[0x00] = new Group(g(new ModSplit(op("sldt", "Mw", W0), op("sldt", "Rv", W0)),
                new ModSplit(op("str", "Mw", W0), op("str", "Rv", W0)), op("lldt", "Ew", R0), op("ltr", "Ew", R0),
                op("verr", "Ew", R0), op("verw", "Ew", R0), BAD, BAD));
        TWO[0x01] = new Special("0f01");
        TWO[0x1E] = new Special("0f1e");
        TWO[0x78] = new Prefixed(new Unsupported("vmread", true, 0), new Unsupported("extrq", true, 2), BAD,
                new Unsupported("insertq", true, 2));
        TWO[0x79] = new Prefixed(new Unsupported("vmwrite", true, 0), new Unsupported("extrq", true, 0), BAD,
                new Unsupported("insertq", true, 0));
        TWO[0x05] = op("syscall");
        TWO[0x06] = op("clts");
        TWO[0x07] = new Special("sysret");
        TWO[0x08] = op("invd");
        TWO[0x09] = new Prefixed(op("wbinvd", "", NOVEX), BAD, op("wbnoinvd", "", SSE | NOVEX), BAD);
        TWO[0x0B] = op("ud2");
        for (int i = 0x20; i <= 0x23; i++) {
            TWO[i] = new Unsupported("mov to/from a control or debug register", Unsupported.MODRM_REGISTER, 0);
        }
        TWO[0xA6] = new Unsupported("VIA PadLock", true, 0);
        TWO[0xA7] = new Unsupported("VIA PadLock", true, 0);
        TWO[0x0D] = new ModSplit(new Group(g(op("prefetch", "Mb", NOACCESS), op("prefetchw", "Mb", NOACCESS),
                op("prefetchwt1", "Mb", NOACCESS), op("prefetch", "Mb", NOACCESS), op("prefetch", "Mb", NOACCESS),
                op("prefetch", "Mb", NOACCESS), op("prefetch", "Mb", NOACCESS), op("prefetch", "Mb", NOACCESS))),
                new Unsupported("nop 0f 0d register form", true, 0));
        TWO[0x10] = sse("movups Vx,Wx", "movupd Vx,Wx", "movss Vdq,Wss", "movsd Vdq,Wsd", "", W0);
        TWO[0x11] = sse("movups Wx,Vx", "movupd Wx,Vx", "movss Wss,Vdq", "movsd Wsd,Vdq", "", W0);
        TWO[0x14] = new Prefixed(op("unpcklps", "Vx,Hx,Wx", SSE), op("unpcklpd", "Vx,Hx,Wx", SSE), BAD, BAD);
        TWO[0x15] = new Prefixed(op("unpckhps", "Vx,Hx,Wx", SSE), op("unpckhpd", "Vx,Hx,Wx", SSE), BAD, BAD);
        TWO[0x18] = new ModSplit(new Group(g(op("prefetchnta", "Mb", NOACCESS), op("prefetcht0", "Mb", NOACCESS),
                op("prefetcht1", "Mb", NOACCESS), op("prefetcht2", "Mb", NOACCESS),
                new Unsupported("hint nop 0f 18", true, 0), new Unsupported("hint nop 0f 18", true, 0),
                new Unsupported("hint nop 0f 18", true, 0), new Unsupported("hint nop 0f 18", true, 0))),
                new Unsupported("hint nop 0f 18", true, 0));
        TWO[0x1F] = new Group(g(op("nop", "Ev", NOACCESS), new Unsupported("hint nop 0f 1f", true, 0),
                new Unsupported("hint nop 0f 1f", true, 0), new Unsupported("hint nop 0f 1f", true, 0),
                new Unsupported("hint nop 0f 1f", true, 0), new Unsupported("hint nop 0f 1f", true, 0),
                new Unsupported("hint nop 0f 1f", true, 0), new Unsupported("hint nop 0f 1f", true, 0)));
        TWO[0x28] = sse("movaps Vx,Wx", "movapd Vx,Wx", null, null, "", W0);
        TWO[0x29] = sse("movaps Wx,Vx", "movapd Wx,Vx", null, null, "", W0);
        TWO[0x2E] = sse("ucomiss Vdq,Wss", "ucomisd Vdq,Wsd", null, null, "", R0);
        TWO[0x2F] = sse("comiss Vdq,Wss", "comisd Vdq,Wsd", null, null, "", R0);
        TWO[0x51] = new Prefixed(op("sqrtps", "Vx,Wx", SSE | W0), op("sqrtpd", "Vx,Wx", SSE | W0),
                op("sqrtss", "Vdq,Hdq,Wss", SSE), op("sqrtsd", "Vdq,Hdq,Wsd", SSE));
        TWO[0x54] = new Prefixed(op("andps", "Vx,Hx,Wx", SSE), op("andpd", "Vx,Hx,Wx", SSE), BAD, BAD);
        TWO[0x55] = new Prefixed(op("andnps", "Vx,Hx,Wx", SSE), op("andnpd", "Vx,Hx,Wx", SSE), BAD, BAD);
        TWO[0x56] = new Prefixed(op("orps", "Vx,Hx,Wx", SSE), op("orpd", "Vx,Hx,Wx", SSE), BAD, BAD);
        TWO[0x57] = new Prefixed(op("xorps", "Vx,Hx,Wx", SSE), op("xorpd", "Vx,Hx,Wx", SSE), BAD, BAD);
        TWO[0x58] = arith("add", 0);
        TWO[0x59] = arith("mul", 0);
        TWO[0x5C] = arith("sub", 0);
        TWO[0x5D] = arith("min", 0);
        TWO[0x5E] = arith("div", 0);
        TWO[0x5F] = arith("max", 0);
        String[] mmxOps = {
            "punpcklbw", "punpcklwd", "punpckldq", "packsswb", "pcmpgtb", "pcmpgtw", "pcmpgtd", "packuswb",
            "punpckhbw", "punpckhwd", "punpckhdq", "packssdw"};
        for (int i = 0; i < mmxOps.length; i++) {
            // The MMX low unpacks read only 32 bits of memory.
            TWO[0x60 + i] = i < 3 ? mmx(mmxOps[i], "Pq,Qd", "Vx,Hx,Wx") : mmx(mmxOps[i]);
        }
        TWO[0x6C] = new Prefixed(BAD, op("punpcklqdq", "Vx,Hx,Wx", SSE), BAD, BAD);
        TWO[0x6D] = new Prefixed(BAD, op("punpckhqdq", "Vx,Hx,Wx", SSE), BAD, BAD);
        TWO[0x6F] = new Prefixed(op("movq", "Pq,Qq", SSE | NOVEX | W0), op("movdqa", "Vx,Wx", SSE | W0),
                op("movdqu", "Vx,Wx", SSE | W0), BAD);
        TWO[0x7F] = new Prefixed(op("movq", "Qq,Pq", SSE | NOVEX | W0), op("movdqa", "Wx,Vx", SSE | W0),
                op("movdqu", "Wx,Vx", SSE | W0), BAD);
        TWO[0x74] = mmx("pcmpeqb");
        TWO[0x75] = mmx("pcmpeqw");
        TWO[0x76] = mmx("pcmpeqd");
        TWO[0x77] = new Prefixed(op("emms", "", SSE | NOVEX), BAD, BAD, BAD);
        String[] dx = {
            null, "psrlw", "psrld", "psrlq", "paddq", "pmullw", null, null,
            "psubusb", "psubusw", "pminub", "pand", "paddusb", "paddusw", "pmaxub", "pandn",
            "pavgb", "psraw", "psrad", "pavgw", "pmulhuw", "pmulhw", null, null,
            "psubsb", "psubsw", "pminsw", "por", "paddsb", "paddsw", "pmaxsw", "pxor",
            null, "psllw", "pslld", "psllq", "pmuludq", "pmaddwd", "psadbw", null,
            "psubb", "psubw", "psubd", "psubq", "paddb", "paddw", "paddd", null};
        for (int i = 0; i < dx.length; i++) {
            if (dx[i] != null) {
                boolean shiftByXmm = dx[i].startsWith("psrl") || dx[i].startsWith("psra") || dx[i].startsWith("psll");
                TWO[0xD0 + i] = shiftByXmm ? mmx(dx[i], "Pq,Qq", "Vx,Hx,Wdq") : mmx(dx[i]);
            }
        }
        TWO[0xD6] = new Prefixed(BAD, op("movq", "Wq,Vdq", SSE | W0 | VVVV_UNUSED),
                new Unsupported("movq2dq", true, 0), new Unsupported("movdq2q", true, 0));
        // More SSE/SSE2: partial moves, conversions, shuffles, masks, non-temporal stores.
        TWO[0x12] = new Prefixed(new ModSplit(op("movlps", "Vdq,Hdq,Mq", SSE), op("movhlps", "Vdq,Hdq,Udq", SSE)),
                new ModSplit(op("movlpd", "Vdq,Hdq,Mq", SSE), BAD), op("movsldup", "Vx,Wx", SSE | W0),
                op("movddup", "Vx,Wq", SSE | W0));
        TWO[0x13] = new Prefixed(new ModSplit(op("movlps", "Mq,Vdq", SSE | W0), BAD),
                new ModSplit(op("movlpd", "Mq,Vdq", SSE | W0), BAD), BAD, BAD);
        TWO[0x16] = new Prefixed(new ModSplit(op("movhps", "Vdq,Hdq,Mq", SSE), op("movlhps", "Vdq,Hdq,Udq", SSE)),
                new ModSplit(op("movhpd", "Vdq,Hdq,Mq", SSE), BAD), op("movshdup", "Vx,Wx", SSE | W0), BAD);
        TWO[0x17] = new Prefixed(new ModSplit(op("movhps", "Mq,Vdq", SSE | W0), BAD),
                new ModSplit(op("movhpd", "Mq,Vdq", SSE | W0), BAD), BAD, BAD);
        TWO[0x2B] = new Prefixed(new ModSplit(op("movntps", "Mx,Vx", SSE | W0), BAD),
                new ModSplit(op("movntpd", "Mx,Vx", SSE | W0), BAD), BAD, BAD);
        TWO[0x2C] = new Prefixed(new Unsupported("cvttps2pi", true, 0), new Unsupported("cvttpd2pi", true, 0),
                op("cvttss2si", "Gy,Wss", SSE | W0), op("cvttsd2si", "Gy,Wsd", SSE | W0));
        TWO[0x2D] = new Prefixed(new Unsupported("cvtps2pi", true, 0), new Unsupported("cvtpd2pi", true, 0),
                op("cvtss2si", "Gy,Wss", SSE | W0), op("cvtsd2si", "Gy,Wsd", SSE | W0));
        TWO[0x50] = new Prefixed(new ModSplit(BAD, op("movmskps", "Gy,Ux", SSE | W0)),
                new ModSplit(BAD, op("movmskpd", "Gy,Ux", SSE | W0)), BAD, BAD);
        TWO[0x52] = new Prefixed(op("rsqrtps", "Vx,Wx", SSE | W0), BAD, op("rsqrtss", "Vdq,Hdq,Wss", SSE), BAD);
        TWO[0x53] = new Prefixed(op("rcpps", "Vx,Wx", SSE | W0), BAD, op("rcpss", "Vdq,Hdq,Wss", SSE), BAD);
        TWO[0x5A] = new Prefixed(new Unsupported("cvtps2pd", true, 0), new Unsupported("cvtpd2ps", true, 0),
                op("cvtss2sd", "Vdq,Hdq,Wss", SSE), op("cvtsd2ss", "Vdq,Hdq,Wsd", SSE));
        TWO[0x5B] = new Prefixed(op("cvtdq2ps", "Vx,Wx", SSE | W0), op("cvtps2dq", "Vx,Wx", SSE | W0),
                op("cvttps2dq", "Vx,Wx", SSE | W0), BAD);
        TWO[0x70] = new Prefixed(op("pshufw", "Pq,Qq,Ib", SSE | NOVEX | W0), op("pshufd", "Vx,Wx,Ib", SSE | W0),
                op("pshufhw", "Vx,Wx,Ib", SSE | W0), op("pshuflw", "Vx,Wx,Ib", SSE | W0));
        TWO[0xC6] = new Prefixed(op("shufps", "Vx,Hx,Wx,Ib", SSE), op("shufpd", "Vx,Hx,Wx,Ib", SSE), BAD, BAD);
        TWO[0xD7] = new Prefixed(new ModSplit(BAD, op("pmovmskb", "Gy,Nq", SSE | NOVEX | W0)),
                new ModSplit(BAD, op("pmovmskb", "Gy,Ux", SSE | W0)), BAD, BAD);
        TWO[0xE7] = new Prefixed(new ModSplit(op("movntq", "Mq,Pq", SSE | NOVEX | W0), BAD),
                new ModSplit(op("movntdq", "Mx,Vx", SSE | W0), BAD), BAD, BAD);
        TWO[0xC3] = new Prefixed(new ModSplit(op("movnti", "My,Gy", W0 | SSE | NOVEX), BAD), BAD, BAD, BAD);
        TWO[0xC7] = new ModSplit(new Group(g(BAD, new Special("cmpxchg8b"),
                new Unsupported("0f c7 /2", true, 0), new Unsupported("xrstors", true, 0),
                new Unsupported("xsavec", true, 0), new Unsupported("xsaves", true, 0),
                new Unsupported("vmptrld", true, 0), new Unsupported("vmptrst", true, 0))),
                new Unsupported("rdrand/rdseed/rdpid", true, 0));
        // movd/movq between general registers (or memory) and MMX/XMM registers: movq with REX.W.
        TWO[0x6E] = new Prefixed(new Special("movd Pq,Ey"), new Special("movd Vdq,Ey"), BAD, BAD);
        TWO[0x7E] = new Prefixed(new Special("movd Ey,Pq"), new Special("movd Ey,Vdq"),
                op("movq", "Vdq,Wq", SSE | W0 | VVVV_UNUSED), BAD);
        // Shifts by an immediate count (register forms only).
        TWO[0x71] = shiftImmediate(new String[] {null, null, "psrlw", null, "psraw", null, "psllw", null});
        TWO[0x72] = shiftImmediate(new String[] {null, null, "psrld", null, "psrad", null, "pslld", null});
        TWO[0x73] = shiftImmediate(new String[] {null, null, "psrlq", "psrldq", null, null, "psllq", "pslldq"});
        TWO[0xA0] = op("pushw|push|push", "%fs", D64 | STACK | R0);
        TWO[0xA1] = op("popw|pop|pop", "%fs", D64 | STACK | W0);
        TWO[0xA2] = op("cpuid");
        TWO[0xA3] = op("bt", "Ev,Gv", R0);
        TWO[0xA4] = op("shld", "Ev,Gv,Ib");
        TWO[0xA5] = op("shld", "Ev,Gv,%cl");
        TWO[0xA8] = op("pushw|push|push", "%gs", D64 | STACK | R0);
        TWO[0xA9] = op("popw|pop|pop", "%gs", D64 | STACK | W0);
        TWO[0xAB] = op("bts", "Ev,Gv", LOCKABLE);
        TWO[0xAC] = op("shrd", "Ev,Gv,Ib");
        TWO[0xAD] = op("shrd", "Ev,Gv,%cl");
        TWO[0xAE] = new Special("0fae");
        TWO[0xAF] = op("imul", "Gv,Ev");
        TWO[0xB0] = op("cmpxchg", "Eb,Gb", LOCKABLE);
        TWO[0xB1] = op("cmpxchg", "Ev,Gv", LOCKABLE);
        TWO[0xB2] = new ModSplit(op("lss", "Gv,Mp", W0), BAD);
        TWO[0xB3] = op("btr", "Ev,Gv", LOCKABLE);
        TWO[0xB4] = new ModSplit(op("lfs", "Gv,Mp", W0), BAD);
        TWO[0xB5] = new ModSplit(op("lgs", "Gv,Mp", W0), BAD);
        TWO[0xB6] = op("movzx", "Gv,Eb", W0);
        TWO[0xB7] = op("movzx", "Gv,Ew", W0);
        TWO[0xBA] = new Group(g(BAD, BAD, BAD, BAD, op("bt", "Ev,Ib", R0), op("bts", "Ev,Ib", LOCKABLE), op("btr", "Ev,Ib", LOCKABLE),
                op("btc", "Ev,Ib", LOCKABLE)));
        TWO[0xBB] = op("btc", "Ev,Gv", LOCKABLE);
        TWO[0xBE] = op("movsx", "Gv,Eb", W0);
        TWO[0xBF] = op("movsx", "Gv,Ew", W0);
        TWO[0xC0] = op("xadd", "Eb,Gb", XCHG | LOCKABLE);
        TWO[0xC1] = op("xadd", "Ev,Gv", XCHG | LOCKABLE);
    }

    private static void buildThreeByte() {
        for (int i = 0; i < 256; i++) {
            THREE_38[i] = new Unsupported("three-byte opcode 0f 38 " + hex2(i), true, 0);
            THREE_3A[i] = new Unsupported("three-byte opcode 0f 3a " + hex2(i), true, 1);
        }
    }

    static String hex2(int b) {
        return String.format("%02x", b);
    }
}
