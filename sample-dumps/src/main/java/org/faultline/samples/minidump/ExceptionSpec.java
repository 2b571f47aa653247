package org.faultline.samples.minidump;

import java.util.Arrays;

/** The Exception stream ({@code MINIDUMP_EXCEPTION_STREAM}, 168 bytes) and its own context. */
public final class ExceptionSpec {
    /** STATUS_ACCESS_VIOLATION. */
    public static final long ACCESS_VIOLATION = 0xC000_0005L;
    /** EXCEPTION_NONCONTINUABLE. */
    public static final long NONCONTINUABLE = 1;

    final long threadId;
    final long code;
    long flags;
    long recordAddress;
    long address;
    long[] parameters = new long[0];
    Long numberParameters;
    CpuContext<?> context;

    private ExceptionSpec(long threadId, long code) {
        this.threadId = threadId;
        this.code = code;
    }

    /** An exception in {@code threadId} with ExceptionCode {@code code}. */
    public static ExceptionSpec of(long threadId, long code) {
        return new ExceptionSpec(threadId, code);
    }

    /** ExceptionFlags. */
    public ExceptionSpec flags(long value) {
        this.flags = value;
        return this;
    }

    /** ExceptionRecord: address of a nested record in the target. */
    public ExceptionSpec nestedRecord(long targetAddress) {
        this.recordAddress = targetAddress;
        return this;
    }

    /** ExceptionAddress. */
    public ExceptionSpec address(long value) {
        this.address = value;
        return this;
    }

    /** ExceptionInformation (at most 15); NumberParameters follows unless overridden. */
    public ExceptionSpec parameters(long... values) {
        if (values.length > 15) {
            throw new IllegalArgumentException("at most 15 parameters, got " + values.length);
        }
        this.parameters = Arrays.copyOf(values, values.length);
        return this;
    }

    /** Writes this NumberParameters regardless of the parameters given (e.g. a bogus 200). */
    public ExceptionSpec numberParameters(long count) {
        this.numberParameters = count;
        return this;
    }

    /** The CONTEXT at the fault (separate from the thread list's context of that thread). */
    public ExceptionSpec context(CpuContext<?> ctx) {
        this.context = ctx;
        return this;
    }
}
