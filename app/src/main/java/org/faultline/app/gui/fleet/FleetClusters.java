package org.faultline.app.gui.fleet;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faultline.app.analysis.LoadedDump;
import org.faultline.triage.batch.BatchOptions;
import org.faultline.triage.batch.Clusters;
import org.faultline.triage.batch.DumpError;
import org.faultline.triage.batch.DumpRow;
import org.faultline.triage.batch.FleetResult;
import org.faultline.triage.batch.FleetTally;
import org.faultline.triage.batch.RowSink;
import org.faultline.triage.report.FleetHtml;
import org.faultline.triage.report.FleetJson;
import org.faultline.triage.report.FleetMarkdown;

/**
 * Groups loaded dumps the way {@code faultline triage} clusters a fleet: by the report's bucket, with count,
 * share, culprit and vendor, computed with {@code triage.batch}'s clustering from the reports the window already
 * has.
 */
public final class FleetClusters {
    /** The cluster of dumps that could not be read. */
    public static final String UNREADABLE = "(unreadable)";
    /** The cluster of dumps without a bucket. */
    public static final String NO_BUCKET = "(no bucket)";

    private FleetClusters() {
    }

    /**
     * One cluster.
     *
     * @param bucket   the bucket (the key), or {@link #UNREADABLE}
     * @param count    how many dumps
     * @param share    count / all dumps, 0..1
     * @param culprit  the culprit module most of them name, or empty
     * @param vendor   its vendor, or empty
     * @param verdict  the verdict category most of them have, or empty
     * @param example  the first dump's file name
     */
    public record Cluster(String bucket, int count, double share, String culprit, String vendor, String verdict,
                          String example) {
    }

    /** Dumps per culprit module ({@code (none)} when the verdict names none). */
    public record CulpritCount(String culprit, String vendor, int count) {
    }

    /**
     * The clusters, largest first (ties by bucket name): the {@code triage} command's clustering
     * ({@link Clusters}) over the readable dumps, plus one {@link #UNREADABLE} cluster for the rest.
     */
    public static List<Cluster> of(List<LoadedDump> dumps) {
        Clusters clusters = new Clusters(1);
        int unreadable = 0;
        String firstUnreadable = "";
        for (LoadedDump d : dumps) {
            if (d.ok()) {
                clusters.add(DumpRow.of(d.input().fileName(), null, d.report()));
            } else if (unreadable++ == 0) {
                firstUnreadable = d.input().fileName();
            }
        }
        int total = dumps.size();
        List<Cluster> out = new ArrayList<>();
        for (org.faultline.triage.batch.Cluster c : clusters.clusters(total)) {
            out.add(new Cluster(c.bucket(), (int) c.count(), c.share(), orEmpty(c.culprit()), orEmpty(c.vendor()),
                    orEmpty(c.category()), c.examples().isEmpty() ? "" : c.examples().get(0).file()));
        }
        if (unreadable > 0) {
            out.add(new Cluster(UNREADABLE, unreadable, (double) unreadable / total, "", "", "", firstUnreadable));
        }
        out.sort(Comparator.comparingInt(Cluster::count).reversed().thenComparing(Cluster::bucket));
        return out;
    }

    /** One fleet triage row per loaded dump, in load order (the rows of the fleet CSV and JSON). */
    public static List<DumpRow> rows(List<LoadedDump> dumps) {
        List<DumpRow> rows = new ArrayList<>(dumps.size());
        for (LoadedDump d : dumps) {
            rows.add(d.ok() ? DumpRow.of(d.input().displayPath(), null, d.report())
                    : DumpRow.failed(d.input().displayPath(), null, Math.max(0, d.size()),
                    new DumpError(d.errorCode(), d.error())));
        }
        return rows;
    }

    /**
     * The fleet summary of the loaded dumps as {@code faultline triage --format markdown|html|json} writes it
     * (the same renderers, the same clustering), for the window's "Export Fleet Summary".
     *
     * @param format {@code html}, {@code markdown} or {@code json}
     */
    public static String render(String format, List<LoadedDump> dumps) {
        List<DumpRow> rows = rows(dumps);
        BatchOptions defaults = BatchOptions.defaults();
        FleetTally tally = new FleetTally(defaults.examples(), defaults.failuresKept());
        rows.forEach(tally::add);
        FleetResult result = tally.result(Duration.ZERO);
        StringWriter out = new StringWriter();
        RowSink sink = switch (format) {
            case "html" -> new FleetHtml(out);
            case "markdown" -> new FleetMarkdown(out);
            case "json" -> new FleetJson(out, false);
            default -> throw new IllegalArgumentException("fleet format " + format);
        };
        try {
            sink.start();
            for (DumpRow r : rows) {
                sink.row(r);
            }
            sink.finish(result);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string", e);
        }
        return out.toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The cluster key of one dump. */
    public static String keyOf(LoadedDump d) {
        if (!d.ok()) {
            return UNREADABLE;
        }
        String b = d.report().bucket();
        return b == null || b.isEmpty() ? NO_BUCKET : b;
    }

    /** Dumps per culprit, most first. */
    public static List<CulpritCount> culprits(List<LoadedDump> dumps) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> vendors = new LinkedHashMap<>();
        for (LoadedDump d : dumps) {
            if (!d.ok()) {
                continue;
            }
            String c = d.report().culprit() == null ? "(none)" : d.report().culprit().module();
            counts.computeIfAbsent(c, k -> new int[1])[0]++;
            if (d.report().culprit() != null && d.report().culprit().vendor() != null) {
                vendors.putIfAbsent(c, d.report().culprit().vendor());
            }
        }
        List<CulpritCount> out = new ArrayList<>();
        counts.forEach((c, n) -> out.add(new CulpritCount(c, vendors.getOrDefault(c, ""), n[0])));
        out.sort(Comparator.comparingInt(CulpritCount::count).reversed().thenComparing(CulpritCount::culprit));
        return out;
    }
}
