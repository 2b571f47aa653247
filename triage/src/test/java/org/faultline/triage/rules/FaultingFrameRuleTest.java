package org.faultline.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.junit.jupiter.api.Test;

/** The register filter behind the faulting frame's {@code registers}. */
class FaultingFrameRuleTest {

    /** A context whose registers come in exactly the order given, as name, value pairs. */
    static CpuContext context(Architecture arch, Object... nameValue) {
        Map<String, Long> r = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            r.put((String) nameValue[i], ((Number) nameValue[i + 1]).longValue());
        }
        return new CpuContext(arch, 0, r);
    }

    @Test
    void amd64DropsSegmentDebugControlAndVectorRegistersAndKeepsTheOrder() {
        CpuContext c = context(Architecture.AMD64, "mxcsr", 0x1f80, "cs", 0x10, "ds", 0x2b, "rip", 0x1000,
                "dr0", 5, "r15", 15, "rax", 1, "xmm0", 7, "ymm0h", 8, "eflags", 0x246, "dr7", 0x400, "gs", 0x2b,
                "r8", 8, "ss", 0x18, "p1home", 9, "vectorcontrol", 10, "lastbranchtorip", 11, "rsp", 0x2000);
        assertThat(FaultingFrameRule.generalPurposeRegisters(c))
                .containsExactlyEntriesOf(ordered("rip", 0x1000, "r15", 15, "rax", 1, "eflags", 0x246, "r8", 8,
                        "rsp", 0x2000));
    }

    @Test
    void onlyTheRegistersTheSourceHolds() {
        // A trap frame's registers: no r12–r15, so none appear.
        CpuContext c = context(Architecture.AMD64, "rax", 1, "rbx", 0, "r11", 0x14, "rip", 2, "eflags", 3, "cs", 0x10);
        assertThat(FaultingFrameRule.generalPurposeRegisters(c))
                .containsExactlyEntriesOf(ordered("rax", 1, "rbx", 0, "r11", 0x14, "rip", 2, "eflags", 3))
                .doesNotContainKeys("r12", "r13", "r14", "r15");
    }

    @Test
    void x86() {
        CpuContext c = context(Architecture.X86, "eax", 1, "ebx", 2, "ecx", 3, "edx", 4, "esi", 5, "edi", 6,
                "ebp", 7, "esp", 8, "eip", 9, "eflags", 10, "cs", 0x23, "ds", 0x2b, "es", 0x2b, "fs", 0x53,
                "gs", 0x2b, "ss", 0x2b, "dr0", 0, "dr6", 0, "dr7", 0, "rax", 99);
        assertThat(FaultingFrameRule.generalPurposeRegisters(c)).containsExactlyEntriesOf(ordered("eax", 1, "ebx", 2,
                "ecx", 3, "edx", 4, "esi", 5, "edi", 6, "ebp", 7, "esp", 8, "eip", 9, "eflags", 10));
    }

    @Test
    void arm64() {
        Map<String, Long> r = new LinkedHashMap<>();
        for (int i = 0; i <= 28; i++) {
            r.put("x" + i, (long) i);
        }
        r.put("fp", 29L);
        r.put("lr", 30L);
        r.put("sp", 31L);
        r.put("pc", 32L);
        r.put("cpsr", 33L);
        Map<String, Long> expected = new LinkedHashMap<>(r);
        r.put("fpcr", 34L);
        r.put("fpsr", 35L);
        r.put("v0", 36L);
        r.put("bcr0", 37L);
        assertThat(FaultingFrameRule.generalPurposeRegisters(new CpuContext(Architecture.ARM64, 0, r)))
                .containsExactlyEntriesOf(expected);
    }

    @Test
    void arm() {
        Map<String, Long> r = new LinkedHashMap<>();
        for (int i = 0; i <= 12; i++) {
            r.put("r" + i, (long) i);
        }
        r.put("sp", 13L);
        r.put("lr", 14L);
        r.put("pc", 15L);
        r.put("cpsr", 16L);
        Map<String, Long> expected = new LinkedHashMap<>(r);
        r.put("fpscr", 17L);
        r.put("d0", 18L);
        r.put("q0", 19L);
        assertThat(FaultingFrameRule.generalPurposeRegisters(new CpuContext(Architecture.ARM, 0, r)))
                .containsExactlyEntriesOf(expected);
    }

    @Test
    void noContextOrUnknownArchitectureGivesNothing() {
        assertThat(FaultingFrameRule.generalPurposeRegisters(null)).isEmpty();
        assertThat(FaultingFrameRule.generalPurposeRegisters(context(Architecture.UNKNOWN, "rax", 1, "pc", 2)))
                .isEmpty();
    }

    @Test
    void theResultIsUnmodifiable() {
        Map<String, Long> m = FaultingFrameRule.generalPurposeRegisters(context(Architecture.AMD64, "rax", 1));
        assertThatThrownBy(() -> m.put("rbx", 2L)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Map<String, Long> ordered(Object... nameValue) {
        return context(Architecture.UNKNOWN, nameValue).registers();
    }
}
