package org.faultline.dump.kernel;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * TRIAGE_DUMP64 (0x80 bytes at 0x2000) or TRIAGE_DUMP32 (0x68 bytes at 0x1000, Microsoft/rizin layout),
 * widened. All {@code *Offset} fields are absolute file offsets; 0 means absent.
 */
public record TriageDumpHeader(long servicePackBuild, long sizeOfDump, long validOffset, long contextOffset,
                               long exceptionOffset, long mmOffset, long unloadedDriversOffset, long prcbOffset,
                               long processOffset, long threadOffset, long callStackOffset, long sizeOfCallStack,
                               long driverListOffset, long driverCount, long stringPoolOffset, long stringPoolSize,
                               long brokenDriverOffset, long triageOptions, long topOfStack, long dataPageAddress,
                               long dataPageOffset, long dataPageSize, long debuggerDataOffset,
                               long debuggerDataSize, long dataBlocksOffset, long dataBlocksCount) {
    public static final int SIZE64 = 0x80;
    public static final int SIZE32 = 0x68;
    /** {@code TRGD}: the u32 at ValidOffset that proves the layout. */
    public static final long VALID = 0x44475254L;

    static TriageDumpHeader read64(Cursor c) throws DumpFormatException {
        long[] v = new long[18];
        for (int i = 0; i < 18; i++) {
            v[i] = c.u32();
        }
        long top = c.u64();
        c.skip(16);
        long dpAddress = c.u64();
        return new TriageDumpHeader(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], v[14], v[15], v[16], v[17], top, dpAddress, c.u32(), c.u32(), c.u32(), c.u32(), c.u32(),
                c.u32());
    }

    static TriageDumpHeader read32(Cursor c) throws DumpFormatException {
        long[] v = new long[18];
        for (int i = 0; i < 18; i++) {
            v[i] = c.u32();
        }
        long top = c.u32();
        long dpAddress = c.u32();
        return new TriageDumpHeader(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], v[14], v[15], v[16], v[17], top, dpAddress, c.u32(), c.u32(), c.u32(), c.u32(), c.u32(),
                c.u32());
    }
}
