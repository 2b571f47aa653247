package org.faultline.samples.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.faultline.samples.io.LeWriter;

/**
 * The loaded-module list of an x64 kernel, written into virtual memory through {@link X64PageTables}: a
 * {@code LIST_ENTRY} head (the header's PsLoadedModuleList) and one {@code KLDR_DATA_TABLE_ENTRY} per module, linked
 * through InLoadOrderLinks in both directions, each followed by its names.
 *
 * <p>KLDR_DATA_TABLE_ENTRY (x64, Windows 10/11) as written, {@value #ENTRY_SIZE} bytes, offsets in hex:
 * InLoadOrderLinks 00, ExceptionTable 10, ExceptionTableSize 18, GpValue 20, NonPagedDebugInfo 28, DllBase 30,
 * EntryPoint 38, SizeOfImage (u32) 40, FullDllName (UNICODE_STRING: Length u16, MaximumLength u16, Buffer u64 at
 * +8) 48, BaseDllName 58, Flags (u32) 68, LoadCount (u16) 6C, SectionPointer 70, CheckSum (u32) 78,
 * CoverageSectionSize 7C, CoverageSection 80, LoadedImports 88, Spare 90, SizeOfImageNotRounded (u32) 98,
 * TimeDateStamp (u32) 9C. Offsets up to CheckSum match the triage dump's DUMP_DRIVER_ENTRY64 copy (at +8 there);
 * the TimeDateStamp slot at 9C is the least certain (older builds end the structure earlier).
 */
public final class KernelModuleList {
    /** Size of one KLDR_DATA_TABLE_ENTRY as written. */
    public static final int ENTRY_SIZE = 0xA0;

    /**
     * One module.
     *
     * @param fullName FullDllName (e.g. {@code \SystemRoot\system32\ntoskrnl.exe})
     * @param base DllBase
     * @param size SizeOfImage
     * @param entryPoint EntryPoint
     * @param checksum PE CheckSum
     * @param timestamp PE TimeDateStamp
     */
    public record Module(String fullName, long base, long size, long entryPoint, long checksum, long timestamp) {
        /** The last path component. */
        public String baseName() {
            return fullName.substring(fullName.lastIndexOf('\\') + 1);
        }
    }

    /**
     * Where the list went.
     *
     * @param head VA of the LIST_ENTRY head
     * @param entries VA of each KLDR_DATA_TABLE_ENTRY, in load order
     * @param end first VA after the last name
     */
    public record Placement(long head, List<Long> entries, long end) {
        /** Makes an immutable placement. */
        public Placement {
            entries = List.copyOf(entries);
        }
    }

    private final List<Module> modules = new ArrayList<>();

    private KernelModuleList() {
    }

    /** An empty list. */
    public static KernelModuleList create() {
        return new KernelModuleList();
    }

    /** Adds a module (entry point at base + 0x1000). */
    public KernelModuleList module(String fullName, long base, long size, long checksum, long timestamp) {
        modules.add(new Module(fullName, base, size, base + 0x1000, checksum, timestamp));
        return this;
    }

    /**
     * Writes the head at {@code headVa} and the entries from {@code entriesVa} (16-aligned, each followed by its
     * full and base names, NUL-terminated) through {@code tables}; the VAs must be mapped.
     */
    public Placement writeTo(X64PageTables tables, long headVa, long entriesVa) {
        List<Long> at = new ArrayList<>();
        List<byte[]> full = new ArrayList<>();
        List<byte[]> base = new ArrayList<>();
        long va = entriesVa;
        for (Module m : modules) {
            va = (va + 15) & ~15L;
            at.add(va);
            full.add(m.fullName().getBytes(StandardCharsets.UTF_16LE));
            base.add(m.baseName().getBytes(StandardCharsets.UTF_16LE));
            va += ENTRY_SIZE + full.get(full.size() - 1).length + 2 + base.get(base.size() - 1).length + 2;
        }
        int n = modules.size();
        tables.writeU64(headVa, n == 0 ? headVa : at.get(0)).writeU64(headVa + 8, n == 0 ? headVa : at.get(n - 1));
        for (int i = 0; i < n; i++) {
            Module m = modules.get(i);
            long e = at.get(i);
            byte[] entry = new byte[ENTRY_SIZE];
            put(entry, 0x00, i + 1 < n ? at.get(i + 1) : headVa, 8);
            put(entry, 0x08, i > 0 ? at.get(i - 1) : headVa, 8);
            put(entry, 0x30, m.base(), 8);
            put(entry, 0x38, m.entryPoint(), 8);
            put(entry, 0x40, m.size(), 4);
            long fullVa = e + ENTRY_SIZE;
            long baseVa = fullVa + full.get(i).length + 2;
            unicodeString(entry, 0x48, full.get(i).length, fullVa);
            unicodeString(entry, 0x58, base.get(i).length, baseVa);
            put(entry, 0x6C, 1, 2);
            put(entry, 0x78, m.checksum(), 4);
            put(entry, 0x98, m.size(), 4);
            put(entry, 0x9C, m.timestamp(), 4);
            tables.write(e, entry);
            tables.write(fullVa, withNul(full.get(i)));
            tables.write(baseVa, withNul(base.get(i)));
        }
        return new Placement(headVa, at, va);
    }

    private static void unicodeString(byte[] entry, int at, int length, long buffer) {
        put(entry, at, length, 2);
        put(entry, at + 2, length + 2, 2);
        put(entry, at + 8, buffer, 8);
    }

    private static byte[] withNul(byte[] utf16) {
        byte[] out = new byte[utf16.length + 2];
        System.arraycopy(utf16, 0, out, 0, utf16.length);
        return out;
    }

    private static void put(byte[] target, int at, long value, int width) {
        LeWriter.putLe(target, at, value, width);
    }
}
