package org.faultline.dump.kernel;

import java.util.ArrayList;
import java.util.List;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/** EXCEPTION_RECORD64 (0x98 bytes) or EXCEPTION_RECORD32 (0x50 bytes), widened. */
public record ExceptionRecord(long code, long flags, long record, long address, long numberParameters,
                              List<Long> parameters) {
    public static final int SIZE64 = 0x98;
    public static final int SIZE32 = 0x50;

    public ExceptionRecord {
        parameters = List.copyOf(parameters);
    }

    static ExceptionRecord read64(Cursor c) throws DumpFormatException {
        long code = c.u32();
        long flags = c.u32();
        long record = c.u64();
        long address = c.u64();
        long n = c.u32();
        c.u32();
        List<Long> p = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long v = c.u64();
            if (i < n) {
                p.add(v);
            }
        }
        return new ExceptionRecord(code, flags, record, address, n, p);
    }

    static ExceptionRecord read32(Cursor c) throws DumpFormatException {
        long code = c.u32();
        long flags = c.u32();
        long record = c.u32();
        long address = c.u32();
        long n = c.u32();
        List<Long> p = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long v = c.u32();
            if (i < n) {
                p.add(v);
            }
        }
        return new ExceptionRecord(code, flags, record, address, n, p);
    }
}
