package org.faultline.triage;

import java.util.List;

/** A known issue the crash matches, with its public remediation. */
public record KnownIssueMatch(String id, String title, String summary, List<String> remediation, List<String> sources) {
    public KnownIssueMatch {
        remediation = List.copyOf(remediation);
        sources = List.copyOf(sources);
    }
}
