package org.faultline.dump.robust;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.faultline.samples.minidump.Damage;
import org.faultline.samples.minidump.SynthMinidump;
import org.junit.jupiter.api.Test;

/**
 * Inputs the Jazzer fuzzer found that break the hostile-input contract. They live under {@code reproducers/},
 * not in the seed directory, because Jazzer replays every seed in the normal run; once the reader is fixed,
 * enable the test and move the file into {@code MinidumpFuzzTestInputs/dumps/}.
 */
class FuzzReproducersTest {

    private static byte[] resource(String name) {
        try (InputStream in = FuzzReproducersTest.class.getResourceAsStream("MinidumpFuzzTestInputs/dumps/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing reproducer " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Found by MinidumpFuzzTest (JAZZER_FUZZ=1) within seconds: a 68-byte file, NumberOfStreams 0. */
    @Test
    void emptyDirectoryWithDanglingRva() {
        Robustness.exercise(resource("empty-directory-dangling-rva.dmp"));
    }

    /** The same bug, written on purpose. */
    @Test
    void emptyDirectoryWithDanglingRvaSynthetic() {
        Robustness.exercise(SynthMinidump.create().damage(Damage.directoryRva(0x7000_0000L)).toBytes());
        Robustness.exercise(SynthMinidump.create().damage(Damage.directoryRva(0xFFFF_FFFFL)).toBytes());
    }
}
