package org.faultline.triage.rules;

import java.util.List;
import java.util.Locale;
import org.faultline.symbols.SymbolizedAddress;
import org.faultline.symbols.Symbolizer;
import org.faultline.symbols.unwind.StackFrame;
import org.faultline.triage.Category;
import org.faultline.triage.Culprit;
import org.faultline.triage.Report;

/** The bucket id, WinDbg-style, identical for dumps of the same crash so fleets can be clustered. */
public final class BucketRule {
    private BucketRule() {
    }

    /**
     * WinDbg-style bucket: the category's prefix, then {@code module!function} of the culprit (or of the faulting
     * frame), with {@code unknown_function} when no symbol is known, so that dumps of one crash share a bucket.
     */
    public static String bucket(Category category, Culprit culprit, int culpritIndex, List<StackFrame> walked,
                                 Symbolizer symbolizer, Report.BugcheckFacts bugcheck, Report.ExceptionFacts exception) {
        String prefix = switch (category) {
            case READ_OUT_OF_BOUNDS -> "AV_R_INVALID";
            case NULL_POINTER_READ -> "AV_NULL_R";
            case NULL_POINTER_WRITE -> "AV_NULL_W";
            case WRITE_ACCESS_VIOLATION -> "AV_W_INVALID";
            case EXECUTE_ACCESS_VIOLATION -> "AV_X_INVALID";
            case NON_CANONICAL_ACCESS -> "AV_NONCANONICAL";
            case USER_ADDRESS_FROM_KERNEL -> "AV_USER_FROM_KERNEL";
            case STACK_OVERFLOW -> "STACK_OVERFLOW";
            case FAST_FAIL -> "FAIL_FAST" + (exception != null && exception.detail() != null
                    ? "_" + exception.detail().replaceFirst("^FAST_FAIL_", "") : "");
            case NOT_AN_ACCESS_VIOLATION -> bugcheck != null ? "0x" + Long.toHexString(bugcheck.code()).toUpperCase(Locale.ROOT)
                    + (bugcheck.name() != null ? "_" + bugcheck.name() : "")
                    : exception != null ? "0x" + Long.toHexString(exception.code()).toUpperCase(Locale.ROOT) : "UNKNOWN";
            case UNKNOWN -> "UNKNOWN";
        };
        if (culprit == null) {
            return prefix;
        }
        String function = "unknown_function";
        if (culpritIndex >= 0 && culpritIndex < walked.size()) {
            SymbolizedAddress s = symbolizer.symbolize(walked.get(culpritIndex).lookupAddress());
            if (s.symbol() != null) {
                function = s.symbol().name().replaceAll("\\s+", "_");
            }
        }
        String module = culprit.module();
        int dot = module.lastIndexOf('.');
        return prefix + "_" + (dot > 0 ? module.substring(0, dot) : module) + "!" + function;
    }
}
