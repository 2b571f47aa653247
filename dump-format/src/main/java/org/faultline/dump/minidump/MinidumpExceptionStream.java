package org.faultline.dump.minidump;

import java.util.List;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * MINIDUMP_EXCEPTION_STREAM (168 bytes). {@code parameters} holds the first
 * {@code min(numberParameters, 15)} entries of ExceptionInformation.
 */
public record MinidumpExceptionStream(long threadId, long exceptionCode, long exceptionFlags,
                                      long exceptionRecord, long exceptionAddress, long numberParameters,
                                      List<Long> parameters, long contextSize, long contextRva) {
    public static final int SIZE = 168;
    /** EXCEPTION_MAXIMUM_PARAMETERS. */
    public static final int MAX_PARAMETERS = 15;

    public MinidumpExceptionStream {
        parameters = List.copyOf(parameters);
    }

    static MinidumpExceptionStream read(Cursor c) throws DumpFormatException {
        long thread = c.u32();
        c.u32();
        long code = c.u32();
        long flags = c.u32();
        long nested = c.u64();
        long address = c.u64();
        long count = c.u32();
        c.u32();
        Long[] info = new Long[MAX_PARAMETERS];
        for (int i = 0; i < MAX_PARAMETERS; i++) {
            info[i] = c.u64();
        }
        long ctxSize = c.u32();
        long ctxRva = c.u32();
        int n = (int) Math.min(count, MAX_PARAMETERS);
        return new MinidumpExceptionStream(thread, code, flags, nested, address, count, List.of(info).subList(0, n),
                ctxSize, ctxRva);
    }
}
