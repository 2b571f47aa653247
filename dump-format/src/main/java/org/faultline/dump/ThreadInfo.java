package org.faultline.dump;

/**
 * A thread recorded in the dump.
 *
 * @param id         thread id
 * @param name       thread name, or {@code null}
 * @param context    registers as saved for this thread, or {@code null} when absent or unreadable
 * @param stackStart lowest address of the saved stack memory (0 when none)
 * @param stackSize  bytes of saved stack memory
 * @param teb        address of the thread environment block (0 when unknown)
 */
public record ThreadInfo(long id, String name, CpuContext context, long stackStart, long stackSize, long teb) {
}
