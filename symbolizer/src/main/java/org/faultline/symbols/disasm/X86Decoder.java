package org.faultline.symbols.disasm;

import static org.faultline.symbols.disasm.X86Opcodes.ADDR_VARIANT;
import static org.faultline.symbols.disasm.X86Opcodes.ALL_W;
import static org.faultline.symbols.disasm.X86Opcodes.BAD;
import static org.faultline.symbols.disasm.X86Opcodes.BND;
import static org.faultline.symbols.disasm.X86Opcodes.D64;
import static org.faultline.symbols.disasm.X86Opcodes.F64;
import static org.faultline.symbols.disasm.X86Opcodes.HLE_MOV;
import static org.faultline.symbols.disasm.X86Opcodes.I64;
import static org.faultline.symbols.disasm.X86Opcodes.LOCKABLE;
import static org.faultline.symbols.disasm.X86Opcodes.MOVABS;
import static org.faultline.symbols.disasm.X86Opcodes.MOFFS;
import static org.faultline.symbols.disasm.X86Opcodes.NOACCESS;
import static org.faultline.symbols.disasm.X86Opcodes.NOTRACK;
import static org.faultline.symbols.disasm.X86Opcodes.NOVEX;
import static org.faultline.symbols.disasm.X86Opcodes.O64;
import static org.faultline.symbols.disasm.X86Opcodes.R0;
import static org.faultline.symbols.disasm.X86Opcodes.SSE;
import static org.faultline.symbols.disasm.X86Opcodes.STACK;
import static org.faultline.symbols.disasm.X86Opcodes.STR;
import static org.faultline.symbols.disasm.X86Opcodes.SZ_A;
import static org.faultline.symbols.disasm.X86Opcodes.SZ_P;
import static org.faultline.symbols.disasm.X86Opcodes.SZ_V;
import static org.faultline.symbols.disasm.X86Opcodes.SZ_X;
import static org.faultline.symbols.disasm.X86Opcodes.SZ_Y;
import static org.faultline.symbols.disasm.X86Opcodes.SZ_Z;
import static org.faultline.symbols.disasm.X86Opcodes.VVVV_UNUSED;
import static org.faultline.symbols.disasm.X86Opcodes.W0;
import static org.faultline.symbols.disasm.X86Opcodes.XCHG;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.faultline.dump.Architecture;
import org.faultline.symbols.disasm.X86Opcodes.Group;
import org.faultline.symbols.disasm.X86Opcodes.ModSplit;
import org.faultline.symbols.disasm.X86Opcodes.Node;
import org.faultline.symbols.disasm.X86Opcodes.Op;
import org.faultline.symbols.disasm.X86Opcodes.Prefixed;
import org.faultline.symbols.disasm.X86Opcodes.RmSplit;
import org.faultline.symbols.disasm.X86Opcodes.Spec;
import org.faultline.symbols.disasm.X86Opcodes.Special;
import org.faultline.symbols.disasm.X86Opcodes.Unsupported;

/**
 * x86 decoder for 64-bit (long), 32-bit (protected) and 16-bit code: prefixes, REX, ModRM/SIB, the one-
 * and two-byte opcode maps of the general-purpose instructions, string instructions, common SSE/SSE2 and
 * their VEX (AVX/AVX2) forms. x87, most of the 0F 38/0F 3A maps, EVEX and XOP are recognised for their
 * length and reported {@link Status#UNSUPPORTED}. The text follows GNU objdump's Intel syntax
 * ({@code objdump -M intel}), including how it names prefixes that the instruction does not use.
 */
public final class X86Decoder implements Decoder {
    public static final X86Decoder MODE_64 = new X86Decoder(64);
    public static final X86Decoder MODE_32 = new X86Decoder(32);
    public static final X86Decoder MODE_16 = new X86Decoder(16);

    static final int MAX_LENGTH = 15;

    // Entries chosen by code rather than by the maps (see special()).
    private static final Op XCHG_ACC = X86Opcodes.op("xchg", "Zv,%eAX", XCHG);
    private static final Op PAUSE = X86Opcodes.op("pause");
    private static final Op NOP = X86Opcodes.op("nop");
    private static final Op MOVSXD = X86Opcodes.op("movsxd", "Gv,Ed", W0);
    private static final Op ARPL = X86Opcodes.op("arpl", "Ew,Gw");
    private static final Op BOUND = X86Opcodes.op("bound", "Gv,Ma", R0);
    private static final Op LES = X86Opcodes.op("les", "Gz,Mp", W0);
    private static final Op LDS = X86Opcodes.op("lds", "Gz,Mp", W0);
    private static final Group POP_EV = new Group(X86Opcodes.g(X86Opcodes.op("pop", "Ev", D64 | STACK | ALL_W),
            BAD, BAD, BAD, BAD, BAD, BAD, BAD));
    private static final Op SYSRETQ = X86Opcodes.op("sysretq");
    private static final Op SYSRETD = X86Opcodes.op("sysretd");
    private static final Op SYSRET = X86Opcodes.op("sysret");
    private static final Op[] FENCES = {X86Opcodes.op("lfence"), X86Opcodes.op("mfence"), X86Opcodes.op("sfence")};
    private static final Op LDMXCSR = X86Opcodes.op("ldmxcsr", "Md", R0);
    private static final Op STMXCSR = X86Opcodes.op("stmxcsr", "Md", W0);
    private static final Op CLFLUSH = X86Opcodes.op("clflush", "Mb", NOACCESS);
    private static final Op CMPXCHG8B = X86Opcodes.op("cmpxchg8b", "Mq", X86Opcodes.LOCKABLE);
    private static final Op CMPXCHG16B = X86Opcodes.op("cmpxchg16b", "Mdq", X86Opcodes.LOCKABLE);
    /** movd/movq: Pq,Ey; Vdq,Ey; Ey,Pq; Ey,Vdq. */
    private static final Op[] MOVD = movd("movd");
    private static final Op[] MOVQ = movd("movq");
    private static final Op ENDBR64 = X86Opcodes.op("endbr64");
    private static final Op ENDBR32 = X86Opcodes.op("endbr32");
    private static final Op HINT_NOP = X86Opcodes.op("nop", "Ev", NOACCESS);
    private static final Op[] GROUP7_TABLES = {X86Opcodes.op("sgdt", "M", W0), X86Opcodes.op("sidt", "M", W0),
        X86Opcodes.op("lgdt", "M", R0), X86Opcodes.op("lidt", "M", R0)};
    private static final Op SMSW = X86Opcodes.op("smsw", "Mw", W0);
    private static final Op LMSW = X86Opcodes.op("lmsw", "Mw", R0);
    private static final Op INVLPG = X86Opcodes.op("invlpg", "Mb", NOACCESS);
    private static final Op XGETBV = X86Opcodes.op("xgetbv");
    private static final Op XSETBV = X86Opcodes.op("xsetbv");
    private static final Op SWAPGS = X86Opcodes.op("swapgs");
    private static final Op RDTSCP = X86Opcodes.op("rdtscp");
    private static final Op CLAC = X86Opcodes.op("clac");
    private static final Op STAC = X86Opcodes.op("stac");
    private static final Op VZEROUPPER = X86Opcodes.op("vzeroupper");
    private static final Op VZEROALL = X86Opcodes.op("vzeroall");

