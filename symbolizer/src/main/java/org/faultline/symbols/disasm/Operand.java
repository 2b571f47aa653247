package org.faultline.symbols.disasm;

/** One operand of a decoded instruction, for programs; {@link Instruction#text()} is for people. */
public sealed interface Operand {

    /** A register, by its lowercase name. */
    record Register(String name) implements Operand {
    }

    /** An immediate value as the instruction uses it (already sign-extended where it is). */
    record Immediate(long value) implements Operand {
    }

    /** A memory operand. */
    record Memory(MemoryOperand memory) implements Operand {
    }

    /** A branch or call target, or a PC-relative address. */
    record Target(long address) implements Operand {
    }

    /** Anything else (an ARM64 shift or extend, a condition, a far pointer), as text. */
    record Text(String text) implements Operand {
    }
}
