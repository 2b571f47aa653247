package org.faultline.samples.minidump;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.faultline.samples.io.LeWriter;

/**
 * Fluent builder for user-mode minidump (MDMP) files, valid or deliberately damaged.
 *
 * <p>The file is laid out as header (0), stream directory ({@code 0x20} by default), then each stream in
 * directory order, 4-byte aligned, each followed by the data it points to (strings, stacks, contexts
 * 16-aligned for AMD64/ARM64, CodeView records); Memory64 data goes last, back to back. A stream takes its
 * directory slot the first time it is configured; {@link #directoryOrder(int...)} can reorder. Only
 * configured streams are written. Output is a pure function of the calls made: no clock, no unseeded random.
 *
 * <p>Damage: header fields can be set to anything here ({@link #signature(long)}, {@link #version(long)});
 * {@link #unusedEntry()} and {@link #duplicateEntry(int)} shape the directory; everything else (truncation,
 * bit flips, dangling sizes and RVAs, wrong counts, bad strings) is a {@link Damage} applied to the finished
 * bytes, aimed with the {@link Layout} returned by {@link #build()}.
 */
public final class SynthMinidump {
    enum Kind { BUILTIN, FIXED, RAW, UNUSED, DUPLICATE }

    record Slot(Kind kind, int type, byte[] data) {
    }

    record Range(long start, byte[] data) {
    }

    record ThreadName(long threadId, String name) {
    }

    long signature = 0x504D_444DL;
    long version = 0xA793;
    long checksum;
    long timestamp;
    long flags;
    int directoryRva = 0x20;
    final List<Slot> slots = new ArrayList<>();
    final List<Damage> damages = new ArrayList<>();

    SystemInfoSpec systemInfo;
    final List<ThreadSpec> threads = new ArrayList<>();
    boolean threadListPadding;
    boolean stacksInMemoryList;
    final List<ThreadName> threadNames = new ArrayList<>();
    final List<ThreadInfoSpec> threadInfos = new ArrayList<>();
    final List<ModuleSpec> modules = new ArrayList<>();
    boolean moduleListPadding;
    final List<UnloadedModuleSpec> unloadedModules = new ArrayList<>();
    ExceptionSpec exception;
    final List<Range> memory = new ArrayList<>();
    boolean memoryListPadding;
    final List<Range> memory64 = new ArrayList<>();
    final List<MemoryInfoSpec> memoryInfos = new ArrayList<>();
    MiscInfoSpec miscInfo;
    final List<HandleSpec> handles = new ArrayList<>();
    int handleDescriptorSize = 32;
    CrashpadInfoSpec crashpadInfo;

    private SynthMinidump() {
    }

    /** An empty dump: header and empty directory only. */
    public static SynthMinidump create() {
        return new SynthMinidump();
    }

    // ---- header and directory ----

    /** Signature (default {@code 0x504D444D}, "MDMP"). */
    public SynthMinidump signature(long value) {
        this.signature = value;
        return this;
    }

    /** The whole 32-bit Version field (default {@code 0x0000A793}). */
    public SynthMinidump version(long value) {
        this.version = value;
        return this;
    }

    /** The implementation-specific high word of Version, keeping the low word. */
    public SynthMinidump implementationVersion(int highWord) {
        this.version = ((long) (highWord & 0xFFFF) << 16) | (version & 0xFFFF);
        return this;
    }

    /** CheckSum. */
    public SynthMinidump checksum(long value) {
        this.checksum = value;
        return this;
    }

    /** TimeDateStamp (time_t). */
    public SynthMinidump timestamp(long value) {
        this.timestamp = value;
        return this;
    }

    /** Flags (MINIDUMP_TYPE bits). */
    public SynthMinidump flags(long value) {
        this.flags = value;
        return this;
    }

    /** Places the directory at {@code rva} (≥ 0x20, zero-filled gap after the header). */
    public SynthMinidump directoryRva(int rva) {
        if (rva < 0x20) {
            throw new IllegalArgumentException("directory must follow the header; use Damage.directoryRva");
        }
        this.directoryRva = rva;
        return this;
    }

