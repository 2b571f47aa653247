package org.faultline.symbols.disasm;

import java.util.List;
import java.util.Set;
import org.faultline.dump.Architecture;

/** Placeholder. */
public final class Arm64Decoder implements Decoder {
    public static final Arm64Decoder INSTANCE = new Arm64Decoder();

    @Override
    public Instruction decode(byte[] code, int offset, int length, long address) {
        return new Instruction(Architecture.ARM64, address, new byte[0], Status.INVALID, "", "(bad)", List.of(),
                List.of(), Set.of(), Set.of(), "");
    }

    @Override
    public Architecture architecture() {
        return Architecture.ARM64;
    }

    @Override
    public int maxLength() {
        return 4;
    }
}
