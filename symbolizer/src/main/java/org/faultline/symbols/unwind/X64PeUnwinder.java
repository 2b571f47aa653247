package org.faultline.symbols.unwind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.pe.PeFile;
import org.faultline.symbols.pe.RuntimeFunction;
import org.faultline.symbols.pe.UnwindCode;
import org.faultline.symbols.pe.UnwindInfo;
import org.faultline.symbols.pe.UnwindOp;
import org.faultline.symbols.pe.X64ExceptionTable;

/**
 * Unwinds x64 frames with a PE image's exception data ({@code .pdata}/{@code .xdata}), the way
 * {@code RtlVirtualUnwind} does, for one module at a load base.
 *
 * <ol>
 * <li>The RUNTIME_FUNCTION covering the frame's lookup address ({@code pc}, or {@code pc - 1} for a return
 *     address) is found. None: a leaf function, {@code rip = [rsp]; rsp += 8}. An indirect entry (bit 0 of its
 *     unwind address set) is a fragment of the entry it points to: offsets count from that entry's start.</li>
 * <li>For a frame whose pc is the current instruction (the context or a trap frame), past the prolog: when the
 *     code at pc is the rest of an epilog ({@code add rsp, imm} or {@code lea rsp, [frame register + disp]},
 *     then {@code pop}s, then {@code ret}, {@code rep ret}, {@code ret imm16}, a {@code jmp rel} leaving the
 *     function or a {@code jmp [mem]}), that rest is emulated and the unwind ends there. The bytes come from
 *     the dump when it holds them, else from the image. Version-2 UWOP_EPILOG codes are not needed for this and
 *     are skipped.</li>
 * <li>Otherwise the unwind codes are undone in array order, skipping those whose CodeOffset lies beyond the
 *     pc's offset into the function (a partly run prolog): PUSH_NONVOL, ALLOC_SMALL, ALLOC_LARGE (both forms),
 *     SET_FPREG ({@code rsp = frame register - 16 × FrameOffset}), SAVE_NONVOL(_FAR) (relative to the frame base:
 *     the frame register less 16 × FrameOffset once SET_FPREG has run, else the rsp the unwind started from),
 *     SAVE_XMM128(_FAR) (XMM values are not tracked), PUSH_MACHFRAME (with or without an error code:
 *     {@code rip = [rsp]}, {@code rsp = [rsp + 24]}, no return address popped).</li>
 * <li>Chained UNWIND_INFO (UNW_FLAG_CHAININFO) is followed, every code of a parent applying, up to
 *     {@link X64ExceptionTable#MAX_CHAIN} entries; a loop fails the unwind.</li>
 * <li>Unless a machine frame set it, {@code rip = [rsp]; rsp += 8}.</li>
 * </ol>
 *
 * The caller's context holds rip, rsp, the non-volatile registers (rbx, rbp, rsi, rdi, r12–r15: restored or
 * carried forward) and any volatile register an unwind code restored. Unreadable stack, an allocation that
 * wraps the address space, or damaged unwind data give an empty result, never an exception.
 */
