package org.faultline.symbols.unwind;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.pe.Arm64EpilogScope;
import org.faultline.symbols.pe.Arm64ExceptionTable;
import org.faultline.symbols.pe.Arm64PackedUnwind;
import org.faultline.symbols.pe.Arm64RuntimeFunction;
import org.faultline.symbols.pe.Arm64UnwindCode;
import org.faultline.symbols.pe.Arm64UnwindData;
import org.faultline.symbols.pe.PeFile;

/**
 * Unwinds ARM64 frames with a PE image's exception data, following Microsoft's "ARM64 exception handling"
 * documentation, for one module at a load base.
 *
 * <ul>
 * <li>No {@code .pdata} entry: a leaf that saved nothing, {@code pc = lr} (only for the context or a trap frame:
 *     a caller frame's lr is not known).</li>
 * <li>Packed entries (Flag 1): the canonical prolog is expanded into the unwind codes it stands for (see
 *     {@link #packedCodes}); Flag 2 fragments run those codes in full (they have no prolog or epilog).</li>
 * <li>{@code .xdata} entries: the prolog codes (from index 0 to {@code end}, continuing through an
 *     {@code end_c} into the parent's "phantom" prolog), or an epilog's codes.</li>
 * <li>Inside a prolog (counting instructions from the function start; each code but {@code end}/{@code end_c}
 *     is one instruction) the codes of instructions not yet run are skipped; at the current instruction of an
 *     epilog (an epilog scope, the single packed-E epilog placed at the function's end, or a packed function's
 *     epilog: its prolog codes less {@code set_fp} and the parameter-homing {@code nop}s, then {@code ret},
 *     at the end) the codes of the instructions already run are skipped and the rest executed.</li>
 * <li>Codes: {@code alloc_s/m/l}, {@code save_r19r20_x}, {@code save_fplr(_x)}, {@code save_regp(_x)},
 *     {@code save_reg(_x)}, {@code save_lrpair}, {@code save_fregp(_x)}, {@code save_freg(_x)} (d registers are
 *     not tracked, the stack adjustments are), {@code set_fp}, {@code add_fp}, {@code nop}, {@code end},
 *     {@code end_c}, {@code save_next} (following pairs in "growing up" order, from the last integer pair into
 *     d8/d9), {@code pac_sign_lr} (the restored return address has its pointer-authentication bits cleared,
 *     assuming 48-bit virtual addresses), {@code MSFT_OP_CLEAR_UNWOUND_TO_CALL} (no effect here).
 *     Unsupported, failing the unwind: {@code alloc_z} (SVE), {@code save_any_reg}, {@code MSFT_OP_TRAP_FRAME},
 *     {@code MSFT_OP_MACHINE_FRAME}, {@code MSFT_OP_CONTEXT}, {@code MSFT_OP_EC_CONTEXT}, reserved codes.</li>
 * <li>Then {@code pc = lr}. A caller frame whose codes did not restore lr fails (its lr is unknown).</li>
 * </ul>
 * The caller's context has pc, sp, lr and the non-volatile x19–x28 and fp, restored or carried forward.
 */
public final class Arm64PeUnwinder implements StackWalker.Unwinder {
    static final int FP = 29;
    static final int LR = 30;
    private static final Plan DAMAGED = new Plan(List.of(), 0, List.of(), -1);

    private final Arm64ExceptionTable table;
    private final long base;
    private final long size;
    private final Map<Long, Plan> plans = new ConcurrentHashMap<>();

    private Arm64PeUnwinder(PeFile image, Arm64ExceptionTable table, long base) {
        this.table = table;
        this.base = base;
        this.size = image.sizeOfImage();
    }

    /** An unwinder for {@code image} loaded at {@code base}, when the image has an ARM64 exception table. */
    public static Optional<Arm64PeUnwinder> of(PeFile image, long base) {
        return image.arm64ExceptionTable().map(t -> new Arm64PeUnwinder(image, t, base));
    }

