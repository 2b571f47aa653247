package org.faultline.dump.kernel;

/**
 * Where a memory-carrying kernel dump keeps each physical page. Lookups are O(1) or O(log runs); nothing
 * here reads page contents.
 */
public interface PhysicalMemory {
    /** Page size on every architecture Faultline reads. */
    long PAGE = 0x1000;

    /** File offset of physical page {@code pfn}, or -1 when the dump does not hold it. */
    long fileOffset(long pfn);

    /** Number of pages the dump says it holds. */
    long presentPages();

    /** Number of physical pages the description covers (highest PFN + 1). */
    long coveredPages();

    /** File offset just past the last stored page (beyond the file size when the dump is cut short). */
    long endOfPages();

    /** A one-line summary for {@code info}: runs or bitmap figures. */
    String summary();
}
