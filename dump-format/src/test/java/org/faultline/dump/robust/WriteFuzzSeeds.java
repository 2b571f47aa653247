package org.faultline.dump.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.faultline.samples.minidump.WrittenDump;
import org.junit.jupiter.api.Test;

/**
 * Writes {@link SyntheticDumps} as {@code synth-<name>.dmp} seed inputs for {@link MinidumpFuzzTest}. Not part of
 * the normal run (its name matches no surefire pattern); regenerate by hand and commit the files:
 * <pre>
 * mvn -B -o -pl dump-format test -Dtest=WriteFuzzSeeds -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * or run {@link #main(String[])} with the repository root as the working directory (or as the argument).
 */
class WriteFuzzSeeds {
    static final String SEED_DIR = "dump-format/src/test/resources/org/faultline/dump/robust/MinidumpFuzzTestInputs/dumps";

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        write(root.resolve(SEED_DIR));
    }

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, Supplier<WrittenDump>> e : SyntheticDumps.all().entrySet()) {
            Path file = e.getValue().get().writeTo(dir.resolve("synth-" + e.getKey() + ".dmp"));
            System.out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
        }
    }

    @Test
    void writeSeeds() throws IOException {
        String root = System.getProperty("faultline.root");
        Path dir = Path.of(root != null ? root : "..").resolve(SEED_DIR);
        write(dir);
        for (String name : SyntheticDumps.all().keySet()) {
            Path file = dir.resolve("synth-" + name + ".dmp");
            assertThat(Files.size(file)).as(name).isLessThan(64 * 1024);
            assertThat(Robustness.exercise(Files.readAllBytes(file))).isEqualTo(Robustness.Outcome.PARSED);
        }
    }
}
