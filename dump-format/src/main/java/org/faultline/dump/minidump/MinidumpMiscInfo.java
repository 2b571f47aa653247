package org.faultline.dump.minidump;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * MINIDUMP_MISC_INFO in all its versions (24, 44, 232, 832 and 1364 bytes). A field is present only when it
 * lies inside SizeOfInfo and its Flags1 bit is set; absent fields are {@code null}.
 */
public record MinidumpMiscInfo(long sizeOfInfo, long flags1, Long processId, Long processCreateTime,
                               Long processUserTime, Long processKernelTime, Long processorMaxMhz,
                               Long processorCurrentMhz, Long processorMhzLimit, Long processIntegrityLevel,
                               Long processExecuteFlags, Long protectedProcess, Long timeZoneId,
                               Integer timeZoneBias, String standardName, String daylightName,
                               String buildString, String dbgBuildString, Long xstateEnabledFeatures,
                               Long xstateContextSize, Long processCookie) {
    public static final int SIZE_1 = 24;
    public static final int SIZE_2 = 44;
    public static final int SIZE_3 = 232;
    public static final int SIZE_4 = 832;
    public static final int SIZE_5 = 1364;

    private static final int PROCESS_ID = 0x1;
    private static final int PROCESS_TIMES = 0x2;
    private static final int POWER_INFO = 0x4;
    private static final int INTEGRITY = 0x10;
    private static final int EXECUTE_FLAGS = 0x20;
    private static final int TIMEZONE = 0x40;
    private static final int PROTECTED = 0x80;
    private static final int BUILDSTRING = 0x100;
    private static final int COOKIE = 0x200;

    /** Reads from a cursor over the stream; the stream may be shorter or longer than SizeOfInfo. */
    static MinidumpMiscInfo read(Cursor c) throws DumpFormatException {
        long declared = c.u32();
        long flags = c.u32();
        long size = Math.min(declared, c.length());
        Field f = new Field(c, size, flags);
        Long pid = f.u32(0x08, PROCESS_ID);
        Long create = f.u32(0x0C, PROCESS_TIMES);
        Long user = f.u32(0x10, PROCESS_TIMES);
        Long kernel = f.u32(0x14, PROCESS_TIMES);
        Long maxMhz = f.u32(0x18, POWER_INFO);
        Long curMhz = f.u32(0x1C, POWER_INFO);
        Long limitMhz = f.u32(0x20, POWER_INFO);
        Long integrity = f.u32(0x2C, INTEGRITY);
        Long execute = f.u32(0x30, EXECUTE_FLAGS);
        Long prot = f.u32(0x34, PROTECTED);
        Long tzId = f.u32(0x38, TIMEZONE);
        Long bias = f.u32(0x3C, TIMEZONE);
        String stdName = f.wchars(0x40, 32, TIMEZONE);
        String dstName = f.wchars(0x40 + 64 + 16 + 4, 32, TIMEZONE);
        String build = f.wchars(0xE8, 260, BUILDSTRING);
        String dbgBuild = f.wchars(0x2F0, 40, BUILDSTRING);
        Long xstateSize = null;
        Long xstateFeatures = null;
        if (size >= 0x340 + 16) {
            long xsize = c.seek(0x340).u32();
            if (xsize != 0) {
                xstateSize = c.u32();
                xstateFeatures = c.u64();
            }
        }
        Long cookie = f.u32(0x550, COOKIE);
        return new MinidumpMiscInfo(declared, flags, pid, create, user, kernel, maxMhz, curMhz, limitMhz, integrity,
                execute, prot, tzId, bias == null ? null : (int) (long) bias, stdName, dstName, build, dbgBuild,
                xstateFeatures, xstateSize, cookie);
    }

    /** Reads fields gated by size and flag. */
    private record Field(Cursor c, long size, long flags) {
        Long u32(int offset, int flag) throws DumpFormatException {
            if ((flags & flag) == 0 || offset + 4 > size) {
                return null;
            }
            return c.seek(offset).u32();
        }

        String wchars(int offset, int count, int flag) throws DumpFormatException {
            if ((flags & flag) == 0 || offset + 2L * count > size) {
                return null;
            }
            String s = c.seek(offset).utf16(2 * count);
            int nul = s.indexOf('\0');
            return nul >= 0 ? s.substring(0, nul) : s;
        }
    }
}
