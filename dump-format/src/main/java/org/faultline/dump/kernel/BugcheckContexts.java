package org.faultline.dump.kernel;

import java.util.List;

/**
 * Where a bug check's parameters point to the fault's own records, by bug check code: the exception record,
 * the CONTEXT and the KTRAP_FRAME parameters (0-based parameter indexes, -1 when none), and which parameters
 * give the exception code and address when there is no record.
 */
record BugcheckContexts(int exceptionRecord, int context, int trapFrame, int code, int address) {

    static BugcheckContexts of(long bugcheck) {
        long base = bugcheck & 0x0FFF_FFFFL;
        if (base == 0x7E) {
            // SYSTEM_THREAD_EXCEPTION_NOT_HANDLED(_M): P1 code, P2 address, P3 EXCEPTION_RECORD, P4 CONTEXT.
            return new BugcheckContexts(2, 3, -1, 0, 1);
        }
        if (base == 0x8E) {
            // KERNEL_MODE_EXCEPTION_NOT_HANDLED(_M): P1 code, P2 address, P3 KTRAP_FRAME.
            return new BugcheckContexts(-1, -1, 2, 0, 1);
        }
        if (bugcheck == 0x3B) {
            // SYSTEM_SERVICE_EXCEPTION: P1 code, P2 address, P3 CONTEXT.
            return new BugcheckContexts(-1, 2, -1, 0, 1);
        }
        if (base == 0x1E) {
            // KMODE_EXCEPTION_NOT_HANDLED: P1 code, P2 address, P3/P4 the first two exception parameters.
            return new BugcheckContexts(-1, -1, -1, 0, 1);
        }
        return null;
    }

    /** Exception parameters carried directly in the bug check parameters (0x1E: P3 and P4). */
    static List<Integer> inlineParameters(long bugcheck) {
        return (bugcheck & 0x0FFF_FFFFL) == 0x1E ? List.of(2, 3) : List.of();
    }
}
