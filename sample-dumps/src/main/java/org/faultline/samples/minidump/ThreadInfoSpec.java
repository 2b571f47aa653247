package org.faultline.samples.minidump;

/**
 * One {@code MINIDUMP_THREAD_INFO} (64 bytes).
 *
 * @param threadId ThreadId
 * @param dumpFlags DumpFlags
 * @param dumpError DumpError
 * @param exitStatus ExitStatus
 * @param createTime CreateTime (FILETIME)
 * @param exitTime ExitTime
 * @param kernelTime KernelTime
 * @param userTime UserTime
 * @param startAddress StartAddress
 * @param affinity Affinity
 */
public record ThreadInfoSpec(long threadId, long dumpFlags, long dumpError, long exitStatus, long createTime,
        long exitTime, long kernelTime, long userTime, long startAddress, long affinity) {

    /** A running thread with only id, start address and affinity set. */
    public static ThreadInfoSpec of(long threadId, long startAddress, long affinity) {
        return new ThreadInfoSpec(threadId, 0, 0, 0, 0, 0, 0, 0, startAddress, affinity);
    }
}
