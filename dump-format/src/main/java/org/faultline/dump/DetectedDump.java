package org.faultline.dump;

import java.util.OptionalLong;

/**
 * The outcome of signature detection: the kind of file, its size and, for kernel dumps, the raw DumpType
 * value from the header (absent when the header is too short to hold it).
 */
public record DetectedDump(DumpKind kind, long size, OptionalLong rawKernelDumpType) {

    /** The kernel dump type, or {@code null} when absent or not a value any source defines. */
    public KernelDumpType kernelDumpType() {
        return rawKernelDumpType.isPresent() ? KernelDumpType.of(rawKernelDumpType.getAsLong()) : null;
    }

    /** A one-line description such as {@code 64-bit kernel dump (PAGEDU64), DumpType 4 (triage)}. */
    public String describe() {
        StringBuilder s = new StringBuilder(kind.description()).append(" (").append(kind.signature()).append(')');
        if (rawKernelDumpType.isPresent()) {
            long raw = rawKernelDumpType.getAsLong();
            KernelDumpType type = KernelDumpType.of(raw);
            s.append(", DumpType ").append(raw).append(" (")
                    .append(type == null ? "not a known type" : type.description()).append(')');
        } else if (kind.isKernel()) {
            s.append(", DumpType not present (header truncated)");
        }
        return s.toString();
    }
}
