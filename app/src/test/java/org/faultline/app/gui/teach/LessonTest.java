package org.faultline.app.gui.teach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.faultline.app.gui.common.Highlight.Place;
import org.faultline.app.gui.testing.TestFiles;
import org.faultline.triage.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The July 19 walkthrough over the analysis of the sample: every quoted value is the one {@code analyze --format
 * json} gives, the facts it teaches are the published ones (the sample's truth file and the July 19 facts), and
 * over any other dump it says what is missing instead of failing.
 */
class LessonTest {
    private static final Path SAMPLE = TestFiles.sample(TestFiles.CSAGENT);

    private static List<Step> steps() {
        Report r = TestFiles.load(TestFiles.CSAGENT).report();
        return Lesson.july19(r, TestFiles.CSAGENT);
    }

    /** Every quote is at its pointer in the JSON, and the text writes it as quoted. */
    static void quotesMatch(List<Quote> quotes, String text, JsonNode json) {
        for (Quote q : quotes) {
            String value = AnalyzeJson.at(json, q.pointer());
            assertThat(value).as("%s at %s", q.name(), q.pointer()).isEqualTo(q.value());
            assertThat(AnalyzeJson.shows(value, q.shown())).as("%s shown as %s", value, q.shown()).isTrue();
            assertThat(text).as("the text quotes %s", q.name()).contains(q.shown());
        }
    }

    @Test
    void everyQuotedValueIsTheAnalysisOfTheSample() throws Exception {
        JsonNode json = AnalyzeJson.of(SAMPLE);
        List<Step> steps = steps();
        assertThat(steps).hasSize(10);
        for (Step s : steps) {
            quotesMatch(s.quotes(), s.text(), json);
            assertThat(s.sentences()).as(s.title()).hasSizeBetween(2, 4);
            assertThat(s.sources()).as(s.title()).isNotEmpty();
            assertThat(s.highlight()).as(s.title()).isNotNull();
            assertThat(s.quotes()).as(s.title()).isNotEmpty();
            // The element a step points at shows a value its text quotes.
            assertThat(s.quotes().stream().map(Quote::shown)).as(s.title()).contains(s.highlight().shows());
            assertThat(s.exercise()).isFalse();
        }
    }

    /** The steps the issue asks for, in order, pointing where a trainer would. */
    @Test
    void theStepsInOrderAndWhereTheyPoint() {
        List<Step> steps = steps();
        assertThat(steps).extracting(s -> s.highlight().place()).containsExactly(Place.DUMP_FACTS, Place.PARAMETER,
                Place.FAULT_LOCATION, Place.REGISTER, Place.INSTRUCTION, Place.MODULE, Place.STACK_FRAME, Place.ACCESS,
                Place.KNOWN_ISSUE, Place.VERDICT);
        assertThat(steps.get(0).title()).contains("blue screen").contains("crash dump");
        assertThat(steps.get(1).title()).contains("0x50").contains("four parameters");
        assertThat(steps.get(2).text()).contains("no function names");
        assertThat(steps.get(7).text()).contains("0x9c").contains("0x10000");
        assertThat(steps.get(8).title()).isEqualTo("The remediation");
        assertThat(steps.get(9).title()).isEqualTo("What changed after");
        assertThat(steps).extracting(Step::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    /**
     * The facts the walkthrough teaches, against the sample's truth file (written by the scenario, not by the
     * analyzer) and the published registers (../shared/docs/july-19-facts.md, as the sample writes them).
     */
    @Test
    void theFactsAreThePublishedOnes() throws Exception {
        JsonNode truth = new ObjectMapper().readTree(Files.readString(TestFiles.sample(
                "crowdstrike-csagent-2024-07-19.truth.json")));
        Map<String, String> q = steps().stream().flatMap(s -> s.quotes().stream())
                .collect(Collectors.toMap(Quote::pointer, Quote::value, (a, b) -> a));
        for (int i = 0; i < 4; i++) {
            assertThat(q.get("/bugcheck/parameters/" + i)).isEqualTo(truth.at("/bugcheck/parameters/" + i).asText());
        }
        assertThat(q.get("/bugcheck/code")).isEqualTo(truth.at("/bugcheck/code").asText());
        assertThat(q.get("/faultingFrame/instruction")).isEqualTo(truth.at("/faultingFrame/instruction").asText());
        assertThat(q.get("/faultingFrame/text")).isEqualTo("csagent+" + truth.at("/faultingFrame/offset").asText());
        assertThat(q.get("/culprit/filter/altitude")).isEqualTo(truth.at("/culprit/altitude").asText());
        assertThat(q.get("/culprit/filter/group")).isEqualTo(truth.at("/culprit/group").asText());
        assertThat(q.get("/culprit/vendor")).isEqualTo(truth.at("/culprit/company").asText());
        assertThat(q.get("/access/address")).isEqualTo(truth.at("/referencedAddress").asText());
        assertThat(q.get("/verdict/category")).isEqualTo(truth.at("/verdict").asText());
        assertThat(q.get("/flags/thirdPartyFilterDriverReadOutOfBounds"))
                .isEqualTo(truth.at("/thirdPartyFilterDriverReadOutOfBounds").asText());
        // Microsoft's WinDbg analysis: r8 = ffff840500000074 (= P1), r11 = 0x14, rax = ffff94058305f200.
        assertThat(q.get("/faultingFrame/registers/r8")).isEqualTo("0xffff840500000074").isEqualTo(q.get("/bugcheck/parameters/0"));
        assertThat(q.get("/faultingFrame/registers/r11")).isEqualTo("0x14");
        assertThat(q.get("/faultingFrame/registers/rax")).isEqualTo("0xffff94058305f200");
        assertThat(q.get("/faultingFrame/registersFrom")).isEqualTo("the trap frame at 0xffff94058305ec20");
        Step origin = steps().get(4);
        assertThat(origin.highlight().shows()).isEqualTo("mov r8,qword ptr [rax+r11*8]");
        assertThat(origin.text()).contains("= 20.").contains("21st slot").contains("21 input fields").contains("20 values");
        assertThat(steps().get(6).text()).contains("lies inside the 78 minutes");
    }

    static Stream<String> samples() throws Exception {
        try (Stream<Path> s = Files.list(TestFiles.samples())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dmp")).sorted().toList().stream();
        }
    }

    /** Over every other sample (other crashes, a truncated copy, a user-mode dump) it still reads, and never invents. */
    @ParameterizedTest
    @MethodSource("samples")
    void overAnyDumpTheStepsStayTrue(String name) throws Exception {
        Report r = TestFiles.load(name).report();
        JsonNode json = AnalyzeJson.of(TestFiles.sample(name));
        for (Step s : Lesson.july19(r, name)) {
            assertThat(s.sentences()).as("%s: %s", name, s.title()).hasSizeBetween(2, 4);
            quotesMatch(s.quotes(), s.text(), json);
            if (s.highlight() != null) {
                assertThat(s.quotes().stream().map(Quote::shown)).as("%s: %s", name, s.title())
                        .contains(s.highlight().shows());
            }
        }
    }

    @Test
    void helpers() {
        assertThat(Lesson.ordinal(21)).isEqualTo("21st");
        assertThat(Lesson.ordinal(12)).isEqualTo("12th");
        assertThat(Lesson.ordinal(22)).isEqualTo("22nd");
        assertThat(Lesson.ordinal(113)).isEqualTo("113th");
        assertThat(Lesson.width("mov r9d,dword ptr [r8]")).isEqualTo("read four bytes at");
        assertThat(Lesson.width("mov dword ptr [rcx+0x10],eax")).isEqualTo("access four bytes at");
        assertThat(Lesson.originLine(List.of("  1: 00  mov r8,qword ptr [rax]", "  2: 00  test r8,r8",
                "> 3: 00  mov r9d,dword ptr [r8]"), "r8")).isZero();
        assertThat(Lesson.originLine(List.of("> 3: 00  mov r9d,dword ptr [r8]"), "r8")).isEqualTo(-1);
    }
}
