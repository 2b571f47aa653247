package org.faultline.triage.batch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Cluster aggregates over dump rows, small per bucket: counts, crash time range, a few OS builds and examples.
 * What is kept does not depend on the order rows arrive in (examples are the first in (file, entry) order), so
 * parallel workers, or partitions of a distributed job merged with {@link #merge}, give the same clusters. Failed
 * rows are not clustered. Not thread-safe: one owner adds, or each partition has its own and they are merged.
 * Serializable, so a distributed engine can ship partial aggregates between workers.
 */
public final class Clusters implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Most OS builds listed per cluster. */
    public static final int MAX_OS_BUILDS = 16;
    /** Most distinct buckets kept; rows of further buckets are counted in {@link #OTHER}. */
    public static final int MAX_CLUSTERS = 100_000;
    /** The bucket that collects rows beyond {@link #MAX_CLUSTERS} distinct buckets. */
    public static final String OTHER = "(other buckets)";

    private static final Comparator<Cluster.Example> EXAMPLE_ORDER = new ExampleOrder();

    private final int examples;
    private final HashMap<String, Acc> byBucket = new HashMap<>();

    /** @param examples most example files kept per cluster */
    public Clusters(int examples) {
        if (examples < 0) {
            throw new IllegalArgumentException("examples must not be negative");
        }
        this.examples = examples;
    }

    /** Adds one row (failed rows are ignored). */
    public void add(DumpRow row) {
        if (row.failed()) {
            return;
        }
        String bucket = row.bucket() == null ? "(no bucket)" : row.bucket();
        Acc acc = byBucket.get(bucket);
        if (acc == null) {
            if (byBucket.size() >= MAX_CLUSTERS) {
                bucket = OTHER;
                acc = byBucket.get(OTHER);
            }
            if (acc == null) {
                acc = new Acc(bucket);
                byBucket.put(bucket, acc);
            }
        }
        acc.add(row, examples);
    }

    /** Adds everything {@code other} holds (for partitions aggregated separately). */
    public void merge(Clusters other) {
        for (Acc o : other.byBucket.values()) {
            Acc acc = byBucket.computeIfAbsent(o.bucket, Acc::new);
            acc.merge(o, examples);
        }
    }

    /** The clusters, largest first (then by bucket), with shares of {@code total} dumps. */
    public List<Cluster> clusters(long total) {
        List<Cluster> out = new ArrayList<>(byBucket.size());
        for (Acc a : byBucket.values()) {
            out.add(a.cluster(total));
        }
        out.sort(Comparator.comparingLong(Cluster::count).reversed().thenComparing(Cluster::bucket));
        return out;
    }

    /** (file, entry) order, a loose file before the entries of an archive of the same name. */
    private static final class ExampleOrder implements Comparator<Cluster.Example>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Cluster.Example a, Cluster.Example b) {
            int c = a.file().compareTo(b.file());
            if (c != 0 || Objects.equals(a.entry(), b.entry())) {
                return c;
            }
            return a.entry() == null ? -1 : b.entry() == null ? 1 : a.entry().compareTo(b.entry());
        }
    }

    /** OS builds in version order. */
    private static final class BuildOrder implements Comparator<String>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(String a, String b) {
            return compareBuilds(a, b);
        }
    }

    /** One bucket's accumulator. */
    private static final class Acc implements Serializable {
        private static final long serialVersionUID = 1L;

        final String bucket;
        long count;
        long flagged;
        Long first;
        Long last;
        final TreeSet<String> builds = new TreeSet<>(new BuildOrder());
        final TreeSet<Cluster.Example> examples = new TreeSet<>(EXAMPLE_ORDER);
        /** The row whose facts represent the cluster: the first in (file, entry) order. */
        Cluster.Example representative;
        String category;
        String culprit;
        String vendor;
        String knownIssue;
        String summary;

        Acc(String bucket) {
            this.bucket = bucket;
        }

        void add(DumpRow row, int max) {
            count++;
            if (row.flag()) {
                flagged++;
            }
            time(row.crashTime(), row.crashTime());
            build(row.osBuild());
            Cluster.Example ex = new Cluster.Example(row.file(), row.entry());
            example(ex, max);
            if (representative == null || EXAMPLE_ORDER.compare(ex, representative) < 0) {
                representative = ex;
                category = row.category();
                culprit = row.culprit();
                vendor = row.vendor();
                knownIssue = row.knownIssue();
                summary = row.summary();
            }
        }

        void merge(Acc o, int max) {
            count += o.count;
            flagged += o.flagged;
            time(o.first, o.last);
            o.builds.forEach(this::build);
            o.examples.forEach(e -> example(e, max));
            if (o.representative != null
                    && (representative == null || EXAMPLE_ORDER.compare(o.representative, representative) < 0)) {
                representative = o.representative;
                category = o.category;
                culprit = o.culprit;
                vendor = o.vendor;
                knownIssue = o.knownIssue;
                summary = o.summary;
            }
        }

        private void time(Long from, Long to) {
            if (from != null && (first == null || from < first)) {
                first = from;
            }
            if (to != null && (last == null || to > last)) {
                last = to;
            }
        }

        private void build(String b) {
            if (b != null) {
                builds.add(b);
                if (builds.size() > MAX_OS_BUILDS) {
                    builds.pollLast();
                }
            }
        }

        private void example(Cluster.Example e, int max) {
            if (max == 0) {
                return;
            }
            examples.add(e);
            if (examples.size() > max) {
                examples.pollLast();
            }
        }

        Cluster cluster(long total) {
            double share = total <= 0 ? 0 : (double) count / total;
            return new Cluster(bucket, count, share, category, flagged == count && count > 0, flagged, culprit, vendor,
                    knownIssue, summary, first, last, List.copyOf(builds), List.copyOf(examples));
        }
    }

    /** {@code 10.0.9200} before {@code 10.0.19045}: numeric by part. */
    static int compareBuilds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareNumber(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length) != 0 ? Integer.compare(x.length, y.length) : a.compareTo(b);
    }

    private static int compareNumber(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return Objects.compare(a, b, Comparator.naturalOrder());
        }
    }
}
