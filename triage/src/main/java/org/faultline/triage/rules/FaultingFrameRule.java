package org.faultline.triage.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.faultline.dump.CpuContext;
import org.faultline.dump.CrashDump;
import org.faultline.dump.ExceptionInfo;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.symbols.disasm.FaultContext;
import org.faultline.symbols.disasm.MemoryOperand;

/**
 * Evidence step 3: the faulting frame — where the walk starts, which registers were live at the fault (the
 * trap frame, the exception context), and where the faulting operand's registers got their values.
 */
public final class FaultingFrameRule {
    private static final Set<String> AMD64_GENERAL = Set.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags");
    private static final Set<String> X86_GENERAL = Set.of("eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp",
            "eip", "eflags");
    private static final Set<String> ARM64_GENERAL = arm64General();
    private static final Set<String> ARM_GENERAL = Set.of("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9",
            "r10", "r11", "r12", "sp", "lr", "pc", "cpsr");

    private FaultingFrameRule() {
    }

    private static Set<String> arm64General() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= 28; i++) {
            names.add("x" + i);
        }
        names.addAll(List.of("fp", "lr", "sp", "pc", "cpsr"));
        return Set.copyOf(names);
    }

    /**
     * The general-purpose integer registers of {@code context}, for the report's faulting frame: on amd64 rax…r15,
     * rip and eflags; on x86 eax…esp, eip and eflags; on arm64 x0–x28, fp, lr, sp, pc and cpsr; on arm r0–r12, sp,
     * lr, pc and cpsr. Segment, debug, control (mxcsr, fpcr) and vector registers are left out. The context's own
     * order is kept, and only registers it holds appear: a KTRAP_FRAME saves no r12–r15, so they are absent, not
     * zero.
     *
     * @return an unmodifiable insertion-ordered map, empty for a null context or an unknown architecture
     */
    public static Map<String, Long> generalPurposeRegisters(CpuContext context) {
        if (context == null) {
            return Map.of();
        }
        Set<String> keep = switch (context.architecture()) {
            case AMD64 -> AMD64_GENERAL;
            case X86 -> X86_GENERAL;
            case ARM64 -> ARM64_GENERAL;
            case ARM -> ARM_GENERAL;
            case UNKNOWN -> Set.of();
        };
        Map<String, Long> out = new LinkedHashMap<>();
        context.registers().forEach((name, value) -> {
            if (value != null && keep.contains(name)) {
                out.put(name, value);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Where the walk starts: the exception's context, else the crashing thread's. */
    public static CpuContext startContext(CrashDump dump) {
        Optional<ExceptionInfo> e = dump.exception();
        if (e.isPresent() && e.get().context() != null) {
            return e.get().context();
        }
        if (dump instanceof KernelDump k) {
            return k.crashingContext().orElse(null);
        }
        return dump.threads().isEmpty() ? null : dump.threads().get(0).context();
    }

    public static long stackEnd(CrashDump dump) {
        if (dump instanceof KernelDump k) {
            return k.callStack().map(s -> s.base()).orElse(0L);
        }
        long tid = dump.exception().map(ExceptionInfo::threadId).orElse(-1L);
        for (ThreadInfo t : dump.threads()) {
            if (t.id() == tid || tid < 0) {
                return t.stackStart() + t.stackSize();
            }
        }
        return 0;
    }

    public static List<String> registersOf(MemoryOperand op) {
        List<String> out = new ArrayList<>();
        op.baseRegister().ifPresent(out::add);
        op.indexRegister().ifPresent(out::add);
        return out;
    }

    /** {@code r8 was loaded from [rax+r11*8], index r11 = 20}. */
    public static String describeOrigin(FaultContext.RegisterOrigin origin, CpuContext registers) {
        StringBuilder s = new StringBuilder(origin.description());
        Optional<MemoryOperand> src = origin.writer().memory().stream().findFirst();
        if (src.isPresent() && registers != null) {
            Optional<String> index = src.get().indexRegister();
            if (index.isPresent() && registers.get(index.get()).isPresent()) {
                long v = registers.get(index.get()).getAsLong();
                s.append(", index ").append(index.get()).append(" = ").append(v);
                if (src.get().scale() > 1) {
                    s.append(" (slot ").append(v).append(", the ").append(ordinal(v + 1)).append(" entry)");
                }
            }
        }
        return s.toString();
    }

    public static String ordinal(long n) {
        long mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }
}