public final class X64PeUnwinder implements StackWalker.Unwinder {
    /** Most code bytes examined for an epilog. */
    public static final int MAX_EPILOG_BYTES = 64;
    static final String[] GPR = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11",
        "r12", "r13", "r14", "r15"};
    static final int RSP = 4;
    /** rbx, rbp, rsi, rdi, r12–r15. */
    static final int NONVOLATILE = 1 << 3 | 1 << 5 | 1 << 6 | 1 << 7 | 0xF000;
    private static final Entry DAMAGED = new Entry(null, List.of());

    private final PeFile image;
    private final X64ExceptionTable table;
    private final long base;
    private final long size;
    private final Map<Long, Entry> chains = new ConcurrentHashMap<>();

    private X64PeUnwinder(PeFile image, X64ExceptionTable table, long base) {
        this.image = image;
        this.table = table;
        this.base = base;
        this.size = image.sizeOfImage();
    }

    /** An unwinder for {@code image} loaded at {@code base}, when the image has an x64 exception table. */
    public static Optional<X64PeUnwinder> of(PeFile image, long base) {
        return image.x64ExceptionTable().map(t -> new X64PeUnwinder(image, t, base));
    }

    public long base() {
        return base;
    }

    @Override
    public Optional<CpuContext> unwind(StackFrame frame, CpuContext registers, MemoryReader memory) {
        return unwind(frame.pc(), frame.lookupAddress() == frame.pc(), registers, memory);
    }

    /**
     * Unwinds one frame.
     *
     * @param pc    the frame's instruction pointer
     * @param exact whether pc is the instruction about to run (context, trap frame) rather than a return address,
     *              whose call is looked up at {@code pc - 1}
     */
    public Optional<CpuContext> unwind(long pc, boolean exact, CpuContext registers, MemoryReader memory) {
        if (registers.architecture() != Architecture.AMD64) {
            return Optional.empty();
        }
        long lookup = exact ? pc : pc - 1;
        long rva = lookup - base;
        if (rva < 0 || rva >= size) {
            return Optional.empty();
        }
        Regs r = Regs.of(registers);
        if (!r.known(RSP)) {
            return Optional.empty();
        }
        Optional<RuntimeFunction> found = table.functionAt(rva);
        if (found.isEmpty()) {
            return r.popReturn(memory, 0) ? Optional.of(r.toContext()) : Optional.empty();
        }
        RuntimeFunction fn = found.get();
        Entry entry = entry(fn);
        if (entry == DAMAGED) {
            return Optional.empty();
        }
        List<UnwindInfo> chain = entry.chain();
        long offset = pc - base - entry.owner().beginAddress();
        if (offset < 0) {
            offset = Long.MAX_VALUE; // a fragment placed before its function: past the prolog
        }
        if (exact && offset >= chain.get(0).sizeOfProlog()) {
            byte[] code = codeAt(pc, base + fn.endAddress() - pc, memory);
            int epilog = X64Epilog.unwind(code, pc, base + fn.beginAddress(), base + fn.endAddress(),
                    chain.get(0).frameRegister(), r, memory);
            if (epilog == X64Epilog.DONE) {
                return Optional.of(r.toContext());
            }
            if (epilog == X64Epilog.FAILED) {
                return Optional.empty();
            }
        }
        return apply(chain, offset, r, memory) ? Optional.of(r.toContext()) : Optional.empty();
    }

    /**
     * A function's unwind chain, and the entry whose start its prolog offsets count from: the entry itself, or for
     * an indirect entry (bit 0 of its unwind address set: a fragment sharing another entry's unwind data) that
     * other entry.
     */
    private record Entry(RuntimeFunction owner, List<UnwindInfo> chain) {
    }

    private Entry entry(RuntimeFunction fn) {
        return chains.computeIfAbsent(fn.beginAddress(), k -> {
            try {
                RuntimeFunction owner = fn;
                if (fn.isIndirect()) {
                    owner = RuntimeFunction.read(image.cursorAtRva("RUNTIME_FUNCTION (indirect)",
                            fn.unwindInfoAddress() & ~1L, RuntimeFunction.SIZE, 0));
                }
                return new Entry(owner, table.unwindChain(fn));
            } catch (DumpFormatException e) {
                return DAMAGED;
            }
        });
    }

    /** Up to {@link #MAX_EPILOG_BYTES} code bytes at pc (fewer at the function's end): the dump's, else the image's. */
    private byte[] codeAt(long pc, long toEnd, MemoryReader memory) {
        int n = (int) Math.max(0, Math.min(MAX_EPILOG_BYTES, toEnd));
        if (n == 0) {
            return new byte[0];
        }
        Optional<byte[]> fromDump = memory.read(pc, n);
        if (fromDump.isPresent()) {
            return fromDump.get();
        }
        long rva = pc - base;
        long avail = Math.min(n, image.availableAtRva(rva));
        if (avail <= 0) {
            return new byte[0];
        }
        try {
            return image.cursorAtRva("code", rva, avail, 0).bytes((int) avail);
        } catch (DumpFormatException e) {
            return new byte[0];
        }
    }

    /**
     * Undoes a function's unwind codes: the primary UNWIND_INFO first (codes beyond {@code prologOffset} skipped),
     * then each chained one in full, then pops the return address unless a machine frame supplied rip.
     *
     * @return false when the stack could not be read or the data is unusable
     */
    static boolean apply(List<UnwindInfo> chain, long prologOffset, Regs r, MemoryReader memory) {
        boolean machineFrame = false;
        for (int k = 0; k < chain.size(); k++) {
            UnwindInfo u = chain.get(k);
            boolean primary = k == 0;
            int fr = u.frameRegister();
            long frameBase;
            if (fr != 0 && (!primary || setsFramePointer(u, prologOffset))) {
                if (!r.known(fr)) {
                    return false;
                }
                frameBase = r.get(fr) - 16L * u.frameOffset();
            } else {
                frameBase = r.get(RSP);
            }
            for (UnwindCode c : u.codes()) {
                if (c.op() == UnwindOp.EPILOG || c.op() == UnwindOp.SPARE_CODE) {
                    continue;
                }
                if (primary && c.codeOffset() > prologOffset) {
                    continue; // that prolog instruction has not run yet
                }
                switch (c.op()) {
                    case PUSH_NONVOL -> {
                        if (!r.pop(c.opInfo(), memory)) {
                            return false;
                        }
                    }
                    case ALLOC_SMALL, ALLOC_LARGE -> {
                        if (!r.addRsp(c.operand())) {
                            return false;
                        }
                    }
                    case SET_FPREG -> {
                        if (fr == 0 || !r.known(fr)) {
                            return false;
                        }
                        r.set(RSP, r.get(fr) - 16L * u.frameOffset());
                    }
                    case SAVE_NONVOL, SAVE_NONVOL_FAR -> {
                        Optional<Long> v = memory.readU64(frameBase + c.operand());
                        if (v.isEmpty()) {
                            return false;
                        }
                        r.restore(c.opInfo(), v.get());
                    }
                    case SAVE_XMM128, SAVE_XMM128_FAR -> {
                        // XMM registers are not tracked
                    }
                    case PUSH_MACHFRAME -> {
                        long at = r.get(RSP) + (c.opInfo() == 1 ? 8 : 0);
                        Optional<Long> rip = memory.readU64(at);
                        Optional<Long> rsp = memory.readU64(at + 24);
                        if (rip.isEmpty() || rsp.isEmpty()) {
                            return false;
                        }
                        r.rip = rip.get();
                        r.set(RSP, rsp.get());
                        machineFrame = true;
                    }
                    default -> {
                        return false;
                    }
                }
            }
        }
        return machineFrame || r.popReturn(memory, 0);
    }

    /** Whether {@code u}'s SET_FPREG has run at {@code prologOffset}. */
    private static boolean setsFramePointer(UnwindInfo u, long prologOffset) {
        for (UnwindCode c : u.codes()) {
            if (c.op() == UnwindOp.SET_FPREG) {
                return c.codeOffset() <= prologOffset;
            }
        }
        return false;
    }

    /** The integer registers being unwound, with which are known. */
    static final class Regs {
        final long[] value = new long[16];
        int known;
        int restored;
        long rip;

        static Regs of(CpuContext context) {
            Regs r = new Regs();
            for (int i = 0; i < 16; i++) {
                Long v = context.registers().get(GPR[i]);
                if (v != null) {
                    r.value[i] = v;
                    r.known |= 1 << i;
                }
            }
            r.rip = context.instructionPointer();
            return r;
        }

        boolean known(int reg) {
            return (known & 1 << reg) != 0;
        }

        long get(int reg) {
            return value[reg];
        }

        void set(int reg, long v) {
            value[reg] = v;
            known |= 1 << reg;
        }

        void restore(int reg, long v) {
            set(reg, v);
            restored |= 1 << reg;
        }

        /** {@code rsp += n}, refusing a wrap past the top of the address space. */
        boolean addRsp(long n) {
            long rsp = value[RSP];
            long next = rsp + n;
            if (Long.compareUnsigned(next, rsp) < 0) {
                return false;
            }
            value[RSP] = next;
            return true;
        }

        boolean pop(int reg, MemoryReader memory) {
            Optional<Long> v = memory.readU64(value[RSP]);
            if (v.isEmpty() || !addRsp(8)) {
                return false;
            }
            if (reg != RSP) {
                restore(reg, v.get());
            } else {
                value[RSP] = v.get();
            }
            return true;
        }

        /** {@code rip = [rsp]; rsp += 8 + extra}. */
        boolean popReturn(MemoryReader memory, long extra) {
            Optional<Long> v = memory.readU64(value[RSP]);
            if (v.isEmpty() || !addRsp(8 + extra)) {
                return false;
            }
            rip = v.get();
            return true;
        }

        CpuContext toContext() {
            Map<String, Long> out = new LinkedHashMap<>();
            int keep = known & (NONVOLATILE | restored | 1 << RSP);
            for (int i = 0; i < 16; i++) {
                if ((keep & 1 << i) != 0) {
                    out.put(GPR[i], value[i]);
                }
            }
            out.put("rip", rip);
            return new CpuContext(Architecture.AMD64, 0, out);
        }
    }
}
