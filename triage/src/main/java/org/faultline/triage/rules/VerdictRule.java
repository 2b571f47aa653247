package org.faultline.triage.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.faultline.dump.Bugcheck;
import org.faultline.dump.CrashDump;
import org.faultline.dump.ExceptionInfo;
import org.faultline.symbols.disasm.Instruction;
import org.faultline.triage.Category;
import org.faultline.triage.Culprit;
import org.faultline.triage.FaultingFrame;
import org.faultline.triage.Report;
import org.faultline.triage.kb.AccessKind;
import org.faultline.triage.kb.BugcheckInfo;

/** The verdict: the category from the fault facts and address class, how sure it is, and one sentence. */
public final class VerdictRule {
    private static final long STATUS_ACCESS_VIOLATION = 0xC000_0005L;
    private static final long STATUS_STACK_OVERFLOW = 0xC000_00FDL;
    private static final long STATUS_STACK_BUFFER_OVERRUN = 0xC000_0409L;
    /** Bug checks that are fail-fasts in kernel mode. */
    private static final long KERNEL_SECURITY_CHECK_FAILURE = 0x139;

    private VerdictRule() {
    }

    public static Category categorize(CrashDump dump, AccessKind kind, Long referenced, String addressClass,
                                Optional<ExceptionInfo> exception, Optional<Bugcheck> bugcheck,
                                Optional<BugcheckInfo> info) {
        if (exception.isPresent() && exception.get().code() == STATUS_STACK_OVERFLOW) {
            return Category.STACK_OVERFLOW;
        }
        if (exception.isPresent() && exception.get().code() == STATUS_STACK_BUFFER_OVERRUN
                || bugcheck.isPresent() && bugcheck.get().code() == KERNEL_SECURITY_CHECK_FAILURE) {
            return Category.FAST_FAIL;
        }
        boolean accessFault = kind != null || referenced != null;
        if (!accessFault) {
            if (bugcheck.isPresent() && info.flatMap(BugcheckInfo::access).isEmpty()) {
                return Category.NOT_AN_ACCESS_VIOLATION;
            }
            if (exception.isPresent() && exception.get().code() != STATUS_ACCESS_VIOLATION
                    && bugcheck.isEmpty()) {
                return Category.NOT_AN_ACCESS_VIOLATION;
            }
            return Category.UNKNOWN;
        }
        if (kind == AccessKind.EXECUTE) {
            return Category.EXECUTE_ACCESS_VIOLATION;
        }
        if ("null-page".equals(addressClass)) {
            return kind == AccessKind.WRITE ? Category.NULL_POINTER_WRITE : Category.NULL_POINTER_READ;
        }
        if ("non-canonical".equals(addressClass)) {
            return Category.NON_CANONICAL_ACCESS;
        }
        if ("user-from-kernel".equals(addressClass)) {
            return Category.USER_ADDRESS_FROM_KERNEL;
        }
        if (kind == AccessKind.WRITE) {
            return Category.WRITE_ACCESS_VIOLATION;
        }
        if (kind == AccessKind.READ && referenced != null) {
            return Category.READ_OUT_OF_BOUNDS;
        }
        return Category.UNKNOWN;
    }

    public static String confidence(Category category, String accessSource, Instruction instruction, AccessKind kind,
                                     Long effective, Long referenced, Culprit culprit, boolean partial) {
        if (category == Category.UNKNOWN) {
            return "low";
        }
        int points = 0;
        if (accessSource != null && !accessSource.equals("the faulting instruction")) {
            points++;
        }
        if (instruction != null && (effective != null && effective.equals(referenced)
                || kind != null && instruction.memory().stream().anyMatch(m -> kind == AccessKind.READ
                ? m.access().reads() : m.access().writes()))) {
            points++;
        }
        if (culprit != null) {
            points++;
        }
        if (category == Category.NOT_AN_ACCESS_VIOLATION || category == Category.STACK_OVERFLOW
                || category == Category.FAST_FAIL) {
            points = Math.max(points, 2);
        }
        String c = points >= 3 ? "high" : points == 2 ? "medium" : "low";
        if (partial && c.equals("high")) {
            c = "medium";
        }
        return c;
    }

    public static String summary(Category category, Culprit culprit, FaultingFrame frame, Long referenced,
                                  Report.BugcheckFacts bugcheck, Report.ExceptionFacts exception) {
        String what = switch (category) {
            case READ_OUT_OF_BOUNDS -> "Read out of bounds";
            case NULL_POINTER_READ -> "NULL pointer read";
            case NULL_POINTER_WRITE -> "NULL pointer write";
            case WRITE_ACCESS_VIOLATION -> "Write to an invalid address";
            case EXECUTE_ACCESS_VIOLATION -> "Execution of non-executable or invalid memory";
            case NON_CANONICAL_ACCESS -> "Access through a corrupted (non-canonical) pointer";
            case USER_ADDRESS_FROM_KERNEL -> "Kernel code touched a user-mode address";
            case STACK_OVERFLOW -> "Stack overflow";
            case FAST_FAIL -> "Fail-fast" + (exception != null && exception.detail() != null ? " (" + exception.detail() + ")" : "");
            case NOT_AN_ACCESS_VIOLATION -> bugcheck != null && bugcheck.name() != null ? bugcheck.name()
                    + ": not a memory access fault" : exception != null && exception.name() != null
                    ? exception.name() + ": not a memory access fault" : "Not a memory access fault";
            case UNKNOWN -> "The cause could not be determined";
        };
        StringBuilder s = new StringBuilder(what);
        if (culprit != null) {
            s.append(" in ").append(culprit.microsoft() ? "Microsoft " : "third-party ");
            if (culprit.filter() != null) {
                s.append("file-system filter driver ");
            } else if (culprit.module().toLowerCase(Locale.ROOT).endsWith(".sys")) {
                s.append("driver ");
            } else {
                s.append("module ");
            }
            s.append(culprit.module());
            List<String> who = new ArrayList<>();
            if (culprit.vendor() != null && !culprit.microsoft()) {
                who.add(culprit.vendor());
            }
            if (culprit.filter() != null && culprit.filter().altitude() != null) {
                who.add(culprit.filter().group());
                who.add("altitude " + culprit.filter().altitude());
            }
            if (!who.isEmpty()) {
                s.append(" — ").append(String.join(", ", who));
            }
        }
        if (frame != null && frame.instruction() != null) {
            s.append(": ").append(frame.instruction()).append(" at ").append(frame.text());
            if (referenced != null && category != Category.NOT_AN_ACCESS_VIOLATION) {
                s.append(" accessed ").append(Rules.hex(referenced));
            }
        } else if (frame != null) {
            s.append(" at ").append(frame.text());
        }
        return s.append('.').toString();
    }
}
