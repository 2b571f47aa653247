package org.faultline.samples.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.faultline.samples.kernel.KernelLayout.Region;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;

class TriageDeterminismTest {
    private static final Set<String> TOP_LEVEL = Set.of("triage", "context", "exception", "mm", "unloaded", "prcb",
            "process", "thread", "callStack", "debuggerData", "drivers", "stringPool", "dataPage", "dataBlocks",
            "dataBlock[0]", "dataBlock[1]", "valid", "trailer");

    @Test
    void sameCallsGiveSameBytes() {
        for (SynthKernelDump s : List.of(KernelSamples.x64(), KernelSamples.arm64(), KernelSamples.x86())) {
            WrittenKernelDump first = s.build();
            assertThat(s.toBytes()).isEqualTo(first.bytes());
            assertThat(s.layout()).isEqualTo(first.layout());
        }
        assertThat(KernelSamples.x64().toBytes()).isEqualTo(KernelSamples.x64().toBytes());
    }

    @Test
    void contextsAreReadAtBuildTime() {
        var ctx = KernelSamples.bugcheckContext();
        SynthKernelDump s = SynthKernelDump.triage(Arch.AMD64).headerContext(ctx);
        byte[] before = s.toBytes();
        ctx.rip(0x42);
        assertThat(new Le(s.toBytes()).u64(0x348 + 0xF8)).isEqualTo(0x42);
        assertThat(new Le(before).u64(0x348 + 0xF8)).isEqualTo(KernelSamples.BUGCHECK_PC);
    }

    @Test
    void partsLieInsideTheFileWithoutOverlap() {
        WrittenKernelDump dump = KernelSamples.x64().build();
        assertThat(dump.layout().fileSize()).isEqualTo(dump.bytes().length);
        List<Map.Entry<String, Region>> parts = dump.layout().regions().entrySet().stream()
                .filter(e -> TOP_LEVEL.contains(e.getKey()))
                .sorted(Comparator.comparingLong(e -> e.getValue().offset())).toList();
        assertThat(parts).hasSize(TOP_LEVEL.size());
        assertThat(parts.get(0).getValue().offset()).isEqualTo(0x2000);
        for (int i = 1; i < parts.size(); i++) {
            Region r = parts.get(i).getValue();
            assertThat(r.offset()).isGreaterThanOrEqualTo(parts.get(i - 1).getValue().end());
            if (!parts.get(i).getKey().startsWith("dataBlock[") && !parts.get(i).getKey().equals("trailer")) {
                assertThat(r.offset() % 8).as(parts.get(i).getKey()).isZero();
            }
        }
        assertThat(parts.get(parts.size() - 1).getValue().end()).isEqualTo(dump.bytes().length);
        assertThat(dump.layout().triage(TriageField.DRIVER_COUNT)).isEqualTo(new Region(0x2034, 4));
        assertThat(dump.layout().header(HeaderField.SYSTEM_TIME)).isEqualTo(new Region(0xFA8, 8));
    }
}
