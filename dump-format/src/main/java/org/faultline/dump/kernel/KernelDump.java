package org.faultline.dump.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faultline.dump.Architecture;
import org.faultline.dump.Bugcheck;
import org.faultline.dump.CpuContext;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.ExceptionInfo;
import org.faultline.dump.KernelDumpType;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.OsInfo;
import org.faultline.dump.ParsedParts;
import org.faultline.dump.RangeMemoryReader;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.context.Contexts;
import org.faultline.dump.context.TrapFrames;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.MappedByteSource;

/**
 * A Windows kernel crash dump ({@code PAGEDU64} / {@code PAGEDUMP}). Opening reads the header; the triage
 * body (DumpType 4, the small dumps in {@code C:\Windows\Minidump}) is parsed on first use, part by part,
 * each part bounds-checked so that a damaged or truncated dump still yields what can be read.
 */
public final class KernelDump implements CrashDump {
    /** More drivers than this are not believed. */
    static final long MAX_DRIVERS = 4096;
    /** More data blocks than this are not believed. */
    static final long MAX_DATA_BLOCKS = 1 << 20;
    /** Longest DUMP_STRING accepted, in UTF-16 code units. */
    static final long MAX_NAME_CHARS = 1024;
    /** Largest raw PRCB copy scanned for the bugcheck CONTEXT pointer. */
    static final long MAX_PRCB_SCAN = 0x40000;

    private final ByteSource source;
    private final boolean ownsSource;
    private final KernelDumpHeader header;
    private final ParsedParts parts = new ParsedParts();

    private KernelDump(ByteSource source, boolean owns, KernelDumpHeader header) {
        this.source = source;
        this.ownsSource = owns;
        this.header = header;
    }

