package org.faultline.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.symbols.Symbolizer;
import org.faultline.symbols.store.StoreOptions;
import org.faultline.symbols.store.SymbolPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample gets the verdict its truth file (written by the scenario, not by an analyzer) states. */
class SampleVerdictTest {

    static Path root() {
        return Path.of(System.getProperty("faultline.root", ".."));
    }

    static Stream<Path> samples() throws Exception {
        try (Stream<Path> files = Files.list(root().resolve("sample-dumps/dumps"))) {
            List<Path> dumps = files.filter(p -> p.toString().endsWith(".dmp")).sorted().toList();
            assertThat(dumps).hasSizeGreaterThanOrEqualTo(11);
            return dumps.stream();
        }
    }

    private static long hex(JsonNode n) {
        return Long.parseUnsignedLong(n.asText().substring(2), 16);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void verdictMatchesTruth(Path file) throws Exception {
        String name = file.getFileName().toString().replaceFirst("\\.dmp$", "");
        JsonNode truth = new ObjectMapper().readTree(file.resolveSibling(name + ".truth.json").toFile());
        SymbolPath symbols = SymbolPath.parse(root().resolve("sample-dumps/symbols").toString());
        Report r;
        try (CrashDump dump = Dumps.open(file);
             Symbolizer s = Symbolizer.of(dump, symbols, StoreOptions.defaults().withDefaultCache(
                     Files.createTempDirectory("faultline-cache")))) {
            r = Analyzer.standard().analyze(dump, s, file.toString(), null, 0);
        }
        assertThat(r.verdict().category().name()).as(name + ": " + r.verdict().summary())
                .isEqualTo(truth.get("verdict").asText());
        assertThat(r.thirdPartyFilterDriverReadOutOfBounds()).as(name)
                .isEqualTo(truth.get("thirdPartyFilterDriverReadOutOfBounds").asBoolean());
        if (!truth.get("accessKind").isNull()) {
            assertThat(r.access().kind().name().toLowerCase(Locale.ROOT)).as(name).isEqualTo(truth.get("accessKind").asText());
        }
        if (!truth.get("referencedAddress").isNull()) {
            assertThat(r.access().address()).as(name).isEqualTo(hex(truth.get("referencedAddress")));
        }
        JsonNode frame = truth.get("faultingFrame");
        if (!frame.get("address").isNull()) {
            assertThat(r.faultingFrame().address()).as(name).isEqualTo(hex(frame.get("address")));
        }
        if (!frame.get("module").isNull()) {
            assertThat(r.faultingFrame().module()).as(name).isEqualTo(frame.get("module").asText());
            assertThat(r.faultingFrame().offset()).as(name).isEqualTo(hex(frame.get("offset")));
        }
        if (!frame.get("instruction").isNull()) {
            assertThat(r.faultingFrame().instruction()).as(name).isEqualTo(frame.get("instruction").asText());
        }
        JsonNode culprit = truth.get("culprit");
        if (culprit.isNull()) {
            assertThat(r.culprit()).as(name).isNull();
        } else {
            assertThat(r.culprit().module()).as(name).isEqualTo(culprit.get("module").asText());
            assertThat(r.culprit().microsoft()).as(name).isEqualTo(culprit.get("microsoft").asBoolean());
            assertThat(r.culprit().filter() != null).as(name + " file-system filter")
                    .isEqualTo(culprit.get("fileSystemFilter").asBoolean());
            if (!culprit.get("altitude").isNull()) {
                assertThat(r.culprit().filter().altitude()).isEqualTo(culprit.get("altitude").asText());
                assertThat(r.culprit().filter().group()).isEqualTo(culprit.get("group").asText());
            }
        }
    }
}
