package org.faultline.samples.minidump;

/** One {@code MINIDUMP_THREAD} entry: ids, priority, TEB, stack memory and context. */
public final class ThreadSpec {
    final long threadId;
    long suspendCount;
    long priorityClass = 0x20;
    long priority;
    long teb;
    long stackStart;
    byte[] stack = new byte[0];
    CpuContext<?> context;

    private ThreadSpec(long threadId) {
        this.threadId = threadId;
    }

    /** A thread with NORMAL_PRIORITY_CLASS (0x20), no stack and no context. */
    public static ThreadSpec of(long threadId) {
        return new ThreadSpec(threadId);
    }

    /** SuspendCount. */
    public ThreadSpec suspendCount(long count) {
        this.suspendCount = count;
        return this;
    }

    /** PriorityClass and Priority. */
    public ThreadSpec priority(long priorityClass, long priority) {
        this.priorityClass = priorityClass;
        this.priority = priority;
        return this;
    }

    /** Teb address. */
    public ThreadSpec teb(long address) {
        this.teb = address;
        return this;
    }

    /** Stack memory: start address and captured bytes. */
    public ThreadSpec stack(long startAddress, byte[] bytes) {
        this.stackStart = startAddress;
        this.stack = bytes.clone();
        return this;
    }

    /** The thread's CONTEXT (written at the end of the list, its RVA in the entry). */
    public ThreadSpec context(CpuContext<?> ctx) {
        this.context = ctx;
        return this;
    }

    /** Returns the thread id. */
    public long threadId() {
        return threadId;
    }
}
