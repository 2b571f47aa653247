package org.faultline.dump.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.faultline.samples.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every truncation point and many bit flips of small real dumps keep the hostile-input contract. */
class CorpusMutationTest {

    private static byte[] load(String relative) throws Exception {
        Optional<Path> p = Corpus.file(relative);
        assumeTrue(p.isPresent(), Corpus.absent(relative));
        return Files.readAllBytes(p.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"breakpad/minidump2.dmp", "lldb/fizzbuzz_no_heap.dmp",
        "rust-minidump/invalid-range.dmp", "rust-minidump/invalid-record-count.dmp", "symbolicator/windows.dmp"})
    void everyTruncationPoint(String file) throws Exception {
        byte[] full = load(file);
        Map<Robustness.Outcome, Integer> seen = new EnumMap<>(Robustness.Outcome.class);
        for (int cut = 0; cut <= full.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            seen.merge(Robustness.exercise(part), 1, Integer::sum);
        }
        System.out.println(file + " truncations: " + seen);
        assertThat(seen.get(Robustness.Outcome.REJECTED)).isPositive();
        assertThat(seen.get(Robustness.Outcome.PARSED)).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"breakpad/minidump2.dmp", "breakpad/tiny-exe-with-cet-xsave.dmp",
        "rust-minidump/simple-crashpad.dmp", "kdlibcpp/target_minidump.dmp", "rust-minidump/linux-mini.dmp"})
    void randomBitFlips(String file) throws Exception {
        byte[] full = load(file);
        SplittableRandom random = new SplittableRandom(file.hashCode());
        for (int round = 0; round < 1000; round++) {
            byte[] mutated = full.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                // Bias towards the header, directory and stream headers, where damage matters most.
                int at = random.nextInt(4) == 0 ? random.nextInt(Math.min(full.length, 512)) : random.nextInt(full.length);
                mutated[at] ^= (byte) (1 << random.nextInt(8));
            }
            Robustness.exercise(mutated);
        }
    }
}
