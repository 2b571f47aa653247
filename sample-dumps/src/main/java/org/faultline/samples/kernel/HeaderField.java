package org.faultline.samples.kernel;

/**
 * The fields of {@code DUMP_HEADER64} (0x2000 bytes) and {@code DUMP_HEADER32} (0x1000 bytes): offset and size
 * in each flavour; a negative offset means the flavour lacks the field. The header is pre-filled with the
 * DWORD {@code PAGE} before fields are written, so an unwritten field reads back as {@code PAGE…}.
 */
public enum HeaderField {
    /** {@code PAGE}. */
    SIGNATURE(0x0000, 4, 0x000, 4),
    /** {@code DU64} or {@code DUMP}. */
    VALID_DUMP(0x0004, 4, 0x004, 4),
    /** 0xF free build, 0xC checked build. */
    MAJOR_VERSION(0x0008, 4, 0x008, 4),
    /** OS build number. */
    MINOR_VERSION(0x000C, 4, 0x00C, 4),
    /** CR3 of the context process (physical address of the top-level page table). */
    DIRECTORY_TABLE_BASE(0x0010, 8, 0x010, 4),
    /** MmPfnDatabase VA. */
    PFN_DATA_BASE(0x0018, 8, 0x014, 4),
    /** PsLoadedModuleList VA. */
    PS_LOADED_MODULE_LIST(0x0020, 8, 0x018, 4),
    /** PsActiveProcessHead VA. */
    PS_ACTIVE_PROCESS_HEAD(0x0028, 8, 0x01C, 4),
    /** IMAGE_FILE_MACHINE value. */
    MACHINE_IMAGE_TYPE(0x0030, 4, 0x020, 4),
    /** Processor count. */
    NUMBER_PROCESSORS(0x0034, 4, 0x024, 4),
    /** Bug check code. */
    BUGCHECK_CODE(0x0038, 4, 0x028, 4),
    /** Bug check parameter 1. */
    BUGCHECK_PARAMETER1(0x0040, 8, 0x02C, 4),
    /** Bug check parameter 2. */
    BUGCHECK_PARAMETER2(0x0048, 8, 0x030, 4),
    /** Bug check parameter 3. */
    BUGCHECK_PARAMETER3(0x0050, 8, 0x034, 4),
    /** Bug check parameter 4. */
    BUGCHECK_PARAMETER4(0x0058, 8, 0x038, 4),
    /** CHAR[32]. */
    VERSION_USER(0x0060, 32, 0x03C, 32),
    /** 32-bit only: PAE enabled flag. */
    PAE_ENABLED(-1, 0, 0x05C, 1),
    /** KdSecondaryVersion byte. */
    KD_SECONDARY_VERSION(0x104D, 1, 0x05D, 1),
    /** VA of KDDEBUGGER_DATA64. */
    KD_DEBUGGER_DATA_BLOCK(0x0080, 8, 0x060, 4),
    /** PHYSICAL_MEMORY_DESCRIPTOR: 700 bytes plus 4 of padding (room for 43 runs) on 64-bit, 700 (86 runs) on 32-bit. */
    PHYSICAL_MEMORY_BLOCK(0x0088, 704, 0x064, 700),
    /** CONTEXT of the bugchecking processor. */
    CONTEXT_RECORD(0x0348, 3000, 0x320, 1200),
    /** EXCEPTION_RECORD64 (0x98) or EXCEPTION_RECORD32 (0x50). */
    EXCEPTION(0x0F00, 0x98, 0x7D0, 0x50),
    /** DumpType. */
    DUMP_TYPE(0x0F98, 4, 0xF88, 4),
    /** RequiredDumpSpace in bytes. */
    REQUIRED_DUMP_SPACE(0x0FA0, 8, 0xFA0, 8),
    /** FILETIME of the crash. */
    SYSTEM_TIME(0x0FA8, 8, 0xFC0, 8),
    /** CHAR[128]. */
    COMMENT(0x0FB0, 128, 0x820, 128),
    /** Up time in 100 ns units. */
    SYSTEM_UP_TIME(0x1030, 8, 0xFB8, 8),
    /** TRIAGE_DUMP_* validity bits. */
    MINIDUMP_FIELDS(0x1038, 4, 0xF8C, 4),
    /** SecondaryDataState. */
    SECONDARY_DATA_STATE(0x103C, 4, 0xF90, 4),
    /** ProductType. */
    PRODUCT_TYPE(0x1040, 4, 0xF94, 4),
    /** SuiteMask. */
    SUITE_MASK(0x1044, 4, 0xF98, 4),
    /** WriterStatus. */
    WRITER_STATUS(0x1048, 4, 0xF9C, 4),
    /** DUMP_FILE_ATTRIBUTES (newer SDKs). */
    ATTRIBUTES(0x1050, 4, 0x8A0, 4),
    /** BootId (newer SDKs, 64-bit only). */
    BOOT_ID(0x1054, 4, -1, 0);

    private final int offset64;
    private final int size64;
    private final int offset32;
    private final int size32;

    HeaderField(int offset64, int size64, int offset32, int size32) {
        this.offset64 = offset64;
        this.size64 = size64;
        this.offset32 = offset32;
        this.size32 = size32;
    }

    /** Whether the header flavour has this field. */
    public boolean existsIn(Arch arch) {
        return (arch.is64() ? offset64 : offset32) >= 0;
    }

    /** Offset in the header; fails if the flavour lacks the field. */
    public int offset(Arch arch) {
        int off = arch.is64() ? offset64 : offset32;
        if (off < 0) {
            throw new IllegalArgumentException(this + " does not exist in a " + (arch.is64() ? "64" : "32") + "-bit header");
        }
        return off;
    }

    /** Size in bytes in the header flavour. */
    public int size(Arch arch) {
        offset(arch);
        return arch.is64() ? size64 : size32;
    }

    /** True for fields written as a little-endian integer (1, 2, 4 or 8 bytes). */
    public boolean isNumeric() {
        return size64 <= 8 && size32 <= 8;
    }
}
