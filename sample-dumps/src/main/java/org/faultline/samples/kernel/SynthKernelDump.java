package org.faultline.samples.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.faultline.samples.minidump.CpuContext;

/**
 * Fluent builder for Windows kernel crash dumps ({@code PAGEDU64} / {@code PAGEDUMP}), valid or deliberately
 * damaged.
 *
 * <p><b>Triage dumps</b> ({@link #triage(Arch)}, DumpType 4, what lands in {@code C:\Windows\Minidump}): the header
 * is pre-filled with {@code PAGE} and every field the kernel writes is then set (defaults: version 0xF/19041,
 * one processor, ProductType 1, SuiteMask 0x110, WriterStatus 0, the rest zero; SecondaryDataState, Comment,
 * VersionUser, Attributes, BootId and the PHYSICAL_MEMORY_DESCRIPTOR stay {@code PAGE} unless set). The
 * TRIAGE_DUMP body follows at 0x2000 (0x1000 for x86), then its parts in the order real files use, each 8-aligned:
 * [separate context (16-aligned), separate exception], MM storage, unloaded drivers, PRCB, EPROCESS, ETHREAD, call
 * stack, KDDEBUGGER_DATA64, driver list, string pool, data page, data-block descriptors and their bytes back to
 * back, an optional zero gap, the 8-aligned {@code TRGD} u32 (SizeOfDump = its end) and an optional trailer. A part
 * that was not configured gets offset 0. Unless a separate triage context or exception is given, ContextOffset and
 * ExceptionOffset point at the header's copies (0x348 / 0xF00), as in real files.
 *
 * <p><b>Full and bitmap dumps</b> ({@link #full(Arch, PhysicalMemory)}, {@link #bitmap(PhysicalMemory, boolean)}):
 * the present pages of a {@link PhysicalMemory}, typically filled through {@link X64PageTables} and
 * {@link KernelModuleList}; the header's DirectoryTableBase and PsLoadedModuleList are the caller's to set. See
 * {@link #writeTo(Path)} for streaming large ones.
 *
 * <p>Output is a pure function of the calls made (no clock; random only in seeded damage). Contexts and other
 * mutable specs are read at build time. Damage is applied to the finished file, aimed with the
 * {@link KernelLayout} of the undamaged file.
 */
public final class SynthKernelDump {
    enum Kind { TRIAGE, FULL, BITMAP }

    record Range(String label, long address, byte[] data) {
    }

    record Poke(long address, Supplier<byte[]> data, String what) {
    }

    record Pointer(int offset, long value) {
    }

    final Arch arch;
    final Kind kind;
    final Map<HeaderField, Long> header = new EnumMap<>(HeaderField.class);
    final Set<HeaderField> unset = EnumSet.noneOf(HeaderField.class);
    String comment;
    String versionUser;
    CpuContext<?> headerContext;
    ExceptionRecord headerException;
    final List<KernelDamage> damages = new ArrayList<>();

    // triage
    final Map<TriageField, Long> triageFields = new EnumMap<>(TriageField.class);
    CpuContext<?> triageContext;
    ExceptionRecord triageException;
    byte[] mm;
    boolean unloadedList;
    final List<UnloadedDriverSpec> unloaded = new ArrayList<>();
    byte[] prcb;
    final List<Pointer> prcbPointers = new ArrayList<>();
    byte[] process;
    byte[] thread;
    long topOfStack;
    byte[] callStack;
    final List<DriverSpec> drivers = new ArrayList<>();
    int driverEntrySize32 = 0x4C;
    Range dataPage;
    KdDebuggerData debuggerData;
    final List<Range> dataBlocks = new ArrayList<>();
    final List<Poke> pokes = new ArrayList<>();
    int validGap;
    byte[] trailer = new byte[0];

    // full / bitmap
    final PhysicalMemory memory;
    final boolean kernelBitmap;

    private SynthKernelDump(Arch arch, Kind kind, PhysicalMemory memory, boolean kernelBitmap) {
        this.arch = arch;
        this.kind = kind;
        this.memory = memory;
        this.kernelBitmap = kernelBitmap;
    }

    /** A triage dump (DumpType 4) for {@code arch}: header, TRIAGE_DUMP and TRGD marker only until parts are added. */
    public static SynthKernelDump triage(Arch arch) {
        return new SynthKernelDump(arch, Kind.TRIAGE, null, false);
    }