    @Override
    public Optional<CpuContext> unwind(StackFrame frame, CpuContext registers, MemoryReader memory) {
        return unwind(frame.pc(), frame.lookupAddress() == frame.pc(), registers, memory);
    }

    /**
     * Unwinds one frame.
     *
     * @param exact whether pc is the instruction about to run (context, trap frame) rather than a return address
     */
    public Optional<CpuContext> unwind(long pc, boolean exact, CpuContext registers, MemoryReader memory) {
        if (registers.architecture() != Architecture.ARM64) {
            return Optional.empty();
        }
        long lookup = exact ? pc : pc - 1;
        long rva = lookup - base;
        if (rva < 0 || rva >= size) {
            return Optional.empty();
        }
        State s = State.of(registers);
        if (!s.spKnown) {
            return Optional.empty();
        }
        Optional<Arm64RuntimeFunction> found;
        try {
            found = table.functionAt(rva);
        } catch (DumpFormatException e) {
            return Optional.empty();
        }
        if (found.isEmpty()) {
            if (!exact || !s.known(LR)) {
                return Optional.empty();
            }
            return s.finish(false);
        }
        Plan plan = planOf(found.get());
        if (plan == DAMAGED) {
            return Optional.empty();
        }
        long offset = pc - base - found.get().beginAddress();
        return run(plan, offset, exact, s, memory) ? s.finish(!exact) : Optional.empty();
    }

    /** What to run for one function: its prolog (body) codes and its epilogs. */
    record Plan(List<Arm64UnwindCode> prolog, int prologInstructions, List<Epilog> epilogs, long functionLength) {
    }

    /** An epilog at {@code start} bytes into the function, with its codes (the last is {@code end}). */
    record Epilog(long start, List<Arm64UnwindCode> codes) {
        /** Its instructions: one per instruction code, and the final {@code ret} (or branch) for {@code end}. */
        int instructions() {
            return instructions(codes);
        }

