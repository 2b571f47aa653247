package org.faultline.app.gui.teach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import org.faultline.app.gui.testing.TestFiles;
import org.faultline.triage.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exercises: each question and answer quotes {@code analyze --format json} of its sample, and the answer's
 * verdict and flag are the ones the sample's truth file (written by its scenario) says a correct analysis gives.
 */
class ExerciseTest {
    private static final Report JULY = TestFiles.load(TestFiles.CSAGENT).report();

    @ParameterizedTest
    @EnumSource(Exercise.class)
    void answerIsTheLiveAnalysisOfItsSample(Exercise e) throws Exception {
        Report r = TestFiles.load(e.file()).report();
        JsonNode json = AnalyzeJson.of(TestFiles.sample(e.file()));
        Step s = e.step(11 + e.ordinal(), r, JULY);
        assertThat(s.exercise()).isTrue();
        assertThat(s.dump()).isEqualTo(e.file());
        assertThat(s.sentences()).hasSizeBetween(2, 4);
        assertThat(s.text()).contains("does Faultline's flag");
        LessonTest.quotesMatch(s.quotes(), s.text(), json);
        LessonTest.quotesMatch(s.answer().quotes(), s.answer().text(), json);
        assertThat(s.highlight()).isNotNull();
        assertThat(s.quotes().stream().map(Quote::shown)).contains(s.highlight().shows());

        JsonNode truth = new ObjectMapper().readTree(Files.readString(TestFiles.sample(
                e.file().replace(".dmp", ".truth.json"))));
        String answer = s.answer().text();
        assertThat(answer).contains("verdict is " + truth.at("/verdict").asText());
        boolean flag = truth.at("/thirdPartyFilterDriverReadOutOfBounds").asBoolean();
        assertThat(flag).isFalse();
        assertThat(answer).contains("the flag does not fire (false)");
        assertThat(answer).contains(truth.at("/referencedAddress").asText());
        assertThat(answer).contains(truth.at("/accessKind").asText());
    }

    @Test
    void eachAnswerNamesWhatDiffersFromJuly19() {
        String write = Exercise.answer(TestFiles.load(Exercise.WRITE.file()).report(), JULY).text();
        assertThat(write).contains("a write where July 19 was a read").contains("WRITE_ACCESS_VIOLATION")
                .contains("it fires only for a read out of bounds");
        String nullRead = Exercise.answer(TestFiles.load(Exercise.NULL_READ.file()).report(), JULY).text();
        assertThat(nullRead).contains("the address is null-page where July 19's was kernel-invalid")
                .contains("below 0x10000").contains("NULL_POINTER_READ")
                .contains("not a file-system filter");
        String ms = Exercise.answer(TestFiles.load(Exercise.MICROSOFT_DRIVER.file()).report(), JULY).text();
        assertThat(ms).contains("the code is Microsoft's own, where July 19's was a third party's")
                .contains("READ_OUT_OF_BOUNDS").contains("in Microsoft's own code");
    }

    @Test
    void theExerciseSamplesShipInTheApplication() throws Exception {
        for (Exercise e : Exercise.values()) {
            try (var source = e.input().open()) {
                assertThat(source.size()).isEqualTo(Files.size(TestFiles.sample(e.file())));
            }
        }
    }
}
