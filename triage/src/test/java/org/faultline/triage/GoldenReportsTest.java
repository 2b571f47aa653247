package org.faultline.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.samples.Corpus;
import org.faultline.symbols.Symbolizer;
import org.faultline.symbols.store.StoreOptions;
import org.faultline.symbols.store.SymbolPath;
import org.faultline.triage.report.JsonReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON report of every sample and corpus dump, compared with a committed golden file, so every change of
 * output shows in the diff. Regenerate only on purpose: {@code ./mvnw -B -pl triage -am test
 * -Dtest=GoldenReportsTest -Dsurefire.failIfNoSpecifiedTests=false -Dfaultline.golden.update=true}.
 */
class GoldenReportsTest {
    static final boolean UPDATE = Boolean.getBoolean("faultline.golden.update");

    static Path root() {
        return Path.of(System.getProperty("faultline.root", ".."));
    }

    static Path golden() {
        return root().resolve("triage/src/test/resources/golden");
    }

    static Stream<Arguments> dumps() throws Exception {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root().resolve("sample-dumps/dumps"))) {
            s.filter(p -> p.toString().endsWith(".dmp")).sorted()
                    .forEach(p -> out.add(Arguments.of("samples/" + p.getFileName(), p, true)));
        }
        Optional<Path> corpus = Corpus.shared().map(p -> p.resolve("corpus"));
        if (corpus.isPresent() && Files.isDirectory(corpus.get())) {
            try (Stream<Path> s = Files.walk(corpus.get(), 2)) {
                s.filter(p -> p.toString().endsWith(".dmp") || p.toString().endsWith(".bin")).sorted()
                        .forEach(p -> out.add(Arguments.of("corpus/" + corpus.get().relativize(p).toString()
                                .replace('/', '_'), p, false)));
            }
        } else {
            System.err.println(Corpus.absent("*") + " — golden reports of the corpus skipped");
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dumps")
    void reportEqualsGolden(String name, Path file, boolean withSampleSymbols) throws Exception {
        Path goldenFile = golden().resolve(name.replaceAll("\\.(dmp|bin)$", "") + ".json");
        String actual;
        try (CrashDump dump = Dumps.open(file);
             Symbolizer s = withSampleSymbols
                     ? Symbolizer.of(dump, SymbolPath.parse(root().resolve("sample-dumps/symbols").toString()),
                             StoreOptions.defaults().withDefaultCache(Files.createTempDirectory("faultline-cache")))
                     : Symbolizer.moduleOffsetOnly(dump)) {
            Report r = Analyzer.standard().analyze(dump, s, name, null, Files.size(file));
            ObjectNode json = JsonReport.of(r);
            actual = JsonReport.mapper().writeValueAsString(json) + "\n";
        } catch (DumpFormatException e) {
            actual = "{\n  \"error\" : \"" + e.getMessage().replace("\"", "'") + "\"\n}\n";
        }
        if (UPDATE || !Files.exists(goldenFile)) {
            Files.createDirectories(goldenFile.getParent());
            Files.writeString(goldenFile, actual, StandardCharsets.UTF_8);
            assertThat(UPDATE).as("golden file " + goldenFile + " was missing and has been written; commit it")
                    .isTrue();
        }
        JsonNode expected = JsonReport.mapper().readTree(Files.readString(goldenFile, StandardCharsets.UTF_8));
        assertThat(JsonReport.mapper().readTree(actual)).as(goldenFile + " (regenerate with -Dfaultline.golden.update=true)")
                .isEqualTo(expected);
    }
}
