package org.faultline.symbols.unwind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.context.TrapFrames;
import org.faultline.symbols.ModuleMap;

/**
 * Walks a thread's stack from a starting CONTEXT. Each step tries, in order: a caller-supplied
 * {@link Unwinder} (call-frame information from PE unwind data or Breakpad CFI); on x64 kernel stacks a
 * KTRAP_FRAME at the current position (so the walk continues from the faulting instruction the way WinDbg
 * shows TRAP_FRAME); the frame-pointer chain (x86 EBP, ARM64 FP/LR); and last a scan of the stack for slots
 * that hold return addresses into module code, preceded by a call instruction when the code bytes exist.
 * Every frame says how it was found. The walk is bounded in frames and in bytes scanned. When the unwinder
 * answers with a return address of 0, the walk ends there (the thread's first frame), as Breakpad's does.
 */
public final class StackWalker {
    /** Most frames a walk returns. */
    public static final int MAX_FRAMES = 256;
    /** Most stack bytes a scan looks through from one frame to the next. */
    public static final int MAX_SCAN_BYTES = 0x8000;

    /** Unwinds one frame with call-frame information, when it has some for the frame's module. */
    @FunctionalInterface
    public interface Unwinder {
        /** The caller's registers, or empty when there is no unwind information for {@code frame}. */
        Optional<CpuContext> unwind(StackFrame frame, CpuContext registers, MemoryReader memory);
    }

    private final MemoryReader memory;
    private final ModuleMap modules;
    private final Architecture arch;
    private final Unwinder unwinder;

    public StackWalker(MemoryReader memory, ModuleMap modules, Architecture arch, Unwinder unwinder) {
        this.memory = memory;
        this.modules = modules;
        this.arch = arch;
        this.unwinder = unwinder;
    }

    /** A walker with no call-frame information (trap frames, frame pointers and scanning only). */
    public StackWalker(MemoryReader memory, ModuleMap modules, Architecture arch) {
        this(memory, modules, arch, (f, r, m) -> Optional.empty());
    }

    private int pointerSize() {
        return arch.pointerSize();
    }

    private Optional<Long> readPointer(long address) {
        return pointerSize() == 8 ? memory.readU64(address) : memory.readU32(address);
    }

    /** Walks from {@code start}; {@code stackEnd} bounds the scan (0 when unknown). */
    public List<StackFrame> walk(CpuContext start, long stackEnd) {
        List<StackFrame> frames = new ArrayList<>();
        StackFrame current = new StackFrame(0, start.instructionPointer(), start.stackPointer(), -1,
                FrameTrust.CONTEXT, start);
        frames.add(current);
        CpuContext registers = start;
        long scanFrom = start.stackPointer();
        while (frames.size() < MAX_FRAMES) {
            Optional<CpuContext> caller = unwinder.unwind(current, registers, memory);
            if (caller.isPresent() && caller.get().instructionPointer() == 0) {
                break; // call-frame information says this is the thread's outermost frame
            }
            StackFrame next;
            if (caller.isPresent() && plausibleCaller(current, caller.get())) {
                registers = caller.get();
                next = new StackFrame(frames.size(), registers.instructionPointer(), registers.stackPointer(),
                        registers.stackPointer() - pointerSize(), FrameTrust.CFI, registers);
                scanFrom = registers.stackPointer();
            } else {
                boolean tryFp = frames.size() == 1 || current.trust() == FrameTrust.FRAME_POINTER
                        || current.trust() == FrameTrust.CFI
                        || arch == Architecture.ARM64 && current.trust() == FrameTrust.SCAN;
                Optional<StackFrame> fp = tryFp ? framePointer(current, registers, frames.size()) : Optional.empty();
                if (fp.isPresent()) {
                    next = fp.get();
                    registers = next.registers();
                    scanFrom = next.sp();
                } else if (arch == Architecture.X86 && current.trust() == FrameTrust.FRAME_POINTER
                        && chainEnds(registers.framePointer())) {
                    break; // the frame-pointer chain ends at the thread's first frame
                } else {
                    Optional<StackFrame> scanned = scan(scanFrom, stackEnd, frames.size());
                    if (scanned.isEmpty()) {
                        break;
                    }
                    next = scanned.get();
                    registers = next.registers();
                    scanFrom = next.trust() == FrameTrust.TRAP_FRAME ? next.sp() : next.slot() + pointerSize();
                }
            }
            if (next.pc() == 0) {
                break;
            }
            frames.add(next);
            current = next;
        }
        return List.copyOf(frames);
    }

