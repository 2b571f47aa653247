package org.faultline.triage.batch;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * How a batch runs.
 *
 * @param jobs         worker threads analysing dumps (the reader is one more thread)
 * @param memoryBudget most bytes of archive entries held in memory at once (bigger dumps spill to disk)
 * @param examples     example files kept per cluster
 * @param failuresKept failed rows kept for the summary reports (all of them are streamed to the sink)
 * @param spillFolder  where the private temporary folder goes; {@code null} for the system's
 * @param listener     told about progress (from any thread); {@code null} for none
 * @param cancelled    polled between entries and reads; when true the batch stops early
 */
public record BatchOptions(int jobs, long memoryBudget, int examples, int failuresKept, Path spillFolder,
                           BatchListener listener, BooleanSupplier cancelled) {

    public BatchOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        if (memoryBudget < Signature.HEAD) {
            throw new IllegalArgumentException("memory budget too small");
        }
        if (cancelled == null) {
            cancelled = () -> false;
        }
    }

    /**
     * One job per processor, a quarter of the heap for entries in memory (at most 1 GiB), three examples per
     * cluster, 100 failures kept.
     */
    public static BatchOptions defaults() {
        long budget = Math.max(16L << 20, Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4));
        return new BatchOptions(Runtime.getRuntime().availableProcessors(), budget, 3, 100, null, null, () -> false);
    }

    public BatchOptions withJobs(int n) {
        return new BatchOptions(n, memoryBudget, examples, failuresKept, spillFolder, listener, cancelled);
    }

    public BatchOptions withMemoryBudget(long bytes) {
        return new BatchOptions(jobs, bytes, examples, failuresKept, spillFolder, listener, cancelled);
    }

    public BatchOptions withExamples(int n) {
        return new BatchOptions(jobs, memoryBudget, n, failuresKept, spillFolder, listener, cancelled);
    }

    public BatchOptions withSpillFolder(Path folder) {
        return new BatchOptions(jobs, memoryBudget, examples, failuresKept, folder, listener, cancelled);
    }

    public BatchOptions withListener(BatchListener l) {
        return new BatchOptions(jobs, memoryBudget, examples, failuresKept, spillFolder, l, cancelled);
    }

    public BatchOptions withCancelled(BooleanSupplier c) {
        return new BatchOptions(jobs, memoryBudget, examples, failuresKept, spillFolder, listener, c);
    }

    /** Dumps queued or being analysed at once: enough to keep the workers busy, few enough to bound memory. */
    int window() {
        return 4 * jobs;
    }
}
