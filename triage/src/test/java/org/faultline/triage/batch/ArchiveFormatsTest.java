package org.faultline.triage.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A folder and every archive kind give the same rows and clusters as the loose sample dumps. */
class ArchiveFormatsTest {
    @TempDir
    static Path dir;

    static Map<String, byte[]> samples;
    static Collect loose;

    @BeforeAll
    static void looseFiles() throws Exception {
        samples = Archives.samples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(11);
        Path folder = Files.createDirectories(dir.resolve("loose"));
        for (Map.Entry<String, byte[]> e : samples.entrySet()) {
            Files.write(folder.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(folder.resolve("README.txt"), "not a dump");
        loose = Collect.run(folder);
        assertThat(loose.result.summary().dumps()).isEqualTo(samples.size());
        assertThat(loose.result.summary().failed()).isZero();
        assertThat(loose.result.summary().skipped()).isEqualTo(1);
    }

    /** Everything but the place: what must not change between a loose file and the same bytes in an archive. */
    record Facts(String bucket, String category, String confidence, boolean flag, String culprit, String vendor,
                 Long crashTime, String osBuild, String knownIssue, String summary, long size) {
        static Facts of(DumpRow r) {
            return new Facts(r.bucket(), r.category(), r.confidence(), r.flag(), r.culprit(), r.vendor(), r.crashTime(),
                    r.osBuild(), r.knownIssue(), r.summary(), r.size());
        }
    }

    /** A cluster without its examples (their file names differ by construction). */
    record Shape(String bucket, long count, double share, String category, boolean flag, long flagged, String culprit,
                 String vendor, Long first, Long last, List<String> builds) {
        static List<Shape> of(FleetResult r) {
            return r.clusters().stream().map(c -> new Shape(c.bucket(), c.count(), c.share(), c.category(), c.flag(),
                    c.flagged(), c.culprit(), c.vendor(), c.firstCrash(), c.lastCrash(), c.osBuilds())).toList();
        }
    }

    static Stream<Arguments> archives() throws Exception {
        Map<String, byte[]> s = Archives.samples();
        Map<String, byte[]> inFolders = new LinkedHashMap<>();
        s.forEach((k, v) -> inFolders.put("host-" + k.length() + "/Minidump/" + k, v));
        byte[] tar = Archives.tar(inFolders);
        return Stream.of(
                Arguments.of("fleet.zip", Archives.zip(inFolders)),
                Arguments.of("stored.zip", Archives.zip(s, ZipArchiveEntry.STORED)),
                Arguments.of("fleet.7z", Archives.sevenZ(inFolders)),
                Arguments.of("fleet.tar", tar),
                Arguments.of("fleet.tgz", Archives.gzip(tar, null)),
                Arguments.of("fleet.tar.bz2", Archives.bzip2(tar)),
                Arguments.of("fleet.tar.xz", Archives.xz(tar)),
                Arguments.of("zip-in-zip.zip", Archives.zip(Archives.of("batch1.zip", Archives.zip(inFolders)))),
                Arguments.of("tgz-in-zip.zip", Archives.zip(Archives.of("batch1.tar.gz", Archives.gzip(tar, null)))),
                Arguments.of("7z-in-tar.tar", Archives.tar(Archives.of("batch1.7z", Archives.sevenZ(s)))),
                // no dump signature in the names: a dump is a dump by its bytes
                Arguments.of("no-extensions", Archives.zip(renamed(s))));
    }

    private static Map<String, byte[]> renamed(Map<String, byte[]> s) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        s.forEach((k, v) -> m.put("file-" + k.replace(".dmp", ""), v));
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archives")
    void archiveGivesTheLooseFilesResults(String name, byte[] archive) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, archive);
        Collect c = Collect.run(file);
        assertThat(c.result.summary())
                .isEqualTo(new FleetResult.Summary(samples.size(), 0, 0, loose.result.summary().flagged()));
        assertThat(Shape.of(c.result)).isEqualTo(Shape.of(loose.result));
        assertThat(c.result.headline()).isEqualTo(loose.result.headline());
        for (String sample : samples.keySet()) {
            String key = name.equals("no-extensions") ? "file-" + sample.replace(".dmp", "") : sample;
            DumpRow row = c.row(key);
            assertThat(row.file()).isEqualTo(file.toString());
            assertThat(row.entry()).isNotNull().endsWith(key);
            assertThat(Facts.of(row)).as(key).isEqualTo(Facts.of(loose.row(sample)));
        }
    }

