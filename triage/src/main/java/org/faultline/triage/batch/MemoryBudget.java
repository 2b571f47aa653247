package org.faultline.triage.batch;

/**
 * Bytes of archive entries held in memory at once, across the reader and every queued or running analysis.
 * The reader reserves before it reads an entry into memory and blocks while the budget is spent; a worker
 * releases when the analysis of that entry ends. A single entry never needs more than the whole budget (bigger
 * ones are spilled to disk), so the reader always gets its bytes once the workers catch up.
 */
final class MemoryBudget {
    private final long capacity;
    private long used;
    private long peak;

    MemoryBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("memory budget must be positive");
        }
        this.capacity = capacity;
    }

    /** A budget that never blocks (single-threaded use, where each entry is released before the next). */
    static MemoryBudget unbounded() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    long capacity() {
        return capacity;
    }

    /** Waits until {@code bytes} fit, then takes them. */
    synchronized void acquire(long bytes) throws InterruptedException {
        if (bytes > capacity) {
            throw new IllegalArgumentException(bytes + " bytes can never fit a budget of " + capacity);
        }
        while (used + bytes > capacity) {
            wait();
        }
        used += bytes;
        peak = Math.max(peak, used);
    }

    synchronized void release(long bytes) {
        used -= bytes;
        if (used < 0) {
            throw new IllegalStateException("released more than was acquired");
        }
        notifyAll();
    }

    synchronized long used() {
        return used;
    }

    /** The most held at once. */
    synchronized long peak() {
        return peak;
    }
}
