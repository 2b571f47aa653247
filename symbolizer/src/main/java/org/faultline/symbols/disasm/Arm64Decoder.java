package org.faultline.symbols.disasm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.faultline.dump.Architecture;

/**
 * ARM64 (A64) decoder for the instructions that matter when reading a crash: loads and stores (immediate,
 * register, literal, pair, exclusive and acquire/release forms, including SIMD&amp;FP registers), the
 * common data-processing instructions (add/sub, logical, move-wide, bitfield, extract, shifts,
 * conditional select and compare, multiply, divide, bit operations, PC-relative addresses) and the
 * branches. Everything else (SIMD and floating-point arithmetic, SVE, system registers, atomics) is
 * {@link Status#UNSUPPORTED}; unallocated encodings are {@link Status#INVALID}. The text follows GNU
 * objdump, including its preferred aliases ({@code mov}, {@code cmp}, {@code lsl}, {@code cset}, …).
 */
public final class Arm64Decoder implements Decoder {
    public static final Arm64Decoder INSTANCE = new Arm64Decoder();

    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt",
        "gt", "le", "al", "nv"};
    private static final String[] SHIFT = {"lsl", "lsr", "asr", "ror"};
    private static final String[] EXTEND = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};

    private Arm64Decoder() {
    }

    @Override
    public Architecture architecture() {
        return Architecture.ARM64;
    }

    @Override
    public int maxLength() {
        return 4;
    }

    @Override
    public boolean fixedLength() {
        return true;
    }

    @Override
    public Instruction decode(byte[] code, int offset, int length, long address) {
        int available = (int) Math.max(0, Math.min((long) length, (long) code.length - offset));
        if (available < 4) {
            byte[] b = new byte[Math.min(available, 1)];
            if (b.length > 0) {
                b[0] = code[offset];
            }
            return new Instruction(Architecture.ARM64, address, b, Status.INVALID, "", "(bad)", List.of(), List.of(),
                    Set.of(), Set.of(), "truncated");
        }
        int w = (code[offset] & 0xFF) | (code[offset + 1] & 0xFF) << 8 | (code[offset + 2] & 0xFF) << 16
                | (code[offset + 3] & 0xFF) << 24;
        byte[] bytes = {code[offset], code[offset + 1], code[offset + 2], code[offset + 3]};
        Builder b = new Builder(address);
        decodeWord(w, b);
        return b.build(bytes);
    }

    // ---- building an instruction ----------------------------------------------------------------------

    /** Collects one instruction's parts. */
    private static final class Builder {
        final long address;
        String mnemonic;
        final List<String> texts = new ArrayList<>();
        final List<Operand> operands = new ArrayList<>();
        final List<MemoryOperand> memory = new ArrayList<>();
        final Set<String> reads = new LinkedHashSet<>();
        final Set<String> writes = new LinkedHashSet<>();
        Status status = Status.DECODED;
        String note = "";

        Builder(long address) {
            this.address = address;
        }

        Builder op(String m) {
            mnemonic = m;
            return this;
        }

        Builder write(String reg) {
            texts.add(reg);
            operands.add(new Operand.Register(reg));
            if (!isZero(reg)) {
                writes.add(reg);
            }
            return this;
        }

        Builder read(String reg) {
            texts.add(reg);
            operands.add(new Operand.Register(reg));
            if (!isZero(reg)) {
                reads.add(reg);
            }
            return this;
        }

        Builder imm(long value, String text) {
            texts.add(text);
            operands.add(new Operand.Immediate(value));
            return this;
        }

        Builder target(long address) {
            texts.add("0x" + Long.toHexString(address));
            operands.add(new Operand.Target(address));
            return this;
        }

        Builder text(String t) {
            texts.add(t);
            operands.add(new Operand.Text(t));
            return this;
        }

        void unsupported(String why) {
            status = Status.UNSUPPORTED;
            note = why;
        }

        void invalid(String why) {
            status = Status.INVALID;
            note = why;
        }

        Instruction build(byte[] bytes) {
            if (status != Status.DECODED || mnemonic == null) {
                if (status == Status.DECODED) {
                    status = Status.UNSUPPORTED;
                    note = "not decoded";
                }
                return new Instruction(Architecture.ARM64, address, bytes, status, "",
                        status == Status.INVALID ? "(bad)" : "(unsupported)", List.of(), List.of(), Set.of(), Set.of(),
                        note);
            }
            String text = texts.isEmpty() ? mnemonic : mnemonic + " " + String.join(", ", texts);
            return new Instruction(Architecture.ARM64, address, bytes, Status.DECODED, mnemonic, text, operands,
                    memory, reads, writes, "");
        }
    }

    private static boolean isZero(String reg) {
        return reg.equals("xzr") || reg.equals("wzr");
    }

    private static final String[] X_ZR = names("x", "xzr");
    private static final String[] W_ZR = names("w", "wzr");
    private static final String[] X_SP = names("x", "sp");
    private static final String[] W_SP = names("w", "wsp");
    /** SIMD&amp;FP registers by access size: b, h, s, d, q. */
    private static final String[][] FP = {names("b", "b31"), names("h", "h31"), names("s", "s31"), names("d", "d31"),
        names("q", "q31")};

    private static String[] names(String prefix, String last) {
        String[] n = new String[32];
        for (int i = 0; i < 31; i++) {
            n[i] = prefix + i;
        }
        n[31] = last;
        return n;
    }

    /** General register {@code n} (31 = the zero register). */
    static String r(boolean x, int n) {
        return (x ? X_ZR : W_ZR)[n];
    }

    /** General register {@code n} (31 = the stack pointer). */
    static String rsp(boolean x, int n) {
        return (x ? X_SP : W_SP)[n];
    }

    static int bits(int w, int hi, int lo) {
        return (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    static long signExtend(long v, int width) {
        return v << (64 - width) >> (64 - width);
    }

    static String hex(long v) {
        return "#0x" + Long.toHexString(v);
    }

    // ---- the top level ----------------------------------------------------------------------------------

    private void decodeWord(int w, Builder b) {
        int op0 = bits(w, 28, 25);
        if ((op0 & 0b1110) == 0b1000) {
            dataProcessingImmediate(w, b);
        } else if ((op0 & 0b1110) == 0b1010) {
            branchesAndSystem(w, b);
        } else if ((op0 & 0b0101) == 0b0100) {
            loadsAndStores(w, b);
        } else if ((op0 & 0b0111) == 0b0101) {
            dataProcessingRegister(w, b);
        } else if ((op0 & 0b0111) == 0b0111) {
            b.unsupported("SIMD and floating-point data processing");
        } else if (op0 == 0) {
            if (bits(w, 31, 16) == 0) {
                b.op("udf").imm(bits(w, 15, 0), "#" + bits(w, 15, 0));
            } else {
                b.unsupported("reserved or SME");
            }
        } else if (op0 == 0b0010) {
            b.unsupported("SVE");
        } else {
            b.invalid("unallocated");
        }
    }

    // ---- branches, exception generation, system ---------------------------------------------------------

    private void branchesAndSystem(int w, Builder b) {
        long pc = b.address;
        if ((w & 0x7C000000) == 0x14000000) {
            b.op((w >>> 31) == 0 ? "b" : "bl").target(pc + signExtend(bits(w, 25, 0), 26) * 4);
            if ((w >>> 31) != 0) {
                b.writes.add("lr");
            }
        } else if ((w & 0xFF000000) == 0x54000000) {
            // Bit 4 set: BC.cond (consistent conditional branch, Armv8.8).
            b.op(((w & 0x10) == 0 ? "b." : "bc.") + COND[w & 0xF]).target(pc + signExtend(bits(w, 23, 5), 19) * 4);
        } else if ((w & 0x7E000000) == 0x34000000) {
            boolean x = (w >>> 31) != 0;
            b.op(bits(w, 24, 24) == 0 ? "cbz" : "cbnz").read(r(x, w & 31))
                    .target(pc + signExtend(bits(w, 23, 5), 19) * 4);
        } else if ((w & 0x7E000000) == 0x36000000) {
            int bit = (w >>> 31) << 5 | bits(w, 23, 19);
            b.op(bits(w, 24, 24) == 0 ? "tbz" : "tbnz").read(r((w >>> 31) != 0, w & 31)).imm(bit, "#" + bit)
                    .target(pc + signExtend(bits(w, 18, 5), 14) * 4);
        } else if ((w & 0xFFFFFC1F) == 0xD61F0000) {
            b.op("br").read(r(true, bits(w, 9, 5)));
        } else if ((w & 0xFFFFFC1F) == 0xD63F0000) {
            b.op("blr").read(r(true, bits(w, 9, 5)));
            b.writes.add("lr");
        } else if ((w & 0xFFFFFC1F) == 0xD65F0000) {
            int n = bits(w, 9, 5);
            b.op("ret");
            if (n != 30) {
                b.read(r(true, n));
            } else {
                b.reads.add("lr");
            }
        } else if ((w & 0xFF000000) == 0xD4000000) {
            exception(w, b);
        } else if ((w & 0xFFFFF01F) == 0xD503201F) {
            hint(w, b);
        } else if ((w & 0xFFFFF01F) == 0xD503301F) {
            barrier(w, b);
        } else if ((w & 0xFE000000) == 0xD6000000) {
            b.unsupported("branch to register with pointer authentication");
        } else if ((w & 0xFFC00000) == 0xD5000000) {
            b.unsupported("system instruction or system register");
        } else {
            b.invalid("unallocated branch/system encoding");
        }
    }

    private void exception(int w, Builder b) {
        int opc = bits(w, 23, 21);
        int op2 = bits(w, 4, 2);
        int ll = bits(w, 1, 0);
        int imm = bits(w, 20, 5);
        String m = null;
        if (op2 == 0) {
            m = switch (opc << 2 | ll) {
                case 0b00001 -> "svc";
                case 0b00010 -> "hvc";
                case 0b00011 -> "smc";
                case 0b00100 -> "brk";
                case 0b01000 -> "hlt";
                case 0b10101 -> "dcps1";
                case 0b10110 -> "dcps2";
                case 0b10111 -> "dcps3";
                default -> null;
            };
        }
        if (m == null) {
            b.unsupported("exception generation or transactional memory");
            return;
        }
        if (m.startsWith("dcps")) {
            b.unsupported("debug state instruction");
            return;
        }
        b.op(m).imm(imm, hex(imm));
    }

    private void hint(int w, Builder b) {
        int crmOp2 = bits(w, 11, 5);
        String m = switch (crmOp2) {
            case 0 -> "nop";
            case 1 -> "yield";
            case 2 -> "wfe";
            case 3 -> "wfi";
            case 4 -> "sev";
            case 5 -> "sevl";
            default -> null;
        };
        if (m == null) {
            b.unsupported("hint #" + crmOp2);
            return;
        }
        b.op(m);
    }

    private void barrier(int w, Builder b) {
        int crm = bits(w, 11, 8);
        int op2 = bits(w, 7, 5);
        String[] options = {null, "oshld", "oshst", "osh", null, "nshld", "nshst", "nsh", null, "ishld", "ishst",
            "ish", null, "ld", "st", "sy"};
        if (op2 == 4 || op2 == 5) {
            String o = options[crm];
            if (o == null) {
                b.unsupported("barrier with option " + crm);
                return;
            }
            b.op(op2 == 4 ? "dsb" : "dmb").text(o);
        } else if (op2 == 6 && crm == 15) {
            b.op("isb");
        } else {
            b.unsupported("barrier or system instruction");
        }
    }

    // ---- data processing, immediate ---------------------------------------------------------------------

    private void dataProcessingImmediate(int w, Builder b) {
        boolean x = (w >>> 31) != 0;
        int rd = w & 31;
        int rn = bits(w, 9, 5);
        switch (bits(w, 25, 23)) {
            case 0b000, 0b001 -> {
                long imm = signExtend((long) bits(w, 23, 5) << 2 | bits(w, 30, 29), 21);
                if ((w >>> 31) == 0) {
                    b.op("adr").write(r(true, rd)).target(b.address + imm);
                } else {
                    b.op("adrp").write(r(true, rd)).target((b.address & ~0xFFFL) + (imm << 12));
                }
            }
            case 0b010 -> addSubImmediate(w, b, x, rd, rn);
            case 0b100 -> logicalImmediate(w, b, x, rd, rn);
            case 0b101 -> moveWide(w, b, x, rd);
            case 0b110 -> bitfield(w, b, x, rd, rn);
            case 0b111 -> extract(w, b, x, rd, rn);
            default -> b.unsupported("add/sub immediate with tags");
        }
    }

    private void addSubImmediate(int w, Builder b, boolean x, int rd, int rn) {
        boolean sub = bits(w, 30, 30) == 1;
        boolean s = bits(w, 29, 29) == 1;
        int sh = bits(w, 22, 22);
        int imm = bits(w, 21, 10);
        String shift = sh == 1 ? ", lsl #12" : "";
        if (!s && !sub && sh == 0 && imm == 0 && (rd == 31 || rn == 31)) {
            b.op("mov").write(rsp(x, rd)).read(rsp(x, rn));
            return;
        }
        if (s && rd == 31) {
            b.op(sub ? "cmp" : "cmn").read(rsp(x, rn)).imm(imm, hex(imm) + shift);
            return;
        }
        b.op((sub ? "sub" : "add") + (s ? "s" : "")).write(s ? r(x, rd) : rsp(x, rd)).read(rsp(x, rn))
                .imm((long) imm << (12 * sh), hex(imm) + shift);
    }

    /** DecodeBitMasks for a logical immediate; empty when reserved. */
    static java.util.OptionalLong bitMask(boolean x, int n, int immr, int imms) {
        int len = 31 - Integer.numberOfLeadingZeros((n << 6) | (~imms & 0x3F));
        if (len < 1 || !x && n == 1) {
            return java.util.OptionalLong.empty();
        }
        int size = 1 << len;
        int levels = size - 1;
        int s = imms & levels;
        int rot = immr & levels;
        if (s == levels) {
            return java.util.OptionalLong.empty();
        }
        long welem = (1L << (s + 1)) - 1;
        long elem = size == 64 ? welem : welem & ((1L << size) - 1);
        if (rot != 0) {
            long mask = size == 64 ? -1L : (1L << size) - 1;
            elem = ((elem >>> rot) | (elem << (size - rot))) & mask;
        }
        long out = 0;
        for (int i = 0; i < 64; i += size) {
            out |= elem << i;
        }
        return java.util.OptionalLong.of(x ? out : out & 0xFFFF_FFFFL);
    }

    private void logicalImmediate(int w, Builder b, boolean x, int rd, int rn) {
        int opc = bits(w, 30, 29);
        int n = bits(w, 22, 22);
        int immr = bits(w, 21, 16);
        int imms = bits(w, 15, 10);
        java.util.OptionalLong mask = bitMask(x, n, immr, imms);
        if (mask.isEmpty()) {
            b.invalid("reserved logical immediate");
            return;
        }
        long v = mask.getAsLong();
        if (opc == 3 && rd == 31) {
            b.op("tst").read(r(x, rn)).imm(v, hex(v));
            return;
        }
        // ORR into the stack pointer is always shown as mov: MOVZ/MOVN cannot write sp.
        if (opc == 1 && rn == 31 && (rd == 31 || !moveWidePreferred(x, v))) {
            b.op("mov").write(rsp(x, rd)).imm(v, hex(v));
            return;
        }
        String[] names = {"and", "orr", "eor", "ands"};
        b.op(names[opc]).write(opc == 3 ? r(x, rd) : rsp(x, rd)).read(r(x, rn)).imm(v, hex(v));
    }

    /**
     * Whether a MOVZ or MOVN could make {@code value} (then objdump shows ORR as {@code orr}, not
     * {@code mov}): all its set bits, or all its clear bits, lie in one aligned 16-bit halfword.
     */
    static boolean moveWidePreferred(boolean x, long value) {
        long mask = x ? -1L : 0xFFFF_FFFFL;
        return wide(value & mask, x) || wide(~value & mask, x);
    }

    private static boolean wide(long v, boolean x) {
        for (int shift = 0; shift < (x ? 64 : 32); shift += 16) {
            if ((v & ~(0xFFFFL << shift)) == 0) {
                return true;
            }
        }
        return false;
    }

    private void moveWide(int w, Builder b, boolean x, int rd) {
        int opc = bits(w, 30, 29);
        int hw = bits(w, 22, 21);
        long imm = bits(w, 20, 5);
        if (opc == 1 || !x && hw >= 2) {
            b.invalid("unallocated move wide");
            return;
        }
        int shift = hw * 16;
        String sh = hw == 0 ? "" : ", lsl #" + shift;
        if (opc == 3) {
            b.op("movk").write(r(x, rd)).imm(imm, hex(imm) + sh);
            b.reads.add(r(x, rd));
            return;
        }
        boolean alias = !(imm == 0 && hw != 0) && (opc == 2 || x || imm != 0xFFFF);
        if (alias) {
            long v = imm << shift;
            if (opc == 0) {
                v = ~v;
            }
            if (!x) {
                v &= 0xFFFF_FFFFL;
            }
            b.op("mov").write(r(x, rd)).imm(v, hex(v));
            return;
        }
        b.op(opc == 0 ? "movn" : "movz").write(r(x, rd)).imm(imm, hex(imm) + sh);
    }

    private void bitfield(int w, Builder b, boolean x, int rd, int rn) {
        int opc = bits(w, 30, 29);
        int n = bits(w, 22, 22);
        int immr = bits(w, 21, 16);
        int imms = bits(w, 15, 10);
        int size = x ? 64 : 32;
        if (opc == 3 || (x ? n != 1 : n != 0 || immr >= 32 || imms >= 32)) {
            b.invalid("unallocated bitfield");
            return;
        }
        String d = r(x, rd);
        String s = r(x, rn);
        if (opc == 0) { // SBFM
            if (imms == size - 1) {
                b.op("asr").write(d).read(s).imm(immr, "#" + immr);
            } else if (imms < immr) {
                b.op("sbfiz").write(d).read(s).imm(size - immr, "#" + (size - immr)).imm(imms + 1, "#" + (imms + 1));
            } else if (bfxPreferred(x, false, imms, immr)) {
                b.op("sbfx").write(d).read(s).imm(immr, "#" + immr).imm(imms - immr + 1, "#" + (imms - immr + 1));
            } else {
                String m = imms == 7 ? "sxtb" : imms == 15 ? "sxth" : "sxtw";
                b.op(m).write(d).read(r(false, rn));
            }
        } else if (opc == 2) { // UBFM
            if (imms != size - 1 && imms + 1 == immr) {
                b.op("lsl").write(d).read(s).imm(size - 1 - imms, "#" + (size - 1 - imms));
            } else if (imms == size - 1) {
                b.op("lsr").write(d).read(s).imm(immr, "#" + immr);
            } else if (imms < immr) {
                b.op("ubfiz").write(d).read(s).imm(size - immr, "#" + (size - immr)).imm(imms + 1, "#" + (imms + 1));
            } else if (bfxPreferred(x, true, imms, immr)) {
                b.op("ubfx").write(d).read(s).imm(immr, "#" + immr).imm(imms - immr + 1, "#" + (imms - immr + 1));
            } else {
                b.op(imms == 7 ? "uxtb" : "uxth").write(d).read(r(false, rn));
            }
        } else { // BFM
            if (imms < immr) {
                if (rn == 31) {
                    b.op("bfc").write(d).imm(size - immr, "#" + (size - immr)).imm(imms + 1, "#" + (imms + 1));
                } else {
                    b.op("bfi").write(d).read(s).imm(size - immr, "#" + (size - immr)).imm(imms + 1, "#" + (imms + 1));
                }
            } else {
                b.op("bfxil").write(d).read(s).imm(immr, "#" + immr).imm(imms - immr + 1, "#" + (imms - immr + 1));
            }
            b.reads.add(d);
        }
    }

    static boolean bfxPreferred(boolean x, boolean unsigned, int imms, int immr) {
        if (imms < immr) {
            return false;
        }
        if (imms == (x ? 63 : 31)) {
            return false;
        }
        if (immr == 0) {
            if (!x && (imms == 7 || imms == 15)) {
                return false;
            }
            return !(x && !unsigned && (imms == 7 || imms == 15 || imms == 31));
        }
        return true;
    }

    private void extract(int w, Builder b, boolean x, int rd, int rn) {
        int n = bits(w, 22, 22);
        int o0 = bits(w, 21, 21);
        int op21 = bits(w, 30, 29);
        int imms = bits(w, 15, 10);
        int rm = bits(w, 20, 16);
        if (op21 != 0 || o0 != 0 || (x ? n != 1 : n != 0 || imms >= 32)) {
            b.invalid("unallocated extract");
            return;
        }
        if (rn == rm) {
            b.op("ror").write(r(x, rd)).read(r(x, rn)).imm(imms, "#" + imms);
        } else {
            b.op("extr").write(r(x, rd)).read(r(x, rn)).read(r(x, rm)).imm(imms, "#" + imms);
        }
    }

    // ---- data processing, register ----------------------------------------------------------------------

    private void dataProcessingRegister(int w, Builder b) {
        boolean x = (w >>> 31) != 0;
        int rd = w & 31;
        int rn = bits(w, 9, 5);
        int rm = bits(w, 20, 16);
        int op1 = bits(w, 28, 28);
        int op2 = bits(w, 24, 21);
        if (op1 == 0) {
            if ((op2 & 0b1000) == 0) {
                logicalShifted(w, b, x, rd, rn, rm);
            } else if ((op2 & 1) == 0) {
                addSubShifted(w, b, x, rd, rn, rm);
            } else {
                addSubExtended(w, b, x, rd, rn, rm);
            }
            return;
        }
        switch (op2) {
            case 0b0000 -> {
                if (bits(w, 15, 10) != 0) {
                    b.unsupported("flag manipulation");
                    return;
                }
                boolean sub = bits(w, 30, 30) == 1;
                boolean s = bits(w, 29, 29) == 1;
                if (sub && rn == 31) {
                    b.op(s ? "ngcs" : "ngc").write(r(x, rd)).read(r(x, rm));
                } else {
                    b.op((sub ? "sbc" : "adc") + (s ? "s" : "")).write(r(x, rd)).read(r(x, rn)).read(r(x, rm));
                }
            }
            case 0b0010 -> conditionalCompare(w, b, x, rn, rm);
            case 0b0100 -> conditionalSelect(w, b, x, rd, rn, rm);
            case 0b0110 -> {
                if (bits(w, 29, 29) != 0) {
                    b.unsupported("data processing (2 source) setting flags (subps)");
                } else if (bits(w, 30, 30) == 0) {
                    twoSource(w, b, x, rd, rn, rm);
                } else {
                    oneSource(w, b, x, rd, rn);
                }
            }
            default -> {
                if ((op2 & 0b1000) != 0) {
                    threeSource(w, b, x, rd, rn, rm);
                } else {
                    b.invalid("unallocated data processing (register)");
                }
            }
        }
    }

    private static String shifted(int shift, int amount) {
        return amount == 0 && shift == 0 ? "" : ", " + SHIFT[shift] + " #" + amount;
    }

    private void logicalShifted(int w, Builder b, boolean x, int rd, int rn, int rm) {
        int opc = bits(w, 30, 29);
        int nBit = bits(w, 21, 21);
        int shift = bits(w, 23, 22);
        int amount = bits(w, 15, 10);
        if (!x && amount >= 32) {
            b.invalid("unallocated logical (shifted register)");
            return;
        }
        String sh = shifted(shift, amount);
        String[] names = {"and", "bic", "orr", "orn", "eor", "eon", "ands", "bics"};
        String m = names[opc << 1 | nBit];
        if (m.equals("orr") && rn == 31 && shift == 0 && amount == 0) {
            b.op("mov").write(r(x, rd)).read(r(x, rm));
            return;
        }
        if (m.equals("orn") && rn == 31) {
            b.op("mvn").write(r(x, rd)).read(r(x, rm));
            appendShift(b, sh);
            return;
        }
        if (m.equals("ands") && rd == 31) {
            b.op("tst").read(r(x, rn)).read(r(x, rm));
            appendShift(b, sh);
            return;
        }
        b.op(m).write(r(x, rd)).read(r(x, rn)).read(r(x, rm));
        appendShift(b, sh);
    }

    private static void appendShift(Builder b, String sh) {
        if (!sh.isEmpty()) {
            int last = b.texts.size() - 1;
            b.texts.set(last, b.texts.get(last) + sh);
        }
    }

    private void addSubShifted(int w, Builder b, boolean x, int rd, int rn, int rm) {
        boolean sub = bits(w, 30, 30) == 1;
        boolean s = bits(w, 29, 29) == 1;
        int shift = bits(w, 23, 22);
        int amount = bits(w, 15, 10);
        if (shift == 3 || !x && amount >= 32) {
            b.invalid("unallocated add/sub (shifted register)");
            return;
        }
        String sh = shifted(shift, amount);
        if (s && rd == 31) {
            b.op(sub ? "cmp" : "cmn").read(r(x, rn)).read(r(x, rm));
        } else if (sub && rn == 31) {
            b.op(s ? "negs" : "neg").write(r(x, rd)).read(r(x, rm));
        } else {
            b.op((sub ? "sub" : "add") + (s ? "s" : "")).write(r(x, rd)).read(r(x, rn)).read(r(x, rm));
        }
        appendShift(b, sh);
    }

    private void addSubExtended(int w, Builder b, boolean x, int rd, int rn, int rm) {
        boolean sub = bits(w, 30, 30) == 1;
        boolean s = bits(w, 29, 29) == 1;
        int opt = bits(w, 23, 22);
        int option = bits(w, 15, 13);
        int amount = bits(w, 12, 10);
        if (opt != 0 || amount > 4) {
            b.invalid("unallocated add/sub (extended register)");
            return;
        }
        boolean mx = x && (option & 3) == 3;
        String ext = EXTEND[option];
        boolean lsl = (rd == 31 && !s || rn == 31) && option == (x ? 3 : 2);
        String tail;
        if (lsl) {
            tail = amount == 0 ? "" : ", lsl #" + amount;
        } else {
            tail = ", " + ext + (amount == 0 ? "" : " #" + amount);
        }
        if (s && rd == 31) {
            b.op(sub ? "cmp" : "cmn").read(rsp(x, rn)).read(r(mx, rm));
        } else {
            b.op((sub ? "sub" : "add") + (s ? "s" : "")).write(s ? r(x, rd) : rsp(x, rd)).read(rsp(x, rn))
                    .read(r(mx, rm));
        }
        appendShift(b, tail);
    }

    private void conditionalCompare(int w, Builder b, boolean x, int rn, int rm) {
        if (bits(w, 29, 29) != 1 || bits(w, 10, 10) != 0 || bits(w, 4, 4) != 0) {
            b.invalid("unallocated conditional compare");
            return;
        }
        String m = bits(w, 30, 30) == 1 ? "ccmp" : "ccmn";
        int nzcv = w & 15;
        b.op(m).read(r(x, rn));
        if (bits(w, 11, 11) == 1) {
            b.imm(rm, hex(rm));
        } else {
            b.read(r(x, rm));
        }
        b.imm(nzcv, hex(nzcv)).text(COND[bits(w, 15, 12)]);
    }

    private void conditionalSelect(int w, Builder b, boolean x, int rd, int rn, int rm) {
        int op = bits(w, 30, 30);
        int o2 = bits(w, 11, 10);
        if (bits(w, 29, 29) != 0 || o2 > 1) {
            b.invalid("unallocated conditional select");
            return;
        }
        int cond = bits(w, 15, 12);
        String[] names = {"csel", "csinc", "csinv", "csneg"};
        String m = names[op << 1 | o2];
        boolean invertible = (cond & 0b1110) != 0b1110;
        String inv = COND[cond ^ 1];
        if (!m.equals("csel") && invertible && rm == rn) {
            if (rn == 31 && !m.equals("csneg")) {
                b.op(m.equals("csinc") ? "cset" : "csetm").write(r(x, rd)).text(inv);
                return;
            }
            if (rn != 31 || m.equals("csneg")) {
                b.op(m.equals("csinc") ? "cinc" : m.equals("csinv") ? "cinv" : "cneg").write(r(x, rd)).read(r(x, rn))
                        .text(inv);
                return;
            }
        }
        b.op(m).write(r(x, rd)).read(r(x, rn)).read(r(x, rm)).text(COND[cond]);
    }

    private void twoSource(int w, Builder b, boolean x, int rd, int rn, int rm) {
        String m = switch (bits(w, 15, 10)) {
            case 0b000010 -> "udiv";
            case 0b000011 -> "sdiv";
            case 0b001000 -> "lsl";
            case 0b001001 -> "lsr";
            case 0b001010 -> "asr";
            case 0b001011 -> "ror";
            default -> null;
        };
        if (m == null) {
            b.unsupported("data processing (2 source): crc32, pointer authentication or tags");
            return;
        }
        b.op(m).write(r(x, rd)).read(r(x, rn)).read(r(x, rm));
    }

    private void oneSource(int w, Builder b, boolean x, int rd, int rn) {
        int opcode2 = bits(w, 20, 16);
        int opcode = bits(w, 15, 10);
        if (opcode2 != 0) {
            b.unsupported("data processing (1 source): pointer authentication");
            return;
        }
        String m = switch (opcode) {
            case 0 -> "rbit";
            case 1 -> "rev16";
            case 2 -> x ? "rev32" : "rev";
            case 3 -> x ? "rev" : null;
            case 4 -> "clz";
            case 5 -> "cls";
            default -> null;
        };
        if (m == null) {
            b.unsupported("data processing (1 source)");
            return;
        }
        b.op(m).write(r(x, rd)).read(r(x, rn));
    }

    private void threeSource(int w, Builder b, boolean x, int rd, int rn, int rm) {
        int op54 = bits(w, 30, 29);
        int op31 = bits(w, 23, 21);
        int o0 = bits(w, 15, 15);
        int ra = bits(w, 14, 10);
        if (op54 != 0) {
            b.invalid("unallocated data processing (3 source)");
            return;
        }
        switch (op31) {
            case 0b000 -> {
                if (ra == 31) {
                    b.op(o0 == 0 ? "mul" : "mneg").write(r(x, rd)).read(r(x, rn)).read(r(x, rm));
                } else {
                    b.op(o0 == 0 ? "madd" : "msub").write(r(x, rd)).read(r(x, rn)).read(r(x, rm)).read(r(x, ra));
                }
            }
            case 0b001, 0b101 -> {
                if (!x) {
                    b.invalid("unallocated data processing (3 source)");
                    return;
                }
                String u = op31 == 0b101 ? "u" : "s";
                if (ra == 31) {
                    b.op(u + (o0 == 0 ? "mull" : "mnegl")).write(r(true, rd)).read(r(false, rn)).read(r(false, rm));
                } else {
                    b.op(u + (o0 == 0 ? "maddl" : "msubl")).write(r(true, rd)).read(r(false, rn)).read(r(false, rm))
                            .read(r(true, ra));
                }
            }
            case 0b010, 0b110 -> {
                if (!x || o0 != 0) {
                    b.invalid("unallocated data processing (3 source)");
                    return;
                }
                if (ra != 31) {
                    b.unsupported("smulh/umulh with Ra other than 31");
                    return;
                }
                b.op(op31 == 0b010 ? "smulh" : "umulh").write(r(true, rd)).read(r(true, rn)).read(r(true, rm));
            }
            default -> b.invalid("unallocated data processing (3 source)");
        }
    }

    // ---- loads and stores -------------------------------------------------------------------------------

    /** The transfer register of a load/store: general (w/x) or SIMD&amp;FP (b/h/s/d/q). */
    private static String transferRegister(boolean simd, int log2Size, boolean x, int n) {
        if (simd) {
            return FP[log2Size][n];
        }
        return r(x, n);
    }

    private void loadsAndStores(int w, Builder b) {
        int op0 = bits(w, 31, 28);
        int op1 = bits(w, 26, 26);
        int op2 = bits(w, 24, 23);
        int op4 = bits(w, 11, 10);
        if ((op0 & 0b0011) == 0 && op1 == 0 && (op2 & 0b10) == 0 && bits(w, 29, 28) == 0) {
            if ((op0 & 0b1000) == 0 && bits(w, 27, 24) == 0b1000) {
                exclusive(w, b);
                return;
            }
            b.unsupported("load/store exclusive pair, atomic or tag instruction");
            return;
        }
        if (op1 == 1 && (op0 & 0b1011) == 0 && bits(w, 27, 24) == 0b1100) {
            b.unsupported("SIMD structure load/store");
            return;
        }
        int top = bits(w, 29, 27);
        if (top == 0b011 && bits(w, 25, 24) == 0b00) {
            literal(w, b);
            return;
        }
        if (top == 0b101) {
            pair(w, b);
            return;
        }
        if (top == 0b111) {
            if (bits(w, 25, 24) == 0b01) {
                registerUnsignedImmediate(w, b);
            } else if (bits(w, 25, 24) == 0b00) {
                if (bits(w, 21, 21) == 0) {
                    registerImm9(w, b, op4);
                } else if (op4 == 0b10) {
                    registerOffset(w, b);
                } else {
                    b.unsupported("atomic memory operation or pointer-authenticated load");
                }
            } else {
                b.invalid("unallocated load/store");
            }
            return;
        }
        b.unsupported("load/store: other encoding");
    }

    /** Size in bytes log2, register kind and name of a single-register load/store; null when unallocated. */
    private record Form(String mnemonic, int log2Size, boolean simd, boolean x, Access access) {
    }

    private static Form form(int size, int v, int opc, String prefix, String suffix) {
        if (v == 1) {
            int log2 = (opc & 2) != 0 ? (size == 0 ? 4 : -1) : size;
            if (log2 < 0) {
                return null;
            }
            boolean load = (opc & 1) == 1;
            return new Form(withPrefix(load ? "ldr" : "str", prefix) + suffix, log2, true, false,
                    load ? Access.READ : Access.WRITE);
        }
        String base;
        boolean x;
        Access a;
        switch (size << 2 | opc) {
            case 0b0000 -> { base = "strb"; x = false; a = Access.WRITE; }
            case 0b0001 -> { base = "ldrb"; x = false; a = Access.READ; }
            case 0b0010 -> { base = "ldrsb"; x = true; a = Access.READ; }
            case 0b0011 -> { base = "ldrsb"; x = false; a = Access.READ; }
            case 0b0100 -> { base = "strh"; x = false; a = Access.WRITE; }
            case 0b0101 -> { base = "ldrh"; x = false; a = Access.READ; }
            case 0b0110 -> { base = "ldrsh"; x = true; a = Access.READ; }
            case 0b0111 -> { base = "ldrsh"; x = false; a = Access.READ; }
            case 0b1000 -> { base = "str"; x = false; a = Access.WRITE; }
            case 0b1001 -> { base = "ldr"; x = false; a = Access.READ; }
            case 0b1010 -> { base = "ldrsw"; x = true; a = Access.READ; }
            case 0b1100 -> { base = "str"; x = true; a = Access.WRITE; }
            case 0b1101 -> { base = "ldr"; x = true; a = Access.READ; }
            case 0b1110 -> { base = "prfm"; x = true; a = Access.NONE; }
            default -> {
                return null;
            }
        }
        return new Form(withPrefix(base, prefix) + suffix, size, false, x, a);
    }

    /** The unscaled ({@code u}) or unprivileged ({@code t}) name: ldrb → ldurb, ldtrb. */
    private static String withPrefix(String base, String prefix) {
        return base.substring(0, 2) + prefix + base.substring(2);
    }

    private static final String[] PRF_TYPE = {"pld", "pli", "pst"};

    private static String prfop(int rt) {
        int type = rt >> 3;
        int target = rt >> 1 & 3;
        if (type == 3 || target == 3) {
            return null;
        }
        return PRF_TYPE[type] + "l" + (target + 1) + ((rt & 1) == 0 ? "keep" : "strm");
    }

    private void memoryAccess(Builder b, Form f, int rt, String base, String index, String extend, int shift,
                              long disp, String text, boolean writeback) {
        int size = f.access() == Access.NONE ? 0 : 1 << f.log2Size();
        if (f.access() == Access.NONE) {
            String p = prfop(rt);
            if (p == null) {
                b.unsupported("prefetch with a numeric operation");
                return;
            }
            b.op(f.mnemonic()).text(p);
        } else {
            String reg = transferRegister(f.simd(), f.log2Size(), f.x(), rt);
            b.op(f.mnemonic());
            if (f.access() == Access.READ) {
                b.write(reg);
            } else {
                b.read(reg);
            }
        }
        MemoryOperand mo = new MemoryOperand(null, base, index, 1 << shift, disp, size, f.access(), extend);
        b.memory.add(mo);
        b.operands.add(new Operand.Memory(mo));
        b.texts.add(text);
        b.reads.add(base);
        if (index != null) {
            b.reads.add(index);
        }
        if (writeback) {
            b.writes.add(base);
        }
    }

    private void registerUnsignedImmediate(int w, Builder b) {
        int size = bits(w, 31, 30);
        int v = bits(w, 26, 26);
        int opc = bits(w, 23, 22);
        Form f = form(size, v, opc, "", "");
        if (f == null) {
            b.invalid("unallocated load/store (unsigned immediate)");
            return;
        }
        int scale = f.simd() ? f.log2Size() : size;
        long off = (long) bits(w, 21, 10) << scale;
        String base = rsp(true, bits(w, 9, 5));
        String text = off == 0 ? "[" + base + "]" : "[" + base + ", #" + off + "]";
        memoryAccess(b, f, w & 31, base, null, null, 0, off, text, false);
    }

    private void registerImm9(int w, Builder b, int op4) {
        int size = bits(w, 31, 30);
        int v = bits(w, 26, 26);
        int opc = bits(w, 23, 22);
        long imm = signExtend(bits(w, 20, 12), 9);
        String base = rsp(true, bits(w, 9, 5));
        Form f;
        String text;
        boolean wb = false;
        long disp = imm;
        switch (op4) {
            case 0b00 -> {
                f = form(size, v, opc, "u", "");
                if (f != null && f.access() == Access.NONE) {
                    f = new Form("prfum", f.log2Size(), false, true, Access.NONE);
                }
                text = imm == 0 ? "[" + base + "]" : "[" + base + ", #" + imm + "]";
            }
            case 0b01 -> {
                f = form(size, v, opc, "", "");
                text = "[" + base + "], #" + imm;
                wb = true;
                disp = 0;
            }
            case 0b10 -> {
                f = v == 1 ? null : form(size, v, opc, "t", "");
                text = imm == 0 ? "[" + base + "]" : "[" + base + ", #" + imm + "]";
            }
            default -> {
                f = form(size, v, opc, "", "");
                text = "[" + base + ", #" + imm + "]!";
                wb = true;
            }
        }
        if (f == null || op4 != 0 && f.access() == Access.NONE) {
            b.invalid("unallocated load/store (9-bit immediate)");
            return;
        }
        if (wb && f.access() != Access.NONE && !f.simd() && (w & 31) == bits(w, 9, 5) && bits(w, 9, 5) != 31) {
            b.unsupported("writeback to the transfer register (constrained unpredictable)");
            return;
        }
        memoryAccess(b, f, w & 31, base, null, null, 0, disp, text, wb);
    }

    private void registerOffset(int w, Builder b) {
        int size = bits(w, 31, 30);
        int v = bits(w, 26, 26);
        int opc = bits(w, 23, 22);
        int option = bits(w, 15, 13);
        int s = bits(w, 12, 12);
        Form f = form(size, v, opc, "", "");
        if (f == null || (option & 2) == 0) {
            b.invalid("unallocated load/store (register offset)");
            return;
        }
        int log2 = f.simd() ? f.log2Size() : size;
        int amount = s == 1 ? log2 : 0;
        boolean xIndex = (option & 1) == 1;
        String base = rsp(true, bits(w, 9, 5));
        String index = r(xIndex, bits(w, 20, 16));
        String ext = option == 3 ? null : EXTEND[option];
        String tail;
        boolean byteSized = log2 == 0;
        if (option == 3) {
            tail = s == 1 ? ", lsl #" + amount : "";
        } else {
            tail = ", " + EXTEND[option] + (s == 1 ? " #" + amount : "");
        }
        if (byteSized && s == 1 && option == 3) {
            tail = ", lsl #0";
        }
        String text = "[" + base + ", " + index + tail + "]";
        memoryAccess(b, f, w & 31, base, index, ext, amount, 0, text, false);
    }

    private void literal(int w, Builder b) {
        int opc = bits(w, 31, 30);
        int v = bits(w, 26, 26);
        long off = signExtend(bits(w, 23, 5), 19) * 4;
        Form f;
        if (v == 1) {
            if (opc == 3) {
                b.invalid("unallocated literal load");
                return;
            }
            f = new Form("ldr", opc + 2, true, false, Access.READ);
        } else {
            f = switch (opc) {
                case 0 -> new Form("ldr", 2, false, false, Access.READ);
                case 1 -> new Form("ldr", 3, false, true, Access.READ);
                case 2 -> new Form("ldrsw", 2, false, true, Access.READ);
                default -> new Form("prfm", 3, false, true, Access.NONE);
            };
        }
        String text = "0x" + Long.toHexString(b.address + off);
        memoryAccess(b, f, w & 31, "pc", null, null, 0, off, text, false);
        b.reads.remove("pc");
    }

    private void pair(int w, Builder b) {
        int opc = bits(w, 31, 30);
        int v = bits(w, 26, 26);
        int idx = bits(w, 24, 23);
        boolean load = bits(w, 22, 22) == 1;
        int imm7 = bits(w, 21, 15);
        int rt2 = bits(w, 14, 10);
        int rn = bits(w, 9, 5);
        int rt = w & 31;
        String m;
        int log2;
        boolean x = false;
        if (v == 1) {
            if (opc == 3) {
                b.invalid("unallocated load/store pair");
                return;
            }
            log2 = opc + 2;
            m = load ? "ldp" : "stp";
        } else {
            switch (opc) {
                case 0 -> {
                    log2 = 2;
                    m = load ? "ldp" : "stp";
                }
                case 1 -> {
                    if (!load || idx == 0) {
                        b.unsupported("stgp or ldpsw no-allocate");
                        return;
                    }
                    log2 = 2;
                    x = true;
                    m = "ldpsw";
                }
                case 2 -> {
                    log2 = 3;
                    x = true;
                    m = load ? "ldp" : "stp";
                }
                default -> {
                    b.invalid("unallocated load/store pair");
                    return;
                }
            }
        }
        if (idx == 0) {
            m = load ? "ldnp" : "stnp";
        }
        int scale = v == 1 ? log2 : (opc == 2 ? 3 : 2);
        long off = signExtend(imm7, 7) << scale;
        String base = rsp(true, rn);
        String text;
        boolean wb = idx == 1 || idx == 3;
        long disp = off;
        switch (idx) {
            case 1 -> {
                text = "[" + base + "], #" + off;
                disp = 0;
            }
            case 3 -> text = "[" + base + ", #" + off + "]!";
            default -> text = off == 0 ? "[" + base + "]" : "[" + base + ", #" + off + "]";
        }
        if (load && rt == rt2) {
            b.unsupported("load pair into one register (constrained unpredictable)");
            return;
        }
        if (wb && v == 0 && rn != 31 && (rt == rn || rt2 == rn)) {
            b.unsupported("writeback to a transfer register (constrained unpredictable)");
            return;
        }
        String r1 = transferRegister(v == 1, log2, x, rt);
        String r2 = transferRegister(v == 1, log2, x, rt2);
        b.op(m);
        if (load) {
            b.write(r1).write(r2);
        } else {
            b.read(r1).read(r2);
        }
        MemoryOperand mo = new MemoryOperand(null, base, null, 1, disp, 2 << log2,
                load ? Access.READ : Access.WRITE, null);
        b.memory.add(mo);
        b.operands.add(new Operand.Memory(mo));
        b.texts.add(text);
        b.reads.add(base);
        if (wb) {
            b.writes.add(base);
        }
    }

    private void exclusive(int w, Builder b) {
        int size = bits(w, 31, 30);
        int o2 = bits(w, 23, 23);
        boolean load = bits(w, 22, 22) == 1;
        int o1 = bits(w, 21, 21);
        int rs = bits(w, 20, 16);
        int o0 = bits(w, 15, 15);
        int rt2 = bits(w, 14, 10);
        int rn = bits(w, 9, 5);
        int rt = w & 31;
        if (o1 == 1) {
            b.unsupported("exclusive pair or compare-and-swap");
            return;
        }
        String suffix = size == 0 ? "b" : size == 1 ? "h" : "";
        boolean x = size == 3;
        String m;
        if (o2 == 0) {
            m = (load ? (o0 == 1 ? "ldaxr" : "ldxr") : (o0 == 1 ? "stlxr" : "stxr")) + suffix;
        } else {
            m = (load ? (o0 == 1 ? "ldar" : "ldlar") : (o0 == 1 ? "stlr" : "stllr")) + suffix;
        }
        if (rt2 != 31 || (load || o2 == 1) && rs != 31) {
            b.unsupported("exclusive with non-default Rs/Rt2 fields");
            return;
        }
        String base = rsp(true, rn);
        b.op(m);
        if (!load && o2 == 0) {
            b.write(r(false, rs));
        }
        if (load) {
            b.write(r(x, rt));
        } else {
            b.read(r(x, rt));
        }
        MemoryOperand mo = new MemoryOperand(null, base, null, 1, 0, 1 << size, load ? Access.READ : Access.WRITE,
                null);
        b.memory.add(mo);
        b.operands.add(new Operand.Memory(mo));
        b.texts.add("[" + base + "]");
        b.reads.add(base);
    }
}