    /** Adds a directory entry of type 0 (UnusedStream) with size and RVA 0 at the current position. */
    public SynthMinidump unusedEntry() {
        slots.add(new Slot(Kind.UNUSED, StreamType.UNUSED, null));
        return this;
    }

    /** Adds a second directory entry of {@code type} pointing at the first one's data. */
    public SynthMinidump duplicateEntry(int type) {
        slots.add(new Slot(Kind.DUPLICATE, type, null));
        return this;
    }

    /**
     * Reorders the directory: entries of the listed types first, in the order listed; all others keep their
     * relative order after them. Stream data follows the directory order.
     */
    public SynthMinidump directoryOrder(int... types) {
        List<Integer> order = Arrays.stream(types).boxed().toList();
        slots.sort(Comparator.comparingInt(s -> {
            int i = order.indexOf(s.type());
            return i < 0 ? order.size() : i;
        }));
        return this;
    }

    // ---- streams ----

    /** SystemInfo stream (7). */
    public SynthMinidump systemInfo(SystemInfoSpec spec) {
        this.systemInfo = spec;
        return builtin(StreamType.SYSTEM_INFO);
    }

    /** Adds a thread to the ThreadList stream (3). */
    public SynthMinidump thread(ThreadSpec spec) {
        threads.add(spec);
        return builtin(StreamType.THREAD_LIST);
    }

    /** Writes 4 padding bytes after the ThreadList count (8-aligned entries). */
    public SynthMinidump threadListPadding() {
        this.threadListPadding = true;
        return builtin(StreamType.THREAD_LIST);
    }

    /** Also lists every thread stack in the MemoryList, sharing the stack bytes (as DbgHelp does). */
    public SynthMinidump stacksInMemoryList() {
        this.stacksInMemoryList = true;
        return builtin(StreamType.MEMORY_LIST);
    }

    /** Adds an entry to the ThreadNames stream (24). */
    public SynthMinidump threadName(long threadId, String name) {
        threadNames.add(new ThreadName(threadId, name));
        return builtin(StreamType.THREAD_NAMES);
    }

    /** Adds an entry to the ThreadInfoList stream (17). */
    public SynthMinidump threadInfo(ThreadInfoSpec spec) {
        threadInfos.add(spec);
        return builtin(StreamType.THREAD_INFO_LIST);
    }

    /** Adds a module to the ModuleList stream (4). */
    public SynthMinidump module(ModuleSpec spec) {
        modules.add(spec);
        return builtin(StreamType.MODULE_LIST);
    }

    /** Writes 4 padding bytes after the ModuleList count. */
    public SynthMinidump moduleListPadding() {
        this.moduleListPadding = true;
        return builtin(StreamType.MODULE_LIST);
    }

    /** Adds an entry to the UnloadedModuleList stream (14). */
    public SynthMinidump unloadedModule(UnloadedModuleSpec spec) {
        unloadedModules.add(spec);
        return builtin(StreamType.UNLOADED_MODULE_LIST);
    }

    /** Exception stream (6). */
    public SynthMinidump exception(ExceptionSpec spec) {
        this.exception = spec;
        return builtin(StreamType.EXCEPTION);
    }

    /** Adds a range to the MemoryList stream (5). */
    public SynthMinidump memory(long startAddress, byte[] bytes) {
        memory.add(new Range(startAddress, bytes.clone()));
        return builtin(StreamType.MEMORY_LIST);
    }

    /** Writes 4 padding bytes after the MemoryList count. */
    public SynthMinidump memoryListPadding() {
        this.memoryListPadding = true;
        return builtin(StreamType.MEMORY_LIST);
    }

    /** Adds a range to the Memory64List stream (9); data is stored back to back from BaseRva. */
    public SynthMinidump memory64(long startAddress, byte[] bytes) {
        memory64.add(new Range(startAddress, bytes.clone()));
        return builtin(StreamType.MEMORY64_LIST);
    }

    /** Adds an entry to the MemoryInfoList stream (16). */
    public SynthMinidump memoryInfo(MemoryInfoSpec spec) {
        memoryInfos.add(spec);
        return builtin(StreamType.MEMORY_INFO_LIST);
    }

    /** MiscInfo stream (15), any version. */
    public SynthMinidump miscInfo(MiscInfoSpec spec) {
        this.miscInfo = spec;
        return builtin(StreamType.MISC_INFO);
    }

