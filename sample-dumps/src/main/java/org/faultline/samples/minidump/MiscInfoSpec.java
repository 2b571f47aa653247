package org.faultline.samples.minidump;

import java.util.Arrays;
import org.faultline.samples.io.LeWriter;

/**
 * The MiscInfo stream in any version: {@code MINIDUMP_MISC_INFO} (24 bytes) through {@code _5} (1364).
 * Flags1 gets the bit of every field group that was set, unless {@link #flags1(long)} overrides it;
 * fields beyond the chosen size are dropped.
 */
public final class MiscInfoSpec {
    /** SizeOfInfo of MINIDUMP_MISC_INFO .. _5, indexed by version - 1. */
    private static final int[] SIZES = {24, 44, 232, 832, 1364};
    /** MINIDUMP_MISC1_PROCESS_ID. */
    public static final int PROCESS_ID = 0x1;
    /** MINIDUMP_MISC1_PROCESS_TIMES. */
    public static final int PROCESS_TIMES = 0x2;
    /** MINIDUMP_MISC1_PROCESSOR_POWER_INFO. */
    public static final int PROCESSOR_POWER_INFO = 0x4;
    /** MINIDUMP_MISC3_PROCESS_INTEGRITY. */
    public static final int PROCESS_INTEGRITY = 0x10;
    /** MINIDUMP_MISC3_PROCESS_EXECUTE_FLAGS. */
    public static final int PROCESS_EXECUTE_FLAGS = 0x20;
    /** MINIDUMP_MISC3_TIMEZONE. */
    public static final int TIMEZONE = 0x40;
    /** MINIDUMP_MISC3_PROTECTED_PROCESS. */
    public static final int PROTECTED_PROCESS = 0x80;
    /** MINIDUMP_MISC4_BUILDSTRING. */
    public static final int BUILDSTRING = 0x100;
    /** MINIDUMP_MISC5_PROCESS_COOKIE. */
    public static final int PROCESS_COOKIE = 0x200;

    private final int size;
    private final byte[] full = new byte[SIZES[4]];
    private long autoFlags;
    private Long flagsOverride;

    private MiscInfoSpec(int size) {
        if (size < 8) {
            throw new IllegalArgumentException("SizeOfInfo must cover SizeOfInfo and Flags1: " + size);
        }
        this.size = size;
    }

    /** MiscInfo version 1..5 (24, 44, 232, 832 or 1364 bytes). */
    public static MiscInfoSpec version(int version) {
        if (version < 1 || version > SIZES.length) {
            throw new IllegalArgumentException("MiscInfo version 1..5: " + version);
        }
        return new MiscInfoSpec(SIZES[version - 1]);
    }

    /** MiscInfo of any SizeOfInfo (≥ 8): fields inside it are written, the rest is zero-padded. */
    public static MiscInfoSpec ofSize(int sizeOfInfo) {
        return new MiscInfoSpec(sizeOfInfo);
    }

    /** ProcessId. */
    public MiscInfoSpec processId(long pid) {
        return put(0x08, pid, 4, PROCESS_ID);
    }

    /** ProcessCreateTime (time_t), ProcessUserTime and ProcessKernelTime (seconds). */
    public MiscInfoSpec processTimes(long createTime, long userSeconds, long kernelSeconds) {
        put(0x0C, createTime, 4, PROCESS_TIMES);
        put(0x10, userSeconds, 4, PROCESS_TIMES);
        return put(0x14, kernelSeconds, 4, PROCESS_TIMES);
    }

    /** ProcessorMaxMhz, CurrentMhz, MhzLimit, MaxIdleState, CurrentIdleState. */
    public MiscInfoSpec processorPower(long maxMhz, long currentMhz, long mhzLimit, long maxIdle, long currentIdle) {
        long[] v = {maxMhz, currentMhz, mhzLimit, maxIdle, currentIdle};
        for (int i = 0; i < v.length; i++) {
            put(0x18 + 4 * i, v[i], 4, PROCESSOR_POWER_INFO);
        }
        return this;
    }

    /** ProcessIntegrityLevel. */
    public MiscInfoSpec integrityLevel(long level) {
        return put(0x2C, level, 4, PROCESS_INTEGRITY);
    }

    /** ProcessExecuteFlags. */
    public MiscInfoSpec executeFlags(long flags) {
        return put(0x30, flags, 4, PROCESS_EXECUTE_FLAGS);
    }

    /** ProtectedProcess. */
    public MiscInfoSpec protectedProcess(long value) {
        return put(0x34, value, 4, PROTECTED_PROCESS);
    }

    /**
     * TimeZoneId and TIME_ZONE_INFORMATION: bias (minutes), standard name and bias, daylight name and bias
     * (names up to 32 WCHARs; transition dates left zero).
     */
    public MiscInfoSpec timeZone(long id, int bias, String standardName, int standardBias, String daylightName,
            int daylightBias) {
        put(0x38, id, 4, TIMEZONE);
        LeWriter tz = new LeWriter(172).u32(bias).utf16Fixed(standardName, 32).zeros(16).u32(standardBias)
                .utf16Fixed(daylightName, 32).zeros(16).u32(daylightBias);
        return putBytes(0x3C, tz.toByteArray(), TIMEZONE);
    }

    /** BuildString (260 WCHARs) and DbgBldStr (40 WCHARs). */
    public MiscInfoSpec buildStrings(String buildString, String dbgBuildString) {
        putBytes(0xE8, new LeWriter(520).utf16Fixed(buildString, 260).toByteArray(), BUILDSTRING);
        return putBytes(0x2F0, new LeWriter(80).utf16Fixed(dbgBuildString, 40).toByteArray(), BUILDSTRING);
    }

    /** Raw XSTATE_CONFIG_FEATURE_MSC_INFO bytes (up to 528) at 0x340; no Flags1 bit of its own. */
    public MiscInfoSpec xstateData(byte[] data) {
        if (data.length > 528) {
            throw new IllegalArgumentException("XStateData is 528 bytes");
        }
        return putBytes(0x340, data, 0);
    }

    /** ProcessCookie. */
    public MiscInfoSpec processCookie(long cookie) {
        return put(0x550, cookie, 4, PROCESS_COOKIE);
    }

    /** Writes this Flags1 instead of the bits of the fields that were set. */
    public MiscInfoSpec flags1(long flags) {
        this.flagsOverride = flags;
        return this;
    }

    /** SizeOfInfo as written. */
    public int size() {
        return size;
    }

    /** The stream bytes: SizeOfInfo, Flags1 and every field inside SizeOfInfo. */
    public byte[] toBytes() {
        byte[] out = Arrays.copyOf(full, size);
        LeWriter.putLe(out, 0, size, 4);
        LeWriter.putLe(out, 4, flagsOverride != null ? flagsOverride : autoFlags, 4);
        return out;
    }

    private MiscInfoSpec put(int offset, long value, int width, int flag) {
        byte[] b = new byte[width];
        LeWriter.putLe(b, 0, value, width);
        return putBytes(offset, b, flag);
    }

    private MiscInfoSpec putBytes(int offset, byte[] bytes, int flag) {
        System.arraycopy(bytes, 0, full, offset, bytes.length);
        autoFlags |= flag;
        return this;
    }
}
