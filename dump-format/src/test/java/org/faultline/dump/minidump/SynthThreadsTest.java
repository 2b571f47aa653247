package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.ThreadInfo;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.minidump.Amd64Context;
import org.faultline.samples.minidump.Arm64Context;
import org.faultline.samples.minidump.Layout;
import org.faultline.samples.minidump.StreamType;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.SystemInfoSpec;
import org.faultline.samples.minidump.ThreadInfoSpec;
import org.faultline.samples.minidump.ThreadSpec;
import org.faultline.samples.minidump.WrittenDump;
import org.faultline.samples.minidump.X86Context;
import org.junit.jupiter.api.Test;

/** ThreadList entries, their CONTEXT records, thread names and ThreadInfoList, read back as written. */
class SynthThreadsTest {
    /** AMD64 CONTEXT fields the writer can set but the reader does not model (home slots, branch tracing). */
    private static final Set<String> AMD64_UNMODELLED = Set.of("p1home", "p2home", "p3home", "p4home", "p5home",
            "p6home", "vectorcontrol", "debugcontrol", "lastbranchtorip", "lastbranchfromrip", "lastexceptiontorip",
            "lastexceptionfromrip");

    /** Register widths from the CONTEXT layouts (format doc §14): everything else is 64-bit. */
    private static int width(Architecture arch, String name) {
        return switch (arch) {
            case X86 -> 4;
            case AMD64 -> switch (name) {
                case "cs", "ds", "es", "fs", "gs", "ss" -> 2;
                case "mxcsr", "eflags" -> 4;
                default -> 8;
            };
            case ARM64 -> Set.of("cpsr", "fpcr", "fpsr").contains(name) ? 4 : 8;
            default -> throw new IllegalArgumentException(arch.id());
        };
    }

    /** Sets every register the writer knows to a distinct value; returns what was written, by name. */
    private static Map<String, Long> fillAll(org.faultline.samples.minidump.CpuContext<?> ctx, Architecture arch,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Long> written = new LinkedHashMap<>();
        for (String name : ctx.registerNames()) {
            int w = width(arch, name);
            long v = random.nextLong();
            if (w < 8) {
                v &= (1L << (8 * w)) - 1;
            }
            ctx.set(name, v);
            written.put(name, v);
        }
        return written;
    }

    /** The written registers the reader is expected to return. */
    private static Map<String, Long> modelled(Map<String, Long> written, Architecture arch) {
        Map<String, Long> out = new LinkedHashMap<>(written);
        if (arch == Architecture.AMD64) {
            out.keySet().removeAll(AMD64_UNMODELLED);
        }
        return out;
    }

