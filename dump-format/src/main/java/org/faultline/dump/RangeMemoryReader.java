package org.faultline.dump;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.faultline.dump.io.ByteSource;

/** A {@link MemoryReader} over ranges whose bytes lie in a {@link ByteSource}; lookups by binary search. */
public final class RangeMemoryReader implements MemoryReader {
    static final RangeMemoryReader EMPTY = new RangeMemoryReader(null, List.of());

    private final ByteSource source;
    private final List<MemoryRange> ranges;
    private final long[] starts;

    /**
     * Ranges may come in any order. Where two overlap, the one listed first keeps the shared bytes; the later
     * one still provides the bytes outside it. A range that runs past the top of the address space is cut there.
     */
    public RangeMemoryReader(ByteSource source, List<MemoryRange> ranges) {
        this.source = source;
        java.util.TreeMap<Long, MemoryRange> kept = new java.util.TreeMap<>(Long::compareUnsigned);
        for (MemoryRange r : ranges) {
            long size = r.size();
            if (size <= 0) {
                continue;
            }
            long room = -r.start(); // bytes up to 2^64 (0 means the whole space)
            if (room != 0 && Long.compareUnsigned(size, room) > 0) {
                size = room;
            }
            addUncovered(kept, new MemoryRange(r.start(), size, r.fileOffset(), r.declared()));
        }
        this.ranges = List.copyOf(kept.values());
        this.starts = this.ranges.stream().mapToLong(MemoryRange::start).toArray();
    }

    /** Adds the parts of {@code r} that no kept range covers. */
    private static void addUncovered(java.util.TreeMap<Long, MemoryRange> kept, MemoryRange r) {
        long start = r.start();
        long remaining = r.size();
        while (remaining > 0) {
            // A kept range that contains start: skip past it.
            java.util.Map.Entry<Long, MemoryRange> below = kept.floorEntry(start);
            if (below != null && Long.compareUnsigned(start - below.getKey(), below.getValue().size()) < 0) {
                long skip = below.getValue().size() - (start - below.getKey());
                if (Long.compareUnsigned(skip, remaining) >= 0) {
                    return;
                }
                start += skip;
                remaining -= skip;
                continue;
            }
            // Free from start up to the next kept range (or the end of r).
            java.util.Map.Entry<Long, MemoryRange> above = kept.higherEntry(start);
            long free = remaining;
            if (above != null && Long.compareUnsigned(above.getKey() - start, remaining) < 0) {
                free = above.getKey() - start;
            }
            long offsetInR = start - r.start();
            kept.put(start, new MemoryRange(start, free, r.fileOffset() + offsetInR, free));
            start += free;
            remaining -= free;
        }
    }

    @Override
    public List<MemoryRange> ranges() {
        return ranges;
    }

    private int indexOf(long address) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found >= 0 && Long.compareUnsigned(address - starts[found], ranges.get(found).size()) < 0) {
            return found;
        }
        return -1;
    }

    @Override
    public Optional<byte[]> read(long address, int length) {
        if (length < 0 || readableFrom(address, length) < length) {
            return Optional.empty();
        }
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = address + done;
            MemoryRange r = ranges.get(indexOf(at));
            long off = at - r.start();
            int chunk = (int) Math.min(length - done, r.size() - off);
            source.copy(r.fileOffset() + off, out, done, chunk);
            done += chunk;
        }
        return Optional.of(out);
    }

    @Override
    public long readableFrom(long address, long max) {
        long done = 0;
        while (done < max) {
            if (done > 0 && address + done == 0) {
                break; // never wrap from the top of the address space to address 0
            }
            int i = indexOf(address + done);
            if (i < 0) {
                break;
            }
            MemoryRange r = ranges.get(i);
            done += r.size() - (address + done - r.start());
        }
        return Math.min(done, max);
    }
}
