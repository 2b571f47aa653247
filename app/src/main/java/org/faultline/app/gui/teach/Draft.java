package org.faultline.app.gui.teach;

import java.util.ArrayList;
import java.util.List;
import org.faultline.app.gui.common.Highlight;

/**
 * A step being written: its sentences, and every value they take from the analysis, recorded as it is
 * inserted ({@link #q}), so that no quoted value is typed into the text.
 */
final class Draft {
    private final String title;
    private final List<String> sources;
    private final List<String> sentences = new ArrayList<>();
    private final List<Quote> quotes = new ArrayList<>();
    private Highlight highlight;

    Draft(String title, String... sources) {
        this.title = title;
        this.sources = List.of(sources);
    }

    /** Records a quoted value and returns it as the text shows it. */
    String q(String name, String pointer, String value, String shown) {
        Quote quote = new Quote(name, pointer, value, shown);
        quotes.add(quote);
        return quote.shown();
    }

    /** Records a quoted value the text writes as the JSON holds it. */
    String q(String name, String pointer, String value) {
        return q(name, pointer, value, value);
    }

    Draft say(String sentence) {
        sentences.add(sentence);
        return this;
    }

    Draft point(Highlight.Place place, String key, String shows) {
        highlight = new Highlight(place, key, shows);
        return this;
    }

    List<String> sentences() {
        return sentences;
    }

    List<Quote> quotes() {
        return quotes;
    }

    Step step(int number, String dump, Step.Answer answer) {
        return new Step(number, title, sentences, sources, highlight, quotes, dump, answer);
    }
}