    /**
     * A full dump (DumpType 1): the PHYSICAL_MEMORY_DESCRIPTOR lists the present runs of {@code memory} (at most
     * 43 on 64-bit, 86 on 32-bit) and the pages follow the header run after run.
     */
    public static SynthKernelDump full(Arch arch, PhysicalMemory memory) {
        return new SynthKernelDump(arch, Kind.FULL, memory, false);
    }

    /**
     * A 64-bit bitmap dump: {@code FDMP}, DumpType 5 (full bitmap) or, with {@code kernelBitmap}, {@code SDMP},
     * DumpType 6; one bit per physical page up to {@link PhysicalMemory#physicalPages()}, present pages stored in
     * increasing PFN order from the page-aligned FirstPage.
     */
    public static SynthKernelDump bitmap(PhysicalMemory memory, boolean kernelBitmap) {
        return new SynthKernelDump(Arch.AMD64, Kind.BITMAP, memory, kernelBitmap);
    }

    // ---- header ----

    /** Sets any numeric header field (overriding defaults and computed values such as DumpType). */
    public SynthKernelDump header(HeaderField field, long value) {
        if (!field.isNumeric()) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        field.offset(arch);
        header.put(field, value);
        unset.remove(field);
        return this;
    }

    /** Leaves a header field as the {@code PAGE} fill, as if the kernel never wrote it. */
    public SynthKernelDump unset(HeaderField field) {
        field.offset(arch);
        header.remove(field);
        unset.add(field);
        return this;
    }

    /** MajorVersion (0xF free, 0xC checked) and MinorVersion (the OS build number). */
    public SynthKernelDump version(long major, long build) {
        return header(HeaderField.MAJOR_VERSION, major).header(HeaderField.MINOR_VERSION, build);
    }

    /** DirectoryTableBase (CR3). */
    public SynthKernelDump directoryTableBase(long cr3) {
        return header(HeaderField.DIRECTORY_TABLE_BASE, cr3);
    }

    /** PfnDataBase. */
    public SynthKernelDump pfnDataBase(long va) {
        return header(HeaderField.PFN_DATA_BASE, va);
    }

    /** PsLoadedModuleList. */
    public SynthKernelDump psLoadedModuleList(long va) {
        return header(HeaderField.PS_LOADED_MODULE_LIST, va);
    }

    /** PsActiveProcessHead. */
    public SynthKernelDump psActiveProcessHead(long va) {
        return header(HeaderField.PS_ACTIVE_PROCESS_HEAD, va);
    }

    /** NumberProcessors. */
    public SynthKernelDump processors(long count) {
        return header(HeaderField.NUMBER_PROCESSORS, count);
    }

    /** BugCheckCode and up to four parameters (missing ones are 0). */
    public SynthKernelDump bugCheck(long code, long... parameters) {
        if (parameters.length > 4) {
            throw new IllegalArgumentException("at most 4 bug check parameters");
        }
        header(HeaderField.BUGCHECK_CODE, code);
        HeaderField[] p = {HeaderField.BUGCHECK_PARAMETER1, HeaderField.BUGCHECK_PARAMETER2,
            HeaderField.BUGCHECK_PARAMETER3, HeaderField.BUGCHECK_PARAMETER4};
        for (int i = 0; i < 4; i++) {
            header(p[i], i < parameters.length ? parameters[i] : 0);
        }
        return this;
    }

    /** KdDebuggerDataBlock (VA of KDDEBUGGER_DATA64). */
    public SynthKernelDump kdDebuggerDataBlock(long va) {
        return header(HeaderField.KD_DEBUGGER_DATA_BLOCK, va);
    }

    /** The header's ContextRecord (default: a zeroed context of the architecture). */
    public SynthKernelDump headerContext(CpuContext<?> context) {
        this.headerContext = context;
        unset.remove(HeaderField.CONTEXT_RECORD);
        return this;
    }

    /** The header's exception record (default: the 0x80000003 stand-in at the header context's PC). */
    public SynthKernelDump headerException(ExceptionRecord record) {
        this.headerException = record;
        unset.remove(HeaderField.EXCEPTION);
        return this;
    }

    /** Overrides DumpType. */
    public SynthKernelDump dumpType(long type) {
        return header(HeaderField.DUMP_TYPE, type);
    }

