package org.faultline.symbols.disasm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Reproducible random byte strings for the differential tests. */
final class RandomBytes {
    private RandomBytes() {
    }

    static List<byte[]> random(long seed, int count, int length) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[length];
            rnd.nextBytes(b);
            out.add(b);
        }
        return out;
    }
}
