package org.faultline.triage.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.faultline.triage.batch.Cluster;
import org.faultline.triage.batch.DumpRow;
import org.faultline.triage.batch.FleetResult;
import org.faultline.triage.batch.RowSink;

/**
 * The fleet report as a table for a terminal: the headline first (how many dumps are the biggest crash, and whose
 * driver it is), then one line per cluster, the examples and the first failures. Rows are not listed (use CSV or
 * JSON for those). Text from dumps and entry names is escaped.
 */
public final class FleetText implements RowSink {
    private final Writer out;

    public FleetText(Writer out) {
        this.out = out;
    }

    @Override
    public void row(DumpRow row) {
        // the table shows clusters only
    }

    @Override
    public void finish(FleetResult result) throws IOException {
        out.write(render(result));
        out.flush();
    }

    /** The whole table. */
    public static String render(FleetResult r) {
        StringBuilder b = new StringBuilder();
        FleetResult.Summary s = r.summary();
        b.append(Safe.text(r.headline())).append('\n');
        if (s.dumps() > 0) {
            b.append(r.flaggedLine()).append('\n');
        }
        b.append(FleetResult.count(s.dumps())).append(" dumps: ").append(FleetResult.count(s.dumps() - s.failed()))
                .append(" analysed, ").append(FleetResult.count(s.failed())).append(" failed; ")
                .append(FleetResult.count(s.skipped())).append(" other ").append(FleetResult.plural(s.skipped(), "file"))
                .append(" skipped; ")
                .append(FleetResult.count(r.clusters().size())).append(r.clusters().size() == 1 ? " cluster" : " clusters")
                .append('\n');
        if (!r.clusters().isEmpty()) {
            b.append('\n');
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("#", "COUNT", "SHARE", "FLAG", "BUCKET", "CATEGORY", "CULPRIT (VENDOR)", "CRASHES (UTC)",
                    "OS BUILDS"));
            int rank = 0;
            for (Cluster c : r.clusters()) {
                rows.add(List.of(Integer.toString(++rank), FleetResult.count(c.count()), FleetResult.percent(c.share()),
                        c.flag() ? "yes" : c.flagged() > 0 ? FleetResult.count(c.flagged()) : "no", Safe.text(c.bucket()),
                        c.category() == null ? "" : c.category(), culprit(c), crashes(c), builds(c)));
            }
            table(b, rows);
            b.append("\nExamples\n");
            rank = 0;
            for (Cluster c : r.clusters()) {
                rank++;
                for (Cluster.Example e : c.examples()) {
                    b.append(String.format("%3d  ", rank)).append(Safe.text(e.display())).append('\n');
                }
            }
        }
        if (!r.failures().isEmpty()) {
            b.append("\nFailed (").append(FleetResult.count(s.failed()))
                    .append(s.failed() > r.failures().size() ? ", first " + r.failures().size() + " shown" : "")
                    .append(")\n");
            for (DumpRow f : r.failures()) {
                b.append("  ").append(Safe.text(new Cluster.Example(f.file(), f.entry()).display())).append(": ")
                        .append(f.error().code()).append(' ').append(Safe.text(f.error().message())).append('\n');
            }
        }
        return b.toString();
    }

    static String culprit(Cluster c) {
        if (c.culprit() == null) {
            return "";
        }
        return Safe.text(c.culprit()) + (c.vendor() == null ? "" : " (" + Safe.text(c.vendor()) + ")");
    }

    static String crashes(Cluster c) {
        if (c.firstCrash() == null) {
            return "";
        }
        String from = minute(c.firstCrash());
        String to = minute(c.lastCrash());
        return from.equals(to) ? from : from + " .. " + to;
    }

    static String builds(Cluster c) {
        return String.join(", ", c.osBuilds());
    }

    /** {@code 2024-07-19 04:09}. */
    private static String minute(Long seconds) {
        String iso = FleetJson.time(seconds);
        return iso.substring(0, 16).replace('T', ' ');
    }

    private static void table(StringBuilder b, List<List<String>> rows) {
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                boolean right = i <= 2;
                String pad = " ".repeat(width[i] - cell.length());
                line.append(right ? pad + cell : cell + pad).append("  ");
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
