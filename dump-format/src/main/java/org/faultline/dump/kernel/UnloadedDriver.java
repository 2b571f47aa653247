package org.faultline.dump.kernel;

/** DUMP_UNLOADED_DRIVERS64: a driver unloaded before the crash (name truncated to 12 characters). */
public record UnloadedDriver(String name, long startAddress, long endAddress) {
    public static final int SIZE64 = 0x38;
}
