package org.faultline.dump;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The registers of one thread at one moment (a CONTEXT record), by lowercase register name in the order
 * the architecture's CONTEXT lays them out.
 *
 * @param architecture which CONTEXT layout this came from
 * @param flags        the raw ContextFlags
 * @param registers    register name → value
 */
public record CpuContext(Architecture architecture, long flags, Map<String, Long> registers) {

    public CpuContext {
        registers = Collections.unmodifiableMap(new LinkedHashMap<>(registers));
    }

    /** A register's value, if the context has it. */
    public OptionalLong get(String name) {
        Long v = registers.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** The instruction pointer (rip, eip, pc). */
    public long instructionPointer() {
        return registers.getOrDefault(switch (architecture) {
            case AMD64 -> "rip";
            case X86 -> "eip";
            default -> "pc";
        }, 0L);
    }

    /** The stack pointer (rsp, esp, sp). */
    public long stackPointer() {
        return registers.getOrDefault(switch (architecture) {
            case AMD64 -> "rsp";
            case X86 -> "esp";
            default -> "sp";
        }, 0L);
    }

    /** The frame pointer (rbp, ebp, fp/x29, r11 on ARM). */
    public long framePointer() {
        return registers.getOrDefault(switch (architecture) {
            case AMD64 -> "rbp";
            case X86 -> "ebp";
            case ARM -> "r11";
            default -> "fp";
        }, 0L);
    }
}