    /** Maps and opens {@code path}. */
    public static KernelDump open(Path path) throws DumpAccessException, DumpFormatException {
        MappedByteSource source = MappedByteSource.open(path);
        try {
            return read(source, true);
        } catch (DumpFormatException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Opens a kernel dump held by {@code source}, which stays the caller's. */
    public static KernelDump read(ByteSource source) throws DumpFormatException {
        return read(source, false);
    }

    /** Opens a kernel dump held by {@code source}; closing the dump closes the source. */
    public static KernelDump readOwning(ByteSource source) throws DumpFormatException {
        return read(source, true);
    }

    private static KernelDump read(ByteSource source, boolean owns) throws DumpFormatException {
        byte[] sig = source.bytes(0, (int) Math.min(8, source.size()), "DUMP_HEADER");
        String s = new String(sig, StandardCharsets.ISO_8859_1);
        KernelDumpHeader header;
        if (s.equals("PAGEDU64")) {
            header = KernelDumpHeader.read64(source);
        } else if (s.equals("PAGEDUMP")) {
            header = KernelDumpHeader.read32(source);
        } else {
            throw new DumpFormatException.BadSignature("DUMP_HEADER", 0, "signature is not PAGEDU64 or PAGEDUMP");
        }
        KernelDump dump = new KernelDump(source, owns, header);
        dump.checkHeader();
        return dump;
    }

    private void checkHeader() {
        KernelDumpType type = dumpType();
        if (type != KernelDumpType.TRIAGE && !carriesMemory()) {
            String what = type == null ? "DumpType " + header.dumpType() + " (not a known type)"
                    : "DumpType " + header.dumpType() + " (" + type.description() + ")";
            parts.warn("UNSUPPORTED", header.is64Bit() ? "DUMP_HEADER64" : "DUMP_HEADER32",
                    header.is64Bit() ? 0xF98 : 0xF88, what + ": only the header is read");
        }
        if (architecture() == Architecture.UNKNOWN) {
            parts.warn("INVALID_VALUE", "DUMP_HEADER", header.is64Bit() ? 0x30 : 0x20,
                    "MachineImageType 0x" + Long.toHexString(header.machineImageType()) + " is not a known machine");
        }
    }

    /** Whether the body holds physical memory (full, bitmap, dbgeng RDMP kinds). */
    public boolean carriesMemory() {
        KernelDumpType type = dumpType();
        return type == KernelDumpType.FULL || type == KernelDumpType.BITMAP_FULL
                || type == KernelDumpType.BITMAP_KERNEL || type == KernelDumpType.KERNEL_MEMORY
                || type == KernelDumpType.KERNEL_AND_USER_MEMORY || type == KernelDumpType.COMPLETE_MEMORY
                || type == KernelDumpType.AUTOMATIC;
    }

    // ---------------------------------------------------------------- plumbing

    private boolean is64() {
        return header.is64Bit();
    }

    public ByteSource source() {
        return source;
    }

    public KernelDumpHeader header() {
        return header;
    }

    /** The DumpType as an enum, or {@code null} for a value no source defines. */
    public KernelDumpType dumpType() {
        return KernelDumpType.of(header.dumpType());
    }

    // ---------------------------------------------------------------- triage body

    /** TRIAGE_DUMP, when this is a triage dump whose body could be read. */
    public Optional<TriageDumpHeader> triage() {
        return Optional.ofNullable(parts.lazy("triage", null, () -> {
            if (dumpType() != KernelDumpType.TRIAGE) {
                return null;
            }
            long at = header.size();
            TriageDumpHeader t = is64()
                    ? TriageDumpHeader.read64(source.cursor("TRIAGE_DUMP64", at, TriageDumpHeader.SIZE64))
                    : TriageDumpHeader.read32(source.cursor("TRIAGE_DUMP32", at, TriageDumpHeader.SIZE32));
            long valid = t.validOffset();
            String structure = is64() ? "TRIAGE_DUMP64.ValidOffset" : "TRIAGE_DUMP32.ValidOffset";
            if (valid + 4 > source.size()) {
                parts.warn("TRUNCATED", structure, at + 8, "the TRGD marker at 0x" + Long.toHexString(valid)
                        + " lies past the end of the file (" + source.size() + " bytes): the dump is cut short");
            } else if (source.u32At(valid) != TriageDumpHeader.VALID) {
                parts.warn("INVALID_VALUE", structure, at + 8, "no TRGD marker at 0x" + Long.toHexString(valid)
                        + ": the triage layout is not confirmed");
            }
            return t;
        }));
    }

    /** A part of the triage body: a cursor over {@code [offset, offset + size)}, or empty when absent. */
    private Optional<Cursor> part(String structure, long offset, long size) throws DumpFormatException {
        if (offset == 0 || size == 0) {
            return Optional.empty();
        }
        // Offsets below the header size are legitimate: ContextOffset and ExceptionOffset name the header's own
        // records (0x348 and 0xF00 in real x64 triage dumps).
        return Optional.of(source.cursor(structure, offset, size));
    }

    /** The triage CONTEXT at ContextOffset (the crashing processor's context as the triage writer saved it). */
    public Optional<CpuContext> triageContext() {
        return Optional.ofNullable(parts.lazy("triageContext", null, () -> {
            Optional<TriageDumpHeader> t = triage();
            if (t.isEmpty() || architecture() == Architecture.UNKNOWN) {
                return null;
            }
            Optional<Cursor> c = part("CONTEXT (triage)", t.get().contextOffset(), Contexts.baseSize(architecture()));
            return c.isEmpty() ? null : Contexts.read(architecture(), c.get());
        }));
    }

    /** The CONTEXT record in the dump header. */
    public Optional<CpuContext> headerContext() {
        return Optional.ofNullable(parts.lazy("headerContext", null, () -> architecture() == Architecture.UNKNOWN ? null
                : Contexts.read(architecture(), source.cursor("CONTEXT (header)", header.contextOffset(),
                        Contexts.baseSize(architecture())))));
    }

    /** The triage EXCEPTION_RECORD at ExceptionOffset (usually the same stand-in as the header's). */
    public Optional<ExceptionRecord> triageException() {
        return Optional.ofNullable(parts.lazy("triageException", null, () -> {
            Optional<TriageDumpHeader> t = triage();
            if (t.isEmpty()) {
                return null;
            }
            int size = is64() ? ExceptionRecord.SIZE64 : ExceptionRecord.SIZE32;
            Optional<Cursor> c = part("EXCEPTION_RECORD (triage)", t.get().exceptionOffset(), size);
            return c.isEmpty() ? null : is64() ? ExceptionRecord.read64(c.get()) : ExceptionRecord.read32(c.get());
        }));
    }

    /** The driver list with names from the string pool; bad entries are skipped with a warning. */
    public List<DriverEntry> drivers() {
        return parts.lazy("drivers", List.of(), () -> {
            Optional<TriageDumpHeader> t = triage();
            if (t.isEmpty() || t.get().driverListOffset() == 0) {
                return List.of();
            }
            TriageDumpHeader h = t.get();
            long count = h.driverCount();
            String list = is64() ? "DUMP_DRIVER_ENTRY64" : "DUMP_DRIVER_ENTRY32";
            if (count > MAX_DRIVERS) {
                parts.warn("INVALID_VALUE", list, h.driverListOffset(), "DriverCount " + count + " is implausible; "
                        + MAX_DRIVERS + " read at most");
                count = MAX_DRIVERS;
            }
            long stride = is64() ? 0x90 : stride32(h);
            long fits = h.driverListOffset() >= source.size() ? 0 : (source.size() - h.driverListOffset()) / stride;
            if (count > fits) {
                parts.warn("TRUNCATED", list, h.driverListOffset(), "DriverCount " + count + " but only " + fits
                        + " entries fit in the file");
                count = fits;
            }
            List<DriverEntry> out = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                long at = h.driverListOffset() + i * stride;
                Cursor e = source.cursor(list + "[" + i + "]", at, stride);
                DriverEntry d = is64() ? entry64(e, at) : entry32(e, at);
                if (d.sizeOfImage() == 0) {
                    parts.warn("INVALID_VALUE", e.structure(), at, "SizeOfImage is 0; entry skipped");
                    continue;
                }
                out.add(d);
            }
            return List.copyOf(out);
        });
    }

    /** The 32-bit entry stride: 0x4C (rizin) unless the second entry's name offset only fits 0x54 (Ghidra). */
    private long stride32(TriageDumpHeader h) {
        if (h.driverCount() < 2) {
            return 0x4C;
        }
        for (long stride : new long[] {0x4C, 0x54}) {
            long at = h.driverListOffset() + stride;
            if (at + 4 <= source.size()) {
                long name = source.u32At(at);
                if (name >= h.stringPoolOffset() && name < h.stringPoolOffset() + h.stringPoolSize()) {
                    return stride;
                }
            }
        }
        return 0x4C;
    }

    private DriverEntry entry64(Cursor e, long at) throws DumpFormatException {
        long nameOffset = e.seek(0).u32();
        long base = e.seek(0x38).u64();
        long size = e.seek(0x48).u32();
        long checksum = e.seek(0x80).u32();
        long timestamp = e.seek(0x88).u32();
        return new DriverEntry(at, nameOffset, driverName(nameOffset, e.structure()), base, size, checksum, timestamp);
    }

    private DriverEntry entry32(Cursor e, long at) throws DumpFormatException {
        long nameOffset = e.seek(0).u32();
        long base = e.seek(0x1C).u32();
        long size = e.seek(0x24).u32();
        long checksum = e.seek(0x44).u32();
        long timestamp = e.seek(0x48).u32();
        return new DriverEntry(at, nameOffset, driverName(nameOffset, e.structure()), base, size, checksum, timestamp);
    }

    /** A DUMP_STRING: u32 length in UTF-16 code units, the characters, a NUL. Unreadable → a placeholder. */
    private String driverName(long offset, String owner) {
        String structure = "DUMP_STRING (" + owner + ")";
        try {
            long length = source.cursor(structure, offset, 4).u32();
            if (length == 0 || length > MAX_NAME_CHARS) {
                throw new DumpFormatException.InvalidValue(structure, offset, "length " + length + " is implausible");
            }
            Cursor c = source.cursor(structure, offset + 4, 2 * length + 2);
            String name = c.utf16((int) (2 * length));
            if (c.u16() != 0) {
                parts.warn("INVALID_VALUE", structure, offset, "no NUL after " + length + " characters");
            }
            return name;
        } catch (DumpFormatException e) {
            parts.note(e);
            return "<unreadable name @0x" + Long.toHexString(offset) + ">";
        }
    }

    /** Drivers unloaded before the crash (names truncated to 12 characters). */
    public List<UnloadedDriver> unloadedDrivers() {
        return parts.lazy("unloadedDrivers", List.of(), () -> {
            Optional<TriageDumpHeader> t = triage();
            if (t.isEmpty() || t.get().unloadedDriversOffset() == 0 || !is64()) {
                return List.of();
            }
            long at = t.get().unloadedDriversOffset();
            long count = source.cursor("DUMP_UNLOADED_DRIVERS64 count", at, 8).u64();
            long fits = (source.size() - at - 8) / UnloadedDriver.SIZE64;
            if (Long.compareUnsigned(count, Math.min(fits, 1000)) > 0) {
                parts.warn("INVALID_VALUE", "DUMP_UNLOADED_DRIVERS64", at, "count " + Long.toUnsignedString(count)
                        + " is implausible or does not fit; " + Math.min(fits, 1000) + " read at most");
                count = Math.min(fits, 1000);
            }
            List<UnloadedDriver> out = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                Cursor e = source.cursor("DUMP_UNLOADED_DRIVERS64[" + i + "]", at + 8 + i * UnloadedDriver.SIZE64,
                        UnloadedDriver.SIZE64);
                int lengthBytes = e.u16();
                String name = e.seek(0x10).utf16(2 * Math.min(lengthBytes / 2, 12));
                long start = e.seek(0x28).u64();
                long end = e.u64();
                int nul = name.indexOf('\0');
                out.add(new UnloadedDriver(nul >= 0 ? name.substring(0, nul) : name, start, end));
            }
            return List.copyOf(out);
        });
    }

