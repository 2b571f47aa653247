package org.faultline.app.gui.teach;

import java.util.List;
import org.faultline.app.gui.common.Highlight;

/**
 * One numbered step of a walkthrough or one exercise.
 *
 * @param number    1-based, in the order shown
 * @param title     a short heading
 * @param sentences two to four plain sentences (for an exercise: the question)
 * @param sources   where the facts that are not in the dump come from ("name — address")
 * @param highlight what the step points at in the window, or null
 * @param quotes    every value the sentences take from the analysis of the dump
 * @param dump      the file name of the dump the step is about
 * @param answer    an exercise's answer (revealed on demand), or null for a walkthrough step
 */
public record Step(int number, String title, List<String> sentences, List<String> sources, Highlight highlight,
                   List<Quote> quotes, String dump, Answer answer) {
    public Step {
        sentences = List.copyOf(sentences);
        sources = List.copyOf(sources);
        quotes = List.copyOf(quotes);
    }

    /** The sentences as one paragraph. */
    public String text() {
        return String.join(" ", sentences);
    }

    public boolean exercise() {
        return answer != null;
    }

    /**
     * An exercise's answer.
     *
     * @param sentences what the analysis of the exercise's dump says, compared with the July 19 dump
     * @param quotes    the values taken from that analysis
     */
    public record Answer(List<String> sentences, List<Quote> quotes) {
        public Answer {
            sentences = List.copyOf(sentences);
            quotes = List.copyOf(quotes);
        }

        public String text() {
            return String.join(" ", sentences);
        }
    }
}