    @Test
    void amd64ThreadsWithEveryRegister() {
        Amd64Context c0 = Amd64Context.create();
        Map<String, Long> r0 = fillAll(c0, Architecture.AMD64, 1);
        for (int n = 0; n < 16; n++) {
            c0.xmm(n, 0x1111_1111_1111_1111L * n, ~n);
        }
        Amd64Context c1 = Amd64Context.create().contextFlags(0x0010_000B);
        Map<String, Long> r1 = fillAll(c1, Architecture.AMD64, 2);
        byte[] stack0 = Synth.pattern(0x180, 0x10);
        byte[] stack1 = Synth.pattern(0x40, 0x90);
        WrittenDump w = SynthMinidump.create().systemInfo(SystemInfoSpec.amd64())
                .thread(ThreadSpec.of(0x1A2B).suspendCount(1).priority(0x20, 2).teb(0x7FF7_1234_5000L)
                        .stack(0xE3_4F8F_E000L, stack0).context(c0))
                .thread(ThreadSpec.of(0xFFFF_FFF0L).priority(0x80, 0xFFFF_FFFEL).teb(0x7FF7_1234_7000L)
                        .stack(0xE3_5000_0000L, stack1).context(c1))
                .thread(ThreadSpec.of(0x33))
                .stacksInMemoryList()
                .threadName(0x1A2B, "main")
                .threadName(0xFFFF_FFF0L, "Render \u2013 \u00dcn\u00efcode \uD83C\uDFA8")
                .build();
        Minidump dump = Synth.read(w);
        Layout layout = w.layout();

        List<ThreadInfo> threads = dump.threads();
        assertThat(threads).extracting(ThreadInfo::id).containsExactly(0x1A2BL, 0xFFFF_FFF0L, 0x33L);
        assertThat(threads).extracting(ThreadInfo::name)
                .containsExactly("main", "Render \u2013 \u00dcn\u00efcode \uD83C\uDFA8", null);
        assertThat(threads).extracting(ThreadInfo::teb).containsExactly(0x7FF7_1234_5000L, 0x7FF7_1234_7000L, 0L);
        assertThat(threads).extracting(ThreadInfo::stackStart).containsExactly(0xE3_4F8F_E000L, 0xE3_5000_0000L, 0L);
        assertThat(threads).extracting(ThreadInfo::stackSize).containsExactly(0x180L, 0x40L, 0L);

        CpuContext ctx0 = threads.get(0).context();
        assertThat(ctx0.architecture()).isEqualTo(Architecture.AMD64);
        assertThat(ctx0.flags()).isEqualTo(0x0010_001FL);
        assertThat(ctx0.registers()).isEqualTo(modelled(r0, Architecture.AMD64));
        assertThat(ctx0.instructionPointer()).isEqualTo(r0.get("rip"));
        assertThat(ctx0.stackPointer()).isEqualTo(r0.get("rsp"));
        assertThat(ctx0.framePointer()).isEqualTo(r0.get("rbp"));
        CpuContext ctx1 = threads.get(1).context();
        assertThat(ctx1.flags()).isEqualTo(0x0010_000BL);
        assertThat(ctx1.registers()).isEqualTo(modelled(r1, Architecture.AMD64));
        assertThat(threads.get(2).context()).isNull();

        List<MinidumpThread> raw = dump.threadList();
        assertThat(raw).extracting(MinidumpThread::suspendCount).containsExactly(1L, 0L, 0L);
        assertThat(raw).extracting(MinidumpThread::priorityClass).containsExactly(0x20L, 0x80L, 0x20L);
        assertThat(raw).extracting(MinidumpThread::priority).containsExactly(2L, 0xFFFF_FFFEL, 0L);
        assertThat(raw.get(0).stackRva()).isEqualTo(layout.region("thread[0].stack").offset());
        assertThat(raw.get(1).stackRva()).isEqualTo(layout.region("thread[1].stack").offset());
        assertThat(raw.get(0).contextRva()).isEqualTo(layout.region("thread[0].context").offset());
        assertThat(raw.get(0).contextSize()).isEqualTo(1232);
        assertThat(raw.get(2).contextSize()).isZero();
        assertThat(raw.get(2).contextRva()).isZero();

        assertThat(dump.threadNames()).containsExactly(Map.entry(0x1A2BL, "main"),
                Map.entry(0xFFFF_FFF0L, "Render \u2013 \u00dcn\u00efcode \uD83C\uDFA8"));

        // The stacks are in the MemoryList too, sharing the thread list's bytes.
        assertThat(dump.memory().read(0xE3_4F8F_E000L, 0x180)).hasValueSatisfying(b -> assertThat(b).isEqualTo(stack0));
        assertThat(dump.memory().read(0xE3_5000_0000L, 0x40)).hasValueSatisfying(b -> assertThat(b).isEqualTo(stack1));
        assertThat(dump.memoryRanges()).extracting(org.faultline.dump.MemoryRange::fileOffset)
                .containsExactlyInAnyOrder(raw.get(0).stackRva(), raw.get(1).stackRva());
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void x86ThreadWithEveryRegister() {
        X86Context c = X86Context.create();
        Map<String, Long> regs = fillAll(c, Architecture.X86, 3);
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.x86())
                .thread(ThreadSpec.of(0xBF4).teb(0x7FFD_F000L).stack(0x12_F000L, new byte[0x100]).context(c)));
        CpuContext ctx = dump.threads().get(0).context();
        assertThat(ctx.architecture()).isEqualTo(Architecture.X86);
        assertThat(ctx.flags()).isEqualTo(0x0001_003FL);
        assertThat(ctx.registers()).isEqualTo(regs);
        assertThat(ctx.registers()).hasSize(22);
        assertThat(ctx.instructionPointer()).isEqualTo(regs.get("eip"));
        assertThat(ctx.stackPointer()).isEqualTo(regs.get("esp"));
        assertThat(ctx.framePointer()).isEqualTo(regs.get("ebp"));
        assertThat(dump.threads().get(0).teb()).isEqualTo(0x7FFD_F000L);
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void x86NamedSetters() {
        X86Context c = X86Context.create().eip(0x40_429E).esp(0x12_FE84).ebp(0x12_FF00).eax(1).ebx(2).ecx(3).edx(4)
                .esi(5).edi(6).eflags(0x246).segments(0x1B, 0x23, 0x23, 0x3B, 0, 0x23);
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.x86())
                .thread(ThreadSpec.of(1).context(c)));
        assertThat(dump.threads().get(0).context().registers()).containsAllEntriesOf(Map.ofEntries(
                Map.entry("eip", 0x40_429EL), Map.entry("esp", 0x12_FE84L), Map.entry("ebp", 0x12_FF00L),
                Map.entry("eax", 1L), Map.entry("ebx", 2L), Map.entry("ecx", 3L), Map.entry("edx", 4L),
                Map.entry("esi", 5L), Map.entry("edi", 6L), Map.entry("eflags", 0x246L), Map.entry("cs", 0x1BL),
                Map.entry("ds", 0x23L), Map.entry("es", 0x23L), Map.entry("fs", 0x3BL), Map.entry("gs", 0L),
                Map.entry("ss", 0x23L)));
    }

    @Test
    void arm64ThreadWithEveryRegister() {
        Arm64Context c = Arm64Context.create();
        Map<String, Long> regs = fillAll(c, Architecture.ARM64, 4);
        for (int n = 0; n < 32; n++) {
            c.v(n, -n, n * 0x0101_0101L);
        }
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.arm64())
                .thread(ThreadSpec.of(0x2F00).teb(0x7FF6_0000_2000L).context(c)));
        CpuContext ctx = dump.threads().get(0).context();
        assertThat(ctx.architecture()).isEqualTo(Architecture.ARM64);
        assertThat(ctx.flags()).isEqualTo(0x0040_0007L);
        assertThat(ctx.registers()).isEqualTo(regs);
        assertThat(ctx.registers()).hasSize(1 + 29 + 4 + 2);
        assertThat(ctx.instructionPointer()).isEqualTo(regs.get("pc"));
        assertThat(ctx.stackPointer()).isEqualTo(regs.get("sp"));
        assertThat(ctx.framePointer()).isEqualTo(regs.get("fp"));
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void arm64NamedSetters() {
        Arm64Context c = Arm64Context.create().pc(0x7FF6_0000_1000L).sp(0x1000_0000L).fp(0x1000_0040L)
                .lr(0x7FF6_0000_0F00L).cpsr(0x6000_0000L).x(0, 42).x(19, 0x1919).x(29, 0x2929).x(30, 0x3030);
        CpuContext ctx = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.arm64())
                .thread(ThreadSpec.of(1).context(c))).threads().get(0).context();
        assertThat(ctx.get("pc")).hasValue(0x7FF6_0000_1000L);
        assertThat(ctx.get("sp")).hasValue(0x1000_0000L);
        assertThat(ctx.get("cpsr")).hasValue(0x6000_0000L);
        assertThat(ctx.get("x0")).hasValue(42);
        assertThat(ctx.get("x19")).hasValue(0x1919);
        // X29 and X30 are FP and LR; the later x(29)/x(30) calls overwrote fp() and lr().
        assertThat(ctx.get("fp")).hasValue(0x2929);
        assertThat(ctx.get("lr")).hasValue(0x3030);
        assertThat(ctx.get("x29")).isEmpty();
    }

    @Test
    void xstateExtendedContextsAreReadByTheirPrefix() {
        Amd64Context amd = Amd64Context.create().rip(0x7FF6_1234_5678L).rsp(0xE0_0000_1000L).r(15, 0xF15)
                .xstate(Synth.filled(175, 0xEE));
        X86Context x86 = X86Context.create().eip(0x7700_1000L).esp(0x0019_F000L).xstate(Synth.filled(0x240, 0xEE));
        Minidump a = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.amd64())
                .thread(ThreadSpec.of(7).context(amd)));
        assertThat(a.threadList().get(0).contextSize()).isEqualTo(1407);
        CpuContext ca = a.threads().get(0).context();
        assertThat(ca.flags()).isEqualTo(0x0010_005FL);
        assertThat(ca.instructionPointer()).isEqualTo(0x7FF6_1234_5678L);
        assertThat(ca.stackPointer()).isEqualTo(0xE0_0000_1000L);
        assertThat(ca.get("r15")).hasValue(0xF15);
        assertThat(a.diagnostics()).isEmpty();

        Minidump x = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.x86())
                .thread(ThreadSpec.of(8).context(x86)));
        assertThat(x.threadList().get(0).contextSize()).isEqualTo(716 + 0x240);
        CpuContext cx = x.threads().get(0).context();
        assertThat(cx.flags()).isEqualTo(0x0001_007FL);
        assertThat(cx.instructionPointer()).isEqualTo(0x7700_1000L);
        assertThat(cx.stackPointer()).isEqualTo(0x0019_F000L);
        assertThat(x.diagnostics()).isEmpty();
    }

    @Test
    void threadListPaddingQuirk() {
        WrittenDump w = SynthMinidump.create().systemInfo(SystemInfoSpec.amd64()).threadListPadding()
                .thread(ThreadSpec.of(0x10).teb(0x1000).context(Amd64Context.create().rip(0x1111)))
                .thread(ThreadSpec.of(0x20).teb(0x2000).context(Amd64Context.create().rip(0x2222)))
                .build();
        assertThat(w.layout().stream(StreamType.THREAD_LIST).dataSize()).isEqualTo(8 + 2 * 48);
        Minidump dump = Synth.read(w);
        assertThat(dump.threads()).extracting(ThreadInfo::id).containsExactly(0x10L, 0x20L);
        assertThat(dump.threads()).extracting(ThreadInfo::teb).containsExactly(0x1000L, 0x2000L);
        assertThat(dump.threads()).extracting(t -> t.context().instructionPointer()).containsExactly(0x1111L, 0x2222L);
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void emptyThreadListWithPadding() {
        Minidump dump = Synth.read(SynthMinidump.create().threadListPadding());
        assertThat(dump.threads()).isEmpty();
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void threadInfoList() {
        ThreadInfoSpec full = new ThreadInfoSpec(0x1A2B, 0x3, 0x8007_0005L, 0x103, 0x01DA_1234_5678_9ABCL,
                0x01DA_1234_5678_FFFFL, 1_000_000L, 2_500_000L, 0x7FF6_0000_1000L, 0xFFL);
        WrittenDump w = SynthMinidump.create().threadInfo(full).threadInfo(ThreadInfoSpec.of(0x2C, 0x7FFA_0000_2000L, 0x2))
                .build();
        Minidump dump = Synth.read(w);
        assertThat(dump.threadInfoList()).containsExactly(
                new MinidumpThreadInfo(0x1A2B, 0x3, 0x8007_0005L, 0x103, 0x01DA_1234_5678_9ABCL, 0x01DA_1234_5678_FFFFL,
                        1_000_000L, 2_500_000L, 0x7FF6_0000_1000L, 0xFFL),
                new MinidumpThreadInfo(0x2C, 0, 0, 0, 0, 0, 0, 0, 0x7FFA_0000_2000L, 0x2));
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void threadInfoEntriesLargerThanKnownAreReadByPrefix() {
        // A newer writer's 80-byte MINIDUMP_THREAD_INFO: the known 64 bytes, then 16 the reader must skip.
        LeWriter s = new LeWriter().u32(12).u32(80).u32(2);
        for (long id : new long[] {0x51, 0x52}) {
            s.u32(id).u32(1).u32(0).u32(0).u64(10 * id).u64(0).u64(0).u64(0).u64(0x4000_0000L + id).u64(1)
                    .bytes(Synth.filled(16, 0xEE));
        }
        Minidump dump = Synth.read(SynthMinidump.create().rawStream(StreamType.THREAD_INFO_LIST, s.toByteArray()));
        assertThat(dump.threadInfoList()).containsExactly(
                new MinidumpThreadInfo(0x51, 1, 0, 0, 0x32A, 0, 0, 0, 0x4000_0051L, 1),
                new MinidumpThreadInfo(0x52, 1, 0, 0, 0x334, 0, 0, 0, 0x4000_0052L, 1));
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void threadExListIsUsedWhenThereIsNoThreadList() {
        // MINIDUMP_THREAD_EX (64 bytes): the 48 of MINIDUMP_THREAD, then the backing-store descriptor.
        byte[] ex = new LeWriter().u32(2)
                .u32(0x71).u32(0).u32(0x20).u32(0).u64(0x7000_1000L).u64(0x8000_0000L).u32(0x400).u32(0x20)
                .u32(0).u32(0).u64(0x9000_0000L).u32(0x200).u32(0x24)
                .u32(0x72).u32(3).u32(0x40).u32(1).u64(0x7000_3000L).u64(0).u32(0).u32(0)
                .u32(0).u32(0).u64(0).u32(0).u32(0).toByteArray();
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.amd64())
                .rawStream(StreamType.THREAD_EX_LIST, ex));
        assertThat(dump.threadList()).containsExactly(
                new MinidumpThread(0x71, 0, 0x20, 0, 0x7000_1000L, 0x8000_0000L, 0x400, 0x20, 0, 0, 0x9000_0000L, 0x200,
                        0x24),
                new MinidumpThread(0x72, 3, 0x40, 1, 0x7000_3000L, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(dump.threads()).extracting(ThreadInfo::id).containsExactly(0x71L, 0x72L);
        assertThat(dump.threads()).extracting(ThreadInfo::context).containsOnlyNulls();
        // Thread 0x71's stack descriptor declares 0x400 bytes at RVA 0x20 of this small file: its memory is
        // clamped to what the file holds, with a warning.
        assertThat(dump.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TRUNCATED");
            assertThat(d.structure()).isEqualTo("stack of thread 0x71");
            assertThat(d.offset()).isEqualTo(0x20);
        });
    }
}
