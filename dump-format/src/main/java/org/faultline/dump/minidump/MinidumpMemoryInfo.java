package org.faultline.dump.minidump;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/** MINIDUMP_MEMORY_INFO (48 bytes): one region of the process's address space and its protection. */
public record MinidumpMemoryInfo(long baseAddress, long allocationBase, long allocationProtect, long regionSize,
                                 long state, long protect, long type) {
    public static final int SIZE = 48;

    static MinidumpMemoryInfo read(Cursor c) throws DumpFormatException {
        long base = c.u64();
        long allocBase = c.u64();
        long allocProtect = c.u32();
        c.u32();
        long size = c.u64();
        long state = c.u32();
        long protect = c.u32();
        long type = c.u32();
        return new MinidumpMemoryInfo(base, allocBase, allocProtect, size, state, protect, type);
    }

    /** {@code MEM_COMMIT}, {@code MEM_RESERVE}, {@code MEM_FREE} or the raw value. */
    public String stateName() {
        return switch ((int) state) {
            case 0x1000 -> "MEM_COMMIT";
            case 0x2000 -> "MEM_RESERVE";
            case 0x10000 -> "MEM_FREE";
            default -> "0x" + Long.toHexString(state);
        };
    }
}