    /** A frame pointer of 0, or one whose saved return address is 0, marks the outermost frame. */
    private boolean chainEnds(long fp) {
        return fp == 0 || readPointer(fp + pointerSize()).map(ret -> ret == 0).orElse(false);
    }

    /**
     * The caller's stack pointer must lie above the frame's; on ARM64 a leaf interrupted in the context (or a trap
     * frame) may return through lr with its stack pointer unchanged.
     */
    private boolean plausibleCaller(StackFrame current, CpuContext caller) {
        int order = Long.compareUnsigned(caller.stackPointer(), current.sp());
        boolean leaf = order == 0 && arch == Architecture.ARM64 && caller.instructionPointer() != current.pc()
                && (current.trust() == FrameTrust.CONTEXT || current.trust() == FrameTrust.TRAP_FRAME);
        return (order > 0 || leaf) && caller.instructionPointer() != 0;
    }

    /** x86 EBP chain, ARM64 FP/LR chain. */
    private Optional<StackFrame> framePointer(StackFrame current, CpuContext registers, int index) {
        if (registers == null) {
            return Optional.empty();
        }
        long fp = registers.framePointer();
        if (arch == Architecture.X86) {
            if (fp == 0 || Long.compareUnsigned(fp, current.sp()) < 0) {
                return Optional.empty();
            }
            Optional<Long> savedFp = readPointer(fp);
            Optional<Long> ret = readPointer(fp + 4);
            if (savedFp.isEmpty() || ret.isEmpty() || modules.moduleAt(ret.get()).isEmpty()) {
                return Optional.empty();
            }
            if (savedFp.get() != 0 && Long.compareUnsigned(savedFp.get(), fp) <= 0) {
                return Optional.empty();
            }
            Map<String, Long> r = new LinkedHashMap<>();
            r.put("eip", ret.get());
            r.put("esp", fp + 8);
            r.put("ebp", savedFp.get());
            return Optional.of(new StackFrame(index, ret.get(), fp + 8, fp + 4, FrameTrust.FRAME_POINTER,
                    new CpuContext(arch, 0, r)));
        }
        if (arch == Architecture.ARM64) {
            if (index == 1) {
                // Frame 0 is a leaf or has not saved LR yet: LR is its return address.
                long lr = registers.get("lr").orElse(0L);
                if (lr != 0 && modules.moduleAt(lr).isPresent() && lr != current.pc()) {
                    Map<String, Long> r = new LinkedHashMap<>();
                    r.put("pc", lr);
                    r.put("sp", current.sp());
                    r.put("fp", fp);
                    return Optional.of(new StackFrame(index, lr, current.sp(), -1, FrameTrust.FRAME_POINTER,
                            new CpuContext(arch, 0, r)));
                }
            }
            if (fp == 0 || Long.compareUnsigned(fp, current.sp()) < 0) {
                return Optional.empty();
            }
            Optional<Long> savedFp = readPointer(fp);
            Optional<Long> ret = readPointer(fp + 8);
            if (savedFp.isEmpty() || ret.isEmpty() || modules.moduleAt(ret.get()).isEmpty()) {
                return Optional.empty();
            }
            if (savedFp.get() != 0 && Long.compareUnsigned(savedFp.get(), fp) <= 0) {
                return Optional.empty();
            }
            Map<String, Long> r = new LinkedHashMap<>();
            r.put("pc", ret.get());
            r.put("sp", fp + 16);
            r.put("fp", savedFp.get());
            return Optional.of(new StackFrame(index, ret.get(), fp + 16, fp + 8, FrameTrust.FRAME_POINTER,
                    new CpuContext(arch, 0, r)));
        }
        return Optional.empty();
    }

