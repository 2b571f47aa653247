package org.faultline.samples.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.kernel.KernelLayout.MemoryRange;
import org.faultline.samples.kernel.KernelLayout.Region;
import org.faultline.samples.kernel.SynthKernelDump.Poke;
import org.faultline.samples.kernel.SynthKernelDump.Range;

/** Writes one triage {@link SynthKernelDump} into bytes plus its {@link KernelLayout}. Single use. */
final class TriageEmitter {
    private static final long TRGD = 0x4447_5254L;
    private static final int DRIVER_ENTRY64 = 0x90;
    private static final int UNLOADED64 = 0x38;
    private static final int UNLOADED32 = 0x28;
    private static final int UNLOADED_NAME_CHARS = 12;
    private static final int DATA_BLOCK = 16;
    private static final long BASIC_INFO = 0xFF;
    private static final long DATAPAGE_BIT = 0x200;
    private static final long DEBUGGER_DATA_BIT = 0x400;
    private static final long DATA_BLOCKS_BIT = 0x800;

    private final SynthKernelDump b;
    private final Arch arch;
    private final LeWriter w = new LeWriter(0x4000);
    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final List<MemoryRange> memory = new ArrayList<>();
    private final Map<TriageField, Long> t = new EnumMap<>(TriageField.class);
    private final int triage;

    TriageEmitter(SynthKernelDump builder) {
        this.b = builder;
        this.arch = builder.arch;
        this.triage = arch.headerSize();
    }

    WrittenKernelDump emit() {
        int hs = arch.headerSize();
        w.zeros(hs);
        region("header", 0, hs);
        region("header.context", HeaderField.CONTEXT_RECORD.offset(arch), HeaderImage.context(b).size());
        region("header.exception", HeaderField.EXCEPTION.offset(arch), ExceptionRecord.size(arch));
        w.zeros(TriageField.structSize(arch));
        region("triage", triage, TriageField.structSize(arch));

        if (b.triageContext != null) {
            int at = w.align(16).position();
            w.bytes(b.triageContext.toBytes());
            put(TriageField.CONTEXT_OFFSET, at);
            region("context", at, b.triageContext.size());
        } else {
            put(TriageField.CONTEXT_OFFSET, HeaderField.CONTEXT_RECORD.offset(arch));
            region("context", HeaderField.CONTEXT_RECORD.offset(arch), HeaderImage.context(b).size());
        }
        if (b.triageException != null) {
            int at = w.align(8).position();
            byte[] rec = new byte[ExceptionRecord.size(arch)];
            b.triageException.writeInto(rec, 0, arch);
            w.bytes(rec);
            put(TriageField.EXCEPTION_OFFSET, at);
            region("exception", at, rec.length);
        } else {
            put(TriageField.EXCEPTION_OFFSET, HeaderField.EXCEPTION.offset(arch));
            region("exception", HeaderField.EXCEPTION.offset(arch), ExceptionRecord.size(arch));
        }
        blob("mm", TriageField.MM_OFFSET, b.mm);
        if (b.unloadedList) {
            unloadedDrivers();
        }
        int prcbAt = blob("prcb", TriageField.PRCB_OFFSET, b.prcb);
        blob("process", TriageField.PROCESS_OFFSET, b.process);
        blob("thread", TriageField.THREAD_OFFSET, b.thread);
        if (b.callStack != null) {
            int at = blob("callStack", TriageField.CALL_STACK_OFFSET, b.callStack);
            put(TriageField.SIZE_OF_CALL_STACK, b.callStack.length);
            put(TriageField.TOP_OF_STACK, b.topOfStack);
            memory.add(new MemoryRange("callStack", b.topOfStack, b.callStack.length, at));
        }
        if (b.debuggerData != null) {
            blob("debuggerData", TriageField.DEBUGGER_DATA_OFFSET, b.debuggerData.toBytes());
            put(TriageField.DEBUGGER_DATA_SIZE, b.debuggerData.size());
        }
        if (!b.drivers.isEmpty()) {
            driverList();
        }
        if (b.dataPage != null) {
            int at = blob("dataPage", TriageField.DATA_PAGE_OFFSET, b.dataPage.data());
            put(TriageField.DATA_PAGE_ADDRESS, b.dataPage.address());
            put(TriageField.DATA_PAGE_SIZE, b.dataPage.data().length);
            memory.add(new MemoryRange("dataPage", b.dataPage.address(), b.dataPage.data().length, at));
        }
        if (!b.dataBlocks.isEmpty()) {
            dataBlocks();
        }
        for (SynthKernelDump.Pointer p : b.prcbPointers) {
            if (b.prcb == null || p.offset() < 0 || p.offset() + arch.pointerSize() > b.prcb.length) {
                throw new IllegalStateException("PRCB pointer at 0x" + Integer.toHexString(p.offset()) + " is outside the PRCB copy");
            }
            w.putBytes(prcbAt + p.offset(), le(p.value(), arch.pointerSize()));
        }
        for (Poke p : b.pokes) {
            poke(p);
        }

        int valid = w.align(8).zeros((b.validGap + 7) & ~7).position();
        w.u32(TRGD);
        region("valid", valid, 4);
        put(TriageField.VALID_OFFSET, valid);
        put(TriageField.SIZE_OF_DUMP, valid + 4);
        if (b.trailer.length > 0) {
            region("trailer", w.position(), b.trailer.length);
            w.bytes(b.trailer);
        }
        put(TriageField.TRIAGE_OPTIONS, 0xFFFF_FFFFL);
        t.putAll(b.triageFields);
        t.forEach((f, v) -> putLe(triage + f.offset(arch), v, f.size(arch)));

        Map<HeaderField, Long> computed = new EnumMap<>(HeaderField.class);
        computed.put(HeaderField.DUMP_TYPE, 4L);
        computed.put(HeaderField.REQUIRED_DUMP_SPACE, (long) w.position());
        computed.put(HeaderField.MINIDUMP_FIELDS, BASIC_INFO | (b.dataPage != null ? DATAPAGE_BIT : 0)
                | (b.debuggerData != null ? DEBUGGER_DATA_BIT : 0) | (b.dataBlocks.isEmpty() ? 0 : DATA_BLOCKS_BIT));
        w.putBytes(0, HeaderImage.build(b, computed, null));
        byte[] bytes = w.toByteArray();
        long dumpType = b.header.getOrDefault(HeaderField.DUMP_TYPE, 4L);
        return new WrittenKernelDump(bytes, new KernelLayout(arch, dumpType, regions, memory, List.of(), bytes.length));
    }

