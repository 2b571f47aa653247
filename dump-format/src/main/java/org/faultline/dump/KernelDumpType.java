package org.faultline.dump;

/** The DumpType field of a kernel dump header (WDK {@code DUMP_TYPE_*}, plus dbgeng's RDMP kinds). */
public enum KernelDumpType {
    INVALID(0xFFFF_FFFFL, "invalid"),
    UNKNOWN(0, "unknown"),
    FULL(1, "full"),
    SUMMARY(2, "summary"),
    HEADER(3, "header only"),
    TRIAGE(4, "triage"),
    BITMAP_FULL(5, "bitmap full"),
    BITMAP_KERNEL(6, "bitmap kernel"),
    AUTOMATIC(7, "automatic"),
    KERNEL_MEMORY(8, "kernel memory (dbgeng)"),
    KERNEL_AND_USER_MEMORY(9, "kernel and user memory (dbgeng)"),
    COMPLETE_MEMORY(10, "complete memory (dbgeng)");

    private final long value;
    private final String description;

    KernelDumpType(long value, String description) {
        this.value = value;
        this.description = description;
    }

    public long value() {
        return value;
    }

    public String description() {
        return description;
    }

    /** The type with this raw value, or {@code null} for a value no source defines. */
    public static KernelDumpType of(long raw) {
        for (KernelDumpType t : values()) {
            if (t.value == raw) {
                return t;
            }
        }
        return null;
    }
}
