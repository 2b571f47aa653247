package org.faultline.symbols.disasm;

/** What an instruction does to a memory operand. */
public enum Access {
    READ,
    WRITE,
    READ_WRITE,
    /** The operand names an address without touching it: {@code lea}, hint {@code nop}, prefetches. */
    NONE;

    public boolean reads() {
        return this == READ || this == READ_WRITE;
    }

    public boolean writes() {
        return this == WRITE || this == READ_WRITE;
    }
}
