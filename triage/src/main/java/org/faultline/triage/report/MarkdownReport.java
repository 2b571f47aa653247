package org.faultline.triage.report;

import java.util.List;
import org.faultline.triage.Evidence;
import org.faultline.triage.Frame;
import org.faultline.triage.Report;

/** Markdown for tickets: the verdict, evidence, the fault, the culprit, the known issue, the stack. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(List<Report> reports) {
        StringBuilder out = new StringBuilder();
        for (Report r : reports) {
            render(out, r);
            out.append('\n');
        }
        return out.toString();
    }

    private static void render(StringBuilder out, Report r) {
        out.append("## Crash analysis: ").append(Safe.markdown(fileName(r.file()))).append("\n\n");
        out.append("**Verdict:** ").append(r.verdict().category()).append(" (").append(r.verdict().confidence())
                .append(" confidence)");
        if (r.thirdPartyFilterDriverReadOutOfBounds()) {
            out.append(" — **third-party filter driver read out of bounds**");
        }
        out.append("\n\n").append(Safe.markdown(r.verdict().summary())).append("\n\n");
        out.append("**Bucket:** ").append(Safe.code(r.bucket())).append("\n\n");
        if (r.knownIssue() != null) {
            out.append("### Known issue: ").append(Safe.markdown(r.knownIssue().title())).append("\n\n")
                    .append(Safe.markdown(r.knownIssue().summary())).append("\n\n");
            int i = 1;
            for (String step : r.knownIssue().remediation()) {
                out.append(i++).append(". ").append(Safe.markdown(step)).append('\n');
            }
            out.append('\n');
            for (String s : r.knownIssue().sources()) {
                out.append("- <").append(Safe.text(s).replace(">", "%3E")).append(">\n");
            }
            out.append('\n');
        }
        out.append("### Evidence\n\n");
        for (Evidence e : r.verdict().evidence()) {
            out.append("- ").append(Safe.markdown(e.text())).append(" _(").append(Safe.markdown(e.source()))
                    .append(")_\n");
        }
        out.append('\n');
        if (r.bugcheck() != null) {
            var b = r.bugcheck();
            out.append("### Bug check ").append(Hex.of(b.code())).append(b.name() == null ? "" : " " + Safe.markdown(b.name()))
                    .append("\n\n| Parameter | Value | Meaning |\n|---|---|---|\n");
            for (int i = 0; i < b.parameters().size(); i++) {
                String m = i < b.meanings().size() && b.meanings().get(i) != null ? b.meanings().get(i) : "";
                out.append("| P").append(i + 1).append(" | `").append(Hex.of(b.parameters().get(i))).append("` | ")
                        .append(Safe.markdown(m)).append(" |\n");
            }
            out.append('\n');
        }
        if (r.faultingFrame() != null) {
            var f = r.faultingFrame();
            out.append("### Faulting frame\n\n").append(Safe.code(f.text()));
            if (f.instruction() != null) {
                out.append(": ").append(Safe.code(f.instruction()));
            }
            out.append("\n\n");
            for (String p : f.provenance()) {
                out.append("- ").append(Safe.markdown(p)).append('\n');
            }
            if (!f.disassembly().isEmpty()) {
                out.append("\n```\n");
                f.disassembly().forEach(d -> out.append(Safe.text(d).replace("```", "'''")).append('\n'));
                out.append("```\n");
            }
            out.append('\n');
        }
        if (r.culprit() != null) {
            var c = r.culprit();
            out.append("### Culprit\n\n").append(Safe.code(c.module())).append(c.microsoft() ? " (Microsoft)" : " (third-party)");
            if (c.vendor() != null) {
                out.append(", ").append(Safe.markdown(c.vendor()));
            }
            if (c.filter() != null && c.filter().altitude() != null) {
                out.append(", ").append(Safe.markdown(c.filter().group())).append(", altitude ")
                        .append(Safe.markdown(c.filter().altitude()));
            }
            out.append("\n\n");
        }
        out.append("### Stack\n\n| # | Frame | Found by |\n|---|---|---|\n");
        for (Frame f : r.stack()) {
            out.append("| ").append(f.index()).append(f.culprit() ? " ⟵ culprit" : "").append(" | ")
                    .append(Safe.code(f.text())).append(" | ").append(f.trust()).append(" |\n");
        }
        if (!r.warnings().isEmpty()) {
            out.append("\n### Warnings\n\n");
            r.warnings().forEach(w -> out.append("- ").append(Safe.markdown(w)).append('\n'));
        }
    }

    static String fileName(String file) {
        int cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(cut + 1);
    }
}
