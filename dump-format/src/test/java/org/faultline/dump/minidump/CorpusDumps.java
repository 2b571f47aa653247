package org.faultline.dump.minidump;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.faultline.samples.Corpus;

/** Opens corpus files for tests, skipping with a visible message when the corpus is absent. */
final class CorpusDumps {
    private CorpusDumps() {
    }

    static Path path(String relative) {
        Optional<Path> p = Corpus.file(relative);
        if (p.isEmpty()) {
            System.err.println(Corpus.absent(relative));
        }
        assumeTrue(p.isPresent(), Corpus.absent(relative));
        return p.get();
    }

    static Minidump open(String relative) throws Exception {
        return Minidump.open(path(relative));
    }
}
