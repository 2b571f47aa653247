package org.faultline.dump.kernel;

import java.util.List;

/**
 * PHYSICAL_MEMORY_DESCRIPTOR: the runs of physical pages a full dump holds, in file order.
 *
 * @param numberOfRuns  as declared
 * @param numberOfPages as declared
 * @param runs          the runs that fit in the descriptor (at most 43 on 64-bit, 86 on 32-bit)
 */
public record PhysicalMemoryDescriptor(long numberOfRuns, long numberOfPages, List<Run> runs) {
    public PhysicalMemoryDescriptor {
        runs = List.copyOf(runs);
    }

    /** One run: {@code pageCount} pages from physical page number {@code basePage}. */
    public record Run(long basePage, long pageCount) {
    }
}
