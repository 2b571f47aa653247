package org.faultline.app.gui.teach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faultline.app.gui.testing.TestFiles;
import org.faultline.triage.Report;
import org.junit.jupiter.api.Test;

/** The handout's Markdown, read back: every value in its tables is {@code analyze --format json} of the dump. */
class HandoutTest {
    /** {@code | name | `shown` | `pointer` |}, pipes inside escaped. */
    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| `(.*)` \\| `([^`]+)` \\|$");

    /** One table row of the handout: the section it is in, what the value is, how it is shown, where it is. */
    record Row(String section, String name, String shown, String pointer) {
    }

    static List<Row> rows(String markdown) {
        List<Row> out = new ArrayList<>();
        String section = "";
        for (String line : markdown.split("\n")) {
            if (line.startsWith("## ") || line.startsWith("### ")) {
                section = line;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                out.add(new Row(section, m.group(1), m.group(2).replace("\\|", "|"), m.group(3)));
            }
        }
        return out;
    }

    /**
     * Checks every value of a handout: in the lesson's and the answers' tables, the shown value is the JSON's at
     * the pointer (the answers against the exercise dumps' JSON, by the dump each answer names). Returns how many.
     */
    static int checkValues(String markdown, JsonNode sample, java.util.Map<String, JsonNode> exercises) {
        int checked = 0;
        for (Row r : rows(markdown)) {
            JsonNode json = sample;
            for (Exercise e : Exercise.values()) {
                if (r.section().equals("### " + "Exercise " + (e.ordinal() + 1) + ": " + e.title())) {
                    json = exercises.get(e.file());
                }
            }
            String value = AnalyzeJson.at(json, r.pointer());
            assertThat(AnalyzeJson.shows(value, r.shown())).as("%s: %s = %s, JSON has %s", r.section(), r.name(),
                    r.shown(), value).isTrue();
            checked++;
        }
        return checked;
    }

    @Test
    void everyValueInTheHandoutIsTheAnalysis() throws Exception {
        Report july = TestFiles.load(TestFiles.CSAGENT).report();
        List<Step> steps = new ArrayList<>(Lesson.july19(july, TestFiles.CSAGENT));
        java.util.Map<String, JsonNode> exercises = new java.util.HashMap<>();
        for (Exercise e : Exercise.values()) {
            steps.add(e.step(steps.size() + 1, TestFiles.load(e.file()).report(), july));
            exercises.put(e.file(), AnalyzeJson.of(TestFiles.sample(e.file())));
        }
        List<String> images = new ArrayList<>();
        for (int i = 1; i <= steps.size(); i++) {
            images.add(String.format("lesson-images/step-%02d.png", i));
        }
        String md = Handout.markdown(steps, july.file(), "abc123", images, "9.9");
        JsonNode json = AnalyzeJson.of(TestFiles.sample(TestFiles.CSAGENT));
        int checked = checkValues(md, json, exercises);
        long quotes = steps.stream().filter(s -> !s.exercise()).mapToLong(s -> s.quotes().stream()
                .map(Quote::pointer).distinct().count()).sum()
                + steps.stream().filter(Step::exercise).mapToLong(s -> s.answer().quotes().stream()
                .map(Quote::pointer).distinct().count()).sum();
        assertThat(checked).isEqualTo(quotes).isGreaterThan(40);
        assertThat(md).contains("## Step 1 of 10: ").contains("## Step 10 of 10: What changed after")
                .contains("## Exercises").contains("## Answers").contains("(SHA-256 `abc123`)")
                .contains("![Step 4: the Faultline window](lesson-images/step-04.png)")
                .contains("![Exercise 1: A write instead of a read: the Faultline window](lesson-images/step-11.png)");
        // The answers come after every question.
        assertThat(md.indexOf("## Answers")).isGreaterThan(md.lastIndexOf("does Faultline's flag"));
        for (Step s : steps) {
            assertThat(md).contains(s.text());
        }
    }

    @Test
    void cellsKeepTheirPipesApart() {
        assertThat(Handout.cell("a|b\nc")).isEqualTo("a\\|b c");
        assertThat(rows("| x | `a\\|b` | `/p` |")).containsExactly(new Row("", "x", "a|b", "/p"));
    }
}
