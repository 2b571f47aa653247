package org.faultline.dump.minidump;

/**
 * Breakpad's MDRawBreakpadInfo: which thread wrote the dump and which asked for it.
 * A thread id is meaningful only when its validity bit is set.
 */
public record BreakpadInfo(long validity, long dumpThreadId, long requestingThreadId) {
    public boolean hasDumpThreadId() {
        return (validity & 1) != 0;
    }

    public boolean hasRequestingThreadId() {
        return (validity & 2) != 0;
    }
}
