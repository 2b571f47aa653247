package org.faultline.dump.kernel;

import org.faultline.dump.io.ByteSource;

/**
 * Virtual → physical translation through the dump's own page tables, reading table entries from the dump's
 * physical pages. x64: 4-level (or 5-level) paging from CR3 = DirectoryTableBase, with 1 GiB and 2 MiB
 * pages, and Windows transition PTEs (not valid, but the page is still in RAM). ARM64: 4 KiB granule, 48-bit
 * VA, four levels from the translation table base, with 1 GiB and 2 MiB blocks.
 */
public final class PageTables {
    private static final long ADDRESS_MASK = 0x000F_FFFF_FFFF_F000L;
    private static final long PRESENT = 1;
    private static final long LARGE = 1L << 7;
    private static final long PROTOTYPE = 1L << 10;
    private static final long TRANSITION = 1L << 11;

    /** The paging scheme. */
    public enum Mode { X64_4_LEVEL, X64_5_LEVEL, ARM64_4_LEVEL }

    private final ByteSource source;
    private final PhysicalMemory physical;
    private final long root;
    private final Mode mode;

    public PageTables(ByteSource source, PhysicalMemory physical, long directoryTableBase, Mode mode) {
        this.source = source;
        this.physical = physical;
        this.root = directoryTableBase & ADDRESS_MASK;
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    /** A u64 table entry at a physical address, or a sentinel when its page is not in the dump. */
    private long entry(long physicalAddress) {
        long offset = physical.fileOffset(physicalAddress >>> 12);
        if (offset < 0) {
            return MISSING;
        }
        long at = offset + (physicalAddress & 0xFFF);
        if (at + 8 > source.size()) {
            return MISSING;
        }
        return source.u64At(at);
    }

    /** Marks an unreadable table page (bit pattern no real entry uses: not present, all address bits set). */
    private static final long MISSING = 0x7FFF_FFFF_FFFF_FFFEL;

    /** The physical address of {@code va}, or -1 when unmapped or when a table page is missing. */
    public long translate(long va) {
        return mode == Mode.ARM64_4_LEVEL ? arm64(va) : x64(va);
    }

    private long x64(long va) {
        int levels = mode == Mode.X64_5_LEVEL ? 5 : 4;
        long table = root;
        for (int level = levels; level >= 1; level--) {
            int shift = 12 + 9 * (level - 1);
            long e = entry(table + ((va >>> shift) & 0x1FF) * 8);
            if (e == MISSING) {
                return -1;
            }
            if ((e & PRESENT) == 0) {
                // A transition PTE (last level only): the page is still in physical memory.
                if (level == 1 && (e & TRANSITION) != 0 && (e & PROTOTYPE) == 0) {
                    return (e & ADDRESS_MASK) | (va & 0xFFF);
                }
                return -1;
            }
            if ((level == 3 || level == 2) && (e & LARGE) != 0) {
                long size = 1L << shift;
                return ((e & ADDRESS_MASK) & ~(size - 1)) | (va & (size - 1));
            }
            table = e & ADDRESS_MASK;
        }
        return table | (va & 0xFFF);
    }

    private long arm64(long va) {
        long table = root;
        for (int level = 0; level <= 3; level++) {
            int shift = 39 - 9 * level;
            long e = entry(table + ((va >>> shift) & 0x1FF) * 8);
            if (e == MISSING || (e & 1) == 0) {
                return -1;
            }
            boolean tableOrPage = (e & 2) != 0;
            long out = e & 0x0000_FFFF_FFFF_F000L;
            if (level == 3) {
                return tableOrPage ? out | (va & 0xFFF) : -1;
            }
            if (!tableOrPage) {
                if (level == 0) {
                    return -1;
                }
                long size = 1L << shift;
                return (out & ~(size - 1)) | (va & (size - 1));
            }
            table = out;
        }
        return -1;
    }
}
