package org.faultline.app.gui.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faultline.app.analysis.LoadedDump;
import org.faultline.triage.Report;

/**
 * Groups loaded dumps the way {@code faultline triage} clusters a fleet: by the report's bucket, with count,
 * share, culprit and vendor. A small stand-in computed from the reports the window already has; when the
 * {@code triage.batch} clustering lands, {@link #of} is the one place to swap.
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

    /** The clusters, largest first (ties by bucket name). */
    public static List<Cluster> of(List<LoadedDump> dumps) {
        Map<String, List<LoadedDump>> groups = new LinkedHashMap<>();
        for (LoadedDump d : dumps) {
            groups.computeIfAbsent(keyOf(d), k -> new ArrayList<>()).add(d);
        }
        List<Cluster> out = new ArrayList<>();
        int total = dumps.size();
        groups.forEach((bucket, list) -> {
            Report first = list.stream().filter(LoadedDump::ok).map(LoadedDump::report).findFirst().orElse(null);
            String culprit = mostCommon(list, d -> d.report().culprit() == null ? "" : d.report().culprit().module());
            String vendor = mostCommon(list, d -> d.report().culprit() == null || d.report().culprit().vendor() == null
                    ? "" : d.report().culprit().vendor());
            String verdict = mostCommon(list, d -> d.report().verdict() == null ? ""
                    : d.report().verdict().category().name());
            out.add(new Cluster(bucket, list.size(), total == 0 ? 0 : (double) list.size() / total, culprit, vendor,
                    first == null ? "" : verdict, list.get(0).input().fileName()));
        });
        out.sort(Comparator.comparingInt(Cluster::count).reversed().thenComparing(Cluster::bucket));
        return out;
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

    private static String mostCommon(List<LoadedDump> list, java.util.function.Function<LoadedDump, String> f) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (LoadedDump d : list) {
            if (d.ok()) {
                counts.computeIfAbsent(f.apply(d), k -> new int[1])[0]++;
            }
        }
        return counts.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue()[0]))
                .map(Map.Entry::getKey).orElse("");
    }
}