    /** Writes an 8-aligned part if present; returns its offset (0 when absent). */
    private int blob(String label, TriageField field, byte[] data) {
        if (data == null) {
            return 0;
        }
        int at = w.align(8).position();
        w.bytes(data);
        region(label, at, data.length);
        put(field, at);
        return at;
    }

    private void unloadedDrivers() {
        int at = w.align(8).position();
        int p = arch.pointerSize();
        w.zeros(p);
        putLe(at, b.unloaded.size(), p);
        int entrySize = arch.is64() ? UNLOADED64 : UNLOADED32;
        for (int i = 0; i < b.unloaded.size(); i++) {
            UnloadedDriverSpec u = b.unloaded.get(i);
            String name = u.name().length() > UNLOADED_NAME_CHARS ? u.name().substring(0, UNLOADED_NAME_CHARS) : u.name();
            int bytes = 2 * name.length();
            int e = w.position();
            // UNICODE_STRING {Length, MaximumLength, [pad], Buffer = 0}, then DriverName[12], StartAddress, EndAddress
            w.u16(bytes).u16(bytes).zeros(arch.is64() ? 12 : 4).utf16Fixed(name, UNLOADED_NAME_CHARS);
            if (arch.is64()) {
                w.u64(u.start()).u64(u.end());
            } else {
                w.u32(u.start()).u32(u.end());
            }
            check(w.position() - e == entrySize, "unloaded driver entry size");
            region("unloaded[" + i + "]", e, entrySize);
        }
        region("unloaded", at, w.position() - at);
        put(TriageField.UNLOADED_DRIVERS_OFFSET, at);
    }

