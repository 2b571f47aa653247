package org.faultline.dump;

import java.util.List;

/**
 * The exception that caused the dump.
 *
 * @param threadId     thread that raised it (0 when not recorded, as in kernel dumps)
 * @param code         exception code, e.g. 0xC0000005
 * @param flags        exception flags (1 = non-continuable)
 * @param nestedRecord address of a chained EXCEPTION_RECORD in the target, or 0
 * @param address      where it happened (truncated to the pointer width on 32-bit CPUs)
 * @param parameters   ExceptionInformation[0..NumberParameters) (at most 15), as stored
 * @param context      the registers at the exception, or {@code null}
 */
public record ExceptionInfo(long threadId, long code, long flags, long nestedRecord, long address,
                            List<Long> parameters, CpuContext context) {

    public ExceptionInfo {
        parameters = List.copyOf(parameters);
    }
}
