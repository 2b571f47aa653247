package org.faultline.dump.minidump;

import java.util.Map;

/** Stream type numbers: Microsoft's MINIDUMP_STREAM_TYPE, Windows CE's, and the vendor extensions. */
public final class StreamTypes {
    public static final long UNUSED = 0;
    public static final long THREAD_LIST = 3;
    public static final long MODULE_LIST = 4;
    public static final long MEMORY_LIST = 5;
    public static final long EXCEPTION = 6;
    public static final long SYSTEM_INFO = 7;
    public static final long THREAD_EX_LIST = 8;
    public static final long MEMORY64_LIST = 9;
    public static final long COMMENT_A = 10;
    public static final long COMMENT_W = 11;
    public static final long HANDLE_DATA = 12;
    public static final long UNLOADED_MODULE_LIST = 14;
    public static final long MISC_INFO = 15;
    public static final long MEMORY_INFO_LIST = 16;
    public static final long THREAD_INFO_LIST = 17;
    public static final long TOKEN = 19;
    public static final long THREAD_NAMES = 24;
    public static final long BREAKPAD_INFO = 0x47670001L;
    public static final long ASSERTION_INFO = 0x47670002L;
    public static final long CRASHPAD_INFO = 0x43500001L;

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0L, "UnusedStream"), Map.entry(1L, "ReservedStream0"), Map.entry(2L, "ReservedStream1"),
            Map.entry(3L, "ThreadListStream"), Map.entry(4L, "ModuleListStream"),
            Map.entry(5L, "MemoryListStream"), Map.entry(6L, "ExceptionStream"),
            Map.entry(7L, "SystemInfoStream"), Map.entry(8L, "ThreadExListStream"),
            Map.entry(9L, "Memory64ListStream"), Map.entry(10L, "CommentStreamA"),
            Map.entry(11L, "CommentStreamW"), Map.entry(12L, "HandleDataStream"),
            Map.entry(13L, "FunctionTableStream"), Map.entry(14L, "UnloadedModuleListStream"),
            Map.entry(15L, "MiscInfoStream"), Map.entry(16L, "MemoryInfoListStream"),
            Map.entry(17L, "ThreadInfoListStream"), Map.entry(18L, "HandleOperationListStream"),
            Map.entry(19L, "TokenStream"), Map.entry(20L, "JavaScriptDataStream"),
            Map.entry(21L, "SystemMemoryInfoStream"), Map.entry(22L, "ProcessVmCountersStream"),
            Map.entry(23L, "IptTraceStream"), Map.entry(24L, "ThreadNamesStream"),
            Map.entry(0x8000L, "ceStreamNull"), Map.entry(0x8001L, "ceStreamSystemInfo"),
            Map.entry(0x8002L, "ceStreamException"), Map.entry(0x8003L, "ceStreamModuleList"),
            Map.entry(0x8004L, "ceStreamProcessList"), Map.entry(0x8005L, "ceStreamThreadList"),
            Map.entry(0x8006L, "ceStreamThreadContextList"), Map.entry(0x8007L, "ceStreamThreadCallStackList"),
            Map.entry(0x8008L, "ceStreamMemoryVirtualList"), Map.entry(0x8009L, "ceStreamMemoryPhysicalList"),
            Map.entry(0x800AL, "ceStreamBucketParameters"), Map.entry(0x800BL, "ceStreamProcessModuleMap"),
            Map.entry(0x800CL, "ceStreamDiagnosisList"), Map.entry(0xFFFFL, "LastReservedStream"),
            Map.entry(0x47670001L, "BreakpadInfoStream"), Map.entry(0x47670002L, "BreakpadAssertionInfoStream"),
            Map.entry(0x47670003L, "BreakpadLinuxCpuInfo"), Map.entry(0x47670004L, "BreakpadLinuxProcStatus"),
            Map.entry(0x47670005L, "BreakpadLinuxLsbRelease"), Map.entry(0x47670006L, "BreakpadLinuxCmdLine"),
            Map.entry(0x47670007L, "BreakpadLinuxEnviron"), Map.entry(0x47670008L, "BreakpadLinuxAuxv"),
            Map.entry(0x47670009L, "BreakpadLinuxMaps"), Map.entry(0x4767000AL, "BreakpadLinuxDsoDebug"),
            Map.entry(0x4767000BL, "BreakpadLinuxProcStat"), Map.entry(0x4767000CL, "BreakpadLinuxProcUptime"),
            Map.entry(0x4767000DL, "BreakpadLinuxProcFd"),
            Map.entry(0x43500001L, "CrashpadInfoStream"), Map.entry(0x4B6B0002L, "ChromiumStabilityReport"),
            Map.entry(0x4D7A0001L, "MozMacosCrashInfoStream"), Map.entry(0x4D7A0002L, "MozMacosBootargsStream"),
            Map.entry(0x4D7A0003L, "MozLinuxLimits"), Map.entry(0x4D7A0004L, "MozSoftErrors"),
            Map.entry(0x4C4C4442L, "LLDBGenerated"));

    private StreamTypes() {
    }

    /** The name of a stream type, or {@code unknown (0x…)}. */
    public static String name(long type) {
        String n = NAMES.get(type);
        return n != null ? n : "unknown (0x" + Long.toHexString(type) + ")";
    }

    /** Whether the type is one whose content is raw text (the Breakpad Linux /proc copies). */
    public static boolean isLinuxText(long type) {
        return type >= 0x47670003L && type <= 0x4767000DL && type != 0x4767000AL && type != 0x47670008L;
    }
}
