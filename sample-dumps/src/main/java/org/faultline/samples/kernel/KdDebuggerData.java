package org.faultline.samples.kernel;

import java.util.Map;
import java.util.TreeMap;
import org.faultline.samples.io.LeWriter;

/**
 * A copy of {@code KDDEBUGGER_DATA64} as a triage dump stores it: header {List, OwnerTag {@code KDBG} @0x10,
 * Size @0x14}, then the fields set here; everything else zero. The same 64-bit layout serves x86 dumps.
 */
public final class KdDebuggerData {
    /** Offset of OwnerTag. */
    public static final int OWNER_TAG = 0x10;
    /** Offset of Size. */
    public static final int SIZE_FIELD = 0x14;
    /** Offset of KernBase. */
    public static final int KERN_BASE = 0x18;
    /** Offset of PsLoadedModuleList. */
    public static final int PS_LOADED_MODULE_LIST = 0x48;
    /** Offset of PsActiveProcessHead. */
    public static final int PS_ACTIVE_PROCESS_HEAD = 0x50;
    /** Offset of MmPfnDatabase. */
    public static final int MM_PFN_DATABASE = 0xC0;
    /** Offset of NtBuildLab. */
    public static final int NT_BUILD_LAB = 0x208;
    /** Offset of KiProcessorBlock. */
    public static final int KI_PROCESSOR_BLOCK = 0x218;
    /** Offset of MmUnloadedDrivers. */
    public static final int MM_UNLOADED_DRIVERS = 0x220;
    /** Offset of MmLastUnloadedDriver. */
    public static final int MM_LAST_UNLOADED_DRIVER = 0x228;
    /** Size of the copy real Windows 10 triage dumps carry. */
    public static final int DEFAULT_SIZE = 0x380;

    private final Map<Integer, Long> fields = new TreeMap<>();
    private int size = DEFAULT_SIZE;
    private long ownerTag = 0x4742_444BL;

    private KdDebuggerData() {
    }

    /** A copy of {@link #DEFAULT_SIZE} bytes with KernBase set. */
    public static KdDebuggerData create(long kernBase) {
        return new KdDebuggerData().field(KERN_BASE, kernBase);
    }

    /** Sets the u64 at {@code offset} (any field, e.g. one of the constants here). */
    public KdDebuggerData field(int offset, long value) {
        if (offset < 0 || offset % 8 != 0) {
            throw new IllegalArgumentException("KDDEBUGGER_DATA64 pointer fields are 8-aligned: 0x" + Integer.toHexString(offset));
        }
        fields.put(offset, value);
        return this;
    }

    /** PsLoadedModuleList. */
    public KdDebuggerData psLoadedModuleList(long va) {
        return field(PS_LOADED_MODULE_LIST, va);
    }

    /** PsActiveProcessHead. */
    public KdDebuggerData psActiveProcessHead(long va) {
        return field(PS_ACTIVE_PROCESS_HEAD, va);
    }

    /** MmPfnDatabase. */
    public KdDebuggerData mmPfnDatabase(long va) {
        return field(MM_PFN_DATABASE, va);
    }

    /** NtBuildLab (VA of the build string). */
    public KdDebuggerData ntBuildLab(long va) {
        return field(NT_BUILD_LAB, va);
    }

    /** KiProcessorBlock. */
    public KdDebuggerData kiProcessorBlock(long va) {
        return field(KI_PROCESSOR_BLOCK, va);
    }

    /** MmUnloadedDrivers. */
    public KdDebuggerData mmUnloadedDrivers(long va) {
        return field(MM_UNLOADED_DRIVERS, va);
    }

    /** OwnerTag (default {@code KDBG}). */
    public KdDebuggerData ownerTag(long tag) {
        this.ownerTag = tag;
        return this;
    }

    /** The copy's size, written to the Size field and used as DebuggerDataSize. */
    public KdDebuggerData size(int bytes) {
        if (bytes < 0x18) {
            throw new IllegalArgumentException("KDDEBUGGER_DATA64 copy smaller than its header: " + bytes);
        }
        this.size = bytes;
        return this;
    }

    /** Size of the copy in bytes. */
    public int size() {
        return size;
    }

    /** The bytes of the copy; fields beyond the size are dropped. */
    public byte[] toBytes() {
        byte[] out = new byte[size];
        LeWriter.putLe(out, OWNER_TAG, ownerTag, 4);
        LeWriter.putLe(out, SIZE_FIELD, size, 4);
        fields.forEach((off, v) -> {
            if (off + 8 <= size) {
                LeWriter.putLe(out, off, v, 8);
            }
        });
        return out;
    }
}
