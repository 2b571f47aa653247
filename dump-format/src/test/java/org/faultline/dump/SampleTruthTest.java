package org.faultline.dump;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed sample dump, read by the real reader, agrees with its truth file (written by the scenario
 * from its own facts) on everything that can be read without analysis: format, architecture, build,
 * bug check, exception, and the module holding the faulting instruction.
 */
class SampleTruthTest {

    static Stream<Path> samples() throws Exception {
        Path dir = Path.of(System.getProperty("faultline.root", ".."), "sample-dumps", "dumps");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> dumps = files.filter(p -> p.toString().endsWith(".dmp")).sorted().toList();
            assertThat(dumps).isNotEmpty();
            return dumps.stream();
        }
    }

    private static long hex(JsonNode n) {
        return Long.parseUnsignedLong(n.asText().substring(2), 16);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void readerAgreesWithTruth(Path dumpFile) throws Exception {
        String name = dumpFile.getFileName().toString().replaceFirst("\\.dmp$", "");
        JsonNode truth = new ObjectMapper().readTree(dumpFile.resolveSibling(name + ".truth.json").toFile());
        try (CrashDump dump = Dumps.open(dumpFile)) {
            assertThat(dump.format()).isEqualTo(truth.get("format").asText());
            assertThat(dump.architecture().id()).isEqualTo(truth.get("architecture").asText());
            assertThat(dump.os().build()).isEqualTo(truth.get("osBuild").asLong());
            if (!truth.get("partial").asBoolean()) {
                assertThat(dump.diagnostics()).isEmpty();
            }
            JsonNode bugcheck = truth.get("bugcheck");
            if (bugcheck.isNull()) {
                assertThat(dump.bugcheck()).isEmpty();
            } else {
                Bugcheck b = dump.bugcheck().orElseThrow();
                assertThat(b.code()).isEqualTo(hex(bugcheck.get("code")));
                for (int i = 0; i < 4; i++) {
                    assertThat(b.parameters().get(i)).isEqualTo(hex(bugcheck.get("parameters").get(i)));
                }
            }
            JsonNode exception = truth.get("exception");
            if (!exception.isNull()) {
                ExceptionInfo e = dump.exception().orElseThrow();
                assertThat(e.code()).isEqualTo(hex(exception.get("code")));
                assertThat(e.address()).isEqualTo(hex(exception.get("address")));
                assertThat(e.parameters()).hasSize(exception.get("parameters").size());
                for (int i = 0; i < e.parameters().size(); i++) {
                    assertThat(e.parameters().get(i)).isEqualTo(hex(exception.get("parameters").get(i)));
                }
            }
            JsonNode frame = truth.get("faultingFrame");
            if (!frame.get("address").isNull()) {
                long address = hex(frame.get("address"));
                if (frame.get("module").isNull()) {
                    assertThat(dump.moduleAt(address)).as("the dump does not say which module holds it").isEmpty();
                } else {
                    ModuleInfo m = dump.moduleAt(address).orElseThrow();
                    assertThat(m.name()).isEqualTo(frame.get("module").asText());
                    assertThat(address - m.base()).isEqualTo(hex(frame.get("offset")));
                }
            }
        }
    }
}
