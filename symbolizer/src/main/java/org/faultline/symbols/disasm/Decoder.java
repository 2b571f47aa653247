package org.faultline.symbols.disasm;

import org.faultline.dump.Architecture;

/** Decodes one instruction of one architecture. Implementations are immutable and thread-safe. */
public interface Decoder {

    /**
     * Decodes the instruction at {@code code[offset]}, which lies at {@code address}; only
     * {@code code[offset .. offset+length)} is read. Never throws on any bytes: what cannot be decoded
     * comes back as {@link Status#INVALID} or {@link Status#UNSUPPORTED}, and an instruction cut short
     * by the end of the bytes as {@link Status#INVALID} with the note {@code truncated}.
     */
    Instruction decode(byte[] code, int offset, int length, long address);

    /** The architecture this decoder is for. */
    Architecture architecture();

    /** The longest instruction, in bytes (15 for x86, 4 for ARM64). */
    int maxLength();

    /** Whether instructions have one fixed length (so a backwards walk is exact). */
    default boolean fixedLength() {
        return false;
    }

    /** Decodes {@code code} from its start. */
    default Instruction decode(byte[] code, long address) {
        return decode(code, 0, code.length, address);
    }

    /** The decoder for {@code architecture}: AMD64, X86 or ARM64; empty for the others. */
    static java.util.Optional<Decoder> forArchitecture(Architecture architecture) {
        return switch (architecture) {
            case AMD64 -> java.util.Optional.of(X86Decoder.MODE_64);
            case X86 -> java.util.Optional.of(X86Decoder.MODE_32);
            case ARM64 -> java.util.Optional.of(Arm64Decoder.INSTANCE);
            default -> java.util.Optional.empty();
        };
    }
}
