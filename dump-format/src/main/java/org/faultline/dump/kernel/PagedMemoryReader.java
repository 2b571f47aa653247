package org.faultline.dump.kernel;

import java.util.List;
import java.util.Optional;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.io.ByteSource;

/**
 * Virtual memory of a full or bitmap kernel dump, read page by page through the page tables. A page that is
 * unmapped, or mapped to a physical page the dump does not hold, is missing: reads across it return empty.
 * {@link #ranges()} is empty: the address space is described by the page tables, not by a range list.
 */
public final class PagedMemoryReader implements MemoryReader {
    private final ByteSource source;
    private final PhysicalMemory physical;
    private final PageTables tables;

    public PagedMemoryReader(ByteSource source, PhysicalMemory physical, PageTables tables) {
        this.source = source;
        this.physical = physical;
        this.tables = tables;
    }

    public PageTables pageTables() {
        return tables;
    }

    public PhysicalMemory physical() {
        return physical;
    }

    @Override
    public List<MemoryRange> ranges() {
        return List.of();
    }

    /** File offset holding virtual address {@code va}, or -1. */
    public long fileOffsetOf(long va) {
        long pa = tables.translate(va);
        if (pa < 0) {
            return -1;
        }
        long page = physical.fileOffset(pa >>> 12);
        if (page < 0 || page + PhysicalMemory.PAGE > source.size()) {
            return -1;
        }
        return page + (pa & 0xFFF);
    }

    /** Reads physical memory (no translation), or empty when a page is missing. */
    public Optional<byte[]> readPhysical(long pa, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = pa + done;
            long page = physical.fileOffset(at >>> 12);
            if (page < 0 || page + PhysicalMemory.PAGE > source.size()) {
                return Optional.empty();
            }
            int chunk = (int) Math.min(length - done, PhysicalMemory.PAGE - (at & 0xFFF));
            source.copy(page + (at & 0xFFF), out, done, chunk);
            done += chunk;
        }
        return Optional.of(out);
    }

    @Override
    public Optional<byte[]> read(long address, int length) {
        if (length < 0 || readableFrom(address, length) < length) {
            return Optional.empty();
        }
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long va = address + done;
            int chunk = (int) Math.min(length - done, PhysicalMemory.PAGE - (va & 0xFFF));
            source.copy(fileOffsetOf(va), out, done, chunk);
            done += chunk;
        }
        return Optional.of(out);
    }

    @Override
    public long readableFrom(long address, long max) {
        long done = 0;
        while (done < max) {
            long va = address + done;
            if (fileOffsetOf(va) < 0) {
                break;
            }
            done += PhysicalMemory.PAGE - (va & 0xFFF);
        }
        return Math.min(done, max);
    }
}
