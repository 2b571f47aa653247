package org.faultline.dump.minidump;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * MINIDUMP_THREAD (48 bytes), or MINIDUMP_THREAD_EX (64 bytes) with the backing-store range.
 */
public record MinidumpThread(long threadId, long suspendCount, long priorityClass, long priority, long teb,
                             long stackStart, long stackSize, long stackRva, long contextSize, long contextRva,
                             long backingStoreStart, long backingStoreSize, long backingStoreRva) {
    public static final int SIZE = 48;
    public static final int EX_SIZE = 64;

    static MinidumpThread read(Cursor c, boolean ex) throws DumpFormatException {
        long id = c.u32();
        long suspend = c.u32();
        long priorityClass = c.u32();
        long priority = c.u32();
        long teb = c.u64();
        long stackStart = c.u64();
        long stackSize = c.u32();
        long stackRva = c.u32();
        long ctxSize = c.u32();
        long ctxRva = c.u32();
        long bsStart = 0;
        long bsSize = 0;
        long bsRva = 0;
        if (ex) {
            bsStart = c.u64();
            bsSize = c.u32();
            bsRva = c.u32();
        }
        return new MinidumpThread(id, suspend, priorityClass, priority, teb, stackStart, stackSize, stackRva,
                ctxSize, ctxRva, bsStart, bsSize, bsRva);
    }
}