    private void driverList() {
        int stride = arch.is64() ? DRIVER_ENTRY64 : b.driverEntrySize32;
        int list = w.align(8).position();
        w.zeros(stride * b.drivers.size());
        region("drivers", list, (long) stride * b.drivers.size());
        put(TriageField.DRIVER_LIST_OFFSET, list);
        put(TriageField.DRIVER_COUNT, b.drivers.size());
        int pool = w.align(8).position();
        for (int i = 0; i < b.drivers.size(); i++) {
            DriverSpec d = b.drivers.get(i);
            int e = list + stride * i;
            region("driver[" + i + "]", e, stride);
            int name = w.align(8).position();
            byte[] utf16 = d.name().getBytes(StandardCharsets.UTF_16LE);
            w.u32(utf16.length / 2).bytes(utf16).u16(0);
            region("driver[" + i + "].name", name, 4L + utf16.length + 2);
            putLe(e, name, 4);
            if (arch.is64()) {
                // DriverNameOffset, pad, then KLDR_DATA_TABLE_ENTRY64 at +8
                putLe(e + 0x38, d.base(), 8);
                putLe(e + 0x40, d.entryPoint(), 8);
                putLe(e + 0x48, d.size(), 4);
                putLe(e + 0x80, d.checksum(), 4);
                putLe(e + 0x88, d.timestamp(), 4);
            } else {
                // DriverNameOffset, then KLDR_DATA_TABLE_ENTRY32 at +4
                putLe(e + 0x1C, d.base(), 4);
                putLe(e + 0x20, d.entryPoint(), 4);
                putLe(e + 0x24, d.size(), 4);
                putLe(e + 0x44, d.checksum(), 4);
                putLe(e + 0x48, d.timestamp(), 4);
            }
        }
        w.align(8);
        region("stringPool", pool, w.position() - pool);
        put(TriageField.STRING_POOL_OFFSET, pool);
        put(TriageField.STRING_POOL_SIZE, w.position() - pool);
    }

    private void dataBlocks() {
        int at = w.align(8).position();
        w.zeros(DATA_BLOCK * b.dataBlocks.size());
        region("dataBlocks", at, (long) DATA_BLOCK * b.dataBlocks.size());
        put(TriageField.DATA_BLOCKS_OFFSET, at);
        put(TriageField.DATA_BLOCKS_COUNT, b.dataBlocks.size());
        for (int i = 0; i < b.dataBlocks.size(); i++) {
            Range r = b.dataBlocks.get(i);
            int d = at + DATA_BLOCK * i;
            int bytes = w.position();
            w.bytes(r.data());
            putLe(d, r.address(), 8);
            putLe(d + 8, bytes, 4);
            putLe(d + 12, r.data().length, 4);
            region(r.label() + ".descriptor", d, DATA_BLOCK);
            region(r.label(), bytes, r.data().length);
            memory.add(new MemoryRange(r.label(), r.address(), r.data().length, bytes));
        }
    }

    private void poke(Poke p) {
        byte[] data = p.data().get();
        boolean hit = false;
        for (MemoryRange m : memory) {
            if (m.contains(p.address(), data.length)) {
                w.putBytes((int) (m.fileOffset() + (p.address() - m.address())), data);
                hit = true;
            }
        }
        if (!hit) {
            throw new IllegalStateException(p.what() + " at VA 0x" + Long.toHexString(p.address())
                    + " is not inside the call stack, the data page or a data block");
        }
    }

    private void put(TriageField field, long value) {
        t.put(field, value);
    }

    private void putLe(int at, long value, int width) {
        w.putBytes(at, le(value, width));
    }

    private static byte[] le(long value, int width) {
        byte[] out = new byte[width];
        LeWriter.putLe(out, 0, value, width);
        return out;
    }

    private void region(String label, long offset, long size) {
        regions.put(label, new Region(offset, size));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("internal: " + what);
        }
    }
}
