package org.faultline.triage.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private FaultingFrameRule() {
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
