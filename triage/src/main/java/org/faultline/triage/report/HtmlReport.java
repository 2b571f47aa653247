package org.faultline.triage.report;

import java.util.List;
import org.faultline.triage.Evidence;
import org.faultline.triage.Frame;
import org.faultline.triage.Report;

/** One self-contained HTML page (no scripts, no external resources); every string from a dump is escaped. */
public final class HtmlReport {
    private HtmlReport() {
    }

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#1b1f24}"
            + "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}"
            + ".verdict{padding:.8em 1em;border-radius:6px;background:#fdecea;border-left:6px solid #c62828}"
            + ".verdict.ok{background:#eef4fb;border-left-color:#1565c0}"
            + "table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.25em .6em;text-align:left}"
            + "code,pre{font-family:ui-monospace,monospace}.culprit{font-weight:bold;background:#fff3cd}";

    public static String render(List<Report> reports) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Faultline report</title><style>").append(STYLE).append("</style></head><body>\n");
        for (Report r : reports) {
            render(out, r);
        }
        return out.append("</body></html>\n").toString();
    }

    private static void render(StringBuilder out, Report r) {
        out.append("<h1>").append(Safe.html(MarkdownReport.fileName(r.file()))).append("</h1>\n");
        out.append("<div class=\"verdict").append(r.thirdPartyFilterDriverReadOutOfBounds() ? "" : " ok").append("\"><b>")
                .append(r.verdict().category()).append("</b> (").append(r.verdict().confidence())
                .append(" confidence)<br>").append(Safe.html(r.verdict().summary())).append("</div>\n");
        out.append("<p>Bucket: <code>").append(Safe.html(r.bucket())).append("</code></p>\n");
        if (r.knownIssue() != null) {
            out.append("<h2>Known issue: ").append(Safe.html(r.knownIssue().title())).append("</h2><p>")
                    .append(Safe.html(r.knownIssue().summary())).append("</p><ol>");
            r.knownIssue().remediation().forEach(s -> out.append("<li>").append(Safe.html(s)).append("</li>"));
            out.append("</ol><ul>");
            r.knownIssue().sources().forEach(s -> out.append("<li>").append(Safe.html(s)).append("</li>"));
            out.append("</ul>\n");
        }
        out.append("<h2>Evidence</h2><ul>");
        for (Evidence e : r.verdict().evidence()) {
            out.append("<li>").append(Safe.html(e.text())).append(" <small>(").append(Safe.html(e.source()))
                    .append(")</small></li>");
        }
        out.append("</ul>\n");
        if (r.bugcheck() != null) {
            var b = r.bugcheck();
            out.append("<h2>Bug check ").append(Hex.of(b.code())).append(' ').append(Safe.html(b.name()))
                    .append("</h2><table><tr><th>Parameter</th><th>Value</th><th>Meaning</th></tr>");
            for (int i = 0; i < b.parameters().size(); i++) {
                String m = i < b.meanings().size() ? b.meanings().get(i) : null;
                out.append("<tr><td>P").append(i + 1).append("</td><td><code>").append(Hex.of(b.parameters().get(i)))
                        .append("</code></td><td>").append(Safe.html(m)).append("</td></tr>");
            }
            out.append("</table>\n");
        }
        if (r.faultingFrame() != null) {
            var f = r.faultingFrame();
            out.append("<h2>Faulting frame</h2><p><code>").append(Safe.html(f.text())).append("</code>");
            if (f.instruction() != null) {
                out.append(": <code>").append(Safe.html(f.instruction())).append("</code>");
            }
            out.append("</p><ul>");
            f.provenance().forEach(p -> out.append("<li>").append(Safe.html(p)).append("</li>"));
            out.append("</ul>");
            if (!f.disassembly().isEmpty()) {
                out.append("<pre>");
                f.disassembly().forEach(d -> out.append(Safe.html(d)).append('\n'));
                out.append("</pre>");
            }
            out.append('\n');
        }
        if (r.culprit() != null) {
            var c = r.culprit();
            out.append("<h2>Culprit</h2><p><code>").append(Safe.html(c.module())).append("</code> ")
                    .append(c.microsoft() ? "(Microsoft)" : "(third-party)");
            if (c.vendor() != null) {
                out.append(", ").append(Safe.html(c.vendor()));
            }
            if (c.filter() != null && c.filter().altitude() != null) {
                out.append(", ").append(Safe.html(c.filter().group())).append(", altitude ")
                        .append(Safe.html(c.filter().altitude()));
            }
            out.append("</p>\n");
        }
        out.append("<h2>Stack</h2><table><tr><th>#</th><th>Frame</th><th>Found by</th></tr>");
        for (Frame f : r.stack()) {
            out.append("<tr").append(f.culprit() ? " class=\"culprit\"" : "").append("><td>").append(f.index())
                    .append("</td><td><code>").append(Safe.html(f.text())).append("</code></td><td>")
                    .append(f.trust()).append("</td></tr>");
        }
        out.append("</table>\n");
        if (!r.warnings().isEmpty()) {
            out.append("<h2>Warnings</h2><ul>");
            r.warnings().forEach(w -> out.append("<li>").append(Safe.html(w)).append("</li>"));
            out.append("</ul>\n");
        }
    }
}
