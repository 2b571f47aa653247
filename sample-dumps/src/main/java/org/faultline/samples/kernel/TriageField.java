package org.faultline.samples.kernel;

/**
 * The fields of {@code TRIAGE_DUMP64} (0x80 bytes) and {@code TRIAGE_DUMP32} (0x68 bytes, the Microsoft/rizin
 * layout), relative to the start of the triage body. All {@code *Offset} fields hold absolute file offsets.
 * A negative offset means the flavour lacks the field.
 */
public enum TriageField {
    /** ServicePackBuild. */
    SERVICE_PACK_BUILD(0x00, 4, 0x00, 4),
    /** SizeOfDump: end of the triage part (the {@code TRGD} marker's end). */
    SIZE_OF_DUMP(0x04, 4, 0x04, 4),
    /** File offset of the {@code TRGD} u32. */
    VALID_OFFSET(0x08, 4, 0x08, 4),
    /** File offset of the crashing CONTEXT. */
    CONTEXT_OFFSET(0x0C, 4, 0x0C, 4),
    /** File offset of the EXCEPTION_RECORD. */
    EXCEPTION_OFFSET(0x10, 4, 0x10, 4),
    /** File offset of DUMP_MM_STORAGE. */
    MM_OFFSET(0x14, 4, 0x14, 4),
    /** File offset of the unloaded-driver list. */
    UNLOADED_DRIVERS_OFFSET(0x18, 4, 0x18, 4),
    /** File offset of the KPRCB copy. */
    PRCB_OFFSET(0x1C, 4, 0x1C, 4),
    /** File offset of the EPROCESS copy. */
    PROCESS_OFFSET(0x20, 4, 0x20, 4),
    /** File offset of the ETHREAD copy. */
    THREAD_OFFSET(0x24, 4, 0x24, 4),
    /** File offset of the kernel stack bytes. */
    CALL_STACK_OFFSET(0x28, 4, 0x28, 4),
    /** Size of the kernel stack bytes. */
    SIZE_OF_CALL_STACK(0x2C, 4, 0x2C, 4),
    /** File offset of the DUMP_DRIVER_ENTRY array. */
    DRIVER_LIST_OFFSET(0x30, 4, 0x30, 4),
    /** Number of driver entries. */
    DRIVER_COUNT(0x34, 4, 0x34, 4),
    /** File offset of the DUMP_STRING pool. */
    STRING_POOL_OFFSET(0x38, 4, 0x38, 4),
    /** Size of the string pool in bytes. */
    STRING_POOL_SIZE(0x3C, 4, 0x3C, 4),
    /** BrokenDriverOffset. */
    BROKEN_DRIVER_OFFSET(0x40, 4, 0x40, 4),
    /** TriageOptions. */
    TRIAGE_OPTIONS(0x44, 4, 0x44, 4),
    /** VA of the lowest saved stack byte. */
    TOP_OF_STACK(0x48, 8, 0x48, 4),
    /** IA-64 BStoreOffset (64-bit layout only). */
    BSTORE_OFFSET(0x50, 4, -1, 0),
    /** IA-64 SizeOfBStore (64-bit layout only). */
    SIZE_OF_BSTORE(0x54, 4, -1, 0),
    /** IA-64 LimitOfBStore (64-bit layout only). */
    LIMIT_OF_BSTORE(0x58, 8, -1, 0),
    /** VA of the data page. */
    DATA_PAGE_ADDRESS(0x60, 8, 0x4C, 4),
    /** File offset of the data page. */
    DATA_PAGE_OFFSET(0x68, 4, 0x50, 4),
    /** Size of the data page. */
    DATA_PAGE_SIZE(0x6C, 4, 0x54, 4),
    /** File offset of the KDDEBUGGER_DATA64 copy. */
    DEBUGGER_DATA_OFFSET(0x70, 4, 0x58, 4),
    /** Size of the KDDEBUGGER_DATA64 copy. */
    DEBUGGER_DATA_SIZE(0x74, 4, 0x5C, 4),
    /** File offset of the TRIAGE_DATA_BLOCK array. */
    DATA_BLOCKS_OFFSET(0x78, 4, 0x60, 4),
    /** Number of data blocks. */
    DATA_BLOCKS_COUNT(0x7C, 4, 0x64, 4);

    /** Size of TRIAGE_DUMP64. */
    public static final int SIZE64 = 0x80;
    /** Size of TRIAGE_DUMP32. */
    public static final int SIZE32 = 0x68;

    private final int offset64;
    private final int size64;
    private final int offset32;
    private final int size32;

    TriageField(int offset64, int size64, int offset32, int size32) {
        this.offset64 = offset64;
        this.size64 = size64;
        this.offset32 = offset32;
        this.size32 = size32;
    }

    /** Whether the triage flavour has this field. */
    public boolean existsIn(Arch arch) {
        return (arch.is64() ? offset64 : offset32) >= 0;
    }

    /** Offset from the start of the triage body; fails if the flavour lacks the field. */
    public int offset(Arch arch) {
        int off = arch.is64() ? offset64 : offset32;
        if (off < 0) {
            throw new IllegalArgumentException(this + " does not exist in TRIAGE_DUMP32");
        }
        return off;
    }

    /** Size in bytes. */
    public int size(Arch arch) {
        offset(arch);
        return arch.is64() ? size64 : size32;
    }

    /** Size of the whole structure for the flavour. */
    public static int structSize(Arch arch) {
        return arch.is64() ? SIZE64 : SIZE32;
    }
}