    /** The saved kernel stack of the crashing thread. */
    public Optional<StackRange> callStack() {
        return Optional.ofNullable(parts.lazy("callStack", null, () -> {
            Optional<TriageDumpHeader> t = triage();
            if (t.isEmpty() || t.get().callStackOffset() == 0 || t.get().sizeOfCallStack() == 0) {
                return null;
            }
            TriageDumpHeader h = t.get();
            long size = h.sizeOfCallStack();
            long available = h.callStackOffset() >= source.size() ? 0 : Math.min(size, source.size() - h.callStackOffset());
            if (available < size) {
                parts.warn("TRUNCATED", "call stack", h.callStackOffset(), "0x" + Long.toHexString(size)
                        + " bytes of stack declared, 0x" + Long.toHexString(available) + " are in the file");
            }
            if (available == 0) {
                return null;
            }
            return new StackRange(h.topOfStack(), h.topOfStack() + available, h.callStackOffset());
        }));
    }

    /** The data blocks (extra kernel memory the writer and drivers added). */
    public List<DataBlock> dataBlocks() {
        return parts.lazy("dataBlocks", List.of(), () -> {
            Optional<TriageDumpHeader> t = triage();
            if (t.isEmpty() || t.get().dataBlocksOffset() == 0 || t.get().dataBlocksCount() == 0) {
                return List.of();
            }
            long at = t.get().dataBlocksOffset();
            long count = t.get().dataBlocksCount();
            long fits = at >= source.size() ? 0 : (source.size() - at) / DataBlock.SIZE;
            if (count > Math.min(fits, MAX_DATA_BLOCKS)) {
                parts.warn("TRUNCATED", "TRIAGE_DATA_BLOCK", at, "DataBlocksCount " + count + " but only "
                        + Math.min(fits, MAX_DATA_BLOCKS) + " descriptors fit in the file");
                count = Math.min(fits, MAX_DATA_BLOCKS);
            }
            if (count == 0) {
                return List.of();
            }
            Cursor c = source.cursor("TRIAGE_DATA_BLOCK", at, count * DataBlock.SIZE);
            List<DataBlock> out = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                out.add(new DataBlock(is64() ? c.u64() : c.u64() & 0xFFFF_FFFFL, c.u32(), c.u32()));
            }
            return List.copyOf(out);
        });
    }

    /** The raw KPRCB copy (layout is build-specific). */
    public Optional<byte[]> prcb() {
        return rawPart("prcb", "KPRCB copy", TriageDumpHeader::prcbOffset, TriageDumpHeader::processOffset);
    }

    /** The raw EPROCESS copy. */
    public Optional<byte[]> process() {
        return rawPart("process", "EPROCESS copy", TriageDumpHeader::processOffset, TriageDumpHeader::threadOffset);
    }

    /** The raw ETHREAD copy. */
    public Optional<byte[]> thread() {
        return rawPart("thread", "ETHREAD copy", TriageDumpHeader::threadOffset, TriageDumpHeader::callStackOffset);
    }

    /** The bytes from one triage offset up to the next part (the parts are laid out in header order). */
    private Optional<byte[]> rawPart(String key, String structure, java.util.function.ToLongFunction<TriageDumpHeader> start,
                                     java.util.function.ToLongFunction<TriageDumpHeader> next) {
        return Optional.ofNullable(parts.lazy(key, null, () -> {
            Optional<TriageDumpHeader> t = triage();
            if (t.isEmpty() || start.applyAsLong(t.get()) == 0) {
                return null;
            }
            long from = start.applyAsLong(t.get());
            long to = next.applyAsLong(t.get());
            if (from >= source.size()) {
                parts.warn("TRUNCATED", structure, from, "the copy at 0x" + Long.toHexString(from)
                        + " lies past the end of the file (" + source.size() + " bytes)");
                return null;
            }
            if (to > from && to > source.size()) {
                parts.warn("TRUNCATED", structure, from, "the copy runs to 0x" + Long.toHexString(to)
                        + " (the next part) but the file ends at 0x" + Long.toHexString(source.size()));
            }
            long size = to > from ? to - from : 0x1000;
            size = Math.min(Math.min(size, MAX_PRCB_SCAN), source.size() - from);
            return part(structure, from, size).map(c -> {
                try {
                    return c.bytes((int) c.length());
                } catch (DumpFormatException e) {
                    parts.note(e);
                    return null;
                }
            }).orElse(null);
        }));
    }

    /** The fields Faultline uses from the KDDEBUGGER_DATA64 copy. */
    public Optional<DebuggerData> debuggerData() {
        return Optional.ofNullable(parts.lazy("debuggerData", null, () -> {
            Optional<TriageDumpHeader> t = triage();
            if (t.isEmpty() || t.get().debuggerDataOffset() == 0 || t.get().debuggerDataSize() < 0x230) {
                return null;
            }
            Cursor c = part("KDDEBUGGER_DATA64", t.get().debuggerDataOffset(), t.get().debuggerDataSize()).orElseThrow();
            long tag = c.seek(0x10).u32();
            long size = c.u32();
            long kernBase = c.u64();
            long loaded = c.seek(0x48).u64();
            long active = c.u64();
            long pfn = c.seek(0xC0).u64();
            long buildLab = c.seek(0x208).u64();
            long processorBlock = c.seek(0x218).u64();
            long unloaded = c.u64();
            if (tag != DebuggerData.KDBG) {
                parts.warn("INVALID_VALUE", "KDDEBUGGER_DATA64", c.base() + 0x10, "OwnerTag is not KDBG");
            }
            return new DebuggerData(tag, size, kernBase, loaded, active, pfn, buildLab, processorBlock, unloaded);
        }));
    }

    /** NtBuildLab (e.g. {@code 19041.1.amd64fre.vb_release.191206-1406}) when the dump holds it. */
    public Optional<String> buildLab() {
        return Optional.ofNullable(parts.lazy("buildLab", null, () -> debuggerData().flatMap(d -> {
            long n = memory().readableFrom(d.ntBuildLab(), 256);
            return memory().read(d.ntBuildLab(), (int) n).map(b -> {
                int end = 0;
                while (end < b.length && b[end] != 0) {
                    end++;
                }
                return new String(b, 0, end, StandardCharsets.ISO_8859_1);
            });
        }).filter(s -> !s.isEmpty()).orElse(null)));
    }

    /**
     * The CONTEXT that KPRCB.Context points to: the registers at the KeBugCheckEx call that debuggers show.
     * Found by scanning the PRCB copy for a kernel pointer to a CONTEXT of this architecture whose stack
     * pointer equals TopOfStack.
     */
    public Optional<CpuContext> bugcheckContext() {
        return Optional.ofNullable(parts.lazy("bugcheckContext", null, () -> {
            Optional<byte[]> prcb = prcb();
            Optional<TriageDumpHeader> t = triage();
            Architecture arch = architecture();
            if (prcb.isEmpty() || t.isEmpty() || !(arch == Architecture.AMD64 || arch == Architecture.ARM64)) {
                return null;
            }
            byte[] b = prcb.get();
            ArrayByteSource bytes = new ArrayByteSource(b);
            long cpuFlag = arch == Architecture.AMD64 ? 0x0010_0000L : 0x0040_0000L;
            int size = Contexts.baseSize(arch);
            for (int at = 0; at + 8 <= b.length; at += 8) {
                long pointer = bytes.u64At(at);
                if (pointer >>> 47 != 0x1FFFFL) {
                    continue;
                }
                // Cheap checks first (flags and stack pointer), so the scan does not copy a CONTEXT per pointer.
                int flagsAt = arch == Architecture.AMD64 ? 0x30 : 0;
                int spAt = arch == Architecture.AMD64 ? 0x98 : 0x100;
                Optional<Long> flags = memory().readU32(pointer + flagsAt);
                if (flags.isEmpty() || (flags.get() & 0xFFFF_FF00L) != cpuFlag
                        || !memory().readU64(pointer + spAt).map(sp -> sp == t.get().topOfStack()).orElse(false)) {
                    continue;
                }
                Optional<byte[]> ctx = memory().read(pointer, size);
                if (ctx.isEmpty()) {
                    continue;
                }
                ArrayByteSource cs = new ArrayByteSource(ctx.get());
                // Most candidates are not a CONTEXT: test the two fields that decide before parsing the rest.
                if ((cs.u32At(Contexts.flagsOffset(arch)) & 0xFFFF_FF00L) != cpuFlag
                        || cs.u64At(Contexts.stackPointerOffset64(arch)) != t.get().topOfStack()) {
                    continue;
                }
                CpuContext c = Contexts.read(arch, cs.cursor("CONTEXT (KPRCB.Context)", 0, size));
                if ((c.flags() & 0xFFFF_FF00L) == cpuFlag && c.stackPointer() == t.get().topOfStack()) {
                    return c;
                }
            }
            return null;
        }));
    }

    // ---------------------------------------------------------------- memory-carrying bodies

    /** Largest bitmap believed: 2^32 pages (16 TiB of physical memory). */
    static final long MAX_BITMAP_BITS = 1L << 32;

    /** Where the body keeps physical pages: runs (full, RDMP) or a bitmap (SDMP/FDMP). */
    public Optional<PhysicalMemory> physicalMemory() {
        return Optional.ofNullable(parts.lazy("physical", null, () -> {
            if (!carriesMemory() || !is64()) {
                if (carriesMemory()) {
                    parts.warn("UNSUPPORTED", "DUMP_HEADER32", 0xF88, "32-bit memory dumps are not read yet; header only");
                }
                return null;
            }
            long body = header.size();
            String signature = body + 8 <= source.size()
                    ? new String(source.bytes(body, 8, "dump body signature"), StandardCharsets.ISO_8859_1) : "";
            PhysicalMemory memory;
            if (signature.startsWith("SDMP") || signature.startsWith("FDMP")) {
                memory = bitmap(body);
            } else if (signature.startsWith("RDMP", 4)) {
                memory = rdmp(body);
            } else if (dumpType() == KernelDumpType.FULL) {
                memory = runs();
            } else {
                throw new DumpFormatException.InvalidValue("dump body", body, "DumpType " + header.dumpType()
                        + " but no SDMP, FDMP or RDMP header at 0x" + Long.toHexString(body));
            }
            long lastPage = memory.endOfPages();
            if (lastPage > source.size()) {
                parts.warn("TRUNCATED", "dump body", Math.min(source.size(), body), "the pages end at 0x"
                        + Long.toHexString(lastPage) + " but the file has 0x" + Long.toHexString(source.size())
                        + " bytes: pages past the end are missing");
            }
            return memory;
        }));
    }

    private PhysicalMemory runs() throws DumpFormatException {
        PhysicalMemoryDescriptor pmd = header.physicalMemory();
        if (pmd == null) {
            throw new DumpFormatException.InvalidValue("PHYSICAL_MEMORY_DESCRIPTOR64", 0x88,
                    "the run list is unset (PAGE); a full dump needs it");
        }
        if (pmd.numberOfRuns() > 43) {
            parts.warn("INVALID_VALUE", "PHYSICAL_MEMORY_DESCRIPTOR64", 0x88, "NumberOfRuns " + pmd.numberOfRuns()
                    + " exceeds the 43 that fit; " + pmd.runs().size() + " read");
        }
        long sum = 0;
        for (PhysicalMemoryDescriptor.Run r : pmd.runs()) {
            sum += r.pageCount();
        }
        if (sum != pmd.numberOfPages()) {
            parts.warn("INVALID_VALUE", "PHYSICAL_MEMORY_DESCRIPTOR64", 0x90, "NumberOfPages 0x"
                    + Long.toHexString(pmd.numberOfPages()) + " but the runs add up to 0x" + Long.toHexString(sum));
        }
        return new RunPhysicalMemory(pmd.runs(), header.size());
    }

    private PhysicalMemory bitmap(long body) throws DumpFormatException {
        Cursor c = source.cursor("BITMAP_DUMP", body, 0x38);
        long firstPage = c.seek(0x20).u64();
        long present = c.u64();
        long bits = c.u64();
        if (Long.compareUnsigned(bits, MAX_BITMAP_BITS) > 0) {
            throw new DumpFormatException.InvalidValue("BITMAP_DUMP", body + 0x30, "bitmap of "
                    + Long.toUnsignedString(bits) + " pages is implausible");
        }
        long bytes = (bits + 7) / 8;
        source.require(body + 0x38, bytes, "BITMAP_DUMP.Bitmap");
        BitmapPhysicalMemory b = new BitmapPhysicalMemory(source, body + 0x38, bits, firstPage, present);
        if (b.countedPresent() != present) {
            parts.warn("INVALID_VALUE", "BITMAP_DUMP", body + 0x28, "the header says " + present
                    + " pages are present, the bitmap has " + b.countedPresent() + " bits set");
        }
        return b;
    }

    /** dbgeng's RDMP body (DumpType 8/9/10): one source (kdmp-parser) describes it; read as runs. */
    private PhysicalMemory rdmp(long body) throws DumpFormatException {
        Cursor c = source.cursor("RDMP header", body, 0x30);
        long metadataSize = c.seek(0x10).u64();
        long firstPage = c.u64();
        long fits = Math.max(0, source.size() - body - 0x30) / 16;
        long count = Math.min(metadataSize / 16, Math.min(fits, 1 << 20));
        Cursor ranges = source.cursor("RDMP ranges", body + 0x30, count * 16);
        List<PhysicalMemoryDescriptor.Run> runs = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long pfn = ranges.u64();
            long pages = ranges.u64();
            if (pages != 0) {
                runs.add(new PhysicalMemoryDescriptor.Run(pfn, pages));
            }
        }
        RunPhysicalMemory memory = new RunPhysicalMemory(runs, 0);
        return new PhysicalMemory() {
            @Override
            public long fileOffset(long pfn) {
                long at = memory.fileOffset(pfn);
                return at < 0 ? -1 : firstPage + at;
            }

            @Override
            public long presentPages() {
                return memory.presentPages();
            }

            @Override
            public long coveredPages() {
                return memory.coveredPages();
            }

            @Override
            public long endOfPages() {
                return firstPage + memory.endOfPages();
            }

            @Override
            public String summary() {
                return "RDMP: " + memory.summary().replace("file offset 0x0", "file offset 0x" + Long.toHexString(firstPage));
            }
        };
    }

    /** The page tables of the dumped system (x64 4- or 5-level, ARM64), when the body holds memory. */
    public Optional<PageTables> pageTables() {
        return Optional.ofNullable(parts.lazy("pageTables", null, () -> {
            Optional<PhysicalMemory> physical = physicalMemory();
            if (physical.isEmpty()) {
                return null;
            }
            if (architecture() == Architecture.ARM64) {
                return new PageTables(source, physical.get(), header.directoryTableBase(), PageTables.Mode.ARM64_4_LEVEL);
            }
            if (architecture() != Architecture.AMD64) {
                parts.warn("UNSUPPORTED", "DUMP_HEADER", 0x30, "virtual memory of " + architecture().id()
                        + " memory dumps is not read yet");
                return null;
            }
            PageTables four = new PageTables(source, physical.get(), header.directoryTableBase(), PageTables.Mode.X64_4_LEVEL);
            if (four.translate(header.psLoadedModuleList()) >= 0) {
                return four;
            }
            PageTables five = new PageTables(source, physical.get(), header.directoryTableBase(), PageTables.Mode.X64_5_LEVEL);
            return five.translate(header.psLoadedModuleList()) >= 0 ? five : four;
        }));
    }

    /** KLDR_DATA_TABLE_ENTRY64 offsets used by the module-list walk. */
    private static final int LDR_DLL_BASE = 0x30;
    private static final int LDR_SIZE_OF_IMAGE = 0x40;
    private static final int LDR_FULL_NAME = 0x48;
    private static final int LDR_BASE_NAME = 0x58;
    private static final int LDR_CHECKSUM = 0x78;
    private static final int LDR_TIMESTAMP = 0x9C;
    private static final int LDR_ENTRY_SIZE = 0xA0;

    /** The loaded-module list walked from PsLoadedModuleList through the dump's memory. */
    public List<ModuleInfo> loadedModuleList() {
        return parts.lazy("loadedModuleList", List.of(), () -> {
            if (pageTables().isEmpty()) {
                return List.of();
            }
            MemoryReader memory = memory();
            long head = header.psLoadedModuleList();
            Optional<Long> first = memory.readU64(head);
            if (first.isEmpty()) {
                parts.warn("OUT_OF_BOUNDS", "PsLoadedModuleList", 0x20, "the list head at 0x" + Long.toHexString(head)
                        + " is not in the dump");
                return List.of();
            }
            List<ModuleInfo> out = new ArrayList<>();
            java.util.Set<Long> seen = new java.util.HashSet<>();
            long entry = first.get();
            while (entry != head && out.size() < MAX_DRIVERS) {
                if (!seen.add(entry)) {
                    parts.warn("INVALID_VALUE", "KLDR_DATA_TABLE_ENTRY", 0x20, "the module list loops back to 0x"
                            + Long.toHexString(entry));
                    break;
                }
                Optional<byte[]> raw = memory.read(entry, LDR_ENTRY_SIZE);
                if (raw.isEmpty()) {
                    parts.warn("OUT_OF_BOUNDS", "KLDR_DATA_TABLE_ENTRY", 0x20, "entry 0x" + Long.toHexString(entry)
                            + " (module " + out.size() + ") is not in the dump; the walk stops there");
                    break;
                }
                ArrayByteSource e = new ArrayByteSource(raw.get());
                long base = e.u64At(LDR_DLL_BASE);
                long size = e.u32At(LDR_SIZE_OF_IMAGE);
                String name = unicodeString(memory, e, LDR_FULL_NAME);
                if (name == null || name.isEmpty()) {
                    name = unicodeString(memory, e, LDR_BASE_NAME);
                }
                if (name == null) {
                    name = "<unreadable name>";
                }
                long checksum = e.u32At(LDR_CHECKSUM);
                long timestamp = e.u32At(LDR_TIMESTAMP);
                out.add(new ModuleInfo(name, base, size, timestamp, checksum, null, null, null,
                        ModuleInfo.codeIdOf(timestamp, size)));
                entry = e.u64At(0);
            }
            return List.copyOf(out);
        });
    }

    /** A UNICODE_STRING64 at {@code at} in an entry: Length (bytes) u16, MaximumLength, Buffer u64 @+8. */
    private static String unicodeString(MemoryReader memory, ArrayByteSource entry, int at) {
        int length = entry.u16At(at) & ~1;
        long buffer = entry.u64At(at + 8);
        if (length == 0 || buffer == 0) {
            return null;
        }
        return memory.read(buffer, length).map(b -> new String(b, StandardCharsets.UTF_16LE)).orElse(null);
    }

    // ---------------------------------------------------------------- the shared model

    @Override
    public String format() {
        KernelDumpType type = dumpType();
        if (type == null) {
            return "kernel-unknown";
        }
        return switch (type) {
            case TRIAGE -> "kernel-triage";
            case FULL -> "kernel-full";
            case BITMAP_FULL, BITMAP_KERNEL -> "kernel-bitmap";
            case SUMMARY -> "kernel-summary";
            case HEADER -> "kernel-header";
            case AUTOMATIC -> "kernel-automatic";
            case KERNEL_MEMORY -> "kernel-memory";
            case KERNEL_AND_USER_MEMORY -> "kernel-and-user-memory";
            case COMPLETE_MEMORY -> "kernel-complete-memory";
            default -> "kernel-unknown";
        };
    }

    @Override
    public Architecture architecture() {
        long m = header.machineImageType();
        if (m == KernelDumpHeader.MACHINE_AMD64) {
            return Architecture.AMD64;
        }
        if (m == KernelDumpHeader.MACHINE_ARM64) {
            return Architecture.ARM64;
        }
        if (m == KernelDumpHeader.MACHINE_I386) {
            return Architecture.X86;
        }
        if (m == KernelDumpHeader.MACHINE_ARMNT) {
            return Architecture.ARM;
        }
        return Architecture.UNKNOWN;
    }

    @Override
    public OsInfo os() {
        long build = header.minorVersion();
        long major = 0;
        long minor = 0;
        if (build >= 10240) {
            major = 10;
        } else if (build >= 9600) {
            major = 6;
            minor = 3;
        } else if (build >= 9200) {
            major = 6;
            minor = 2;
        } else if (build >= 7600) {
            major = 6;
            minor = 1;
        } else if (build >= 6000) {
            major = 6;
        } else if (build >= 3790) {
            major = 5;
            minor = 2;
        } else if (build >= 2600) {
            major = 5;
            minor = 1;
        }
        int product = KernelDumpHeader.isUnset(header.productType()) ? 0 : (int) header.productType();
        return new OsInfo("Windows NT", 2, major, minor, build, buildLab().orElse(""), product,
                (int) header.numberProcessors(), "", -1, -1, -1);
    }

    @Override
    public Optional<Bugcheck> bugcheck() {
        return Optional.of(new Bugcheck(header.bugCheckCode(),
                header.bugCheckParameters().stream().map(architecture()::truncate).toList()));
    }

    @Override
    public List<ModuleInfo> modules() {
        return parts.lazy("modules", List.of(), () -> carriesMemory() ? loadedModuleList()
                : drivers().stream().map(DriverEntry::toModuleInfo).toList());
    }

    @Override
    public List<ModuleInfo> unloadedModules() {
        return parts.lazy("unloadedModules", List.of(), () -> unloadedDrivers().stream()
                .map(u -> new ModuleInfo(u.name(), u.startAddress(), u.endAddress() - u.startAddress(), 0, 0, null,
                        null, null, null)).toList());
    }

    /** The registers at the bug check: KPRCB.Context when found, else the triage context, else the header's. */
    public Optional<CpuContext> crashingContext() {
        return bugcheckContext().or(this::triageContext).or(this::headerContext);
    }

    @Override
    public List<ThreadInfo> threads() {
        return parts.lazy("threads", List.of(), () -> {
            Optional<CpuContext> ctx = crashingContext();
            Optional<StackRange> stack = callStack();
            if (stack.isEmpty() && ctx.isPresent() && carriesMemory()) {
                // Memory dumps hold the whole stack: take what is readable from the stack pointer up.
                long sp = ctx.get().stackPointer();
                long readable = memory().readableFrom(sp, 0x10000);
                if (readable > 0) {
                    stack = Optional.of(new StackRange(sp, sp + readable, -1));
                }
            }
            if (ctx.isEmpty() && stack.isEmpty()) {
                return List.of();
            }
            return List.of(new ThreadInfo(0, "crashing thread", ctx.orElse(null),
                    stack.map(StackRange::limit).orElse(0L), stack.map(StackRange::size).orElse(0L), 0));
        });
    }

    /**
     * The fault behind the bug check, when its parameters lead to it: for 0x7E/0x1000007E the
     * EXCEPTION_RECORD and CONTEXT they point to, for 0x3B the CONTEXT, for 0x8E the KTRAP_FRAME; else the
     * code and address carried in the parameters (0x1E).
     */
    @Override
    public Optional<ExceptionInfo> exception() {
        return Optional.ofNullable(parts.lazy("exception", null, () -> {
            BugcheckContexts where = BugcheckContexts.of(header.bugCheckCode());
            if (where == null) {
                return null;
            }
            Architecture arch = architecture();
            List<Long> p = bugcheck().orElseThrow().parameters();
            long code = p.get(where.code()) & 0xFFFF_FFFFL;
            long address = p.get(where.address());
            long flags = 0;
            long nested = 0;
            List<Long> params = new ArrayList<>();
            for (int i : BugcheckContexts.inlineParameters(header.bugCheckCode())) {
                params.add(p.get(i));
            }
            if (where.exceptionRecord() >= 0) {
                long recordAddress = p.get(where.exceptionRecord());
                int size = is64() ? ExceptionRecord.SIZE64 : ExceptionRecord.SIZE32;
                Optional<byte[]> raw = memory().read(recordAddress, size);
                if (raw.isPresent()) {
                    Cursor c = new ArrayByteSource(raw.get()).cursor("EXCEPTION_RECORD (bugcheck parameter "
                            + (where.exceptionRecord() + 1) + ")", 0, size);
                    ExceptionRecord r = is64() ? ExceptionRecord.read64(c) : ExceptionRecord.read32(c);
                    code = r.code();
                    flags = r.flags();
                    nested = r.record();
                    address = r.address();
                    params = new ArrayList<>(r.parameters());
                } else {
                    parts.warn("OUT_OF_BOUNDS", "EXCEPTION_RECORD", 0x40 + 8L * where.exceptionRecord(), "bug check parameter "
                            + (where.exceptionRecord() + 1) + " points at 0x" + Long.toHexString(recordAddress)
                            + ", which the dump does not hold");
                }
            }
            CpuContext context = null;
            if (where.context() >= 0 && arch != Architecture.UNKNOWN) {
                long ctxAddress = p.get(where.context());
                int size = Contexts.baseSize(arch);
                Optional<byte[]> raw = memory().read(ctxAddress, size);
                if (raw.isPresent()) {
                    context = Contexts.read(arch, new ArrayByteSource(raw.get()).cursor(
                            "CONTEXT (bugcheck parameter " + (where.context() + 1) + ")", 0, size));
                }
            } else if (where.trapFrame() >= 0 && arch == Architecture.AMD64) {
                context = TrapFrames.readAmd64(memory(), p.get(where.trapFrame())).orElse(null);
            }
            return new ExceptionInfo(0, code, flags, arch.truncate(nested), arch.truncate(address),
                    params.stream().map(arch::truncate).toList(), context);
        }));
    }

    @Override
    public MemoryReader memory() {
        return parts.lazy("memory", MemoryReader.empty(), () -> {
            Optional<PageTables> tables = pageTables();
            if (tables.isPresent()) {
                return new PagedMemoryReader(source, physicalMemory().orElseThrow(), tables.get());
            }
            return new RangeMemoryReader(source, memoryRanges());
        });
    }

    /** The VA ranges the triage body holds: call stack, data page, data blocks (clamped to the file). */
    public List<MemoryRange> memoryRanges() {
        return parts.lazy("memoryRanges", List.of(), () -> {
            List<MemoryRange> out = new ArrayList<>();
            callStack().ifPresent(s -> out.add(new MemoryRange(s.limit(), s.size(), s.fileOffset(), s.size())));
            Optional<TriageDumpHeader> t = triage();
            if (t.isPresent() && t.get().dataPageOffset() != 0 && t.get().dataPageSize() != 0) {
                out.add(clamp("data page", t.get().dataPageAddress(), t.get().dataPageOffset(), t.get().dataPageSize()));
            }
            int i = 0;
            for (DataBlock b : dataBlocks()) {
                out.add(clamp("TRIAGE_DATA_BLOCK[" + i++ + "]", b.address(), b.offset(), b.size()));
            }
            return List.copyOf(out);
        });
    }

    private MemoryRange clamp(String structure, long address, long offset, long size) {
        long available = offset >= source.size() ? 0 : Math.min(size, source.size() - offset);
        if (available < size) {
            parts.warn("TRUNCATED", structure, Math.min(offset, source.size()), "0x" + Long.toHexString(size)
                    + " bytes at 0x" + Long.toHexString(address) + " declared, 0x" + Long.toHexString(available)
                    + " are in the file");
        }
        return new MemoryRange(address, available, offset, size);
    }

    @Override
    public Optional<Long> crashTime() {
        long ft = header.systemTime();
        if (ft <= 0 || KernelDumpHeader.isUnset(ft)) {
            return Optional.empty();
        }
        return Optional.of(ft / 10_000_000L - 11_644_473_600L);
    }

    /** Parses every part, so that {@link #diagnostics()} is complete. */
    public void parseAll() {
        triage();
        triageContext();
        headerContext();
        triageException();
        modules();
        unloadedModules();
        memory();
        debuggerData();
        buildLab();
        threads();
        exception();
        process();
        thread();
        physicalMemory();
        pageTables();
    }

    @Override
    public List<Diagnostic> diagnostics() {
        parseAll();
        return parts.diagnostics();
    }

    @Override
    public void close() {
        if (ownsSource) {
            source.close();
        }
    }
}