    private final int mode;

    private static Op[] movd(String m) {
        int f = X86Opcodes.SSE | W0 | VVVV_UNUSED;
        return new Op[] {X86Opcodes.op(m, "Pq,Ey", f | NOVEX), X86Opcodes.op(m, "Vdq,Ey", f),
            X86Opcodes.op(m, "Ey,Pq", f | NOVEX), X86Opcodes.op(m, "Ey,Vdq", f)};
    }

    private X86Decoder(int mode) {
        this.mode = mode;
    }

    /** The decoder for 16-, 32- or 64-bit code. */
    public static X86Decoder ofBits(int bits) {
        return switch (bits) {
            case 64 -> MODE_64;
            case 32 -> MODE_32;
            case 16 -> MODE_16;
            default -> throw new IllegalArgumentException("x86 mode must be 16, 32 or 64 bits: " + bits);
        };
    }

    public int bits() {
        return mode;
    }

    @Override
    public Architecture architecture() {
        return mode == 64 ? Architecture.AMD64 : Architecture.X86;
    }

    @Override
    public int maxLength() {
        return MAX_LENGTH;
    }

    @Override
    public Instruction decode(byte[] code, int offset, int length, long address) {
        return new Run(code, offset, length, address).decode();
    }

    // ---- register names -------------------------------------------------------------------------------

    static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    static final String[] R8_REX = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
    static final String[] R8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    static final String[] SEG = {"es", "cs", "ss", "ds", "fs", "gs"};
    private static final String[] REX_NAMES = new String[16];
    private static final String[] MEM16_BASE = {"bx", "bx", "bp", "bp", "si", "di", "bp", "bx"};
    private static final String[] MEM16_INDEX = {"si", "di", "si", "di", null, null, null, null};

    static {
        for (int r = 0; r < 16; r++) {
            StringBuilder b = new StringBuilder("rex");
            if (r != 0) {
                b.append('.');
                if ((r & 8) != 0) {
                    b.append('w');
                }
                if ((r & 4) != 0) {
                    b.append('r');
                }
                if ((r & 2) != 0) {
                    b.append('x');
                }
                if ((r & 1) != 0) {
                    b.append('b');
                }
            }
            REX_NAMES[r] = b.toString();
        }
    }

