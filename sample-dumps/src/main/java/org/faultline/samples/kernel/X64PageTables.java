package org.faultline.samples.kernel;

import java.util.OptionalLong;

/**
 * x64 4-level page tables (PML4 → PDPT → PD → PT) written into a {@link PhysicalMemory}: 4 KiB pages, 2 MiB large
 * pages (PDE with PS) and 1 GiB pages (PDPTE with PS). The PML4 sits at the frame given to {@link #create}; further
 * tables are allocated upward from {@link #tableFrames(long)} (default: the frame after the PML4) and are present
 * in the dump. Entries are written as {@code address | P | RW | A} (tables) and {@code address | P | RW | A | D}
 * (+ PS) for leaves. Holes: VAs never mapped; VAs mapped to a frame that is not present in the dump; and PTEs
 * written by {@link #mapNotPresent} without the P bit.
 */
public final class X64PageTables {
    /** Present. */
    public static final long P = 1;
    /** Writable. */
    public static final long RW = 2;
    /** Accessed. */
    public static final long A = 0x20;
    /** Dirty. */
    public static final long D = 0x40;
    /** Page size (large page) at PDPTE / PDE level. */
    public static final long PS = 0x80;
    /** Bits 12..51: the frame address in an entry. */
    public static final long ADDRESS_MASK = 0x000F_FFFF_FFFF_F000L;

    private static final int PT = 3;
    private static final int PD = 2;
    private static final int PDPT = 1;
    private static final long PAGE_2M = 1L << 21;
    private static final long PAGE_1G = 1L << 30;

    private final PhysicalMemory memory;
    private final long pml4;
    private long nextTable;

    private X64PageTables(PhysicalMemory memory, long pml4Pfn) {
        this.memory = memory;
        this.pml4 = pml4Pfn << 12;
        this.nextTable = pml4Pfn + 1;
        newTable(pml4Pfn);
    }

    /** Page tables whose PML4 is the (new, zeroed) frame {@code pml4Pfn} of {@code memory}. */
    public static X64PageTables create(PhysicalMemory memory, long pml4Pfn) {
        return new X64PageTables(memory, pml4Pfn);
    }

    /** Allocates the next tables from frame {@code firstPfn} upward. */
    public X64PageTables tableFrames(long firstPfn) {
        this.nextTable = firstPfn;
        return this;
    }

    /** The physical address of the PML4: the header's DirectoryTableBase (CR3). */
    public long directoryTableBase() {
        return pml4;
    }

    /** The physical memory the tables live in. */
    public PhysicalMemory memory() {
        return memory;
    }

    /** Maps the 4 KiB page at {@code va} to frame {@code pfn}. */
    public X64PageTables map4k(long va, long pfn) {
        return leaf(va, PT, (pfn << 12) | P | RW | A | D, 0xFFF);
    }

    /** Maps {@code pages} consecutive 4 KiB pages from {@code va} to consecutive frames from {@code firstPfn}. */
    public X64PageTables map4k(long va, long firstPfn, long pages) {
        for (long i = 0; i < pages; i++) {
            map4k(va + (i << 12), firstPfn + i);
        }
        return this;
    }

    /** Maps the 2 MiB large page at {@code va} (2 MiB-aligned) to frames from {@code pfn} (512-aligned). */
    public X64PageTables map2m(long va, long pfn) {
        return leaf(va, PD, (pfn << 12) | P | RW | A | D | PS, PAGE_2M - 1);
    }

    /** Maps the 1 GiB page at {@code va} (1 GiB-aligned) to frames from {@code pfn} (262144-aligned). */
    public X64PageTables map1g(long va, long pfn) {
        return leaf(va, PDPT, (pfn << 12) | P | RW | A | D | PS, PAGE_1G - 1);
    }

    /** Writes a PTE for {@code va} that names frame {@code pfn} but lacks the P bit (e.g. a paged-out page). */
    public X64PageTables mapNotPresent(long va, long pfn) {
        return leaf(va, PT, (pfn << 12) | RW, 0xFFF);
    }

    /** The physical address {@code va} maps to, walking the tables in memory; empty if not mapped. */
    public OptionalLong translate(long va) {
        long table = pml4;
        for (int level = 0; level <= PT; level++) {
            long entry = memory.readU64(table + 8 * index(va, level));
            if ((entry & P) == 0) {
                return OptionalLong.empty();
            }
            if (level == PT || (level >= PDPT && (entry & PS) != 0)) {
                long offsetMask = level == PT ? 0xFFF : level == PD ? PAGE_2M - 1 : PAGE_1G - 1;
                return OptionalLong.of((entry & ADDRESS_MASK & ~offsetMask) | (va & offsetMask));
            }
            table = entry & ADDRESS_MASK;
        }
        throw new IllegalStateException("unreachable");
    }

    /** Writes bytes at virtual address {@code va} through the tables (the touched pages become present). */
    public X64PageTables write(long va, byte[] data) {
        int done = 0;
        while (done < data.length) {
            long at = va + done;
            int n = Math.min(data.length - done, 0x1000 - (int) (at & 0xFFF));
            long pa = translate(at).orElseThrow(() -> new IllegalStateException("VA 0x" + Long.toHexString(at) + " is not mapped"));
            byte[] chunk = new byte[n];
            System.arraycopy(data, done, chunk, 0, n);
            memory.write(pa, chunk);
            done += n;
        }
        return this;
    }

    /** Writes a u64 at virtual address {@code va}. */
    public X64PageTables writeU64(long va, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return write(va, b);
    }

    private X64PageTables leaf(long va, int leafLevel, long entry, long alignMask) {
        if ((va >> 47) != 0 && (va >> 47) != -1) {
            throw new IllegalArgumentException("non-canonical VA 0x" + Long.toHexString(va));
        }
        if ((va & alignMask) != 0 || ((entry & ADDRESS_MASK) & alignMask) != 0) {
            throw new IllegalArgumentException("VA 0x" + Long.toHexString(va) + " or frame 0x"
                    + Long.toHexString(entry & ADDRESS_MASK) + " not aligned to 0x" + Long.toHexString(alignMask + 1));
        }
        long table = pml4;
        for (int level = 0; level < leafLevel; level++) {
            long slot = table + 8 * index(va, level);
            long e = memory.readU64(slot);
            if ((e & P) == 0) {
                if (e != 0) {
                    throw new IllegalStateException("VA 0x" + Long.toHexString(va) + ": non-present entry in the way");
                }
                long pfn = nextTable++;
                newTable(pfn);
                e = (pfn << 12) | P | RW | A;
                memory.writeU64(slot, e);
            } else if ((e & PS) != 0 && level >= PDPT) {
                throw new IllegalStateException("VA 0x" + Long.toHexString(va) + " is inside a large page already");
            }
            table = e & ADDRESS_MASK;
        }
        long slot = table + 8 * index(va, leafLevel);
        if (memory.readU64(slot) != 0) {
            throw new IllegalStateException("VA 0x" + Long.toHexString(va) + " is mapped already");
        }
        memory.writeU64(slot, entry);
        return this;
    }

    private void newTable(long pfn) {
        if (memory.hasContent(pfn)) {
            throw new IllegalStateException("frame 0x" + Long.toHexString(pfn) + " for a page table already holds data");
        }
        memory.write(pfn << 12, new byte[0x1000]);
    }

    private static long index(long va, int level) {
        return (va >>> (39 - 9 * level)) & 0x1FF;
    }
}
