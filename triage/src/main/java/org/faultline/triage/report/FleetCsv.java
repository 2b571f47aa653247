package org.faultline.triage.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.faultline.triage.batch.Cluster;
import org.faultline.triage.batch.DumpRow;
import org.faultline.triage.batch.FleetResult;
import org.faultline.triage.batch.RowSink;

/**
 * The fleet report as CSV (RFC 4180, CRLF line ends): one row per dump, streamed as dumps finish; the clusters go
 * to a second CSV when one is given ({@code --clusters-out}). Text from dumps is escaped as for a terminal, and a
 * cell that a spreadsheet would run as a formula ({@code = + - @}) gets a leading apostrophe.
 */
public final class FleetCsv implements RowSink {
    /** The per-dump columns. */
    public static final List<String> COLUMNS = List.of("file", "entry", "bucket", "category", "confidence", "flag",
            "culprit", "vendor", "crash_time", "os_build", "known_issue", "format", "size", "sha256", "error_code",
            "error");
    /** The cluster columns. */
    public static final List<String> CLUSTER_COLUMNS = List.of("rank", "bucket", "count", "share", "category", "flag",
            "flagged", "culprit", "vendor", "known_issue", "first_crash", "last_crash", "os_builds", "examples");

    private final Writer out;
    private final Writer clustersOut;

    /** @param clustersOut where the cluster CSV goes, or {@code null} for none */
    public FleetCsv(Writer out, Writer clustersOut) {
        this.out = out;
        this.clustersOut = clustersOut;
    }

    @Override
    public void start() throws IOException {
        line(out, COLUMNS);
    }

    @Override
    public void row(DumpRow r) throws IOException {
        line(out, List.of(cell(r.file()), cell(r.entry()), cell(r.bucket()), cell(r.category()), cell(r.confidence()),
                r.failed() ? "" : Boolean.toString(r.flag()), cell(r.culprit()), cell(r.vendor()),
                cell(FleetJson.time(r.crashTime())), cell(r.osBuild()), cell(r.knownIssue()), cell(r.format()),
                Long.toString(r.size()), cell(r.sha256()), cell(r.error() == null ? null : r.error().code()),
                cell(r.error() == null ? null : r.error().message())));
    }

    @Override
    public void finish(FleetResult result) throws IOException {
        out.flush();
        if (clustersOut != null) {
            clusters(clustersOut, result);
            clustersOut.flush();
        }
    }

    /** The cluster CSV. */
    public static void clusters(Writer w, FleetResult result) throws IOException {
        line(w, CLUSTER_COLUMNS);
        int rank = 0;
        for (Cluster c : result.clusters()) {
            line(w, List.of(Integer.toString(++rank), cell(c.bucket()), Long.toString(c.count()),
                    String.format(Locale.ROOT, "%.4f", c.share()), cell(c.category()), Boolean.toString(c.flag()),
                    Long.toString(c.flagged()), cell(c.culprit()), cell(c.vendor()), cell(c.knownIssue()),
                    cell(FleetJson.time(c.firstCrash())), cell(FleetJson.time(c.lastCrash())),
                    cell(String.join(" ", c.osBuilds())),
                    cell(c.examples().stream().map(Cluster.Example::display).collect(Collectors.joining("; ")))));
        }
    }

    private static void line(Writer w, List<String> cells) throws IOException {
        w.write(String.join(",", cells));
        w.write("\r\n");
    }

    /** One cell: escaped, formula-neutralised, quoted when it holds a comma, quote or line break. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String t = Safe.text(s);
        if (!t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        if (t.indexOf(',') >= 0 || t.indexOf('"') >= 0 || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
            t = '"' + t.replace("\"", "\"\"") + '"';
        }
        return t;
    }
}
