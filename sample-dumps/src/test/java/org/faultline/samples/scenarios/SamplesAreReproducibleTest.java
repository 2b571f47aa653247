package org.faultline.samples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed samples are exactly what the scenarios write: a single differing byte fails. */
class SamplesAreReproducibleTest {

    static Iterable<Scenario> scenarios() {
        return Scenarios.all();
    }

    private static Path dumps() {
        Path here = Path.of("dumps");
        return Files.isDirectory(here) ? here : Path.of("sample-dumps", "dumps");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void committedDumpMatchesItsScenario(Scenario s) throws Exception {
        Path dump = dumps().resolve(s.name() + ".dmp");
        assertThat(dump).as("run RegenerateSamples (see sample-dumps/README.md)").exists();
        byte[] committed = Files.readAllBytes(dump);
        byte[] fresh = s.write();
        assertThat(fresh).as("a second write gives the same bytes").isEqualTo(s.write());
        assertThat(committed.length).isEqualTo(fresh.length);
        int first = java.util.Arrays.mismatch(committed, fresh);
        assertThat(first).as("first differing byte of " + dump).isEqualTo(-1);
        String truth = Files.readString(dumps().resolve(s.name() + ".truth.json"), StandardCharsets.UTF_8);
        assertThat(truth).isEqualTo(s.truth().toJson());
    }
}
