package org.faultline.dump.minidump;

import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.WrittenDump;

/** Reads {@link SynthMinidump} output with the reader under test. */
final class Synth {
    private Synth() {
    }

    /** Opens written bytes; a synthetic dump that does not open is a test failure. */
    static Minidump read(WrittenDump written) {
        return read(written.bytes());
    }

    static Minidump read(byte[] bytes) {
        try {
            return Minidump.read(new ArrayByteSource(bytes, "synth"));
        } catch (DumpFormatException e) {
            throw new AssertionError("synthetic dump did not open: " + e.getMessage(), e);
        }
    }

    static Minidump read(SynthMinidump builder) {
        return read(builder.build());
    }

    /** Bytes 0, 1, 2, … (mod 256) starting at {@code first}, so every offset is recognisable. */
    static byte[] pattern(int length, int first) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    /** Bytes all equal to {@code value}. */
    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