    /** The next return address (or trap frame) at or above {@code from}. */
    private Optional<StackFrame> scan(long from, long stackEnd, int index) {
        int step = pointerSize();
        long start = (from + step - 1) & -step;
        long limit = MAX_SCAN_BYTES;
        if (stackEnd != 0 && Long.compareUnsigned(stackEnd, start) > 0) {
            limit = Math.min(limit, stackEnd - start);
        }
        long readable = memory.readableFrom(start, limit);
        for (long slot = start; slot + step <= start + readable; slot += step) {
            if (arch == Architecture.AMD64) {
                Optional<StackFrame> trap = trapFrameAt(slot, index);
                if (trap.isPresent()) {
                    return trap;
                }
            }
            Optional<Long> value = readPointer(slot);
            if (value.isEmpty()) {
                break;
            }
            long ret = value.get();
            Optional<ModuleInfo> m = modules.moduleAt(ret);
            if (m.isPresent() && ret != m.get().base() && precededByCall(ret)) {
                Map<String, Long> r = new LinkedHashMap<>();
                r.put(arch == Architecture.X86 ? "eip" : arch == Architecture.AMD64 ? "rip" : "pc", ret);
                r.put(arch == Architecture.X86 ? "esp" : arch == Architecture.AMD64 ? "rsp" : "sp", slot + step);
                if (arch == Architecture.ARM64) {
                    // A return address found on an ARM64 stack is usually the LR half of a {FP, LR} frame record:
                    // the saved FP beside it lets the frame-pointer chain resume.
                    readPointer(slot - 8).ifPresent(savedFp -> r.put("fp", savedFp));
                }
                return Optional.of(new StackFrame(index, ret, slot + step, slot, FrameTrust.SCAN,
                        new CpuContext(arch, 0, r)));
            }
        }
        return Optional.empty();
    }

    /**
     * An x64 KTRAP_FRAME at {@code address}: on a kernel stack it ends exactly at the interrupted RSP, its CS is
     * the kernel's (0x10) and its RIP lies in a module.
     */
    private Optional<StackFrame> trapFrameAt(long address, int index) {
        Optional<Long> savedRsp = memory.readU64(address + 0x180);
        if (savedRsp.isEmpty() || savedRsp.get() != address + TrapFrames.AMD64_SIZE) {
            return Optional.empty();
        }
        Optional<CpuContext> trap = TrapFrames.readAmd64(memory, address);
        if (trap.isEmpty() || trap.get().get("cs").orElse(0L) != 0x10
                || modules.moduleAt(trap.get().instructionPointer()).isEmpty()) {
            return Optional.empty();
        }
        CpuContext c = trap.get();
        return Optional.of(new StackFrame(index, c.instructionPointer(), c.stackPointer(), address,
                FrameTrust.TRAP_FRAME, c));
    }

    /**
     * Whether the bytes before {@code ret} end with a call instruction (x86/x64: call rel32, call r/m in its
     * register, disp8, disp32 and RIP-relative forms, with or without REX; ARM64: BL or BLR). True when the
     * bytes are not in the dump: scanning then accepts any address inside a module.
     */
    boolean precededByCall(long ret) {
        if (arch == Architecture.ARM64) {
            Optional<Long> insn = memory.readU32(ret - 4);
            if (insn.isEmpty()) {
                return true;
            }
            long i = insn.get();
            return (i & 0xFC00_0000L) == 0x9400_0000L || (i & 0xFFFF_FC1FL) == 0xD63F_0000L;
        }
        Optional<byte[]> bytes = memory.read(ret - 8, 8);
        if (bytes.isEmpty()) {
            return true;
        }
        byte[] b = bytes.get();
        int e8 = b[3] & 0xFF;
        if (e8 == 0xE8) {
            return true; // call rel32
        }
        for (int len : new int[] {2, 3, 6, 7}) {
            int at = 8 - len;
            int op = b[at] & 0xFF;
            int modrm = b[at + 1] & 0xFF;
            if (op == 0xFF && ((modrm >> 3) & 7) == 2 && modrmLength(modrm, b, at + 1) == len - 1) {
                return true; // call r/m
            }
            if (at > 0 && (b[at - 1] & 0xF0) == 0x40 && op == 0xFF && ((modrm >> 3) & 7) == 2
                    && modrmLength(modrm, b, at + 1) == len - 1) {
                return true; // REX + call r/m (the REX byte is one more; accept the shorter form too)
            }
        }
        return false;
    }

    /** Length of a ModRM operand (ModRM byte, SIB and displacement) in 32/64-bit addressing. */
    private static int modrmLength(int modrm, byte[] b, int at) {
        int mod = modrm >> 6;
        int rm = modrm & 7;
        if (mod == 3) {
            return 1;
        }
        int len = 1;
        if (rm == 4) {
            len++; // SIB
            if (mod == 0 && at + 1 < b.length && (b[at + 1] & 7) == 5) {
                return len + 4;
            }
        }
        if (mod == 0 && rm == 5) {
            return len + 4; // disp32 / RIP-relative
        }
        return len + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
    }
}
