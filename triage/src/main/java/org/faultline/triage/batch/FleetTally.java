package org.faultline.triage.batch;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * What a batch keeps of its rows: the counts, the clusters and the first failed rows (in file order), from which
 * the {@link FleetResult} is made. {@link FleetTriage} fills one as rows arrive; anything else holding rows (the
 * desktop window) fills its own, so both summarise a fleet the same way. Not thread-safe.
 */
public final class FleetTally {
    private static final Comparator<DumpRow> ROW_ORDER = Comparator.comparing(DumpRow::file)
            .thenComparing(DumpRow::entry, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final Clusters clusters;
    private final int failuresKept;
    private final TreeSet<DumpRow> failures = new TreeSet<>(ROW_ORDER.thenComparing(r -> r.error().code()));
    private long dumps;
    private long failed;
    private long skipped;
    private long flagged;

    /**
     * @param examples     example files kept per cluster
     * @param failuresKept failed rows kept for the result (the first in file order)
     */
    public FleetTally(int examples, int failuresKept) {
        this.clusters = new Clusters(examples);
        this.failuresKept = failuresKept;
    }

    /** Counts one row (a dump analysed or failed, or an archive entry refused). */
    public void add(DumpRow row) {
        dumps++;
        if (row.failed()) {
            failed++;
            failures.add(row);
            if (failures.size() > failuresKept) {
                failures.pollLast();
            }
        } else if (row.flag()) {
            flagged++;
        }
        clusters.add(row);
    }

    /** Counts a file or entry that is not a dump. */
    public void skip() {
        skipped++;
    }

    public long dumps() {
        return dumps;
    }

    public long failed() {
        return failed;
    }

    public long skipped() {
        return skipped;
    }

    /** The summary, the clusters (shares of all rows) and the failures kept. */
    public FleetResult result(Duration elapsed) {
        return new FleetResult(new FleetResult.Summary(dumps, failed, skipped, flagged), clusters.clusters(dumps),
                List.copyOf(failures), elapsed);
    }
}
