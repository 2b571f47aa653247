package org.faultline.app.gui.teach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.faultline.app.cli.Cli;

/**
 * The oracle of the teaching tests: {@code faultline analyze --format json FILE}, run through the command line,
 * and how a value the lesson quotes is found in it.
 */
final class AnalyzeJson {
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private AnalyzeJson() {
    }

    static JsonNode of(Path dump) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(new PrintWriter(out), new PrintWriter(err)).run("analyze", "--format", "json", dump.toString());
        assertThat(code).as("analyze %s: %s", dump, err).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    /**
     * The JSON's text at {@code pointer}; a pointer ending in {@code #count} gives the length of the array there.
     * Fails when nothing is there.
     */
    static String at(JsonNode json, String pointer) {
        boolean count = pointer.endsWith("#count");
        JsonNode n = json.at(count ? pointer.substring(0, pointer.length() - "#count".length()) : pointer);
        assertThat(n.isMissingNode()).as("analyze --format json has %s", pointer).isFalse();
        if (count) {
            assertThat(n.isArray()).as("%s is an array", pointer).isTrue();
            return Integer.toString(n.size());
        }
        return n.isTextual() ? n.asText() : n.toString();
    }

    /**
     * Whether {@code shown}, as a step writes it, is the JSON's {@code value}: the same text; an ISO time written as
     * {@code 2024-07-19 04:41:17 UTC}; a byte count written with separators and "bytes"; or the instruction of an
     * objdump-style disassembly line.
     */
    static boolean shows(String value, String shown) {
        if (value.equals(shown)) {
            return true;
        }
        if (value.matches("\\d{4}-\\d\\d-\\d\\dT.*Z")) {
            return SHOWN_TIME.format(Instant.parse(value)).equals(shown);
        }
        if (value.matches("\\d+")) {
            return String.format(Locale.ROOT, "%,d bytes", Long.parseLong(value)).equals(shown);
        }
        return value.matches("[ >] [0-9a-f]+: .*") && value.endsWith("  " + shown);
    }
}
