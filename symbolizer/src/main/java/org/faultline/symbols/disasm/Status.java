package org.faultline.symbols.disasm;

/** How far a decoder understood the bytes at one address. */
public enum Status {
    /** Fully decoded: length, text, operands and memory accesses are known. */
    DECODED,
    /**
     * The bytes form an instruction this decoder does not describe (an x87, EVEX or rarer system
     * instruction, say). The length is given when it is known, otherwise it is 1; text is
     * {@code (unsupported)} and nothing else is claimed.
     */
    UNSUPPORTED,
    /** The bytes do not form a valid instruction (objdump prints {@code (bad)}); length is 1. */
    INVALID
}