    /** Adds a descriptor to the HandleData stream (12). */
    public SynthMinidump handle(HandleSpec spec) {
        handles.add(spec);
        return builtin(StreamType.HANDLE_DATA);
    }

    /** HandleData descriptor size: 32 (MINIDUMP_HANDLE_DESCRIPTOR, default) or 40 (_2). */
    public SynthMinidump handleDescriptorSize(int size) {
        if (size != 32 && size != 40) {
            throw new IllegalArgumentException("handle descriptor size is 32 or 40: " + size);
        }
        this.handleDescriptorSize = size;
        return builtin(StreamType.HANDLE_DATA);
    }

    /** CommentStreamA (10): ISO-8859-1 bytes plus a NUL. */
    public SynthMinidump commentA(String text) {
        return fixed(StreamType.COMMENT_A, (text + '\0').getBytes(StandardCharsets.ISO_8859_1));
    }

    /** CommentStreamW (11): UTF-16LE plus a 2-byte NUL. */
    public SynthMinidump commentW(String text) {
        return fixed(StreamType.COMMENT_W, (text + '\0').getBytes(StandardCharsets.UTF_16LE));
    }

    /** TokenStream (19), written as the given blob. */
    public SynthMinidump token(byte[] blob) {
        return fixed(StreamType.TOKEN, blob.clone());
    }

    /** Breakpad info (0x47670001): validity bits (1 dump thread, 2 requesting thread) and the two ids. */
    public SynthMinidump breakpadInfo(long validity, long dumpThreadId, long requestingThreadId) {
        return fixed(StreamType.BREAKPAD_INFO,
                new LeWriter(12).u32(validity).u32(dumpThreadId).u32(requestingThreadId).toByteArray());
    }

    /** Breakpad assertion info (0x47670002): three 128-WCHAR strings, line and type. */
    public SynthMinidump assertionInfo(String expression, String function, String file, long line, long type) {
        LeWriter w = new LeWriter(776).utf16Fixed(expression, 128).utf16Fixed(function, 128)
                .utf16Fixed(file, 128).u32(line).u32(type);
        return fixed(StreamType.ASSERTION_INFO, w.toByteArray());
    }

    /** Crashpad info stream (0x43500001). */
    public SynthMinidump crashpadInfo(CrashpadInfoSpec spec) {
        this.crashpadInfo = spec;
        return builtin(StreamType.CRASHPAD_INFO);
    }

    /** A raw text stream such as LinuxCpuInfo (0x47670003) or LinuxMaps (0x47670009), UTF-8, no NUL. */
    public SynthMinidump linuxText(int type, String text) {
        return fixed(type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Any stream with the given bytes; each call adds a directory entry, even for a type already present. */
    public SynthMinidump rawStream(int type, byte[] data) {
        slots.add(new Slot(Kind.RAW, type, data.clone()));
        return this;
    }

    // ---- damage and output ----

    /** Adds damages, applied in order to the finished file. */
    public SynthMinidump damage(Damage... more) {
        damages.addAll(Arrays.asList(more));
        return this;
    }

    /** Writes the file and applies the damages. */
    public WrittenDump build() {
        WrittenDump clean = new MinidumpEmitter(this).emit();
        DumpPatcher patcher = new DumpPatcher(clean.bytes(), clean.layout());
        damages.forEach(d -> d.apply(patcher));
        return new WrittenDump(patcher.bytes(), clean.layout());
    }

    /** Writes the file and returns its bytes. */
    public byte[] toBytes() {
        return build().bytes();
    }

    private SynthMinidump builtin(int type) {
        if (slots.stream().noneMatch(s -> s.kind() == Kind.BUILTIN && s.type() == type)) {
            slots.add(new Slot(Kind.BUILTIN, type, null));
        }
        return this;
    }

    private SynthMinidump fixed(int type, byte[] data) {
        Slot slot = new Slot(Kind.FIXED, type, data);
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).kind() == Kind.FIXED && slots.get(i).type() == type) {
                slots.set(i, slot);
                return this;
            }
        }
        slots.add(slot);
        return this;
    }
}
