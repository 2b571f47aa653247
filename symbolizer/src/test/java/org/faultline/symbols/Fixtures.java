package org.faultline.symbols;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.faultline.samples.Corpus;

/**
 * Access to {@code ../shared/symbol-fixtures} and its independent oracle files (llvm-readobj / llvm-pdbutil
 * outputs, {@code *.publics-by-rva.tsv}, {@code *.procs-by-rva.tsv}, {@code _tools/oracle-summary.json}) and to
 * the llvm-readobj {@code --unwind} outputs committed under {@code src/test/resources/oracles}.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** A fixture file; the calling test is skipped, saying so, when the fixtures are absent. */
    public static Path require(String relative) {
        Optional<Path> p = Corpus.symbolFixture(relative);
        assumeTrue(p.isPresent(), "SKIPPED: symbol fixture not found (" + relative
                + " under ../shared/symbol-fixtures; set -Dfaultline.shared)");
        return p.get();
    }

    public static Optional<Path> find(String relative) {
        return Corpus.symbolFixture(relative);
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(require(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code _tools/oracle-summary.json}: per fixture path, magic, ids, ages, counts. */
    public static JsonNode summary() {
        try {
            return new ObjectMapper().readTree(require("_tools/oracle-summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary entries whose magic is {@code magic}, as (path, node). */
    public static Stream<Map.Entry<String, JsonNode>> summaryEntries(String magic) {
        Optional<Path> p = Corpus.symbolFixture("_tools/oracle-summary.json");
        if (p.isEmpty()) {
            return Stream.of(Map.entry("(fixtures absent)", new ObjectMapper().createObjectNode()));
        }
        JsonNode root = summary();
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode node = root.get(name);
            if (magic.equals(node.path("magic").asText())) {
                out.add(Map.entry(name, node));
            }
        }
        return out.stream();
    }

    /** Data rows of a TSV oracle (comment lines dropped), split on tabs. */
    public static List<String[]> tsv(Path p) {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines(p)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    /** A committed oracle under {@code src/test/resources/oracles} (gunzipped when it ends in .gz). */
    public static List<String> oracle(String name) {
        String path = "/oracles/" + name;
        try (InputStream raw = Fixtures.class.getResourceAsStream(path)) {
            if (raw == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
