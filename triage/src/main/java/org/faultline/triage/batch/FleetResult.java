package org.faultline.triage.batch;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.faultline.triage.Category;

/**
 * What a batch found, without its per-dump rows (those were streamed to the {@link RowSink}).
 *
 * @param summary  the counts
 * @param clusters by bucket, largest first
 * @param failures the failed rows, first in (file, entry) order, at most {@link BatchOptions#failuresKept()}
 * @param elapsed  wall-clock time of the batch
 */
public record FleetResult(Summary summary, List<Cluster> clusters, List<DumpRow> failures, Duration elapsed) {

    public FleetResult {
        clusters = List.copyOf(clusters);
        failures = List.copyOf(failures);
    }

    /**
     * The counts.
     *
     * @param dumps   rows: dumps analysed or failed, and archive entries refused
     * @param failed  rows with an error
     * @param skipped files and entries that are not dumps (nor archives to open)
     * @param flagged dumps whose verdict is a read out of bounds in a third-party filter driver
     */
    public record Summary(long dumps, long failed, long skipped, long flagged) {
    }

    /**
     * The answer first: "1,180 of 1,200 dumps (98.3%) are AV_R_INVALID_csagent!unknown_function: read out of bounds
     * in csagent.sys (CrowdStrike Ltd.), third-party filter driver".
     */
    public String headline() {
        Summary s = summary;
        if (s.dumps() == 0) {
            return "No crash dumps found" + (s.skipped() > 0 ? " (" + count(s.skipped()) + " other "
                    + plural(s.skipped(), "file") + " skipped)." : ".");
        }
        if (clusters.isEmpty()) {
            return "None of the " + count(s.dumps()) + " " + plural(s.dumps(), "dump") + " could be analysed.";
        }
        Cluster top = clusters.get(0);
        return count(top.count()) + " of " + count(s.dumps()) + " " + plural(s.dumps(), "dump") + " ("
                + percent(top.share()) + ") " + (top.count() == 1 ? "is " : "are ") + top.bucket() + ": "
                + describe(top);
    }

    /** The flagged line: "1,180 of 1,200 dumps (98.3%) are a read out of bounds in a third-party filter driver." */
    public String flaggedLine() {
        Summary s = summary;
        if (s.dumps() == 0) {
            return "";
        }
        return count(s.flagged()) + " of " + count(s.dumps()) + " " + plural(s.dumps(), "dump") + " ("
                + percent((double) s.flagged() / s.dumps()) + ") " + (s.flagged() == 1 ? "is" : "are")
                + " a read out of bounds in a third-party filter driver.";
    }

    /** "read out of bounds in csagent.sys (CrowdStrike Ltd.), third-party filter driver". */
    public static String describe(Cluster c) {
        StringBuilder b = new StringBuilder(phrase(c.category()));
        if (c.culprit() != null) {
            b.append(" in ").append(c.culprit());
            if (c.vendor() != null) {
                b.append(" (").append(c.vendor()).append(')');
            }
        }
        if (c.flag()) {
            b.append(", third-party filter driver");
        }
        return b.toString();
    }

    /** A category as words. */
    public static String phrase(String category) {
        if (category == null) {
            return "unknown crash";
        }
        Category c;
        try {
            c = Category.valueOf(category);
        } catch (IllegalArgumentException e) {
            return category;
        }
        return switch (c) {
            case READ_OUT_OF_BOUNDS -> "read out of bounds";
            case NULL_POINTER_READ -> "NULL pointer read";
            case NULL_POINTER_WRITE -> "NULL pointer write";
            case WRITE_ACCESS_VIOLATION -> "write access violation";
            case EXECUTE_ACCESS_VIOLATION -> "execute access violation";
            case NON_CANONICAL_ACCESS -> "non-canonical address access";
            case USER_ADDRESS_FROM_KERNEL -> "user-mode address touched from the kernel";
            case STACK_OVERFLOW -> "stack overflow";
            case FAST_FAIL -> "fail-fast";
            case NOT_AN_ACCESS_VIOLATION -> "crash that is not an access violation";
            case UNKNOWN -> "unknown crash";
        };
    }

    /** {@code 98.3%}. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** {@code 1,200}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code word} or {@code words}. */
    public static String plural(long n, String word) {
        return n == 1 ? word : word + "s";
    }
}
