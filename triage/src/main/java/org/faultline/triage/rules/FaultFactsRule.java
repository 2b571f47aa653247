package org.faultline.triage.rules;

import java.util.Optional;
import org.faultline.dump.CrashDump;
import org.faultline.dump.ExceptionInfo;
import org.faultline.triage.kb.AccessKind;
import org.faultline.triage.kb.BugcheckInfo;
import org.faultline.triage.kb.ParameterInfo;

/**
 * Evidence step 1: the fault facts — access kind and referenced address from the bug check parameters, or
 * the exception record, or (when neither says) the decoded faulting instruction.
 */
public final class FaultFactsRule {
    private static final long STATUS_ACCESS_VIOLATION = 0xC000_0005L;

    private FaultFactsRule() {
    }

    /** Linux minidumps record a SIGSEGV or SIGBUS with the data address in the exception address. */
    public static boolean isPosixSegv(CrashDump dump, ExceptionInfo e) {
        return dump.os().platform().equals("Linux") && (e.code() == 11 || e.code() == 7);
    }

    /** Whether the crash is a memory access fault, so the faulting instruction may say which kind. */
    public static boolean accessFault(Optional<ExceptionInfo> exception, Optional<BugcheckInfo> bugcheck, CrashDump dump) {
        if (bugcheck.isPresent()) {
            return bugcheck.get().access().isPresent();
        }
        return exception.isPresent() && (exception.get().code() == STATUS_ACCESS_VIOLATION
                || isPosixSegv(dump, exception.get()));
    }

    public static String meaning(Optional<BugcheckInfo> info, int number, long value) {
        if (info.isEmpty()) {
            return null;
        }
        String role = null;
        for (ParameterInfo p : info.get().parameters()) {
            if (p.number() == number) {
                role = p.role();
            }
        }
        String sub = info.get().subcode(number, value).map(s -> s.meaning()).orElse(null);
        if (role == null) {
            return sub;
        }
        return sub == null ? role : role + " (" + sub + ")";
    }

    public static String describeAccess(AccessKind kind, Long address) {
        String k = kind == null ? "an access" : kind == AccessKind.READ ? "a read" : kind == AccessKind.WRITE ? "a write"
                : "an instruction fetch";
        return address == null ? k + " of an unknown address" : k + " of address " + Rules.hex(address);
    }
}
