package org.faultline.dump.kernel;

import java.util.List;

/**
 * Physical memory stored as runs of consecutive pages, back to back from a file offset (full dumps, and the
 * dbgeng RDMP bodies). Lookup is a binary search over the runs.
 */
public final class RunPhysicalMemory implements PhysicalMemory {
    private final long[] basePages;
    private final long[] pageCounts;
    /** File page index of each run's first page. */
    private final long[] firstIndex;
    private final long firstPageOffset;
    private final long present;

    /**
     * @param runs             the runs in file order (sorted here by base page for lookup)
     * @param firstPageOffset  file offset of the first stored page
     */
    public RunPhysicalMemory(List<PhysicalMemoryDescriptor.Run> runs, long firstPageOffset) {
        int n = runs.size();
        Integer[] order = new Integer[n];
        long[] fileIndex = new long[n];
        long index = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            fileIndex[i] = index;
            index += runs.get(i).pageCount();
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compareUnsigned(runs.get(a).basePage(), runs.get(b).basePage()));
        basePages = new long[n];
        pageCounts = new long[n];
        firstIndex = new long[n];
        for (int i = 0; i < n; i++) {
            basePages[i] = runs.get(order[i]).basePage();
            pageCounts[i] = runs.get(order[i]).pageCount();
            firstIndex[i] = fileIndex[order[i]];
        }
        this.firstPageOffset = firstPageOffset;
        this.present = index;
    }

    @Override
    public long fileOffset(long pfn) {
        int lo = 0;
        int hi = basePages.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(basePages[mid], pfn) <= 0) {
                long within = pfn - basePages[mid];
                if (Long.compareUnsigned(within, pageCounts[mid]) < 0) {
                    return firstPageOffset + (firstIndex[mid] + within) * PAGE;
                }
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    @Override
    public long presentPages() {
        return present;
    }

    @Override
    public long coveredPages() {
        long max = 0;
        for (int i = 0; i < basePages.length; i++) {
            max = Math.max(max, basePages[i] + pageCounts[i]);
        }
        return max;
    }

    @Override
    public long endOfPages() {
        return firstPageOffset + present * PAGE;
    }

    @Override
    public String summary() {
        return basePages.length + " run(s), " + present + " pages from file offset 0x" + Long.toHexString(firstPageOffset);
    }
}