    static String sizeName(int bytes) {
        return switch (bytes) {
            case 1 -> "byte ptr ";
            case 2 -> "word ptr ";
            case 4 -> "dword ptr ";
            case 6 -> "fword ptr ";
            case 8 -> "qword ptr ";
            case 10 -> "tbyte ptr ";
            case 16 -> "xmmword ptr ";
            case 32 -> "ymmword ptr ";
            case 64 -> "zmmword ptr ";
            default -> "";
        };
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** A memory operand as decoded from ModRM/SIB (or a string instruction's implicit one). */
    private static final class Mem {
        String base;
        String index;
        int scaleBits;
        long disp;
        boolean hasSib;
        boolean ripRel;
        boolean noBaseDisp; // the encoding has no base and a 32-bit (or 16-bit) absolute displacement
        int mod;
        int sibBase; // the SIB base field without REX.B, or -1
        int addrSize;
    }

    /** The decoding of one instruction. */
    private final class Run {
        final byte[] code;
        final int start;
        final int end;
        final long address;
        int pos;
        boolean truncated;

        // Prefixes in order of appearance.
        final int[] prefixes = new int[MAX_LENGTH];
        int prefixCount;
        int rex;
        int rexUsed;
        int lastSeg = -1; // index into prefixes
        int activeSeg = -1; // 64-bit mode: the last fs/gs prefix
        int last66 = -1;
        int last67 = -1;
        int lastRep = -1;
        int lastF2 = -1;
        int lastF3 = -1;
        boolean used66;
        boolean used67;
        boolean usedSeg;
        boolean usedRep;

        // VEX.
        boolean vex;
        int vexL;
        int vexV;
        int vexPP;

        // ModRM.
        int modrm = -1;
        int mod;
        int reg;
        int rm;
        Mem mem;

        Op op;
        int lastOpcode;
        boolean lengthUnknown;
        String unsupported;
        boolean invalid;

        Run(byte[] code, int offset, int length, long address) {
            this.code = code;
            this.start = offset;
            this.end = (int) Math.min((long) offset + Math.max(length, 0), code.length);
            this.address = address;
            this.pos = offset;
        }

        int u8() {
            if (pos >= end || pos - start >= MAX_LENGTH) {
                truncated = true;
                pos++;
                return 0;
            }
            return code[pos++] & 0xFF;
        }

        int peek(int ahead) {
            int at = pos + ahead;
            return at < end ? code[at] & 0xFF : -1;
        }

        long s8() {
            return (byte) u8();
        }

        long u16() {
            return u8() | u8() << 8;
        }

        long s16() {
            return (short) u16();
        }

        long s32() {
            return u8() | u8() << 8 | u8() << 16 | (long) u8() << 24 << 32 >> 32;
        }

        long u32() {
            return s32() & 0xFFFF_FFFFL;
        }

        long u64() {
            return u32() | u32() << 32;
        }

        /** The segment override in force: the last one, or in 64-bit mode the last fs/gs. */
        int seg() {
            if (notrack()) {
                return -1;
            }
            if (mode == 64) {
                return activeSeg < 0 ? -1 : prefixes[activeSeg];
            }
            return lastSeg < 0 ? -1 : prefixes[lastSeg];
        }

        boolean has66() {
            return last66 >= 0;
        }

        int rep() {
            return lastRep < 0 ? 0 : prefixes[lastRep];
        }

        void markRex(int bit) {
            if ((rex & bit) != 0) {
                rexUsed |= bit | 0x40;
            }
        }

        boolean rexBit(int bit) {
            markRex(bit);
            return (rex & bit) != 0;
        }

        int opSize() {
            int f = op == null ? 0 : op.flags();
            if (mode == 64) {
                if ((f & F64) != 0) {
                    if (has66() && (f & NOTRACK) != 0) {
                        unsupported = "66 prefix on a 64-bit indirect branch";
                    }
                    return 64;
                }
                if ((f & D64) != 0) {
                    if ((rex & 8) != 0) {
                        return 64;
                    }
                    if (has66()) {
                        used66 = true;
                        return 16;
                    }
                    return 64;
                }
                if ((rex & 8) != 0) {
                    markRex(8);
                    return 64;
                }
            }
            if (has66()) {
                used66 = true;
                return mode == 16 ? 32 : 16;
            }
            return mode == 16 ? 16 : 32;
        }

        /** A 3E prefix on an indirect call or jmp is the CET notrack prefix, not a segment override. */
        boolean notrack() {
            return op != null && (op.flags() & NOTRACK) != 0 && lastSeg >= 0 && prefixes[lastSeg] == 0x3E;
        }

        int addrSize() {
            if (last67 >= 0) {
                used67 = true;
                return mode == 32 ? 16 : 32;
            }
            return mode;
        }

        int addrSizeQuiet() {
            if (last67 >= 0) {
                return mode == 32 ? 16 : 32;
            }
            return mode;
        }

        /** Reads the ModRM byte and whatever addressing bytes follow it, for the length only. */
        void skipModrm() {
            needModrm();
            if (mod != 3) {
                readMemory();
            }
        }

        void needModrm() {
            if (modrm < 0) {
                modrm = u8();
                mod = modrm >> 6;
                reg = modrm >> 3 & 7;
                rm = modrm & 7;
            }
        }

        // ---- the main line ---------------------------------------------------------------------------

        Instruction decode() {
            // Legacy and REX prefixes.
            while (true) {
                int b = peek(0);
                if (b < 0) {
                    return invalid("truncated");
                }
                if (b == 0x9B) {
                    // objdump takes fwait as a prefix of a following x87 instruction.
                    if (rex != 0) {
                        return prefixesAlone();
                    }
                    int next = peek(1);
                    if (prefixCount > 0 || next >= 0xD8 && next <= 0xDF || next >= 0 && (isLegacyPrefix(next)
                            || mode == 64 && (next & 0xF0) == 0x40 || next == 0x9B)) {
                        pos++;
                        return unsupportedHere("fwait with prefixes or before an x87 instruction");
                    }
                }
                boolean legacy = isLegacyPrefix(b);
                boolean isRex = mode == 64 && (b & 0xF0) == 0x40;
                if (!legacy && !isRex) {
                    break;
                }
                if (rex != 0 || prefixCount == MAX_LENGTH - 1) {
                    // objdump: a REX prefix followed by another prefix is ignored, and the prefixes so far
                    // are shown on their own as one "instruction".
                    return prefixesAlone();
                }
                prefixes[prefixCount] = b;
                if (isRex) {
                    rex = b;
                } else {
                    switch (b) {
                        case 0x66 -> last66 = prefixCount;
                        case 0x67 -> last67 = prefixCount;
                        case 0xF2 -> {
                            lastRep = prefixCount;
                            lastF2 = prefixCount;
                        }
                        case 0xF3 -> {
                            lastRep = prefixCount;
                            lastF3 = prefixCount;
                        }
                        case 0xF0 -> { }
                        default -> {
                            lastSeg = prefixCount;
                            if (b == 0x64 || b == 0x65) {
                                activeSeg = prefixCount;
                            }
                        }
                    }
                }
                prefixCount++;
                pos++;
            }
            int opcode = u8();
            lastOpcode = opcode;
            Node node = X86Opcodes.ONE[opcode];
            if (node instanceof Special s) {
                node = special(s.name(), opcode);
                if (node == null) {
                    return finishNonOp();
                }
            }
            return run(node);
        }

        Instruction run(Node start) {
            Node node = resolve(start);
            if (node == null) {
                return finishNonOp();
            }
            if (node instanceof Unsupported u) {
                return unsupported(u);
            }
            if (!(node instanceof Op o)) {
                return invalid("invalid opcode");
            }
            op = o;
            int f = o.flags();
            if ((f & I64) != 0 && mode == 64 || (f & O64) != 0 && mode != 64) {
                return invalid("invalid in " + mode + "-bit mode");
            }
            return operands();
        }

        Node resolve(Node n) {
            while (true) {
                if (n instanceof Group g) {
                    needModrm();
                    n = g.byReg()[reg];
                } else if (n instanceof ModSplit s) {
                    needModrm();
                    n = mod == 3 ? s.register() : s.memory();
                } else if (n instanceof RmSplit s) {
                    needModrm();
                    n = mod == 3 ? s.byRm()[rm] : s.memory();
                } else if (n instanceof Prefixed p) {
                    n = mandatory(p);
                    if (n == null) {
                        return null;
                    }
                } else if (n instanceof Special s) {
                    n = special(s.name(), -1);
                    if (n == null) {
                        return null;
                    }
                } else {
                    return n;
                }
            }
        }

        Node mandatory(Prefixed p) {
            int pp;
            if (vex) {
                pp = vexPP;
            } else if (rep() == 0xF3) {
                pp = 2;
            } else if (rep() == 0xF2) {
                pp = 3;
            } else if (has66()) {
                pp = 1;
            } else {
                pp = 0;
            }
            Node n = switch (pp) {
                case 1 -> p.p66();
                case 2 -> p.pF3();
                case 3 -> p.pF2();
                default -> p.none();
            };
            if (n == BAD && pp != 0 && !vex) {
                unsupported = "prefix " + (pp == 1 ? "66" : pp == 2 ? "f3" : "f2") + " not used by this opcode";
                skipModrm(); // every prefix-selected entry of the maps has a ModRM byte and no immediate
                return null;
            }
            if (!vex) {
                if (pp == 1) {
                    used66 = true;
                } else if (pp >= 2) {
                    usedRep = true;
                    if (has66()) {
                        unsupported = "66 together with a mandatory f2/f3 prefix";
                        skipModrm();
                        return null;
                    }
                }
            }
            return n;
        }

        /** Opcodes decoded by hand; null with {@link #unsupported} or {@link #invalid} set to stop. */
        Node special(String name, int opcode) {
            switch (name) {
                case "0f": {
                    int b = u8();
                    lastOpcode = b;
                    if (b == 0x38) {
                        int c = u8();
                        return X86Opcodes.THREE_38[c];
                    }
                    if (b == 0x3A) {
                        int c = u8();
                        return X86Opcodes.THREE_3A[c];
                    }
                    return X86Opcodes.TWO[b];
                }
                case "prefix":
                    return BAD; // cannot happen: prefixes are consumed above
                case "90":
                    if (rep() == 0xF3) {
                        usedRep = true;
                        return PAUSE;
                    }
                    if ((rex & 1) != 0) {
                        return XCHG_ACC;
                    }
                    if (has66()) {
                        return XCHG_ACC;
                    }
                    return NOP;
                case "63":
                    if (mode == 64) {
                        return MOVSXD;
                    }
                    return ARPL;
                case "62": {
                    int next = peek(0);
                    if (mode == 64 || next >= 0xC0) {
                        return evex();
                    }
                    return BOUND;
                }
                case "c4", "c5": {
                    int next = peek(0);
                    if (mode == 64 || next >= 0xC0) {
                        return vex(opcode);
                    }
                    return opcode == 0xC4 ? LES : LDS;
                }
                case "8f": {
                    int next = peek(0);
                    if (next >= 0 && (next >> 3 & 7) != 0 && (next & 0x1F) >= 8) {
                        return xop();
                    }
                    return POP_EV;
                }
                case "sysret":
                    if (mode == 64) {
                        return rexBit(8) ? SYSRETQ : SYSRETD;
                    }
                    return SYSRET;
                case "0fae":
                    return fences();
                case "movd Pq,Ey", "movd Vdq,Ey", "movd Ey,Pq", "movd Ey,Vdq": {
                    // movq when REX.W (or VEX.W) widens the general operand to 64 bits.
                    boolean q = mode == 64 && (rex & 8) != 0;
                    int i = (name.endsWith("Ey") ? 0 : 2) + (name.contains("Vdq") ? 1 : 0);
                    return (q ? MOVQ : MOVD)[i];
                }
                case "0f01":
                    return group7();
                case "0f1e":
                    needModrm();
                    if (lastF3 >= 0 && lastRep == lastF3 && !has66() && (modrm == 0xFA || modrm == 0xFB)) {
                        usedRep = true;
                        return modrm == 0xFA ? ENDBR64 : ENDBR32;
                    }
                    if (rep() != 0 || has66()) {
                        return new Unsupported("0f 1e with a prefix (CET shadow stack)", true, 0);
                    }
                    return HINT_NOP;
                case "cmpxchg8b":
                    if (rep() != 0 || has66()) {
                        unsupported = "cmpxchg8b with a prefix";
                        skipModrm();
                        return null;
                    }
                    return mode == 64 && rexBit(8) ? CMPXCHG16B : CMPXCHG8B;
                case "x87":
                    needModrm();
                    return X87Opcodes.lookup(lastOpcode, modrm);
                default:
                    throw new IllegalStateException(name);
            }
        }

        /** 0F 01: descriptor tables, swapgs, rdtscp, xgetbv, clac/stac; the rest is not described. */
        Node group7() {
            needModrm();
            if (rep() != 0) {
                return new Unsupported("0f 01 with an f2/f3 prefix", true, 0);
            }
            if (mod != 3) {
                return switch (reg) {
                    case 0, 1, 2, 3 -> mode == 64 ? GROUP7_TABLES[reg] : new Unsupported("descriptor table", true, 0);
                    case 4 -> SMSW;
                    case 6 -> LMSW;
                    case 7 -> INVLPG;
                    default -> new Unsupported("0f 01 /5", true, 0);
                };
            }
            return switch (modrm) {
                case 0xD0 -> XGETBV;
                case 0xD1 -> XSETBV;
                case 0xF8 -> SWAPGS;
                case 0xF9 -> RDTSCP;
                case 0xCA -> CLAC;
                case 0xCB -> STAC;
                default -> new Unsupported("system instruction 0f 01 " + X86Opcodes.hex2(modrm), true, 0);
            };
        }

        Node fences() {
            needModrm();
            if (prefixCount > 0 && (rep() != 0 || has66())) {
                return new Unsupported("0f ae with a prefix", true, 0);
            }
            if (mod == 3) {
                if (rm == 0 && reg >= 5) {
                    return FENCES[reg - 5];
                }
                return new Unsupported("0f ae register form", true, 0);
            }
            return switch (reg) {
                case 2 -> LDMXCSR;
                case 3 -> STMXCSR;
                case 7 -> CLFLUSH;
                default -> new Unsupported("0f ae state save/restore", true, 0);
            };
        }

        Node vex(int opcode) {
            if (rex != 0 || has66() || rep() != 0 || hasLock()) {
                // A VEX prefix after 66/F2/F3/REX/LOCK raises #UD; its length is not claimed.
                lengthUnknown = true;
                return new Unsupported("VEX after a legacy prefix", false, 0);
            }
            int map;
            int b1 = u8();
            int r = (~b1 >> 7) & 1;
            int x = 0;
            int bb = 0;
            int w = 0;
            int b2;
            if (opcode == 0xC5) {
                map = 1;
                b2 = b1;
            } else {
                x = (~b1 >> 6) & 1;
                bb = (~b1 >> 5) & 1;
                map = b1 & 0x1F;
                b2 = u8();
                w = b2 >> 7;
            }
            vex = true;
            vexV = (~b2 >> 3) & 0xF;
            vexL = b2 >> 2 & 1;
            vexPP = b2 & 3;
            if (mode != 64) {
                if (vexV >= 8) {
                    // objdump rejects VEX.vvvv naming a register above 7 outside 64-bit mode.
                    unsupported = "VEX.vvvv above 7 outside 64-bit mode";
                }
                r = 0;
                x = 0;
                bb = 0;
            }
            // Treat VEX.R/X/B/W like REX bits for register numbering; they are never printed as prefixes.
            rex = 0x40 | w << 3 | r << 2 | x << 1 | bb;
            rexUsed = rex;
            int opc = u8();
            if (map == 1) {
                if (opc == 0x77) {
                    return vexL == 0 ? VZEROUPPER : VZEROALL;
                }
                lastOpcode = opc;
                return X86Opcodes.TWO[opc];
            }
            if (map == 2) {
                return new Unsupported("VEX 0f 38 " + X86Opcodes.hex2(opc), true, 0);
            }
            if (map == 3) {
                return new Unsupported("VEX 0f 3a " + X86Opcodes.hex2(opc), true, 1);
            }
            invalid = true;
            return null;
        }

        Node evex() {
            int p0 = u8();
            u8();
            u8();
            int map = p0 & 7;
            int opc = u8();
            if (map == 0 || map == 4 || map == 7) {
                invalid = true;
                return null;
            }
            int imm = map == 3 || map == 1 && (opc >= 0x70 && opc <= 0x73 || opc == 0xC2 || opc >= 0xC4 && opc <= 0xC6)
                    ? 1 : 0;
            return new Unsupported("EVEX (AVX-512)", true, imm);
        }

        Node xop() {
            int b1 = u8();
            u8();
            int map = b1 & 0x1F;
            u8();
            return new Unsupported("AMD XOP", true, map == 8 ? 1 : map == 10 ? 4 : 0);
        }

        boolean hasLock() {
            for (int i = 0; i < prefixCount; i++) {
                if (prefixes[i] == 0xF0) {
                    return true;
                }
            }
            return false;
        }

        // ---- operands ---------------------------------------------------------------------------------

        Instruction operands() {
            if (vex && (op.mnemonic().equals("movss") || op.mnemonic().equals("movsd"))) {
                needModrm();
                if (mod == 3) {
                    // VEX register-to-register vmovss/vmovsd merge with VEX.vvvv: three operands.
                    if (vexL == 1) {
                        return unsupportedHere("VEX.L=1 scalar move");
                    }
                    op = X86Opcodes.op(op.mnemonic(), lastOpcode == 0x10 ? "Vdq,Hdq,Udq" : "Udq,Hdq,Vdq", op.flags());
                }
            }
            Op o = op;
            Spec[] specs = o.operands();
            int f = o.flags();
            if (vex && ((f & SSE) == 0 || (f & NOVEX) != 0) && !o.mnemonic().startsWith("vzero")) {
                // Not an instruction VEX can encode (#UD): its length is not claimed.
                lengthUnknown = true;
                return unsupportedHere("VEX form of " + o.mnemonic());
            }
            // Reasons not to describe the instruction; its length is still decoded below.
            if (vex && vexL == 1 && o.mnemonic().equals("movddup")) {
                unsupported = "vmovddup with VEX.L=1";
            }
            if (vex && vexL == 1 && !hasVectorLength(specs)) {
                unsupported = "VEX.L=1 on an instruction without a 256-bit form";
            }
            if (vex && (f & VVVV_UNUSED) != 0 && vexV != 0 || vex && vexV != 0 && !hasH(specs)) {
                unsupported = "VEX.vvvv set where unused";
            }
            boolean needsModrm = false;
            for (Spec s : specs) {
                if ("EGMRSVWUPQNC".indexOf(s.kind()) >= 0) {
                    needsModrm = true;
                }
            }
            if (needsModrm) {
                needModrm();
                for (Spec s : specs) {
                    if (s.kind() == 'M' && mod == 3 || "RUN".indexOf(s.kind()) >= 0 && mod != 3) {
                        return invalid("wrong ModRM form");
                    }
                }
                if (mod != 3 && hasMemorySpec(specs)) {
                    mem = readMemory();
                }
            }
            // Immediates, in operand order.
            long[] imm = new long[specs.length];
            long[] imm2 = new long[specs.length];
            for (int i = 0; i < specs.length; i++) {
                Spec s = specs[i];
                switch (s.kind()) {
                    case 'I' -> imm[i] = readImmediate(s);
                    case 's' -> imm[i] = s8();
                    case 'J' -> imm[i] = s.size() == 1 ? s8() : branchRel32();
                    case 'O' -> {
                        int a = addrSizeQuiet();
                        imm[i] = a == 64 ? u64() : a == 32 ? u32() : u16();
                    }
                    case 'A' -> {
                        if (s.size() == SZ_P) {
                            imm[i] = opSize() == 16 ? u16() : u32();
                            imm2[i] = u16();
                        }
                    }
                    default -> { }
                }
            }
            if (truncated) {
                return invalid("truncated");
            }
            if (unsupported != null) {
                return unsupportedHere(unsupported);
            }
            if (invalid) {
                return invalid("invalid");
            }
            return format(imm, imm2);
        }

        long branchRel32() {
            if (mode == 64 || !has66()) {
                if (mode != 64 && has66()) {
                    unsupported = "16-bit relative branch";
                }
                if (mode == 64 && has66()) {
                    // Intel ignores 66 here, AMD takes a 16-bit displacement: the length is not claimed.
                    unsupported = "66 prefix on a 64-bit relative branch";
                    lengthUnknown = true;
                }
                return s32();
            }
            unsupported = "16-bit relative branch";
            return s16();
        }

        boolean hasVectorLength(Spec[] specs) {
            for (Spec s : specs) {
                if (s.size() == SZ_X) {
                    return true;
                }
            }
            return specs.length == 0;
        }

        boolean hasH(Spec[] specs) {
            for (Spec s : specs) {
                if (s.kind() == 'H') {
                    return true;
                }
            }
            return false;
        }

        boolean hasMemorySpec(Spec[] specs) {
            for (Spec s : specs) {
                if ("EMWQ".indexOf(s.kind()) >= 0) {
                    return true;
                }
            }
            return false;
        }

        long readImmediate(Spec s) {
            int size = s.size();
            if (size == 1) {
                return u8();
            }
            if (size == 2) {
                return u16();
            }
            if (size == SZ_Z) {
                return opSize() == 16 ? u16() : s32();
            }
            if (size == SZ_V) {
                int os = opSize();
                return os == 64 ? u64() : os == 32 ? u32() : u16();
            }
            if (size == 4) {
                return u32();
            }
            throw new IllegalStateException("immediate size " + size);
        }

        Mem readMemory() {
            Mem m = new Mem();
            m.mod = mod;
            m.sibBase = -1;
            int as = addrSize();
            m.addrSize = as;
            if (as == 16) {
                if (mod == 0 && rm == 6) {
                    m.noBaseDisp = true;
                    m.disp = u16();
                } else {
                    m.base = MEM16_BASE[rm];
                    m.index = MEM16_INDEX[rm];
                    if (rm >= 4) {
                        m.base = new String[] {"si", "di", "bp", "bx"}[rm - 4];
                    }
                    m.disp = mod == 1 ? s8() : mod == 2 ? s16() : 0;
                }
                return m;
            }
            String[] names = as == 64 ? R64 : R32;
            boolean b = rexBit(1);
            if (rm == 4) {
                int sib = u8();
                m.hasSib = true;
                m.scaleBits = sib >> 6;
                int idx = (sib >> 3 & 7) | (rexBit(2) ? 8 : 0);
                int base = sib & 7;
                m.sibBase = base;
                if (idx != 4) {
                    m.index = names[idx];
                }
                if (base == 5 && mod == 0) {
                    m.noBaseDisp = true;
                    m.disp = s32();
                } else {
                    m.base = names[base | (b ? 8 : 0)];
                }
            } else if (rm == 5 && mod == 0) {
                m.noBaseDisp = true;
                m.disp = s32();
                if (mode == 64) {
                    m.ripRel = true;
                    m.base = as == 64 ? "rip" : "eip";
                }
            } else {
                m.base = names[rm | (b ? 8 : 0)];
            }
            if (mod == 1) {
                m.disp = s8();
            } else if (mod == 2) {
                m.disp = s32();
            }
            return m;
        }

        // ---- text -------------------------------------------------------------------------------------

        Instruction format(long[] imm, long[] imm2) {
            Op o = op;
            Spec[] specs = o.operands();
            int f = o.flags();
            List<String> texts = new ArrayList<>();
            List<Operand> operands = new ArrayList<>();
            List<MemoryOperand> memory = new ArrayList<>();
            Set<String> reads = new LinkedHashSet<>();
            Set<String> writes = new LinkedHashSet<>();
            String comment = null;
            String mnemonic = o.mnemonic();
            int length = pos - start;
            long next = address + length;
            for (int i = 0; i < specs.length; i++) {
                Spec s = specs[i];
                Access access;
                if ((f & ALL_W) != 0) {
                    access = Access.WRITE;
                } else if ((f & XCHG) != 0 && i < 2) {
                    access = Access.READ_WRITE;
                } else if (i == 0) {
                    access = (f & W0) != 0 ? Access.WRITE : (f & R0) != 0 ? Access.READ : Access.READ_WRITE;
                } else {
                    access = Access.READ;
                }
                String name = null;
                if (s.kind() == 'H' && !vex) {
                    continue;
                }
                switch (s.kind()) {
                    case 'G' -> name = gpr(size(s), reg | (rexBit(4) ? 8 : 0), false);
                    case 'E', 'R' -> {
                        if (mod == 3) {
                            name = gpr(size(s), rm | (rexBit(1) ? 8 : 0), false);
                        } else {
                            memoryOperand(s, size(s), access, texts, operands, memory, reads, f);
                            if (mem.ripRel) {
                                comment = hex(mask(next + mem.disp, mem.addrSize == 64 ? 64 : 32));
                            }
                        }
                    }
                    case 'M' -> {
                        memoryOperand(s, size(s), access, texts, operands, memory, reads, f);
                        if (mem.ripRel) {
                            comment = hex(mask(next + mem.disp, mem.addrSize == 64 ? 64 : 32));
                        }
                    }
                    case 'Z' -> name = gpr(size(s), (lastOpcode & 7) | (rexBit(1) ? 8 : 0), false);
                    case 'A' -> {
                        if (s.size() == SZ_P) {
                            texts.add(hex(imm2[i]) + ":" + hex(imm[i]));
                            operands.add(new Operand.Text(hex(imm2[i]) + ":" + hex(imm[i])));
                        } else {
                            name = gpr(size(s), 0, true);
                        }
                    }
                    case 'F' -> name = s.fixed();
                    case '1' -> {
                        texts.add("1");
                        operands.add(new Operand.Immediate(1));
                    }
                    case 'S' -> {
                        if (reg > 5) {
                            return unsupportedHere("segment register " + reg);
                        }
                        name = SEG[reg];
                    }
                    case 'I' -> {
                        long v = imm[i];
                        int bits = s.size() == 1 ? 8 : s.size() == 2 ? 16 : opSize();
                        if (s.size() == SZ_Z && opSize() == 64) {
                            bits = 64;
                        }
                        texts.add(hex(mask(v, bits)));
                        operands.add(new Operand.Immediate(v));
                    }
                    case 's' -> {
                        long v = imm[i];
                        texts.add(hex(mask(v, opSize())));
                        operands.add(new Operand.Immediate(v));
                    }
                    case 'J' -> {
                        long target = mask(next + imm[i], mode);
                        texts.add(hex(target));
                        operands.add(new Operand.Target(target));
                    }
                    case 'O' -> {
                        int as = addrSizeQuiet();
                        int sz = size(s);
                        String segName = segmentText();
                        String t = (segName == null ? "ds" : segName) + ":" + hex(imm[i]);
                        texts.add(t);
                        MemoryOperand mo = new MemoryOperand(segName, null, null, 1, imm[i], sz, access, null);
                        memory.add(mo);
                        operands.add(new Operand.Memory(mo));
                        if (mode == 64 && as == 64) {
                            mnemonic = "movabs";
                        }
                    }
                    case 'X', 'Y' -> stringOperand(s, access, texts, operands, memory, reads);
                    case 'V', 'W', 'U', 'H', 'P', 'Q', 'N' -> {
                        String r = simdOperand(s, access, texts, operands, memory, reads, f);
                        if (r != null) {
                            name = r;
                        } else if (mem != null && mem.ripRel && (s.kind() == 'W' || s.kind() == 'Q')) {
                            comment = hex(mask(next + mem.disp, mem.addrSize == 64 ? 64 : 32));
                        }
                    }
                    default -> throw new IllegalStateException("operand kind " + s.kind());
                }
                if (name != null) {
                    texts.add(name);
                    operands.add(new Operand.Register(name));
                    if (access.reads()) {
                        reads.add(name);
                    }
                    if (access.writes()) {
                        writes.add(name);
                    }
                }
            }
            if (unsupported != null) {
                return unsupportedHere(unsupported);
            }
            mnemonic = variant(mnemonic, f);
            if ((f & MOVABS) != 0 && mode == 64 && opSize() == 64) {
                mnemonic = "movabs";
            }
            if (vex && !mnemonic.startsWith("v")) {
                mnemonic = "v" + mnemonic;
            }
            implicitRegisters(mnemonic, f, reads, writes);
            StringBuilder text = new StringBuilder();
            for (String p : prefixNames(f)) {
                text.append(p).append(' ');
            }
            text.append(mnemonic);
            if (!texts.isEmpty()) {
                text.append(' ').append(String.join(",", texts));
            }
            if (comment != null) {
                text.append(" # ").append(comment);
            }
            if (length > MAX_LENGTH) {
                return invalid("longer than 15 bytes");
            }
            return new Instruction(architecture(), address, bytes(length), Status.DECODED, mnemonic, text.toString(),
                    operands, memory, reads, writes, "");
        }

        String variant(String mnemonic, int f) {
            int bar = mnemonic.indexOf('|');
            if (bar < 0) {
                return mnemonic;
            }
            String[] v = mnemonic.split("\\|");
            int size = (f & ADDR_VARIANT) != 0 ? addrSize() : opSize();
            return v[size == 16 ? 0 : size == 32 ? 1 : 2];
        }

        int size(Spec s) {
            int z = s.size();
            if (z >= 0) {
                return z;
            }
            return switch (z) {
                case SZ_V -> opSize() / 8;
                case SZ_Z -> {
                    if (mode == 64 && (rex & 8) != 0) {
                        yield 4;
                    }
                    if (has66()) {
                        used66 = true;
                        yield mode == 16 ? 4 : 2;
                    }
                    yield mode == 16 ? 2 : 4;
                }
                case SZ_Y -> mode == 64 && rexBit(8) ? 8 : 4;
                case SZ_P -> {
                    if (mode == 64 && (rex & 8) != 0 && op.operands().length > 1) {
                        unsupported = "far pointer load with REX.W";
                    }
                    if (mode == 64) {
                        if (has66()) {
                            used66 = true;
                            yield 4;
                        }
                        yield 6;
                    }
                    int os = opSize();
                    yield os == 16 ? 4 : os == 32 ? 6 : 10;
                }
                case SZ_A -> opSize() / 4;
                case SZ_X -> vex && vexL == 1 ? 32 : 16;
                default -> throw new IllegalStateException("size " + z);
            };
        }

        String gpr(int size, int n, boolean accumulator) {
            return switch (size) {
                case 8 -> R64[n];
                case 4 -> R32[n];
                case 2 -> R16[n];
                case 1 -> {
                    if (rex != 0) {
                        if (n >= 4 && n < 8) {
                            rexUsed |= 0x40;
                        }
                        yield R8_REX[n];
                    }
                    yield R8[n];
                }
                default -> throw new IllegalStateException("register size " + size);
            };
        }

        /** The segment shown in a memory operand, marking the prefix used; null for the default. */
        String segmentText() {
            int s = seg();
            if (s < 0) {
                return null;
            }
            String name = segName(s);
            if (mode == 64 && !name.equals("fs") && !name.equals("gs")) {
                return null;
            }
            usedSeg = true;
            return name;
        }

        void memoryOperand(Spec s, int size, Access access, List<String> texts, List<Operand> operands,
                           List<MemoryOperand> memory, Set<String> reads, int flags) {
            Mem m = mem;
            if ((flags & NOACCESS) != 0) {
                access = Access.NONE;
            }
            String segName = segmentText();
            // objdump calls cmpxchg16b's operand an oword, every other 16-byte operand an xmmword.
            StringBuilder t = new StringBuilder(op.mnemonic().equals("cmpxchg16b") ? "oword ptr " : sizeName(size));
            // objdump: with SIB and neither base nor index, 32-bit addressing still shows eiz ([eiz*1+disp]).
            boolean eizOnly = m.hasSib && m.base == null && m.index == null && m.addrSize == 32;
            boolean bracket = m.base != null || m.index != null || m.hasSib && m.scaleBits != 0 || eizOnly;
            if (!bracket) {
                t.append(segName == null ? "ds" : segName).append(':').append(hex(mask(m.disp, m.addrSize)));
            } else {
                if (segName != null) {
                    t.append(segName).append(':');
                }
                t.append('[');
                boolean haveBase = m.base != null;
                if (haveBase) {
                    t.append(m.base);
                }
                if (m.addrSize == 16 && m.index != null) {
                    t.append('+').append(m.index);
                }
                if (m.hasSib && (m.scaleBits != 0 || m.index != null || haveBase && m.sibBase != 4 || eizOnly)) {
                    if (haveBase) {
                        t.append('+');
                    }
                    t.append(m.index != null ? m.index : m.addrSize == 64 ? "riz" : "eiz");
                    t.append('*').append(1 << m.scaleBits);
                }
                if (m.disp != 0 || m.mod != 0 || m.noBaseDisp) {
                    boolean haveDisp = haveBase && !m.ripRel || m.hasSib && (m.index != null || m.scaleBits != 0)
                            || eizOnly;
                    long d = m.disp;
                    if (eizOnly && mode == 64) {
                        d &= 0xFFFF_FFFFL;
                    }
                    if (!haveDisp || d >= 0) {
                        t.append('+').append(hex(haveDisp ? d : mask(d, m.addrSize)));
                    } else {
                        t.append('-').append(hex(-d));
                    }
                }
                t.append(']');
            }
            if (m.ripRel && m.addrSize == 32) {
                // objdump masks the 32-bit RIP-relative displacement differently; not claimed.
                unsupported = "32-bit RIP-relative address";
            }
            texts.add(t.toString());
            MemoryOperand mo = new MemoryOperand(segName, m.base, m.index, 1 << m.scaleBits, m.disp, size, access,
                    null);
            if (m.base != null && !m.ripRel) {
                reads.add(m.base);
            }
            if (m.index != null) {
                reads.add(m.index);
            }
            memory.add(mo);
            operands.add(new Operand.Memory(mo));
        }

        void stringOperand(Spec s, Access access, List<String> texts, List<Operand> operands,
                           List<MemoryOperand> memory, Set<String> reads) {
            int as = addrSize();
            int size = size(s);
            String[] names = as == 64 ? R64 : as == 32 ? R32 : R16;
            String base;
            String segName;
            if (s.kind() == 'Y') {
                base = names[7];
                segName = "es";
            } else {
                base = op.mnemonic().equals("xlat") ? names[3] : names[6];
                // objdump: the default ds shows unless overridden, and the last segment prefix counts as used.
                int sg = seg();
                usedSeg = lastSeg >= 0;
                segName = sg >= 0 ? segName(sg) : "ds";
            }
            texts.add(sizeName(size) + segName + ":[" + base + "]");
            MemoryOperand mo = new MemoryOperand(segName.equals("ds") || segName.equals("es") ? null : segName, base,
                    null, 1, 0, size, access, null);
            memory.add(mo);
            operands.add(new Operand.Memory(mo));
            reads.add(base);
        }

        /** An XMM/YMM/MMX operand; returns the register name, or null after adding a memory operand. */
        String simdOperand(Spec s, Access access, List<String> texts, List<Operand> operands,
                           List<MemoryOperand> memory, Set<String> reads, int flags) {
            int size = size(s);
            boolean mmx = s.kind() == 'P' || s.kind() == 'Q' || s.kind() == 'N';
            String cls = mmx ? "mm" : size == 32 ? "ymm" : "xmm";
            switch (s.kind()) {
                case 'V':
                    return cls + (reg | (rexBit(4) ? 8 : 0));
                case 'P':
                    return cls + reg;
                case 'H':
                    return cls + vexV;
                case 'U', 'N':
                    return mmx ? cls + rm : cls + (rm | (rexBit(1) ? 8 : 0));
                default:
                    if (mod == 3) {
                        return mmx ? cls + rm : cls + (rm | (rexBit(1) ? 8 : 0));
                    }
                    memoryOperand(s, size, access, texts, operands, memory, reads, flags);
                    return null;
            }
        }

        void implicitRegisters(String mnemonic, int f, Set<String> reads, Set<String> writes) {
            String[] full = mode == 64 ? R64 : R32;
            if ((f & STACK) != 0) {
                reads.add(full[4]);
                writes.add(full[4]);
            }
            switch (mnemonic) {
                case "movs", "cmps", "lods", "stos", "scas", "ins", "outs" -> {
                    String[] n = addrSizeQuiet() == 64 ? R64 : addrSizeQuiet() == 32 ? R32 : R16;
                    if (!mnemonic.equals("stos") && !mnemonic.equals("scas") && !mnemonic.equals("ins")) {
                        writes.add(n[6]);
                    }
                    if (!mnemonic.equals("lods") && !mnemonic.equals("outs")) {
                        writes.add(n[7]);
                    }
                    if (rep() != 0) {
                        reads.add(n[1]);
                        writes.add(n[1]);
                    }
                }
                case "cbw", "cwde", "cdqe" -> writes.add(full[0]);
                case "cwd", "cdq", "cqo", "rdtsc", "rdmsr" -> writes.add(full[2]);
                case "mul", "div", "idiv" -> {
                    writes.add(full[0]);
                    writes.add(full[2]);
                }
                case "cpuid" -> {
                    for (int i = 0; i < 4; i++) {
                        writes.add(full[i]);
                    }
                }
                case "syscall" -> {
                    writes.add("rcx");
                    writes.add("r11");
                }
                case "leave", "enter" -> writes.add(full[5]);
                case "loop", "loope", "loopne" -> writes.add(full[1]);
                case "cmpxchg" -> writes.add(full[0]);
                default -> {
                }
            }
            if (mnemonic.equals("imul") && op.operands().length == 1) {
                writes.add(full[0]);
                writes.add(full[2]);
            }
        }

        List<String> prefixNames(int f) {
            List<String> names = new ArrayList<>();
            boolean rexShown = rex != 0 && !vex && rexUsed != rex;
            for (int i = 0; i < prefixCount; i++) {
                int p = prefixes[i];
                if ((p & 0xF0) == 0x40 && mode == 64) {
                    if (rexShown) {
                        names.add(REX_NAMES[p & 0xF]);
                    }
                    continue;
                }
                switch (p) {
                    case 0x66 -> {
                        if (!(used66 && i == last66)) {
                            names.add(mode == 16 ? "data32" : "data16");
                        }
                    }
                    case 0x67 -> {
                        if (!(used67 && i == last67)) {
                            names.add(mode == 32 ? "addr16" : "addr32");
                        }
                    }
                    case 0xF0 -> names.add("lock");
                    case 0xF2 -> {
                        if (!(usedRep && i == lastRep)) {
                            names.add(i != lastF2 ? "repnz" : hle(f) ? "xacquire" : (f & BND) != 0 ? "bnd" : "repnz");
                        }
                    }
                    case 0xF3 -> {
                        if (!(usedRep && i == lastRep)) {
                            names.add(i != lastF3 ? "repz" : hle(f) || (f & HLE_MOV) != 0 && mod != 3 && modrm >= 0
                                    ? "xrelease" : (f & STR) != 0 ? "rep" : "repz");
                        }
                    }
                    default -> {
                        if (!(usedSeg && i == lastSeg)) {
                            names.add(i == lastSeg && notrack() ? "notrack" : segName(p));
                        }
                    }
                }
            }
            return names;
        }

        /** Hardware lock elision: F2/F3 on a locked (or xchg) read-modify-write of memory. */
        boolean hle(int f) {
            return (f & LOCKABLE) != 0 && modrm >= 0 && mod != 3 && (hasLock() || (f & XCHG) != 0
                    && op.mnemonic().equals("xchg"));
        }

        Instruction prefixesAlone() {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < prefixCount; i++) {
                names.add(prefixName(prefixes[i]));
            }
            pos = start + prefixCount;
            String text = String.join(" ", names);
            return new Instruction(architecture(), address, bytes(prefixCount), Status.DECODED, text, text,
                    List.of(), List.of(), Set.of(), Set.of(), "");
        }

        String prefixName(int p) {
            if ((p & 0xF0) == 0x40 && mode == 64) {
                return REX_NAMES[p & 0xF];
            }
            return switch (p) {
                case 0x66 -> mode == 16 ? "data32" : "data16";
                case 0x67 -> mode == 32 ? "addr16" : "addr32";
                case 0xF0 -> "lock";
                case 0xF2 -> "repnz";
                case 0xF3 -> "repz";
                default -> segName(p);
            };
        }

        Instruction finishNonOp() {
            if (truncated) {
                return invalid("truncated");
            }
            if (unsupported != null) {
                return unsupportedHere(unsupported);
            }
            return invalid("invalid opcode");
        }

        Instruction unsupported(Unsupported u) {
            if (u.modrm() == Unsupported.MODRM) {
                skipModrm();
            } else if (u.modrm() == Unsupported.MODRM_REGISTER) {
                needModrm();
            }
            for (int i = 0; i < u.imm(); i++) {
                u8();
            }
            if (truncated) {
                return invalid("truncated");
            }
            return unsupportedHere(u.why());
        }

        Instruction unsupportedHere(String why) {
            int length = Math.max(1, Math.min(pos - start, end - start));
            if (truncated || lengthUnknown || pos - start > MAX_LENGTH) {
                length = 1;
            }
            return new Instruction(architecture(), address, bytes(length), Status.UNSUPPORTED, "", "(unsupported)",
                    List.of(), List.of(), Set.of(), Set.of(), why);
        }

        Instruction invalid(String why) {
            int length = Math.max(1, Math.min(1, end - start));
            return new Instruction(architecture(), address, bytes(Math.min(length, Math.max(0, end - start))),
                    Status.INVALID, "", "(bad)", List.of(), List.of(), Set.of(), Set.of(), why);
        }

        byte[] bytes(int length) {
            byte[] b = new byte[length];
            System.arraycopy(code, start, b, 0, length);
            return b;
        }
    }

    static boolean isLegacyPrefix(int b) {
        return switch (b) {
            case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3 -> true;
            default -> false;
        };
    }

    static String segName(int prefix) {
        return switch (prefix) {
            case 0x26 -> "es";
            case 0x2E -> "cs";
            case 0x36 -> "ss";
            case 0x3E -> "ds";
            case 0x64 -> "fs";
            case 0x65 -> "gs";
            default -> throw new IllegalArgumentException("not a segment prefix");
        };
    }

    static long mask(long v, int bits) {
        return bits >= 64 ? v : v & ((1L << bits) - 1);
    }
}
