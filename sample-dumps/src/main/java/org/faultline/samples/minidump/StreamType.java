package org.faultline.samples.minidump;

/** Minidump stream type numbers (Microsoft {@code MINIDUMP_STREAM_TYPE} and common vendor extensions). */
public final class StreamType {
    /** Unused directory slot. */
    public static final int UNUSED = 0;
    /** MINIDUMP_THREAD_LIST. */
    public static final int THREAD_LIST = 3;
    /** MINIDUMP_MODULE_LIST. */
    public static final int MODULE_LIST = 4;
    /** MINIDUMP_MEMORY_LIST. */
    public static final int MEMORY_LIST = 5;
    /** MINIDUMP_EXCEPTION_STREAM. */
    public static final int EXCEPTION = 6;
    /** MINIDUMP_SYSTEM_INFO. */
    public static final int SYSTEM_INFO = 7;
    /** MINIDUMP_THREAD_EX_LIST. */
    public static final int THREAD_EX_LIST = 8;
    /** MINIDUMP_MEMORY64_LIST. */
    public static final int MEMORY64_LIST = 9;
    /** ANSI comment. */
    public static final int COMMENT_A = 10;
    /** UTF-16 comment. */
    public static final int COMMENT_W = 11;
    /** MINIDUMP_HANDLE_DATA_STREAM. */
    public static final int HANDLE_DATA = 12;
    /** MINIDUMP_UNLOADED_MODULE_LIST. */
    public static final int UNLOADED_MODULE_LIST = 14;
    /** MINIDUMP_MISC_INFO(_N). */
    public static final int MISC_INFO = 15;
    /** MINIDUMP_MEMORY_INFO_LIST. */
    public static final int MEMORY_INFO_LIST = 16;
    /** MINIDUMP_THREAD_INFO_LIST. */
    public static final int THREAD_INFO_LIST = 17;
    /** Token information. */
    public static final int TOKEN = 19;
    /** MINIDUMP_THREAD_NAME_LIST. */
    public static final int THREAD_NAMES = 24;
    /** Breakpad MDRawBreakpadInfo. */
    public static final int BREAKPAD_INFO = 0x4767_0001;
    /** Breakpad MDRawAssertionInfo. */
    public static final int ASSERTION_INFO = 0x4767_0002;
    /** Breakpad raw /proc/cpuinfo. */
    public static final int LINUX_CPU_INFO = 0x4767_0003;
    /** Breakpad raw /proc/self/status. */
    public static final int LINUX_PROC_STATUS = 0x4767_0004;
    /** Breakpad raw /etc/lsb-release. */
    public static final int LINUX_LSB_RELEASE = 0x4767_0005;
    /** Breakpad raw /proc/self/cmdline. */
    public static final int LINUX_CMD_LINE = 0x4767_0006;
    /** Breakpad raw /proc/self/environ. */
    public static final int LINUX_ENVIRON = 0x4767_0007;
    /** Breakpad raw auxv. */
    public static final int LINUX_AUXV = 0x4767_0008;
    /** Breakpad raw /proc/self/maps. */
    public static final int LINUX_MAPS = 0x4767_0009;
    /** Crashpad MINIDUMP_CRASHPAD_INFO. */
    public static final int CRASHPAD_INFO = 0x4350_0001;

    private StreamType() {
    }
}
