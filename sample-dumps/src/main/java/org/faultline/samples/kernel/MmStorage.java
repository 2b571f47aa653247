package org.faultline.samples.kernel;

import java.util.EnumMap;
import java.util.Map;
import org.faultline.samples.io.LeWriter;

/**
 * {@code DUMP_MM_STORAGE64} (0x50 bytes: six u32 then seven u64) or {@code DUMP_MM_STORAGE32} (0x34 bytes, all
 * u32) at the triage MmOffset. Version defaults to 1 and Size to the structure size.
 */
public final class MmStorage {
    /** The fields in layout order. */
    public enum Field {
        /** Version. */
        VERSION,
        /** Size. */
        SIZE,
        /** MmSpecialPoolTag. */
        SPECIAL_POOL_TAG,
        /** MiTriageActionTaken. */
        TRIAGE_ACTION_TAKEN,
        /** MmVerifyDriverLevel. */
        VERIFY_DRIVER_LEVEL,
        /** KernelVerifier. */
        KERNEL_VERIFIER,
        /** MmMaximumNonPagedPool. */
        MAXIMUM_NON_PAGED_POOL,
        /** MmAllocatedNonPagedPool. */
        ALLOCATED_NON_PAGED_POOL,
        /** PagedPoolMaximum. */
        PAGED_POOL_MAXIMUM,
        /** PagedPoolAllocated. */
        PAGED_POOL_ALLOCATED,
        /** CommittedPages. */
        COMMITTED_PAGES,
        /** CommittedPagesPeak. */
        COMMITTED_PAGES_PEAK,
        /** CommitLimitMaximum. */
        COMMIT_LIMIT_MAXIMUM
    }

    private final Map<Field, Long> values = new EnumMap<>(Field.class);

    private MmStorage() {
        values.put(Field.VERSION, 1L);
    }

    /** Version 1, Size = structure size, the rest zero. */
    public static MmStorage create() {
        return new MmStorage();
    }

    /** Sets a field. */
    public MmStorage set(Field field, long value) {
        values.put(field, value);
        return this;
    }

    /** Size of the structure: 0x50 (64-bit) or 0x34 (32-bit). */
    public static int size(Arch arch) {
        return arch.is64() ? 0x50 : 0x34;
    }

    /** The structure's bytes for the architecture. */
    public byte[] toBytes(Arch arch) {
        byte[] out = new byte[size(arch)];
        int at = 0;
        for (Field f : Field.values()) {
            int width = arch.is64() && f.ordinal() >= Field.MAXIMUM_NON_PAGED_POOL.ordinal() ? 8 : 4;
            long v = f == Field.SIZE ? values.getOrDefault(f, (long) out.length) : values.getOrDefault(f, 0L);
            LeWriter.putLe(out, at, v, width);
            at += width;
        }
        return out;
    }
}
