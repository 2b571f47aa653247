package org.faultline.samples.minidump;

/**
 * One {@code MINIDUMP_MEMORY_INFO} (48 bytes).
 *
 * @param baseAddress BaseAddress
 * @param allocationBase AllocationBase
 * @param allocationProtect AllocationProtect (PAGE_*)
 * @param regionSize RegionSize
 * @param state State (0x1000 commit, 0x2000 reserve, 0x10000 free)
 * @param protect Protect (PAGE_*)
 * @param type Type (0x20000 private, 0x40000 mapped, 0x1000000 image)
 */
public record MemoryInfoSpec(long baseAddress, long allocationBase, long allocationProtect, long regionSize,
        long state, long protect, long type) {
}
