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

    /** Ranges may come in any order; where two overlap, the one starting lower keeps the shared bytes. */
    public RangeMemoryReader(ByteSource source, List<MemoryRange> ranges) {
        this.source = source;
        List<MemoryRange> sorted = new ArrayList<>();
        for (MemoryRange r : ranges) {
            // A range that wraps past the top of the address space is not believed.
            if (r.size() > 0 && Long.compareUnsigned(r.start() + r.size(), r.start()) > 0) {
                sorted.add(r);
            }
        }
        sorted.sort(Comparator.comparing(MemoryRange::start, Long::compareUnsigned));
        List<MemoryRange> kept = new ArrayList<>();
        for (MemoryRange r : sorted) {
            if (kept.isEmpty() || Long.compareUnsigned(r.start(), kept.get(kept.size() - 1).end()) >= 0) {
                kept.add(r);
                continue;
            }
            // Overlap: the earlier range wins; keep only the part of this one beyond it.
            long end = kept.get(kept.size() - 1).end();
            if (Long.compareUnsigned(r.end(), end) > 0) {
                long skip = end - r.start();
                kept.add(new MemoryRange(end, r.size() - skip, r.fileOffset() + skip, r.size() - skip));
            }
        }
        this.ranges = List.copyOf(kept);
        this.starts = kept.stream().mapToLong(MemoryRange::start).toArray();
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
