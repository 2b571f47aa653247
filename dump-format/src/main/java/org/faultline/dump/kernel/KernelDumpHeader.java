package org.faultline.dump.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * DUMP_HEADER64 ({@code PAGEDU64}, 0x2000 bytes) or DUMP_HEADER32 ({@code PAGEDUMP}, 0x1000 bytes), with
 * 32-bit values widened. Raw values: a field the kernel never wrote still holds the {@code PAGE} fill
 * ({@link #isUnset(long)}).
 *
 * @param contextOffset file offset of the header's CONTEXT record
 * @param physicalMemory the physical-memory runs, or {@code null} when the block is unset
 */
public record KernelDumpHeader(boolean is64Bit, long majorVersion, long minorVersion, long directoryTableBase,
                               long pfnDataBase, long psLoadedModuleList, long psActiveProcessHead,
                               long machineImageType, long numberProcessors, long bugCheckCode,
                               List<Long> bugCheckParameters, String versionUser, long kdDebuggerDataBlock,
                               PhysicalMemoryDescriptor physicalMemory, long contextOffset,
                               ExceptionRecord exception, long dumpType, long requiredDumpSpace, long systemTime,
                               String comment, long systemUpTime, long miniDumpFields, long secondaryDataState,
                               long productType, long suiteMask, long writerStatus, int kdSecondaryVersion,
                               long attributes, long bootId, int paeEnabled) {
    public static final int SIZE64 = 0x2000;
    public static final int SIZE32 = 0x1000;
    /** The fill the kernel writes before the fields: "PAGE". */
    public static final long PAGE = 0x45474150L;
    /** MachineImageType values. */
    public static final long MACHINE_AMD64 = 0x8664;
    public static final long MACHINE_ARM64 = 0xAA64;
    public static final long MACHINE_I386 = 0x14C;
    public static final long MACHINE_ARMNT = 0x1C4;

    public KernelDumpHeader {
        bugCheckParameters = List.copyOf(bugCheckParameters);
    }

    /** Whether a 32- or 64-bit field still holds the {@code PAGE} fill. */
    public static boolean isUnset(long value) {
        return value == PAGE || value == (PAGE << 32 | PAGE);
    }

    /** Reads a 64-bit header. */
    static KernelDumpHeader read64(ByteSource source) throws DumpFormatException {
        Cursor c = source.cursor("DUMP_HEADER64", 0, SIZE64);
        c.seek(8);
        long major = c.u32();
        long minor = c.u32();
        long dtb = c.u64();
        long pfn = c.u64();
        long loaded = c.u64();
        long active = c.u64();
        long machine = c.u32();
        long cpus = c.u32();
        long code = c.u32();
        c.u32();
        List<Long> params = List.of(c.u64(), c.u64(), c.u64(), c.u64());
        String versionUser = c.cString(32, StandardCharsets.ISO_8859_1);
        long kdbg = c.u64();
        // PhysicalMemoryBlockBuffer is 700 bytes, padded to 704 by the union's 8-byte alignment (ContextRecord
        // starts at 0x348): the 43rd run ends in the padding.
        PhysicalMemoryDescriptor pmd = physical64(c.slice("PHYSICAL_MEMORY_DESCRIPTOR64", 0x88, 0x348 - 0x88));
        ExceptionRecord exc = ExceptionRecord.read64(c.slice("EXCEPTION_RECORD64", 0xF00, ExceptionRecord.SIZE64));
        c.seek(0xF98);
        long dumpType = c.u32();
        c.u32();
        long required = c.u64();
        long systemTime = c.u64();
        String comment = commentOf(c.cString(128, StandardCharsets.ISO_8859_1));
        long upTime = c.u64();
        long fields = c.u32();
        long secondary = c.u32();
        long product = c.u32();
        long suite = c.u32();
        long writer = c.u32();
        c.u8();
        int kdSecondary = c.u8();
        c.u16();
        long attributes = c.u32();
        long bootId = c.u32();
        return new KernelDumpHeader(true, major, minor, dtb, pfn, loaded, active, machine, cpus, code, params,
                versionUser, kdbg, pmd, 0x348, exc, dumpType, required, systemTime, comment, upTime, fields,
                secondary, product, suite, writer, kdSecondary, attributes, bootId, 0);
    }

    /** Reads a 32-bit header. */
    static KernelDumpHeader read32(ByteSource source) throws DumpFormatException {
        Cursor c = source.cursor("DUMP_HEADER32", 0, SIZE32);
        c.seek(8);
        long major = c.u32();
        long minor = c.u32();
        long dtb = c.u32();
        long pfn = c.u32();
        long loaded = c.u32();
        long active = c.u32();
        long machine = c.u32();
        long cpus = c.u32();
        long code = c.u32();
        List<Long> params = List.of(c.u32(), c.u32(), c.u32(), c.u32());
        String versionUser = c.cString(32, StandardCharsets.ISO_8859_1);
        int pae = c.u8();
        int kdSecondary = c.u8();
        c.u16();
        long kdbg = c.u32();
        PhysicalMemoryDescriptor pmd = physical32(c.slice("PHYSICAL_MEMORY_DESCRIPTOR32", 0x64, 700));
        ExceptionRecord exc = ExceptionRecord.read32(c.slice("EXCEPTION_RECORD32", 0x7D0, ExceptionRecord.SIZE32));
        c.seek(0x820);
        String comment = commentOf(c.cString(128, StandardCharsets.ISO_8859_1));
        long attributes = c.u32();
        c.seek(0xF88);
        long dumpType = c.u32();
        long fields = c.u32();
        long secondary = c.u32();
        long product = c.u32();
        long suite = c.u32();
        long writer = c.u32();
        long required = c.u64();
        c.seek(0xFB8);
        long upTime = c.u64();
        long systemTime = c.u64();
        return new KernelDumpHeader(false, major, minor, dtb, pfn, loaded, active, machine, cpus, code, params,
                versionUser, kdbg, pmd, 0x320, exc, dumpType, required, systemTime, comment, upTime, fields,
                secondary, product, suite, writer, kdSecondary, attributes, 0, pae);
    }

    private static String commentOf(String raw) {
        return raw.startsWith("PAGEPAGE") ? "" : raw;
    }

    private static PhysicalMemoryDescriptor physical64(Cursor c) throws DumpFormatException {
        long runs = c.u32();
        c.u32();
        long pages = c.u64();
        if (runs == PAGE) {
            return null;
        }
        List<PhysicalMemoryDescriptor.Run> list = new ArrayList<>();
        long fit = (c.length() - 16) / 16;
        for (long i = 0; i < Math.min(runs, fit); i++) {
            list.add(new PhysicalMemoryDescriptor.Run(c.u64(), c.u64()));
        }
        return new PhysicalMemoryDescriptor(runs, pages, list);
    }

    private static PhysicalMemoryDescriptor physical32(Cursor c) throws DumpFormatException {
        long runs = c.u32();
        long pages = c.u32();
        if (runs == PAGE) {
            return null;
        }
        List<PhysicalMemoryDescriptor.Run> list = new ArrayList<>();
        long fit = (c.length() - 8) / 8;
        for (long i = 0; i < Math.min(runs, fit); i++) {
            list.add(new PhysicalMemoryDescriptor.Run(c.u32(), c.u32()));
        }
        return new PhysicalMemoryDescriptor(runs, pages, list);
    }

    /** Size of the header: where the body starts. */
    public long size() {
        return is64Bit ? SIZE64 : SIZE32;
    }
}
