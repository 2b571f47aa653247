package org.faultline.samples.minidump;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.minidump.Layout.DirectoryEntry;
import org.faultline.samples.minidump.Layout.Region;
import org.faultline.samples.minidump.SynthMinidump.Range;
import org.faultline.samples.minidump.SynthMinidump.Slot;

/** Writes one {@link SynthMinidump} configuration into bytes plus its {@link Layout}. Single use. */
final class MinidumpEmitter {
    private static final int HEADER_SIZE = 32;
    private static final int DIRECTORY_ENTRY_SIZE = 12;
    private static final int THREAD_SIZE = 48;
    private static final int MODULE_SIZE = 108;
    private static final int EXCEPTION_SIZE = 168;

    private final SynthMinidump b;
    private final LeWriter w = new LeWriter(4096);
    private final Map<String, Region> regions = new LinkedHashMap<>();
    /** Thread index → {DataSize, Rva} of its stack bytes, once written. */
    private final Map<Integer, long[]> stacks = new HashMap<>();
    private final List<Runnable> tail = new ArrayList<>();
    /** End of the current stream body; set by each stream writer before it writes out-of-line data. */
    private int bodyEnd;

    MinidumpEmitter(SynthMinidump builder) {
        this.b = builder;
    }

    WrittenDump emit() {
        List<Slot> slots = b.slots;
        int n = slots.size();
        w.zeros(HEADER_SIZE).padTo(b.directoryRva);
        region("header", 0, HEADER_SIZE);
        w.zeros(DIRECTORY_ENTRY_SIZE * n);
        region("directory", b.directoryRva, (long) DIRECTORY_ENTRY_SIZE * n);

        long[][] entries = new long[n][];
        for (int i = 0; i < n; i++) {
            Slot s = slots.get(i);
            entries[i] = switch (s.kind()) {
                case UNUSED, DUPLICATE -> new long[] {s.type(), 0, 0};
                case FIXED, RAW -> {
                    int rva = w.align(4).position();
                    w.bytes(s.data());
                    yield new long[] {s.type(), s.data().length, rva};
                }
                case BUILTIN -> {
                    int rva = w.align(4).position();
                    yield new long[] {s.type(), writeBuiltin(s.type(), rva), rva};
                }
            };
        }
        tail.forEach(Runnable::run);
        for (int i = 0; i < n; i++) {
            if (slots.get(i).kind() == SynthMinidump.Kind.DUPLICATE) {
                for (int j = 0; j < n; j++) {
                    if (slots.get(j).kind() != SynthMinidump.Kind.DUPLICATE && entries[j][0] == entries[i][0]) {
                        entries[i] = entries[j].clone();
                        break;
                    }
                }
            }
        }

        List<DirectoryEntry> directory = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int at = b.directoryRva + DIRECTORY_ENTRY_SIZE * i;
            w.putU32(at, entries[i][0]).putU32(at + 4, entries[i][1]).putU32(at + 8, entries[i][2]);
            directory.add(new DirectoryEntry(i, at, entries[i][0], entries[i][1], entries[i][2]));
        }
        w.putU32(0, b.signature).putU32(4, b.version).putU32(8, n).putU32(12, b.directoryRva)
                .putU32(16, b.checksum).putU32(20, b.timestamp).putU64(24, b.flags);
        byte[] bytes = w.toByteArray();
        return new WrittenDump(bytes, new Layout(b.directoryRva, directory, regions, bytes.length));
    }

    /** Writes the stream body at the current position, then its out-of-line data; returns the body size. */
    private long writeBuiltin(int type, int start) {
        bodyEnd = -1;
        switch (type) {
            case StreamType.SYSTEM_INFO -> systemInfo();
            case StreamType.THREAD_LIST -> threadList();
            case StreamType.THREAD_NAMES -> threadNames();
            case StreamType.THREAD_INFO_LIST -> threadInfoList();
            case StreamType.MODULE_LIST -> moduleList();
            case StreamType.UNLOADED_MODULE_LIST -> unloadedModuleList();
            case StreamType.EXCEPTION -> exception();
            case StreamType.MEMORY_LIST -> memoryList();
            case StreamType.MEMORY64_LIST -> memory64List();
            case StreamType.MEMORY_INFO_LIST -> memoryInfoList();
            case StreamType.MISC_INFO -> {
                w.bytes(b.miscInfo.toBytes());
                endBody();
            }
            case StreamType.HANDLE_DATA -> handleData();
            case StreamType.CRASHPAD_INFO -> crashpadInfo();
            default -> throw new IllegalStateException("no writer for stream type " + type);
        }
        if (bodyEnd < start) {
            throw new IllegalStateException("stream writer for type " + type + " did not mark its body");
        }
        return bodyEnd - start;
    }

    private void endBody() {
        bodyEnd = w.position();
    }

    private void systemInfo() {
        SystemInfoSpec s = b.systemInfo;
        w.u16(s.architecture).u16(s.level).u16(s.revision).u8(s.processors).u8(s.productType)
                .u32(s.major).u32(s.minor).u32(s.build).u32(s.platformId);
        int csdField = w.position();
        w.u32(0).u16(s.suiteMask).u16(0);
        if (s.vendorId != null) {
            w.bytes(s.vendorId).u32(s.versionInformation).u32(s.featureInformation).u32(s.amdExtendedFeatures);
        } else if (s.processorFeatures != null) {
            w.u64(s.processorFeatures[0]).u64(s.processorFeatures[1]).zeros(8); // 24-byte union
        } else {
            w.zeros(24);
        }
        endBody();
        if (s.csdVersion != null) {
            w.putU32(csdField, string("systemInfo.csd", s.csdVersion));
        }
    }

    private void threadList() {
        List<ThreadSpec> threads = b.threads;
        w.u32(threads.size());
        if (b.threadListPadding) {
            w.u32(0);
        }
        int first = w.position();
        for (int i = 0; i < threads.size(); i++) {
            ThreadSpec t = threads.get(i);
            region("thread[" + i + "]", w.position(), THREAD_SIZE);
            w.u32(t.threadId).u32(t.suspendCount).u32(t.priorityClass).u32(t.priority).u64(t.teb)
                    .u64(t.stackStart).u32(0).u32(0).u32(0).u32(0);
        }
        endBody();
        for (int i = 0; i < threads.size(); i++) {
            int entry = first + THREAD_SIZE * i;
            long[] stack = stack(i);
            w.putU32(entry + 0x20, stack[0]).putU32(entry + 0x24, stack[1]);
            CpuContext<?> ctx = threads.get(i).context;
            if (ctx != null) {
                w.putU32(entry + 0x28, ctx.size()).putU32(entry + 0x2C, context("thread[" + i + "].context", ctx));
            }
        }
    }

    /** Writes thread {@code index}'s stack bytes once; returns {DataSize, Rva} ({0, 0} when empty). */
    private long[] stack(int index) {
        return stacks.computeIfAbsent(index, i -> {
            byte[] bytes = b.threads.get(i).stack;
            if (bytes.length == 0) {
                return new long[] {0, 0};
            }
            int rva = w.align(4).position();
            w.bytes(bytes);
            region("thread[" + i + "].stack", rva, bytes.length);
            return new long[] {bytes.length, rva};
        });
    }

    private int context(String label, CpuContext<?> ctx) {
        int rva = w.align(ctx.alignment()).position();
        w.bytes(ctx.toBytes());
        region(label, rva, ctx.size());
        return rva;
    }

    private void threadNames() {
        int first = w.u32(b.threadNames.size()).position();
        for (SynthMinidump.ThreadName t : b.threadNames) {
            w.u32(t.threadId()).u64(0);
        }
        endBody();
        for (int i = 0; i < b.threadNames.size(); i++) {
            w.putU64(first + 12 * i + 4, string("threadName[" + i + "].name", b.threadNames.get(i).name()));
        }
    }

    private void threadInfoList() {
        w.u32(12).u32(64).u32(b.threadInfos.size());
        for (ThreadInfoSpec t : b.threadInfos) {
            w.u32(t.threadId()).u32(t.dumpFlags()).u32(t.dumpError()).u32(t.exitStatus()).u64(t.createTime())
                    .u64(t.exitTime()).u64(t.kernelTime()).u64(t.userTime()).u64(t.startAddress()).u64(t.affinity());
        }
        endBody();
    }

    private void moduleList() {
        List<ModuleSpec> modules = b.modules;
        w.u32(modules.size());
        if (b.moduleListPadding) {
            w.u32(0);
        }
        int first = w.position();
        for (int i = 0; i < modules.size(); i++) {
            ModuleSpec m = modules.get(i);
            region("module[" + i + "]", w.position(), MODULE_SIZE);
            w.u64(m.base).u32(m.size).u32(m.checksum).u32(m.timestamp).u32(0)
                    .bytes(m.fixedFileInfo()).u32(0).u32(0).u32(0).u32(0).u64(0).u64(0);
        }
        endBody();
        for (int i = 0; i < modules.size(); i++) {
            ModuleSpec m = modules.get(i);
            int entry = first + MODULE_SIZE * i;
            w.putU32(entry + 0x14, string("module[" + i + "].name", m.name));
            if (m.cvRecord != null) {
                w.putU32(entry + 0x4C, m.cvRecord.length).putU32(entry + 0x50, blob("module[" + i + "].cv", m.cvRecord));
            }
            if (m.miscRecord != null) {
                w.putU32(entry + 0x54, m.miscRecord.length)
                        .putU32(entry + 0x58, blob("module[" + i + "].misc", m.miscRecord));
            }
        }
    }

    private void unloadedModuleList() {
        int first = w.u32(12).u32(24).u32(b.unloadedModules.size()).position();
        for (UnloadedModuleSpec m : b.unloadedModules) {
            w.u64(m.base()).u32(m.size()).u32(m.checksum()).u32(m.timestamp()).u32(0);
        }
        endBody();
        for (int i = 0; i < b.unloadedModules.size(); i++) {
            w.putU32(first + 24 * i + 0x14, string("unloadedModule[" + i + "].name", b.unloadedModules.get(i).name()));
        }
    }

    private void exception() {
        ExceptionSpec e = b.exception;
        int start = w.position();
        w.u32(e.threadId).u32(0).u32(e.code).u32(e.flags).u64(e.recordAddress).u64(e.address)
                .u32(e.numberParameters != null ? e.numberParameters : e.parameters.length).u32(0);
        for (int i = 0; i < 15; i++) {
            w.u64(i < e.parameters.length ? e.parameters[i] : 0);
        }
        w.u32(0).u32(0);
        endBody();
        if (e.context != null) {
            w.putU32(start + 0xA0, e.context.size()).putU32(start + 0xA4, context("exception.context", e.context));
        }
        if (bodyEnd - start != EXCEPTION_SIZE) {
            throw new IllegalStateException("exception stream is " + (bodyEnd - start));
        }
    }

    private void memoryList() {
        List<long[]> refs = new ArrayList<>(); // {kind 0 = explicit / 1 = stack, index}
        for (int i = 0; i < b.memory.size(); i++) {
            refs.add(new long[] {0, i});
        }
        if (b.stacksInMemoryList) {
            for (int i = 0; i < b.threads.size(); i++) {
                if (b.threads.get(i).stack.length > 0) {
                    refs.add(new long[] {1, i});
                }
            }
        }
        w.u32(refs.size());
        if (b.memoryListPadding) {
            w.u32(0);
        }
        int first = w.position();
        for (long[] ref : refs) {
            long start = ref[0] == 0 ? b.memory.get((int) ref[1]).start() : b.threads.get((int) ref[1]).stackStart;
            w.u64(start).u32(0).u32(0);
        }
        endBody();
        for (int k = 0; k < refs.size(); k++) {
            int i = (int) refs.get(k)[1];
            long[] loc;
            if (refs.get(k)[0] == 0) {
                byte[] data = b.memory.get(i).data();
                loc = new long[] {data.length, blob("memory[" + i + "]", data)};
            } else {
                loc = stack(i);
            }
            w.putU32(first + 16 * k + 8, loc[0]).putU32(first + 16 * k + 12, loc[1]);
        }
    }

    private void memory64List() {
        int start = w.position();
        w.u64(b.memory64.size()).u64(0);
        for (Range r : b.memory64) {
            w.u64(r.start()).u64(r.data().length);
        }
        endBody();
        tail.add(() -> {
            int base = w.align(16).position();
            w.putU64(start + 8, base);
            for (int i = 0; i < b.memory64.size(); i++) {
                region("memory64[" + i + "]", w.position(), b.memory64.get(i).data().length);
                w.bytes(b.memory64.get(i).data());
            }
        });
    }

    private void memoryInfoList() {
        w.u32(16).u32(48).u64(b.memoryInfos.size());
        for (MemoryInfoSpec m : b.memoryInfos) {
            w.u64(m.baseAddress()).u64(m.allocationBase()).u32(m.allocationProtect()).u32(0).u64(m.regionSize())
                    .u32(m.state()).u32(m.protect()).u32(m.type()).u32(0);
        }
        endBody();
    }

    private void handleData() {
        int size = b.handleDescriptorSize;
        int first = w.u32(16).u32(size).u32(b.handles.size()).u32(0).position();
        for (HandleSpec h : b.handles) {
            w.u64(h.handle()).u32(0).u32(0).u32(h.attributes()).u32(h.grantedAccess()).u32(h.handleCount())
                    .u32(h.pointerCount()).zeros(size - 32);
        }
        endBody();
        for (int i = 0; i < b.handles.size(); i++) {
            HandleSpec h = b.handles.get(i);
            int entry = first + size * i;
            if (h.typeName() != null) {
                w.putU32(entry + 8, string("handle[" + i + "].type", h.typeName()));
            }
            if (h.objectName() != null) {
                w.putU32(entry + 12, string("handle[" + i + "].object", h.objectName()));
            }
        }
    }

    private void crashpadInfo() {
        CrashpadInfoSpec c = b.crashpadInfo;
        int start = w.position();
        w.u32(c.version).guid(c.reportId).guid(c.clientId).u32(0).u32(0).u32(0).u32(0);
        endBody();
        if (c.annotations.isEmpty()) {
            return;
        }
        int dict = w.align(4).position();
        w.u32(c.annotations.size()).zeros(8 * c.annotations.size());
        region("crashpad.annotations", dict, w.position() - dict);
        w.putU32(start + 36, w.position() - dict).putU32(start + 40, dict);
        int i = 0;
        for (Entry<String, String> e : c.annotations.entrySet()) {
            w.putU32(dict + 4 + 8 * i, utf8("crashpad.annotation[" + i + "].key", e.getKey()));
            w.putU32(dict + 8 + 8 * i, utf8("crashpad.annotation[" + i + "].value", e.getValue()));
            i++;
        }
    }

    /** Writes a MINIDUMP_STRING (byte length, UTF-16LE, 2-byte NUL), 4-aligned; returns its RVA. */
    private int string(String label, String text) {
        int rva = w.align(4).position();
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);
        w.u32(utf16.length).bytes(utf16).u16(0);
        region(label, rva, 4L + utf16.length + 2);
        return rva;
    }

    /** Writes a Crashpad MINIDUMP_UTF8_STRING (byte length, UTF-8, NUL), 4-aligned; returns its RVA. */
    private int utf8(String label, String text) {
        int rva = w.align(4).position();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        w.u32(utf8.length).bytes(utf8).u8(0);
        region(label, rva, 4L + utf8.length + 1);
        return rva;
    }

    private int blob(String label, byte[] data) {
        int rva = w.align(4).position();
        w.bytes(data);
        region(label, rva, data.length);
        return rva;
    }

    private void region(String label, long offset, long size) {
        regions.put(label, new Region(offset, size));
    }
}