    /** RequiredDumpSpace (default: the file size). */
    public SynthKernelDump requiredDumpSpace(long bytes) {
        return header(HeaderField.REQUIRED_DUMP_SPACE, bytes);
    }

    /** SystemTime from an instant (written as a FILETIME, 100 ns since 1601-01-01 UTC). */
    public SynthKernelDump systemTime(Instant time) {
        long filetime = Math.addExact(Math.multiplyExact(time.getEpochSecond() + 11_644_473_600L, 10_000_000L),
                time.getNano() / 100);
        return header(HeaderField.SYSTEM_TIME, filetime);
    }

    /** SystemTime from Unix epoch seconds. */
    public SynthKernelDump systemTime(long epochSeconds) {
        return systemTime(Instant.ofEpochSecond(epochSeconds));
    }

    /** SystemUpTime (100 ns units). */
    public SynthKernelDump systemUpTime(Duration upTime) {
        return header(HeaderField.SYSTEM_UP_TIME, upTime.toNanos() / 100);
    }

    /** MiniDumpFields (default for triage dumps: 0xFF basic info, plus 0x200 / 0x400 / 0x800 for a data page, debugger data, data blocks). */
    public SynthKernelDump miniDumpFields(long bits) {
        return header(HeaderField.MINIDUMP_FIELDS, bits);
    }

    /** ProductType (1 workstation). */
    public SynthKernelDump productType(long value) {
        return header(HeaderField.PRODUCT_TYPE, value);
    }

    /** SuiteMask. */
    public SynthKernelDump suiteMask(long value) {
        return header(HeaderField.SUITE_MASK, value);
    }

    /** WriterStatus. */
    public SynthKernelDump writerStatus(long value) {
        return header(HeaderField.WRITER_STATUS, value);
    }

    /** SecondaryDataState (default {@code PAGE}). */
    public SynthKernelDump secondaryDataState(long value) {
        return header(HeaderField.SECONDARY_DATA_STATE, value);
    }

    /** Comment, CHAR[128] NUL-padded (default {@code PAGE}). */
    public SynthKernelDump comment(String text) {
        this.comment = fitAscii(text, 128);
        unset.remove(HeaderField.COMMENT);
        return this;
    }

    /** VersionUser, CHAR[32] NUL-padded (default {@code PAGE}). */
    public SynthKernelDump versionUser(String text) {
        this.versionUser = fitAscii(text, 32);
        unset.remove(HeaderField.VERSION_USER);
        return this;
    }

    // ---- triage parts ----

    /** Sets any TRIAGE_DUMP field, overriding what the writer computes (e.g. ServicePackBuild, BrokenDriverOffset). */
    public SynthKernelDump triageField(TriageField field, long value) {
        requireTriage();
        field.offset(arch);
        triageFields.put(field, value);
        return this;
    }

    /** TriageOptions (default 0xFFFFFFFF, as observed). */
    public SynthKernelDump triageOptions(long value) {
        return triageField(TriageField.TRIAGE_OPTIONS, value);
    }

    /** A separate crashing CONTEXT in the triage body (ContextOffset then points at it, not at the header). */
    public SynthKernelDump triageContext(CpuContext<?> context) {
        requireTriage();
        this.triageContext = context;
        return this;
    }

    /** A separate EXCEPTION_RECORD in the triage body (ExceptionOffset then points at it). */
    public SynthKernelDump triageException(ExceptionRecord record) {
        requireTriage();
        this.triageException = record;
        return this;
    }

    /** The DUMP_MM_STORAGE blob at MmOffset. */
    public SynthKernelDump mmStorage(MmStorage storage) {
        requireTriage();
        this.mm = storage.toBytes(arch);
        return this;
    }

    /** Raw bytes at MmOffset. */
    public SynthKernelDump mmStorage(byte[] raw) {
        requireTriage();
        this.mm = raw.clone();
        return this;
    }

    /** Adds an unloaded driver (the list is written as soon as one is added, or {@link #emptyUnloadedDriverList()}). */
    public SynthKernelDump unloadedDriver(String name, long start, long end) {
        requireTriage();
        unloaded.add(new UnloadedDriverSpec(name, start, end));
        unloadedList = true;
        return this;
    }

    /** Writes the unloaded-driver list even when it is empty (count 0). */
    public SynthKernelDump emptyUnloadedDriverList() {
        requireTriage();
        unloadedList = true;
        return this;
    }

