package org.faultline.triage.report;

import java.io.IOException;
import java.io.Writer;
import org.faultline.triage.batch.Cluster;
import org.faultline.triage.batch.DumpRow;
import org.faultline.triage.batch.FleetResult;
import org.faultline.triage.batch.RowSink;

/** The fleet report as Markdown for a ticket: headline, cluster table, failures. Dump text and names escaped. */
public final class FleetMarkdown implements RowSink {
    private final Writer out;

    public FleetMarkdown(Writer out) {
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

    /** A code span inside a table cell: a pipe would end the cell even inside the span, so it is escaped. */
    static String cellCode(String s) {
        return Safe.code(s).replace("|", "\\|");
    }

    public static String render(FleetResult r) {
        StringBuilder b = new StringBuilder("# Fleet triage\n\n");
        FleetResult.Summary s = r.summary();
        b.append("**").append(Safe.markdown(r.headline())).append("**\n\n");
        if (s.dumps() > 0) {
            b.append(Safe.markdown(r.flaggedLine())).append("\n\n");
        }
        b.append(s.dumps()).append(" dumps (").append(s.failed()).append(" failed), ").append(s.skipped())
                .append(" other ").append(FleetResult.plural(s.skipped(), "file")).append(" skipped, ").append(r.clusters().size())
                .append(r.clusters().size() == 1 ? " cluster.\n" : " clusters.\n");
        if (!r.clusters().isEmpty()) {
            b.append("\n| # | Count | Share | Flag | Bucket | Category | Culprit | Crashes (UTC) | OS builds | Examples |\n")
                    .append("|--:|--:|--:|---|---|---|---|---|---|---|\n");
            int rank = 0;
            for (Cluster c : r.clusters()) {
                b.append("| ").append(++rank).append(" | ").append(c.count()).append(" | ")
                        .append(FleetResult.percent(c.share())).append(" | ").append(c.flag() ? "yes" : "no")
                        .append(" | ").append(cellCode(c.bucket())).append(" | ").append(Safe.markdown(c.category()))
                        .append(" | ").append(Safe.markdown(FleetText.culprit(c))).append(" | ")
                        .append(Safe.markdown(FleetText.crashes(c))).append(" | ")
                        .append(Safe.markdown(FleetText.builds(c))).append(" | ");
                boolean first = true;
                for (Cluster.Example e : c.examples()) {
                    b.append(first ? "" : "<br>").append(cellCode(e.display()));
                    first = false;
                }
                b.append(" |\n");
            }
        }
        if (!r.failures().isEmpty()) {
            b.append("\n## Failed (").append(s.failed()).append(")\n\n");
            for (DumpRow f : r.failures()) {
                b.append("- ").append(Safe.code(new Cluster.Example(f.file(), f.entry()).display())).append(": `")
                        .append(f.error().code()).append("` ").append(Safe.markdown(f.error().message())).append('\n');
            }
        }
        return b.toString();
    }
}
