package org.faultline.triage;

import java.util.List;

/**
 * The conclusion.
 *
 * @param confidence {@code high}, {@code medium} or {@code low}
 * @param summary    one sentence
 */
public record Verdict(Category category, String confidence, String summary, List<Evidence> evidence) {
    public Verdict {
        evidence = List.copyOf(evidence);
    }
}