    /** The raw KPRCB copy at PrcbOffset. */
    public SynthKernelDump prcb(byte[] blob) {
        requireTriage();
        this.prcb = blob.clone();
        return this;
    }

    /**
     * Writes a pointer (8 or 4 bytes) at {@code offset} in the PRCB copy, e.g. KPRCB.Context pointing at a
     * CONTEXT placed with {@link #contextAt(long, CpuContext)}.
     */
    public SynthKernelDump prcbPointer(int offset, long va) {
        requireTriage();
        prcbPointers.add(new Pointer(offset, va));
        return this;
    }

    /** The raw EPROCESS copy at ProcessOffset. */
    public SynthKernelDump process(byte[] blob) {
        requireTriage();
        this.process = blob.clone();
        return this;
    }

    /** The raw ETHREAD copy at ThreadOffset. */
    public SynthKernelDump thread(byte[] blob) {
        requireTriage();
        this.thread = blob.clone();
        return this;
    }

    /** The saved kernel stack: {@code bytes} cover VAs {@code [topOfStack, topOfStack + bytes.length)}. */
    public SynthKernelDump callStack(long topOfStack, byte[] bytes) {
        requireTriage();
        this.topOfStack = topOfStack;
        this.callStack = bytes.clone();
        return this;
    }

    /** A zero-filled saved stack of {@code size} bytes from {@code topOfStack}, to be filled with pokes. */
    public SynthKernelDump callStack(long topOfStack, int size) {
        return callStack(topOfStack, new byte[size]);
    }

    /** Adds a driver to the driver list (its name goes to the string pool). */
    public SynthKernelDump driver(DriverSpec driver) {
        requireTriage();
        drivers.add(driver);
        return this;
    }

    /** Adds a driver to the driver list. */
    public SynthKernelDump driver(String name, long base, long size, long checksum, long timestamp) {
        return driver(DriverSpec.of(name, base, size, checksum, timestamp));
    }

    /**
     * Stride of DUMP_DRIVER_ENTRY32 (default 0x4C, the rizin layout; 0x54 for the Ghidra reading). 64-bit entries
     * are always 0x90.
     */
    public SynthKernelDump driverEntrySize32(int size) {
        if (size < 0x4C) {
            throw new IllegalArgumentException("DUMP_DRIVER_ENTRY32 is at least 0x4C bytes: 0x" + Integer.toHexString(size));
        }
        this.driverEntrySize32 = size;
        return this;
    }

    /** The extra data page (DataPageAddress/Offset/Size). */
    public SynthKernelDump dataPage(long va, byte[] bytes) {
        requireTriage();
        this.dataPage = new Range("dataPage", va, bytes.clone());
        return this;
    }

    /** The KDDEBUGGER_DATA64 copy (its VA is the header's KdDebuggerDataBlock). */
    public SynthKernelDump debuggerData(KdDebuggerData data) {
        requireTriage();
        this.debuggerData = data;
        return this;
    }

    /** Adds a TRIAGE_DATA_BLOCK: {@code bytes} are the memory at {@code [va, va + bytes.length)}. */
    public SynthKernelDump dataBlock(long va, byte[] bytes) {
        requireTriage();
        dataBlocks.add(new Range("dataBlock[" + dataBlocks.size() + "]", va, bytes.clone()));
        return this;
    }

    /** Adds a zero-filled data block of {@code size} bytes, to be filled with pokes. */
    public SynthKernelDump dataBlock(long va, int size) {
        return dataBlock(va, new byte[size]);
    }

    /**
     * Writes bytes at a VA of the stored memory: every copy of that VA (call stack, data page, data blocks) gets
     * them. The range must lie wholly inside at least one of them (checked at build time).
     */
    public SynthKernelDump poke(long va, byte[] bytes) {
        requireTriage();
        byte[] copy = bytes.clone();
        pokes.add(new Poke(va, () -> copy, bytes.length + " bytes"));
        return this;
    }

    /** Writes a pointer-sized value (8 bytes on 64-bit, 4 on x86) at a VA of the stored memory. */
    public SynthKernelDump pokePointer(long va, long value) {
        int n = arch.pointerSize();
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return poke(va, b);
    }

    /** Writes a u64 at a VA of the stored memory (e.g. a return address on the call stack). */
    public SynthKernelDump pokeU64(long va, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return poke(va, b);
    }