        static int instructions(List<Arm64UnwindCode> codes) {
            int n = 0;
            for (Arm64UnwindCode c : codes) {
                if (c.opcode() == 0xE4) {
                    return n + 1;
                }
                if (isInstruction(c)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** The (cached) plan of one entry; {@link #DAMAGED} (function length -1) when its data is unusable. */
    Plan planOf(Arm64RuntimeFunction f) {
        return plans.computeIfAbsent(f.beginAddress(), k -> plan(f));
    }

    private Plan plan(Arm64RuntimeFunction f) {
        try {
            if (f.isPacked()) {
                Arm64PackedUnwind p = f.packed();
                byte[] codes = packedCodes(p);
                if (codes == null) {
                    return DAMAGED;
                }
                List<Arm64UnwindCode> prolog = sequence(codes, 0);
                if (p.flag() == 2) {
                    return new Plan(prolog, 0, List.of(), p.functionLength());
                }
                List<Arm64UnwindCode> epilog = new ArrayList<>();
                for (Arm64UnwindCode c : prolog) {
                    if (c.opcode() != 0xE1 && c.opcode() != 0xE3) {
                        epilog.add(c); // the epilog has no mov x29,sp and no parameter homing
                    }
                }
                long start = p.functionLength() - 4L * Epilog.instructions(epilog);
                return new Plan(prolog, instructions(prolog), List.of(new Epilog(start, epilog)), p.functionLength());
            }
            Arm64UnwindData d = table.unwindData(f);
            byte[] codes = d.unwindCodes();
            List<Arm64UnwindCode> prolog = sequence(codes, 0);
            List<Epilog> epilogs = new ArrayList<>();
            if (d.epilogPacked()) {
                List<Arm64UnwindCode> e = sequence(codes, d.epilogCount());
                epilogs.add(new Epilog(d.functionLength() - 4L * Epilog.instructions(e), e));
            } else {
                for (Arm64EpilogScope scope : d.epilogScopes()) {
                    epilogs.add(new Epilog(scope.startOffsetBytes(), sequence(codes, scope.startIndex())));
                }
            }
            return new Plan(prolog, instructions(prolog), epilogs, d.functionLength());
        } catch (DumpFormatException e) {
            return DAMAGED;
        }
    }

    /** Instructions in a prolog: its instruction codes before the first {@code end} or {@code end_c}. */
    private static int instructions(List<Arm64UnwindCode> codes) {
        int n = 0;
        for (Arm64UnwindCode c : codes) {
            if (c.isEnd()) {
                break;
            }
            if (isInstruction(c)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether a code stands for one prolog or epilog instruction: every code but {@code end} (the epilog's
     * {@code ret}, counted apart), {@code end_c} and {@code MSFT_OP_CLEAR_UNWOUND_TO_CALL}, a marker.
     */
    static boolean isInstruction(Arm64UnwindCode c) {
        int op = c.opcode();
        return op != 0xE4 && op != 0xE5 && op != 0xEC;
    }

    /** The codes from byte {@code start} to {@code end}, reading on through each {@code end_c}. */
    static List<Arm64UnwindCode> sequence(byte[] codes, int start) {
        List<Arm64UnwindCode> out = new ArrayList<>();
        int at = start;
        while (at >= 0 && at < codes.length) {
            List<Arm64UnwindCode> part = Arm64UnwindCode.decode(codes, at);
            if (part.isEmpty()) {
                break;
            }
            out.addAll(part);
            Arm64UnwindCode last = part.get(part.size() - 1);
            if (last.opcode() != 0xE5) {
                break;
            }
            at = last.index() + 1;
        }
        return out;
    }

    private static boolean run(Plan plan, long offset, boolean exact, State s, MemoryReader memory) {
        if (plan.prologInstructions() > 0 && offset / 4 < plan.prologInstructions()) {
            int skip = (int) (plan.prologInstructions() - offset / 4);
            return execute(plan.prolog(), skip, s, memory);
        }
        if (exact) {
            for (Epilog e : plan.epilogs()) {
                long into = offset - e.start();
                if (into >= 0 && into < 4L * e.instructions()) {
                    return execute(e.codes(), (int) (into / 4), s, memory);
                }
            }
        }
        return execute(plan.prolog(), 0, s, memory);
    }

    /** What an unwind code does, decoded. */
    enum Kind {
        /** {@code sub sp, sp, #spAdjust} in the prolog: undone by adding. */
        ALLOC,
        /** x{@code reg}, x{@code reg2} stored at {@code [sp + offset]}, then sp moved up by {@code spAdjust}. */
        SAVE_PAIR,
        /** x{@code reg} stored at {@code [sp + offset]}, then sp moved up by {@code spAdjust}. */
        SAVE_REG,
        /** d{@code reg}, d{@code reg2} (not tracked; only {@code spAdjust} matters). */
        SAVE_FPAIR,
        /** d{@code reg} (not tracked). */
        SAVE_FREG,
        /** {@code sp = fp - offset} (set_fp: offset 0; add_fp). */
        SET_FP,
        SAVE_NEXT,
        PAC_SIGN_LR,
        NOP,
        END,
        END_C,
        /** MSFT_OP_CLEAR_UNWOUND_TO_CALL: nothing to undo here. */
        CLEAR_UNWOUND_TO_CALL,
        /** alloc_z, save_any_reg, the custom-stack codes, reserved codes, or a code cut short. */
        UNSUPPORTED
    }

    /**
     * A decoded unwind code. For the pre-indexed saves ({@code _x} forms) {@code offset} is 0 and {@code spAdjust}
     * the pre-decrement; {@code reg} numbers are x0–x30 (29 fp, 30 lr) or, for the FP kinds, d0–d31.
     */
    record Op(Kind kind, int reg, int reg2, long offset, long spAdjust) {
        static Op of(Kind kind) {
            return new Op(kind, -1, -1, 0, 0);
        }
    }

    /** Decodes one code per Microsoft's ARM64 unwind code table. */
    static Op decode(Arm64UnwindCode code) {
        byte[] b = code.bytes();
        int op = b[0] & 0xFF;
        if (b.length < Arm64UnwindCode.length(op)) {
            return Op.of(Kind.UNSUPPORTED);
        }
        int b1 = b.length > 1 ? b[1] & 0xFF : 0;
        if (op < 0x20) {
            return new Op(Kind.ALLOC, -1, -1, 0, (op & 0x1F) * 16L); // alloc_s
        }
        if (op < 0x40) {
            return new Op(Kind.SAVE_PAIR, 19, 20, 0, (op & 0x1F) * 8L); // save_r19r20_x
        }
        if (op < 0x80) {
            return new Op(Kind.SAVE_PAIR, FP, LR, (op & 0x3F) * 8L, 0); // save_fplr
        }
        if (op < 0xC0) {
            return new Op(Kind.SAVE_PAIR, FP, LR, 0, ((op & 0x3F) + 1) * 8L); // save_fplr_x
        }
        if (op < 0xC8) {
            return new Op(Kind.ALLOC, -1, -1, 0, (((op & 7) << 8) | b1) * 16L); // alloc_m
        }
        int x4 = ((op & 3) << 2) | (b1 >> 6);
        int x3 = ((op & 1) << 2) | (b1 >> 6);
        int z6 = b1 & 0x3F;
        int z5 = b1 & 0x1F;
        if (op < 0xCC) {
            return new Op(Kind.SAVE_PAIR, 19 + x4, 20 + x4, z6 * 8L, 0); // save_regp
        }
        if (op < 0xD0) {
            return new Op(Kind.SAVE_PAIR, 19 + x4, 20 + x4, 0, (z6 + 1) * 8L); // save_regp_x
        }
        if (op < 0xD4) {
            return new Op(Kind.SAVE_REG, 19 + x4, -1, z6 * 8L, 0); // save_reg
        }
        if (op < 0xD6) {
            int x = ((op & 1) << 3) | (b1 >> 5);
            return new Op(Kind.SAVE_REG, 19 + x, -1, 0, (z5 + 1) * 8L); // save_reg_x
        }
        if (op < 0xD8) {
            return new Op(Kind.SAVE_PAIR, 19 + 2 * x3, LR, z6 * 8L, 0); // save_lrpair
        }
        if (op < 0xDA) {
            return new Op(Kind.SAVE_FPAIR, 8 + x3, 9 + x3, z6 * 8L, 0); // save_fregp
        }
        if (op < 0xDC) {
            return new Op(Kind.SAVE_FPAIR, 8 + x3, 9 + x3, 0, (z6 + 1) * 8L); // save_fregp_x
        }
        if (op < 0xDE) {
            return new Op(Kind.SAVE_FREG, 8 + x3, -1, z6 * 8L, 0); // save_freg
        }
        return switch (op) {
            case 0xDE -> new Op(Kind.SAVE_FREG, 8 + (b1 >> 5), -1, 0, (z5 + 1) * 8L); // save_freg_x
            case 0xE0 -> new Op(Kind.ALLOC, -1, -1, 0,
                    (((long) b1 << 16) | (b[2] & 0xFF) << 8 | (b[3] & 0xFF)) * 16L); // alloc_l
            case 0xE1 -> new Op(Kind.SET_FP, -1, -1, 0, 0);
            case 0xE2 -> new Op(Kind.SET_FP, -1, -1, b1 * 8L, 0); // add_fp
            case 0xE3 -> Op.of(Kind.NOP);
            case 0xE4 -> Op.of(Kind.END);
            case 0xE5 -> Op.of(Kind.END_C);
            case 0xE6 -> Op.of(Kind.SAVE_NEXT);
            case 0xEC -> Op.of(Kind.CLEAR_UNWOUND_TO_CALL);
            case 0xFC -> Op.of(Kind.PAC_SIGN_LR);
            default -> Op.of(Kind.UNSUPPORTED); // alloc_z, save_any_reg, custom stacks, reserved
        };
    }

    /**
     * Executes unwind codes, after skipping the first {@code skip} instruction codes (instructions of a prolog
     * not yet run, or of an epilog already run), until {@code end} (or the list's end).
     *
     * @return false when the stack could not be read or a code is unsupported
     */
    static boolean execute(List<Arm64UnwindCode> codes, int skip, State s, MemoryReader memory) {
        int pendingNext = 0;
        int first = 0;
        for (int skipped = 0; first < codes.size() && skipped < skip; first++) {
            if (codes.get(first).opcode() == 0xE4) {
                return true;
            }
            if (isInstruction(codes.get(first))) {
                skipped++;
            }
        }
        for (int i = first; i < codes.size(); i++) {
            Op op = decode(codes.get(i));
            boolean ok = switch (op.kind()) {
                case ALLOC -> s.addSp(op.spAdjust());
                case SAVE_PAIR -> {
                    boolean loaded = op.reg2() == LR || op.reg() == FP
                            ? s.loadPair(op.reg(), op.reg2(), s.sp + op.offset(), memory)
                            : s.loadPairs(op.reg(), s.sp + op.offset(), pendingNext, memory);
                    pendingNext = 0;
                    yield loaded && s.addSp(op.spAdjust());
                }
                case SAVE_REG -> s.load(op.reg(), s.sp + op.offset(), memory) && s.addSp(op.spAdjust());
                case SAVE_FPAIR -> {
                    pendingNext = 0;
                    yield s.addSp(op.spAdjust());
                }
                case SAVE_FREG -> s.addSp(op.spAdjust());
                case SET_FP -> s.setSpFromFp(op.offset());
                case SAVE_NEXT -> ++pendingNext <= 16;
                case PAC_SIGN_LR -> {
                    s.signed = true;
                    yield true;
                }
                case NOP, END_C, CLEAR_UNWOUND_TO_CALL -> true; // after end_c come the parent's codes
                case END -> true;
                case UNSUPPORTED -> false;
            };
            if (!ok) {
                return false;
            }
            if (op.kind() == Kind.END) {
                return true;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Packed unwind data

    /**
     * The unwind codes (in unwind order, ending with {@code end}) that a packed {@code .pdata} word stands for, per
     * the canonical prolog of Microsoft's table: PAC signing (CR 2), the integer saves from x19 up (the first
     * pre-decrementing by the save area), lr (CR 1), the d8+ saves, the parameter homing (H: four {@code nop}s),
     * then the frame: {@code stp x29,lr,[sp,#-locsz]!; mov x29,sp} (CR 2/3, locsz ≤ 512), {@code sub sp; stp
     * x29,lr,[sp]; add x29,sp,0} (CR 2/3, larger; a second {@code sub} past 4080), or {@code sub sp} (CR 0/1).
     * Two cases the table leaves implicit, as Microsoft's tools treat them: CR 1 with RegI 1 saves
     * {@code sub sp,sp,#savsz; stp x19,lr,[sp]} (the "only x19 saved" layout), and H with no register saved
     * (RegI 0, RegF 0, CR ≠ 1) homes the parameters after the prolog, the final allocation covering the whole
     * frame.
     *
     * @return the codes, or {@code null} when the word describes no valid canonical prolog (RegI > 10, a
     *         negative local area, a chained frame with no room for x29/lr)
     */
    public static byte[] packedCodes(Arm64PackedUnwind p) {
        int regI = p.regI();
        int regF = p.regF();
        int cr = p.cr();
        boolean homed = p.homedParameters();
        if (regI > 10) {
            return null;
        }
        if (homed && regI == 0 && regF == 0 && cr != 1) {
            homed = false; // homed after the prolog; the frame allocation includes the home area
        }
        int intsz = regI * 8 + (cr == 1 ? 8 : 0);
        int fpsz = regF > 0 ? (regF + 1) * 8 : 0;
        int savsz = (intsz + fpsz + (homed ? 64 : 0) + 15) & ~15;
        long locsz = p.frameSize() - savsz;
        if (locsz < 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean chained = cr == 2 || cr == 3;
        if (chained) {
            if (locsz < 16) {
                return null;
            }
            out.write(0xE1); // mov x29, sp / add x29, sp, #0
            if (locsz <= 512) {
                out.write(0x80 | (int) (locsz / 8 - 1)); // save_fplr_x: stp x29, lr, [sp, #-locsz]!
            } else {
                out.write(0x40); // save_fplr: stp x29, lr, [sp, #0]
                allocations(out, locsz);
            }
        } else if (locsz > 0) {
            allocations(out, locsz);
        }
        if (homed) {
            for (int i = 0; i < 4; i++) {
                out.write(0xE3); // stp x(2k), x(2k+1), [sp, #...]: nothing to undo
            }
        }
        int floatRegs = regF > 0 ? regF + 1 : 0;
        for (int i = (floatRegs + 1) / 2 - 1; i >= 0; i--) {
            int z = (intsz + 16 * i) / 8;
            if (i == (floatRegs + 1) / 2 - 1 && floatRegs % 2 == 1) {
                twoBytes(out, 0xDC, 2 * i, 3, z); // save_freg: str d(8+2i), [sp, #intsz+16i]
            } else if (i == 0 && regI == 0 && cr != 1) {
                twoBytes(out, 0xDA, 0, 3, savsz / 8 - 1); // save_fregp_x: stp d8, d9, [sp, #-savsz]!
            } else {
                twoBytes(out, 0xD8, 2 * i, 3, z); // save_fregp: stp d(8+2i), d(9+2i), [sp, #intsz+16i]
            }
        }
        if (cr == 1 && regI % 2 == 0) {
            if (regI == 0) {
                out.write(0xD4 | (11 >> 3)); // save_reg_x x30: str lr, [sp, #-savsz]!
                out.write((11 & 7) << 5 | (savsz / 8 - 1));
            } else {
                twoBytes(out, 0xD0, 11, 4, (intsz - 8) / 8); // save_reg x30: str lr, [sp, #intsz-8]
            }
        }
        for (int i = (regI + 1) / 2 - 1; i >= 0; i--) {
            boolean lastOdd = i == (regI + 1) / 2 - 1 && regI % 2 == 1;
            if (lastOdd && cr == 1) {
                twoBytes(out, 0xD6, i, 3, 2 * i); // save_lrpair: stp x(19+2i), lr, [sp, #16i]
                if (i == 0) {
                    allocations(out, savsz); // sub sp, sp, #savsz
                }
            } else if (lastOdd) {
                if (i == 0) {
                    out.write(0xD4); // save_reg_x x19: str x19, [sp, #-savsz]!
                    out.write(savsz / 8 - 1);
                } else {
                    twoBytes(out, 0xD0, 2 * i, 4, 2 * i); // save_reg: str x(19+2i), [sp, #16i]
                }
            } else if (i == 0) {
                twoBytes(out, 0xCC, 0, 4, savsz / 8 - 1); // save_regp_x: stp x19, x20, [sp, #-savsz]!
            } else {
                twoBytes(out, 0xC8, 2 * i, 4, 2 * i); // save_regp: stp x(19+2i), x(20+2i), [sp, #16i]
            }
        }
        if (cr == 2) {
            out.write(0xFC); // pac_sign_lr: pacibsp
        }
        out.write(0xE4);
        return out.toByteArray();
    }

    /**
     * A two-byte code {@code prefix | X high bits}, {@code X low 2 bits << 6 | Z} for the 6-bit-Z forms.
     *
     * @param xBits the width of X (3 or 4)
     */
    private static void twoBytes(ByteArrayOutputStream out, int prefix, int x, int xBits, int z) {
        out.write(prefix | (x >> 2) & (xBits == 4 ? 3 : 1));
        out.write((x & 3) << 6 | (z & 0x3F));
    }

    /** {@code sub sp} of {@code bytes}: one code, or 4080 then the rest past 4080 (unwind order: the rest first). */
    private static void allocations(ByteArrayOutputStream out, long bytes) {
        if (bytes > 4080) {
            allocation(out, bytes - 4080);
            allocation(out, 4080);
        } else {
            allocation(out, bytes);
        }
    }

    private static void allocation(ByteArrayOutputStream out, long bytes) {
        long units = bytes / 16;
        if (units < 32) {
            out.write((int) units); // alloc_s
        } else if (units < 2048) {
            out.write(0xC0 | (int) (units >> 8)); // alloc_m
            out.write((int) units & 0xFF);
        } else {
            out.write(0xE0); // alloc_l
            out.write((int) (units >> 16) & 0xFF);
            out.write((int) (units >> 8) & 0xFF);
            out.write((int) units & 0xFF);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The registers being unwound: x0–x30 (x29 fp, x30 lr), sp, pc. */
    static final class State {
        final long[] x = new long[31];
        long known;
        long restored;
        long sp;
        boolean spKnown;
        boolean signed;

        static State of(CpuContext c) {
            State s = new State();
            Map<String, Long> r = c.registers();
            for (int i = 0; i < 29; i++) {
                Long v = r.get("x" + i);
                if (v != null) {
                    s.set(i, v);
                }
            }
            Long fp = r.getOrDefault("fp", r.get("x29"));
            if (fp != null) {
                s.set(FP, fp);
            }
            Long lr = r.getOrDefault("lr", r.get("x30"));
            if (lr != null) {
                s.set(LR, lr);
            }
            Long sp = r.get("sp");
            if (sp != null) {
                s.sp = sp;
                s.spKnown = true;
            }
            return s;
        }

        boolean known(int reg) {
            return (known & 1L << reg) != 0;
        }

        void set(int reg, long v) {
            x[reg] = v;
            known |= 1L << reg;
        }

        boolean addSp(long n) {
            long next = sp + n;
            if (Long.compareUnsigned(next, sp) < 0) {
                return false;
            }
            sp = next;
            return true;
        }

        boolean setSpFromFp(long minus) {
            if (!known(FP)) {
                return false;
            }
            sp = x[FP] - minus;
            return true;
        }

        boolean load(int reg, long address, MemoryReader memory) {
            if (reg > LR) {
                return false;
            }
            Optional<Long> v = memory.readU64(address);
            if (v.isEmpty()) {
                return false;
            }
            set(reg, v.get());
            restored |= 1L << reg;
            return true;
        }

        boolean loadPair(int first, int second, long address, MemoryReader memory) {
            return load(first, address, memory) && load(second, address + 8, memory);
        }

        /**
         * The pair starting at x{@code first}, then {@code next} more pairs in the following 16-byte slots;
         * pairs past x28 are d8/d9 onwards (not tracked).
         */
        boolean loadPairs(int first, long address, int next, MemoryReader memory) {
            for (int k = 0; k <= next; k++) {
                int reg = first + 2 * k;
                if (reg + 1 > 28 && k > 0) {
                    break;
                }
                if (!loadPair(reg, reg + 1, address + 16L * k, memory)) {
                    return false;
                }
            }
            return true;
        }

        /** pc = lr; a caller frame must have restored lr from its stack. */
        Optional<CpuContext> finish(boolean requireRestoredLr) {
            if (!known(LR) || (requireRestoredLr && (restored & 1L << LR) == 0)) {
                return Optional.empty();
            }
            long pc = x[LR];
            if (signed) {
                pc = (pc & 1L << 55) != 0 ? pc | 0xFFFF_0000_0000_0000L : pc & 0x0000_FFFF_FFFF_FFFFL;
            }
            Map<String, Long> out = new LinkedHashMap<>();
            for (int i = 19; i <= 28; i++) {
                if (known(i)) {
                    out.put("x" + i, x[i]);
                }
            }
            if (known(FP)) {
                out.put("fp", x[FP]);
            }
            out.put("lr", pc);
            out.put("sp", sp);
            out.put("pc", pc);
            return Optional.of(new CpuContext(Architecture.ARM64, 0, out));
        }
    }
}
