package org.faultline.symbols.pdb;

/**
 * An OMAP table: sorted {@code {u32 rva, u32 rvaTo}} pairs. An address maps through the last entry whose
 * {@code rva} is at or below it: {@code rvaTo + (address - rva)}; an entry with target 0 maps nothing.
 */
public final class OmapTable {
    private final long[] from;
    private final long[] to;

    OmapTable(long[] from, long[] to) {
        this.from = from;
        this.to = to;
    }

    public int size() {
        return from.length;
    }

    /** The mapped address, or -1 when the address is unmapped (below the first entry or a target-0 entry). */
    public long map(long rva) {
        int lo = 0;
        int hi = from.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (from[mid] <= rva) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0 || to[found] == 0) {
            return -1;
        }
        return to[found] + (rva - from[found]);
    }
}
