package org.faultline.symbols.pe;

/**
 * ARM64 packed unwind data, decoded from the second {@code .pdata} word.
 *
 * @param flag            1 (single prolog and epilog) or 2 (fragment without prolog or epilog)
 * @param functionLength  function length in bytes (the 11-bit field × 4)
 * @param regF            RegF: number of saved non-volatile FP registers d8–d15, minus one, 0 meaning none
 *                        is encoded with CR/frame rules (raw 3-bit field)
 * @param regI            RegI: number of saved non-volatile integer registers x19–x28 (raw 4-bit field)
 * @param homedParameters H: x0–x7 are homed in the prolog
 * @param cr              CR: 0 no LR saved, 1 LR saved with the integer registers, 2 PAC-signed LR, 3 chained
 *                        frame (fp, lr pair and {@code mov x29, sp})
 * @param frameSize       allocated frame size in bytes (the 9-bit field × 16)
 */
public record Arm64PackedUnwind(int flag, long functionLength, int regF, int regI, boolean homedParameters, int cr,
                                long frameSize) {

    /** Decodes bits 0–1 Flag, 2–12 FunctionLength, 13–15 RegF, 16–19 RegI, 20 H, 21–22 CR, 23–31 FrameSize. */
    public static Arm64PackedUnwind decode(long word) {
        return new Arm64PackedUnwind((int) (word & 3), ((word >>> 2) & 0x7FF) * 4, (int) ((word >>> 13) & 7),
                (int) ((word >>> 16) & 0xF), ((word >>> 20) & 1) != 0, (int) ((word >>> 21) & 3),
                ((word >>> 23) & 0x1FF) * 16);
    }
}