    /** Writes u64 values at consecutive stack slots from {@code va} (e.g. a frame's saved registers and return address). */
    public SynthKernelDump stackU64s(long va, long... values) {
        for (int i = 0; i < values.length; i++) {
            pokeU64(va + 8L * i, values[i]);
        }
        return this;
    }

    /** Places a CONTEXT (its state at build time) at a VA inside the call stack or a data block. */
    public SynthKernelDump contextAt(long va, CpuContext<?> context) {
        requireTriage();
        pokes.add(new Poke(va, context::toBytes, "CONTEXT"));
        return this;
    }

    /** Places an x64 KTRAP_FRAME (its state at build time) at a VA of the stored memory. */
    public SynthKernelDump trapFrameAt(long va, TrapFrame64 frame) {
        requireTriage();
        pokes.add(new Poke(va, frame::toBytes, "KTRAP_FRAME"));
        return this;
    }

    /** Zero bytes between the last part and the {@code TRGD} marker (kept 8-aligned). */
    public SynthKernelDump validMarkerGap(int bytes) {
        requireTriage();
        if (bytes < 0) {
            throw new IllegalArgumentException("negative gap");
        }
        this.validGap = bytes;
        return this;
    }

    /** Bytes after SizeOfDump (real files carry a "DumpBlob" there). */
    public SynthKernelDump trailer(byte[] bytes) {
        requireTriage();
        this.trailer = bytes.clone();
        return this;
    }

    // ---- damage and output ----

    /** Adds damages, applied in order to the finished file. */
    public SynthKernelDump damage(KernelDamage... more) {
        damages.addAll(Arrays.asList(more));
        return this;
    }

    /** The layout the undamaged file will have, without writing page contents. */
    public KernelLayout layout() {
        return kind == Kind.TRIAGE ? new TriageEmitter(this).emit().layout() : new MemoryDumpEmitter(this).layout();
    }

    /** Writes the dump in memory and applies the damages. Large full/bitmap dumps should use {@link #writeTo(Path)}. */
    public WrittenKernelDump build() {
        WrittenKernelDump clean = kind == Kind.TRIAGE ? new TriageEmitter(this).emit() : new MemoryDumpEmitter(this).toBytes();
        ArrayPatcher patcher = new ArrayPatcher(clean.bytes(), clean.layout());
        damages.forEach(d -> d.apply(patcher));
        return new WrittenKernelDump(patcher.bytes(), clean.layout());
    }

    /** Writes the dump and returns its bytes. */
    public byte[] toBytes() {
        return build().bytes();
    }

    /**
     * Writes the dump to {@code file} (created or replaced) and applies the damages in place. Full and bitmap
     * dumps are streamed with positioned writes: pages never written stay holes of a sparse file, and the dump is
     * never held in memory.
     */
    public KernelLayout writeTo(Path file) {
        KernelLayout layout;
        if (kind == Kind.TRIAGE) {
            WrittenKernelDump clean = new TriageEmitter(this).emit();
            try {
                Files.write(file, clean.bytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            layout = clean.layout();
        } else {
            layout = new MemoryDumpEmitter(this).toFile(file);
        }
        if (!damages.isEmpty()) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                FilePatcher patcher = new FilePatcher(raf, layout);
                damages.forEach(d -> d.apply(patcher));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return layout;
    }

    /**
     * Writes the dump to {@code out} in file order. Full and bitmap dumps are streamed (holes written as zeros)
     * and must then have no damages, which patch a finished file ({@link #writeTo(Path)} applies them).
     */
    public KernelLayout writeTo(OutputStream out) {
        try {
            if (kind == Kind.TRIAGE) {
                WrittenKernelDump dump = build();
                out.write(dump.bytes());
                return dump.layout();
            }
            if (!damages.isEmpty()) {
                throw new IllegalStateException("damages patch a finished file; use build() or writeTo(Path)");
            }
            return new MemoryDumpEmitter(this).toStream(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireTriage() {
        if (kind != Kind.TRIAGE) {
            throw new IllegalStateException("only triage dumps have this part");
        }
    }

    private static String fitAscii(String text, int size) {
        if (text.getBytes(StandardCharsets.ISO_8859_1).length > size) {
            throw new IllegalArgumentException("\"" + text + "\" does not fit in CHAR[" + size + "]");
        }
        return text;
    }
}
