package org.faultline.samples.kernel;

import java.util.Arrays;
import java.util.List;
import org.faultline.samples.io.LeWriter;

/**
 * An {@code EXCEPTION_RECORD64} (0x98 bytes) or {@code EXCEPTION_RECORD32} (0x50 bytes), as written into the
 * header or the triage body. In the header only the fields up to the last given parameter are written; the
 * padding and unused ExceptionInformation slots keep the header's {@code PAGE} fill, as real dumps show.
 *
 * @param code ExceptionCode
 * @param flags ExceptionFlags
 * @param record ExceptionRecord (address of a chained record)
 * @param address ExceptionAddress
 * @param numberParameters NumberParameters as written (may disagree with {@code parameters} on purpose)
 * @param parameters ExceptionInformation values written, at most 15
 */
public record ExceptionRecord(long code, long flags, long record, long address, long numberParameters, List<Long> parameters) {
    /** STATUS_BREAKPOINT, the stand-in record real triage dumps hold in the header. */
    public static final long BREAKPOINT = 0x8000_0003L;
    /** STATUS_ACCESS_VIOLATION. */
    public static final long ACCESS_VIOLATION = 0xC000_0005L;

    /** Validates and copies. */
    public ExceptionRecord {
        parameters = List.copyOf(parameters);
        if (parameters.size() > 15) {
            throw new IllegalArgumentException("at most 15 parameters, got " + parameters.size());
        }
    }

    /** A record with {@code code} at {@code address}, flags 0, and the given parameters. */
    public static ExceptionRecord of(long code, long address, long... parameters) {
        List<Long> list = Arrays.stream(parameters).boxed().toList();
        return new ExceptionRecord(code, 0, 0, address, list.size(), list);
    }

    /** The kernel's stand-in: 0x80000003 at {@code address}, flags 1, no parameters. */
    public static ExceptionRecord breakpoint(long address) {
        return new ExceptionRecord(BREAKPOINT, 1, 0, address, 0, List.of());
    }

    /** The same record with ExceptionFlags {@code value}. */
    public ExceptionRecord withFlags(long value) {
        return new ExceptionRecord(code, value, record, address, numberParameters, parameters);
    }

    /** The same record with NumberParameters {@code count}, whatever the parameters given. */
    public ExceptionRecord withNumberParameters(long count) {
        return new ExceptionRecord(code, flags, record, address, count, parameters);
    }

    /** Size of the structure for the architecture: 0x98 or 0x50. */
    public static int size(Arch arch) {
        return arch.is64() ? 0x98 : 0x50;
    }

    /** Writes the fields into {@code target} at {@code at}; bytes of unused slots are left as they are. */
    void writeInto(byte[] target, int at, Arch arch) {
        if (arch.is64()) {
            put(target, at, code, 4);
            put(target, at + 4, flags, 4);
            put(target, at + 8, record, 8);
            put(target, at + 0x10, address, 8);
            put(target, at + 0x18, numberParameters, 4);
            for (int i = 0; i < parameters.size(); i++) {
                put(target, at + 0x20 + 8 * i, parameters.get(i), 8);
            }
        } else {
            put(target, at, code, 4);
            put(target, at + 4, flags, 4);
            put(target, at + 8, record, 4);
            put(target, at + 0xC, address, 4);
            put(target, at + 0x10, numberParameters, 4);
            for (int i = 0; i < parameters.size(); i++) {
                put(target, at + 0x14 + 4 * i, parameters.get(i), 4);
            }
        }
    }

    private static void put(byte[] target, int at, long value, int width) {
        LeWriter.putLe(target, at, value, width);
    }
}
