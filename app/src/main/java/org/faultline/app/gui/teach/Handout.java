package org.faultline.app.gui.teach;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The walkthrough as Markdown, for {@code faultline teach --handout FILE.md}: each step's text, a screenshot of the
 * window at that step, and a table of the values the step quotes with where {@code faultline analyze --format json}
 * holds each; the exercises with their questions, and the answers at the end (so a printed copy can be handed out
 * before the answers are discussed).
 */
public final class Handout {
    private Handout() {
    }

    /**
     * @param steps   the walkthrough and the exercises
     * @param sample  the July 19 dump's file name and SHA-256 (or null when not computed)
     * @param images  each step's screenshot, relative to the Markdown file, in step order (null: no picture)
     * @param version Faultline's version
     */
    public static String markdown(List<Step> steps, String sample, String sha256, List<String> images, String version) {
        StringBuilder md = new StringBuilder();
        md.append("# The July 19, 2024 outage: reading the crash dump\n\n");
        md.append("A walkthrough written by Faultline ").append(version).append(" from its analysis of `").append(sample)
                .append('`').append(sha256 == null ? "" : " (SHA-256 `" + sha256 + "`)")
                .append(", a small kernel triage dump built from the published facts of the crash. Every value in the"
                        + " tables is read from that analysis (`faultline analyze --format json ").append(sample)
                .append("` holds each one at the JSON pointer given), not typed in; the pictures are the Faultline"
                        + " window at each step, with the element the step talks about framed.\n\n");
        List<Step> exercises = new ArrayList<>();
        int lesson = 0;
        for (Step s : steps) {
            if (!s.exercise()) {
                lesson++;
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String image = i < images.size() ? images.get(i) : null;
            if (s.exercise()) {
                if (exercises.isEmpty()) {
                    md.append("## Exercises\n\n");
                }
                exercises.add(s);
                md.append("### ").append(s.title()).append("\n\n");
                md.append("Dump: `").append(s.dump()).append("`\n\n");
            } else {
                md.append("## Step ").append(s.number()).append(" of ").append(lesson).append(": ").append(s.title())
                        .append("\n\n");
            }
            md.append(s.text()).append("\n\n");
            if (image != null) {
                md.append("![").append(s.exercise() ? s.title() : "Step " + s.number()).append(": the Faultline window](")
                        .append(image).append(")\n\n");
            }
            if (!s.exercise()) {
                values(md, s.quotes());
            }
            sources(md, s.sources());
        }
        if (!exercises.isEmpty()) {
            md.append("## Answers\n\n");
            for (Step s : exercises) {
                md.append("### ").append(s.title()).append("\n\n").append(s.answer().text()).append("\n\n");
                values(md, s.answer().quotes());
            }
        }
        md.append("---\n\nFacts about the outage come from the sources each step cites. The sample's addresses and"
                + " registers are the published ones; its other contents (other drivers' load addresses, the code"
                + " around the fault) are Faultline's stand-ins and say nothing about the real systems.\n");
        return md.toString();
    }

    private static void values(StringBuilder md, List<Quote> quotes) {
        if (quotes.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        md.append("| Value | From the analysis | JSON pointer |\n|---|---|---|\n");
        for (Quote q : quotes) {
            if (!seen.add(q.pointer())) {
                continue;
            }
            md.append("| ").append(cell(q.name())).append(" | `").append(cell(q.shown())).append("` | `")
                    .append(cell(q.pointer())).append("` |\n");
        }
        md.append('\n');
    }

    private static void sources(StringBuilder md, List<String> sources) {
        if (sources.isEmpty()) {
            return;
        }
        md.append("Sources:\n");
        for (String s : sources) {
            md.append("- ").append(s).append('\n');
        }
        md.append('\n');
    }

    /** A table cell: pipes escaped (also inside code spans, as GitHub's tables need), line breaks as spaces. */
    static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }
}
