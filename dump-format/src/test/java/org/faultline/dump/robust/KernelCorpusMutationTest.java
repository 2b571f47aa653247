package org.faultline.dump.robust;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.faultline.samples.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Truncations and bit flips of the real kernel triage dumps keep the hostile-input contract. The files are
 * 1–1.5 MB, so truncation is tried at every 7th byte of the header, every byte around the end of the header and the triage body, and every
 * 2039 bytes after.
 */
class KernelCorpusMutationTest {

    private static byte[] load(String relative) throws Exception {
        Optional<Path> p = Corpus.file(relative);
        assumeTrue(p.isPresent(), Corpus.absent(relative));
        return Files.readAllBytes(p.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rizin-testbins/triage_x64.dmp", "kdlibcpp/win10_arm64_mem.dmp",
        "ImHex-Patterns/dmp64.hexpat.bin"})
    void truncations(String file) throws Exception {
        byte[] full = load(file);
        Map<Robustness.Outcome, Integer> seen = new EnumMap<>(Robustness.Outcome.class);
        for (int cut = 0; cut <= full.length; cut += cut < 0x1F00 ? 7 : cut < 0x2100 ? 1 : 2039) {
            seen.merge(Robustness.exercise(Arrays.copyOf(full, cut)), 1, Integer::sum);
        }
        System.out.println(file + " truncations: " + seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rizin-testbins/triage_x64.dmp", "kdlibcpp/win10_arm64_mem.dmp"})
    void bitFlipsInHeaderAndTriageStructures(String file) throws Exception {
        byte[] full = load(file);
        SplittableRandom random = new SplittableRandom(file.hashCode());
        for (int round = 0; round < 300; round++) {
            byte[] mutated = full.clone();
            for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
                // Header (0..0x2000), triage header (0x2000..0x2080) and the lists right after.
                int at = random.nextInt(4) == 0 ? 0x2000 + random.nextInt(0x80) : random.nextInt(Math.min(full.length, 0x20000));
                mutated[at] ^= (byte) (1 << random.nextInt(8));
            }
            Robustness.exercise(mutated);
        }
    }
}