    @Test
    void nestedEntriesAreNamedOuterBangInner() throws Exception {
        Path file = dir.resolve("named.zip");
        Files.write(file, Archives.zip(Archives.of("logs/batch1.zip",
                Archives.zip(Archives.of("host1/MEMORY.DMP", samples.get("crowdstrike-csagent-2024-07-19.dmp"))))));
        Collect c = Collect.run(file);
        assertThat(c.rows).singleElement().satisfies(r -> {
            assertThat(r.entry()).isEqualTo("logs/batch1.zip!host1/MEMORY.DMP");
            assertThat(r.bucket()).isEqualTo("AV_R_INVALID_csagent!unknown_function");
        });
    }

    @Test
    void singleFileCompressorsHoldOneDump() throws Exception {
        byte[] dump = samples.get("crowdstrike-csagent-2024-07-19.dmp");
        Files.write(dir.resolve("MEMORY.DMP.gz"), Archives.gzip(dump, "MEMORY.DMP"));
        Files.write(dir.resolve("host2.dmp.xz"), Archives.xz(dump));
        Files.write(dir.resolve("host3.dmp.bz2"), Archives.bzip2(dump));
        Facts want = Facts.of(loose.row("crowdstrike-csagent-2024-07-19.dmp"));
        Collect c = Collect.run(dir.resolve("MEMORY.DMP.gz"), dir.resolve("host2.dmp.xz"), dir.resolve("host3.dmp.bz2"));
        assertThat(c.rows).hasSize(3).allSatisfy(r -> assertThat(Facts.of(r)).isEqualTo(want));
        assertThat(c.rows).extracting(DumpRow::entry).containsExactlyInAnyOrder("MEMORY.DMP", "host2.dmp", "host3.dmp");
    }

    @Test
    void progressCountsEveryByteOfTheInputsOnce() throws Exception {
        Path zip = dir.resolve("progress.zip");
        Files.write(zip, Archives.zip(samples));
        java.util.concurrent.atomic.AtomicReference<BatchListener.Progress> last = new java.util.concurrent.atomic.AtomicReference<>();
        Collect c = Collect.run(FleetTriage.standard(), BatchOptions.defaults().withJobs(2).withListener(last::set),
                zip, dir.resolve("loose"));
        long total;
        try (Stream<Path> files = Files.list(dir.resolve("loose"))) {
            total = Files.size(zip) + files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(last.get().bytesTotal()).isEqualTo(total);
        assertThat(last.get().bytesRead()).isEqualTo(total);
        assertThat(last.get().dumps()).isEqualTo(2L * samples.size());
        assertThat(c.rows).hasSize(2 * samples.size());
    }

    @Test
    void oneJobKeepsTheInputOrder() throws Exception {
        Collect c = Collect.run(FleetTriage.standard(), BatchOptions.defaults().withJobs(1), dir.resolve("loose"));
        assertThat(c.rows).extracting(r -> Path.of(r.file()).getFileName().toString())
                .containsExactlyElementsOf(samples.keySet());
    }

    @Test
    void bytesInMemoryGiveTheSameRows() throws Exception {
        FleetTriage triage = FleetTriage.standard();
        List<DumpRow> rows = triage.rows("fleet.zip", Archives.zip(samples));
        assertThat(rows).hasSize(samples.size());
        for (DumpRow r : rows) {
            assertThat(Facts.of(r)).isEqualTo(Facts.of(loose.row(r.entry())));
        }
        DumpRow one = triage.dump("a.dmp", samples.get("ntfs-access-violation.dmp"));
        assertThat(Facts.of(one)).isEqualTo(Facts.of(loose.row("ntfs-access-violation.dmp")));
        assertThat(triage.rows("notes.txt", "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isEmpty();
        Path local = dir.resolve("copied-from-object-store.tgz");
        Files.write(local, Archives.gzip(Archives.tar(samples), null));
        List<DumpRow> fromFile = triage.rows("s3://fleet/july19/batch7.tgz", local);
        assertThat(fromFile).hasSize(samples.size()).allSatisfy(r -> {
            assertThat(r.file()).isEqualTo("s3://fleet/july19/batch7.tgz");
            assertThat(Facts.of(r)).isEqualTo(Facts.of(loose.row(r.entry())));
        });
    }
}
