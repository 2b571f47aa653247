package org.faultline.dump.minidump;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/** MINIDUMP_THREAD_INFO (64 bytes). Times are FILETIME-style 100 ns counts as stored. */
public record MinidumpThreadInfo(long threadId, long dumpFlags, long dumpError, long exitStatus, long createTime,
                                 long exitTime, long kernelTime, long userTime, long startAddress, long affinity) {
    public static final int SIZE = 64;

    static MinidumpThreadInfo read(Cursor c) throws DumpFormatException {
        return new MinidumpThreadInfo(c.u32(), c.u32(), c.u32(), c.u32(), c.u64(), c.u64(), c.u64(), c.u64(),
                c.u64(), c.u64());
    }
}
