package org.faultline.samples.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The physical memory a full or bitmap kernel dump stores: which 4 KiB page frames are present in the dump, and
 * the contents of the pages that were written (every other present page is zero). Sparse: a present range costs
 * one map entry, so an 8 GiB machine with a few written pages stays small.
 *
 * <p>{@link #write(long, byte[])} marks the pages it touches present; {@link #absent(long, long)} removes pages from
 * the dump while keeping their contents (a mapped VA whose page is missing from the file).
 */
public final class PhysicalMemory {
    /** Page size. */
    public static final int PAGE_SIZE = 0x1000;

    /**
     * Consecutive present page frames.
     *
     * @param firstPfn first page frame number
     * @param count number of pages
     */
    public record Run(long firstPfn, long count) {
    }

    /** Present ranges, start PFN → end PFN (exclusive), merged and non-overlapping. */
    private final TreeMap<Long, Long> present = new TreeMap<>();
    private final TreeMap<Long, byte[]> pages = new TreeMap<>();
    private long physicalPages = -1;

    private PhysicalMemory() {
    }

    /** An empty physical memory: no page present. */
    public static PhysicalMemory create() {
        return new PhysicalMemory();
    }

    /** Marks {@code count} frames from {@code firstPfn} present in the dump (zero unless written). */
    public PhysicalMemory present(long firstPfn, long count) {
        checkRange(firstPfn, count);
        long start = firstPfn;
        long end = firstPfn + count;
        Map.Entry<Long, Long> before = present.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        for (Map.Entry<Long, Long> e = present.ceilingEntry(start); e != null && e.getKey() <= end;
                e = present.ceilingEntry(start)) {
            end = Math.max(end, e.getValue());
            present.remove(e.getKey());
        }
        present.put(start, end);
        return this;
    }

    /** Removes {@code count} frames from {@code firstPfn} from the dump; their contents are kept but not written. */
    public PhysicalMemory absent(long firstPfn, long count) {
        checkRange(firstPfn, count);
        long end = firstPfn + count;
        Map.Entry<Long, Long> before = present.lowerEntry(firstPfn);
        if (before != null && before.getValue() > firstPfn) {
            present.put(before.getKey(), firstPfn);
            if (before.getValue() > end) {
                present.put(end, before.getValue());
            }
        }
        for (Map.Entry<Long, Long> e = present.ceilingEntry(firstPfn); e != null && e.getKey() < end;
                e = present.ceilingEntry(firstPfn)) {
            present.remove(e.getKey());
            if (e.getValue() > end) {
                present.put(end, e.getValue());
                break;
            }
        }
        return this;
    }

    /** Writes bytes at physical address {@code pa}, marking the touched pages present. */
    public PhysicalMemory write(long pa, byte[] data) {
        if (pa < 0) {
            throw new IllegalArgumentException("negative physical address");
        }
        int done = 0;
        while (done < data.length) {
            long at = pa + done;
            long pfn = at >>> 12;
            int inPage = (int) (at & (PAGE_SIZE - 1));
            int n = Math.min(data.length - done, PAGE_SIZE - inPage);
            System.arraycopy(data, done, pages.computeIfAbsent(pfn, p -> new byte[PAGE_SIZE]), inPage, n);
            if (!isPresent(pfn)) {
                present(pfn, 1);
            }
            done += n;
        }
        return this;
    }

    /** Writes a u64 at {@code pa}. */
    public PhysicalMemory writeU64(long pa, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return write(pa, b);
    }

    /** Reads bytes (zero where nothing was written), present or not. */
    public byte[] read(long pa, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = pa + done;
            int inPage = (int) (at & (PAGE_SIZE - 1));
            int n = Math.min(length - done, PAGE_SIZE - inPage);
            byte[] page = pages.get(at >>> 12);
            if (page != null) {
                System.arraycopy(page, inPage, out, done, n);
            }
            done += n;
        }
        return out;
    }

    /** Reads a u64 at {@code pa}. */
    public long readU64(long pa) {
        byte[] b = read(pa, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    /** Whether frame {@code pfn} is stored in the dump. */
    public boolean isPresent(long pfn) {
        Map.Entry<Long, Long> e = present.floorEntry(pfn);
        return e != null && pfn < e.getValue();
    }

    /** Whether frame {@code pfn} has written contents. */
    public boolean hasContent(long pfn) {
        return pages.containsKey(pfn);
    }

    /** The present frames as runs in increasing PFN order. */
    public List<Run> runs() {
        List<Run> out = new ArrayList<>();
        present.forEach((start, end) -> out.add(new Run(start, end - start)));
        return Collections.unmodifiableList(out);
    }

    /** Number of present frames. */
    public long presentPages() {
        return present.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey()).sum();
    }

    /**
     * Number of frames the machine has (the bitmap's bit count). By default the highest present PFN + 1 rounded up
     * to a multiple of 8, so the bitmap ends on a whole byte (kdmp-parser ignores a partial last byte); set a
     * ragged count here to test that edge.
     */
    public PhysicalMemory physicalPages(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative page count");
        }
        this.physicalPages = count;
        return this;
    }

    /** The machine's frame count: as set, or the highest present PFN + 1 rounded up to a multiple of 8. */
    public long physicalPages() {
        return physicalPages >= 0 ? physicalPages : present.isEmpty() ? 0 : (present.lastEntry().getValue() + 7) & ~7L;
    }

    /** Written pages with PFN in {@code [from, to)}, in increasing order (arrays not copied). */
    NavigableMap<Long, byte[]> contents(long from, long to) {
        return pages.subMap(from, true, to, false);
    }

    private static void checkRange(long firstPfn, long count) {
        if (firstPfn < 0 || count < 0 || firstPfn > (Long.MAX_VALUE >>> 12) - count) {
            throw new IllegalArgumentException("bad frame range " + firstPfn + " + " + count);
        }
    }
}
