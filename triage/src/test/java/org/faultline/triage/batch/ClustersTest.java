package org.faultline.triage.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cluster aggregates do not depend on the order rows arrive in, and partitions merge to the same result. */
class ClustersTest {

    static DumpRow row(String file, String bucket, boolean flag, Long time, String build) {
        return new DumpRow(file, null, 100, null, "kernel-triage", bucket, "READ_OUT_OF_BOUNDS", "high", flag,
                "csagent.sys", "CrowdStrike Ltd.", time, build, null, "summary of " + file, null);
    }

    static List<DumpRow> fleet() {
        List<DumpRow> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(row(String.format("m%03d.dmp", i), "AV_R_INVALID_csagent!unknown_function", true,
                    1_721_360_000L + i * 10L, i % 3 == 0 ? "10.0.22631" : "10.0.19045"));
        }
        for (int i = 0; i < 40; i++) {
            rows.add(row(String.format("n%03d.dmp", i), "AV_NULL_R_fabrikamndis!unknown_function", false, null, "10.0.9200"));
        }
        rows.add(DumpRow.failed("bad.dmp", null, 0, new DumpError("TRUNCATED", "x @0x0: cut")));
        return rows;
    }

    @Test
    void orderDoesNotMatterAndPartitionsMerge() {
        List<DumpRow> rows = fleet();
        Clusters inOrder = new Clusters(3);
        rows.forEach(inOrder::add);
        List<DumpRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(7));
        Clusters a = new Clusters(3);
        Clusters b = new Clusters(3);
        for (int i = 0; i < shuffled.size(); i++) {
            (i % 2 == 0 ? a : b).add(shuffled.get(i));
        }
        a.merge(b);
        assertThat(a.clusters(rows.size())).isEqualTo(inOrder.clusters(rows.size()));
    }

    @Test
    void partialAggregatesSurviveSerialization() throws Exception {
        Clusters c = new Clusters(3);
        fleet().forEach(c::add);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        Clusters back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Clusters) in.readObject();
        }
        assertThat(back.clusters(541)).isEqualTo(c.clusters(541));
        back.add(row("a.dmp", "AV_R_INVALID_csagent!unknown_function", true, 1L, "10.0.1"));
        assertThat(back.clusters(542).get(0).examples().get(0).file()).isEqualTo("a.dmp");
    }

    @Test
    void aggregatesCountsTimesBuildsAndExamples() {
        Clusters c = new Clusters(2);
        fleet().forEach(c::add);
        List<Cluster> all = c.clusters(541);
        assertThat(all).extracting(Cluster::bucket).containsExactly("AV_R_INVALID_csagent!unknown_function",
                "AV_NULL_R_fabrikamndis!unknown_function");
        Cluster top = all.get(0);
        assertThat(top.count()).isEqualTo(500);
        assertThat(top.share()).isEqualTo(500.0 / 541);
        assertThat(top.flag()).isTrue();
        assertThat(top.flagged()).isEqualTo(500);
        assertThat(top.firstCrash()).isEqualTo(1_721_360_000L);
        assertThat(top.lastCrash()).isEqualTo(1_721_360_000L + 4990);
        assertThat(top.osBuilds()).containsExactly("10.0.19045", "10.0.22631");
        assertThat(top.examples()).extracting(Cluster.Example::file).containsExactly("m000.dmp", "m001.dmp");
        assertThat(top.summary()).isEqualTo("summary of m000.dmp");
        assertThat(all.get(1).firstCrash()).isNull();
        assertThat(Clusters.compareBuilds("10.0.9200", "10.0.19045")).isNegative();
    }

    @Test
    void headlineAnswersTheQuestion() {
        Clusters c = new Clusters(3);
        List<DumpRow> rows = fleet();
        rows.forEach(c::add);
        FleetResult r = new FleetResult(new FleetResult.Summary(541, 1, 12, 500), c.clusters(541), List.of(),
                java.time.Duration.ZERO);
        assertThat(r.headline()).isEqualTo("500 of 541 dumps (92.4%) are AV_R_INVALID_csagent!unknown_function: read out"
                + " of bounds in csagent.sys (CrowdStrike Ltd.), third-party filter driver");
        assertThat(r.flaggedLine()).isEqualTo("500 of 541 dumps (92.4%) are a read out of bounds in a third-party"
                + " filter driver.");
        FleetResult none = new FleetResult(new FleetResult.Summary(0, 0, 3, 0), List.of(), List.of(), java.time.Duration.ZERO);
        assertThat(none.headline()).isEqualTo("No crash dumps found (3 other files skipped).");
    }
}
