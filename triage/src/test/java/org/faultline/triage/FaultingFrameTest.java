package org.faultline.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record's copies: registers in insertion order, unmodifiable, never null. */
class FaultingFrameTest {

    static FaultingFrame withRegisters(Map<String, Long> registers) {
        return new FaultingFrame(0x1000, null, null, null, "0x1000", null, null, null, null, registers, List.of(),
                List.of());
    }

    @Test
    void registersAreCopiedInOrderAndUnmodifiable() {
        Map<String, Long> source = new LinkedHashMap<>();
        source.put("rip", 0x1000L);
        source.put("rax", 1L);
        source.put("r8", 8L);
        FaultingFrame f = withRegisters(source);
        source.put("r9", 9L);
        source.put("rax", 2L);
        assertThat(f.registers()).containsExactly(Map.entry("rip", 0x1000L), Map.entry("rax", 1L), Map.entry("r8", 8L));
        assertThatThrownBy(() -> f.registers().put("rbx", 0L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noRegistersIsAnEmptyMap() {
        assertThat(withRegisters(null).registers()).isNotNull().isEmpty();
        assertThat(withRegisters(Map.of()).registers()).isEmpty();
    }

    @Test
    void aNullValueIsRefused() {
        Map<String, Long> source = new LinkedHashMap<>();
        source.put("rax", null);
        assertThatThrownBy(() -> withRegisters(source)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("rax");
    }
}
