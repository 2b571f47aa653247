package org.faultline.symbols.unwind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.faultline.dump.CpuContext;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.ThreadInfo;
import org.faultline.samples.Corpus;
import org.faultline.symbols.ModuleMap;
import org.junit.jupiter.api.Test;

/** Stack walks held against LLDB's and rizin's published walks, and against the July 19 sample's design. */
class StackWalkerTest {

    private static Path corpus(String relative) {
        Optional<Path> p = Corpus.file(relative);
        assumeTrue(p.isPresent(), Corpus.absent(relative));
        return p.get();
    }

    private static Path sample(String name) {
        return Path.of(System.getProperty("faultline.root", ".."), "sample-dumps", "dumps", name);
    }

    private static List<StackFrame> walk(CrashDump dump, CpuContext start) {
        ThreadInfo t = dump.threads().get(0);
        return new StackWalker(dump.memory(), ModuleMap.of(dump), dump.architecture())
                .walk(start, t.stackStart() + t.stackSize());
    }

    @Test
    void fizzbuzzFramePointerWalkMatchesLldb() throws Exception {
        // lldb TestMiniDump.py: six frames with these PCs.
        try (CrashDump dump = Dumps.open(corpus("lldb/fizzbuzz_no_heap.dmp"))) {
            List<StackFrame> frames = walk(dump, dump.exception().orElseThrow().context());
            assertThat(frames).extracting(StackFrame::pc)
                    .containsExactly(0x00164d14L, 0x00167c79L, 0x00167e6dL, 0x7510336aL, 0x77759882L, 0x77759855L);
            assertThat(frames.get(0).trust()).isEqualTo(FrameTrust.CONTEXT);
            assertThat(frames.subList(1, 6)).extracting(StackFrame::trust).containsOnly(FrameTrust.FRAME_POINTER);
        }
    }

    @Test
    void triageX64TrapFrameFromTheExceptionWalkReachesAmdppm() throws Exception {
        try (CrashDump dump = Dumps.open(corpus("rizin-testbins/triage_x64.dmp"))) {
            ModuleMap map = ModuleMap.of(dump);
            // From the bugcheck context, scanning finds the KTRAP_FRAME that KiSegmentNotPresentFault pushed:
            // rizin's frame 8, amdppm!WriteIoMemRawEx+112 at sp 0xffff850429892120.
            List<StackFrame> frames = walk(dump, dump.threads().get(0).context());
            StackFrame trap = frames.stream().filter(f -> f.trust() == FrameTrust.TRAP_FRAME).findFirst().orElseThrow();
            assertThat(trap.pc()).isEqualTo(0xfffff8048b58334cL);
            assertThat(trap.sp()).isEqualTo(0xffff850429892120L);
            assertThat(map.describe(trap.pc())).isEqualTo("amdppm+0x334c");
            // rizin's next frames are return addresses into amdppm; the scan finds them in order.
            assertThat(frames.subList(frames.indexOf(trap), frames.size())).extracting(StackFrame::pc)
                    .contains(0xfffff8048b58313fL, 0xfffff8048b583234L, 0xfffff8048b5a0e8fL, 0xfffff8048b5a83f6L,
                            0xfffff8048b59f852L);
        }
    }

    @Test
    void julyNineteenSampleWalksToTheTrapFrameAndCsagentFrames() throws Exception {
        try (CrashDump dump = Dumps.open(sample("crowdstrike-csagent-2024-07-19.dmp"))) {
            ModuleMap map = ModuleMap.of(dump);
            List<StackFrame> frames = walk(dump, dump.threads().get(0).context());
            assertThat(frames).extracting(f -> map.describe(f.pc())).containsExactly(
                    "ntoskrnl+0x3f7b30", "ntoskrnl+0x2d1f35", "ntoskrnl+0x2b6f2a", "ntoskrnl+0x40895e",
                    "csagent+0xe14ed", "csagent+0xe0c3a", "csagent+0x8d2f1", "csagent+0x8c4e8", "csagent+0x95a77",
                    "csagent+0x4a8c3", "ntoskrnl+0x34e8a5", "ntoskrnl+0x40d0d8");
            StackFrame fault = frames.get(4);
            assertThat(fault.trust()).isEqualTo(FrameTrust.TRAP_FRAME);
            assertThat(fault.slot()).isEqualTo(0xffff94058305ec20L);
            assertThat(fault.registers().get("r8")).hasValue(0xffff840500000074L);
            assertThat(fault.registers().get("r11")).hasValue(0x14);
            assertThat(fault.registers().get("rax")).hasValue(0xffff94058305f200L);
            assertThat(fault.sp()).isEqualTo(0xffff94058305edb0L);
            assertThat(frames.get(0).trust()).isEqualTo(FrameTrust.CONTEXT);
            assertThat(frames.get(1).trust()).isEqualTo(FrameTrust.SCAN);
        }
    }

    @Test
    void theSameCrashInAKernelBitmapDumpWalksTheSameWayThroughPageTables() throws Exception {
        try (CrashDump dump = Dumps.open(sample("crowdstrike-csagent-2024-07-19-kernel-bitmap.dmp"))) {
            ModuleMap map = ModuleMap.of(dump);
            List<StackFrame> frames = walk(dump, dump.threads().get(0).context());
            assertThat(frames).extracting(f -> map.describe(f.pc())).startsWith("ntoskrnl+0x3f7b30",
                    "ntoskrnl+0x2d1f35", "ntoskrnl+0x2b6f2a", "ntoskrnl+0x40895e", "csagent+0xe14ed");
        }
    }

    @Test
    void userModeSampleWalksByScanFromTheExceptionContext() throws Exception {
        try (CrashDump dump = Dumps.open(sample("contoso-usermode-read-av.dmp"))) {
            ModuleMap map = ModuleMap.of(dump);
            CpuContext start = dump.exception().orElseThrow().context();
            ThreadInfo crashing = dump.threads().stream().filter(t -> t.id() == 0x2a1c).findFirst().orElseThrow();
            List<StackFrame> frames = new StackWalker(dump.memory(), map, dump.architecture())
                    .walk(start, crashing.stackStart() + crashing.stackSize());
            assertThat(frames).extracting(f -> map.describe(f.pc())).containsExactly("contosoparse+0x1a2f4",
                    "contosoparse+0x1b87e", "contosoparse+0x1c210", "ContosoViewer+0x123c5", "KERNEL32+0x17344",
                    "ntdll+0x526b1");
        }
    }

    @Test
    void describeUsesWindbgStyleNames() throws Exception {
        try (CrashDump dump = Dumps.open(sample("crowdstrike-csagent-2024-07-19.dmp"))) {
            ModuleMap map = ModuleMap.of(dump);
            assertThat(map.describe(0xfffff806715114edL)).isEqualTo("csagent+0xe14ed");
            assertThat(map.describe(0x1234)).isEqualTo("0x1234");
            assertThat(map.moduleAt(0xfffff80671430000L + 0x3f8000L)).isEmpty();
        }
    }
}
