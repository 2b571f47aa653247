package org.faultline.triage.report;

import java.io.IOException;
import java.io.Writer;
import org.faultline.triage.batch.Cluster;
import org.faultline.triage.batch.DumpRow;
import org.faultline.triage.batch.FleetResult;
import org.faultline.triage.batch.RowSink;

/** The fleet report as one self-contained HTML page (no scripts, no external resources); every string escaped. */
public final class FleetHtml implements RowSink {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#1b1f24}"
            + "h1{font-size:1.4em}.headline{padding:.8em 1em;border-radius:6px;background:#fdecea;"
            + "border-left:6px solid #c62828}table{border-collapse:collapse;margin-top:1em}"
            + "td,th{border:1px solid #d0d7de;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "td.n{text-align:right}code{font-family:ui-monospace,monospace}";

    private final Writer out;

    public FleetHtml(Writer out) {
        this.out = out;
    }

    @Override
    public void row(DumpRow row) {
        // clusters only
    }

    @Override
    public void finish(FleetResult result) throws IOException {
        out.write(render(result));
        out.flush();
    }

    public static String render(FleetResult r) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Faultline fleet triage</title><style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>Fleet triage</h1>\n");
        FleetResult.Summary s = r.summary();
        b.append("<p class=\"headline\"><b>").append(Safe.html(r.headline())).append("</b>");
        if (s.dumps() > 0) {
            b.append("<br>").append(Safe.html(r.flaggedLine()));
        }
        b.append("</p>\n<p>").append(s.dumps()).append(" dumps (").append(s.failed()).append(" failed), ")
                .append(s.skipped()).append(" other ").append(FleetResult.plural(s.skipped(), "file")).append(" skipped, ").append(r.clusters().size())
                .append(r.clusters().size() == 1 ? " cluster.</p>\n" : " clusters.</p>\n");
        if (!r.clusters().isEmpty()) {
            b.append("<table><tr><th>#</th><th>Count</th><th>Share</th><th>Flag</th><th>Bucket</th><th>Category</th>")
                    .append("<th>Culprit</th><th>Crashes (UTC)</th><th>OS builds</th><th>Examples</th></tr>\n");
            int rank = 0;
            for (Cluster c : r.clusters()) {
                b.append("<tr><td class=\"n\">").append(++rank).append("</td><td class=\"n\">").append(c.count())
                        .append("</td><td class=\"n\">").append(FleetResult.percent(c.share())).append("</td><td>")
                        .append(c.flag() ? "yes" : "no").append("</td><td><code>").append(Safe.html(c.bucket()))
                        .append("</code></td><td>").append(Safe.html(c.category())).append("</td><td>")
                        .append(Safe.html(FleetText.culprit(c))).append("</td><td>").append(Safe.html(FleetText.crashes(c)))
                        .append("</td><td>").append(Safe.html(FleetText.builds(c))).append("</td><td>");
                boolean first = true;
                for (Cluster.Example e : c.examples()) {
                    b.append(first ? "" : "<br>").append("<code>").append(Safe.html(e.display())).append("</code>");
                    first = false;
                }
                b.append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        if (!r.failures().isEmpty()) {
            b.append("<h2>Failed (").append(s.failed()).append(")</h2><ul>\n");
            for (DumpRow f : r.failures()) {
                b.append("<li><code>").append(Safe.html(new Cluster.Example(f.file(), f.entry()).display()))
                        .append("</code>: <code>").append(Safe.html(f.error().code())).append("</code> ")
                        .append(Safe.html(f.error().message())).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        return b.append("</body></html>\n").toString();
    }
}
