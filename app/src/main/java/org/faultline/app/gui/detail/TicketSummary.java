package org.faultline.app.gui.detail;

import java.util.List;
import java.util.stream.Collectors;
import org.faultline.app.analysis.LoadedDump;
import org.faultline.app.cli.Version;
import org.faultline.app.gui.common.Fmt;
import org.faultline.triage.Report;

/** The ticket-ready text "Copy summary" puts on the clipboard: plain text, one fact per line. */
public final class TicketSummary {
    private TicketSummary() {
    }

    public static String of(LoadedDump d) {
        String name = d.input().fileName();
        if (!d.ok()) {
            return "Crash dump " + name + " could not be read: " + d.error() + "\n" + footer();
        }
        Report r = d.report();
        StringBuilder s = new StringBuilder();
        s.append("Crash dump ").append(name);
        if (r.os() != null) {
            s.append(" — ").append(r.os().platform()).append(' ').append(r.os().version());
        }
        s.append(" (").append(r.architecture()).append(", ").append(r.format()).append(')');
        if (r.crashTime() != null) {
            s.append(", crashed ").append(Fmt.time(r.crashTime()));
        }
        s.append('\n');
        if (r.verdict() != null) {
            s.append("Verdict (").append(r.verdict().confidence()).append(" confidence): ")
                    .append(r.verdict().summary()).append('\n');
        }
        if (r.bugcheck() != null) {
            s.append("Bug check: ").append(Fmt.hex(r.bugcheck().code()));
            if (r.bugcheck().name() != null) {
                s.append(' ').append(r.bugcheck().name());
            }
            s.append(" (").append(hexList(r.bugcheck().parameters())).append(")\n");
        } else if (r.exception() != null) {
            s.append("Exception: ").append(Fmt.hex(r.exception().code()));
            if (r.exception().name() != null) {
                s.append(' ').append(r.exception().name());
            }
            if (r.exception().address() != null) {
                s.append(" at ").append(Fmt.hex(r.exception().address()));
            }
            s.append('\n');
        }
        if (r.culprit() != null) {
            s.append("Caused by: ").append(r.culprit().module()).append(" (")
                    .append(r.culprit().vendor() == null ? "vendor unknown" : r.culprit().vendor())
                    .append(r.culprit().microsoft() ? ", Microsoft" : ", third-party").append(')');
            if (r.faultingFrame() != null) {
                s.append(", at ").append(r.faultingFrame().text());
            }
            s.append('\n');
        }
        if (r.knownIssue() != null) {
            s.append("Known issue: ").append(r.knownIssue().title()).append('\n');
            List<String> steps = r.knownIssue().remediation();
            if (!steps.isEmpty()) {
                s.append("What to do:\n");
                for (int i = 0; i < steps.size(); i++) {
                    s.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
                }
            }
            if (!r.knownIssue().sources().isEmpty()) {
                s.append("Source: ").append(r.knownIssue().sources().get(0)).append('\n');
            }
        }
        if (r.bucket() != null) {
            s.append("Bucket: ").append(r.bucket()).append('\n');
        }
        if (r.sha256() != null) {
            s.append("SHA-256: ").append(r.sha256()).append('\n');
        }
        return s + footer();
    }

    private static String hexList(List<Long> values) {
        return values.stream().map(Fmt::hex).collect(Collectors.joining(", "));
    }

    private static String footer() {
        return "(analyzed with Faultline " + Version.faultline() + ")\n";
    }
}
