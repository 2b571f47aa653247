package org.faultline.samples.scenarios;

import java.util.ArrayList;
import java.util.List;
import org.faultline.samples.kernel.SynthKernelDump;

/** Adds TRIAGE_DATA_BLOCKs to a dump and refuses overlapping ones, as real triage dumps never overlap them. */
final class DataBlocks {
    private final SynthKernelDump dump;
    private final List<long[]> ranges = new ArrayList<>();

    DataBlocks(SynthKernelDump dump) {
        this.dump = dump;
    }

    /** Adds {@code bytes} as the memory at {@code va}; fails when the range overlaps one already added. */
    void add(long va, byte[] bytes) {
        long end = va + bytes.length;
        for (long[] r : ranges) {
            if (Long.compareUnsigned(va, r[1]) < 0 && Long.compareUnsigned(r[0], end) < 0) {
                throw new IllegalStateException("data block 0x" + Long.toHexString(va) + " overlaps 0x"
                        + Long.toHexString(r[0]));
            }
        }
        ranges.add(new long[] {va, end});
        dump.dataBlock(va, bytes);
    }
}
