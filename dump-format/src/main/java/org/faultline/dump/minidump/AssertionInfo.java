package org.faultline.dump.minidump;

/** Breakpad's assertion stream: an invalid-parameter or pure-virtual-call report. */
public record AssertionInfo(String expression, String function, String file, long line, long type) {
    public static final int SIZE = 3 * 256 + 8;

    /** {@code unknown}, {@code invalid parameter} or {@code pure virtual call}. */
    public String typeName() {
        return switch ((int) type) {
            case 1 -> "invalid parameter";
            case 2 -> "pure virtual call";
            default -> "unknown";
        };
    }
}
