package org.faultline.samples.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * Where the writer put everything, before any {@link KernelDamage} was applied, so tests can aim at it.
 *
 * <p>Region labels (those present): {@code header}, {@code header.context}, {@code header.exception},
 * {@code header.physicalMemoryBlock}; triage: {@code triage} (the TRIAGE_DUMP structure), {@code context},
 * {@code exception} (in the header unless a separate triage copy was set), {@code mm}, {@code unloaded},
 * {@code unloaded[i]}, {@code prcb}, {@code process}, {@code thread}, {@code callStack}, {@code debuggerData},
 * {@code drivers}, {@code driver[i]}, {@code driver[i].name}, {@code stringPool}, {@code dataPage},
 * {@code dataBlocks} (the descriptors), {@code dataBlock[i].descriptor}, {@code dataBlock[i]} (the bytes),
 * {@code valid} (the {@code TRGD} u32), {@code trailer}; full and bitmap dumps: {@code bitmapHeader},
 * {@code bitmap}, {@code pages} (from the first stored page to the end). Indexes follow the order of the
 * builder calls.
 *
 * @param arch header flavour
 * @param dumpType DumpType as written
 * @param regions labelled file ranges, in writing order
 * @param memory virtual ranges a triage dump stores (call stack, data page, data blocks)
 * @param pages physical page runs a full or bitmap dump stores, in file order
 * @param fileSize size of the undamaged file
 */
public record KernelLayout(Arch arch, long dumpType, Map<String, Region> regions, List<MemoryRange> memory,
        List<PageRun> pages, long fileSize) {

    /** Page size of every kernel dump flavour. */
    public static final int PAGE_SIZE = 0x1000;

    /**
     * A byte range in the file.
     *
     * @param offset file offset
     * @param size length in bytes
     */
    public record Region(long offset, long size) {
        /** End offset (exclusive). */
        public long end() {
            return offset + size;
        }
    }

    /**
     * Virtual memory stored in a triage dump.
     *
     * @param label region label of the bytes
     * @param address first VA
     * @param size length in bytes
     * @param fileOffset file offset of the byte at {@code address}
     */
    public record MemoryRange(String label, long address, long size, long fileOffset) {
        /** Whether {@code [va, va + length)} lies inside this range. */
        public boolean contains(long va, long length) {
            long delta = va - address;
            return Long.compareUnsigned(delta, size) < 0 && length <= size - delta;
        }
    }

    /**
     * Consecutive physical pages stored back to back in the file.
     *
     * @param firstPfn first page frame number
     * @param count number of pages
     * @param fileOffset file offset of the first page
     */
    public record PageRun(long firstPfn, long count, long fileOffset) {
    }

    /** Makes an immutable layout. */
    public KernelLayout {
        regions = Collections.unmodifiableMap(new LinkedHashMap<>(regions));
        memory = List.copyOf(memory);
        pages = List.copyOf(pages);
    }

    /** A labelled region; fails with the known labels if absent. */
    public Region region(String label) {
        Region r = regions.get(label);
        if (r == null) {
            throw new NoSuchElementException("no region \"" + label + "\"; known: " + regions.keySet());
        }
        return r;
    }

    /** A header field's range in this header flavour. */
    public Region header(HeaderField field) {
        return new Region(field.offset(arch), field.size(arch));
    }

    /** A TRIAGE_DUMP field's absolute range in the file. */
    public Region triage(TriageField field) {
        return new Region(arch.headerSize() + field.offset(arch), field.size(arch));
    }

    /** The file offset holding virtual address {@code va} in a triage dump (first covering range). */
    public OptionalLong fileOffsetOfVirtual(long va) {
        return memory.stream().filter(m -> m.contains(va, 1))
                .mapToLong(m -> m.fileOffset() + (va - m.address())).findFirst();
    }

    /** The file offset holding physical address {@code pa} in a full or bitmap dump. */
    public OptionalLong fileOffsetOfPhysical(long pa) {
        long pfn = pa >>> 12;
        for (PageRun r : pages) {
            if (pfn >= r.firstPfn() && pfn - r.firstPfn() < r.count()) {
                return OptionalLong.of(r.fileOffset() + (pfn - r.firstPfn()) * PAGE_SIZE + (pa & 0xFFF));
            }
        }
        return OptionalLong.empty();
    }
}
