package org.faultline.triage.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and damaged archives: each is refused (or reported) with its own message, the batch goes on, memory stays
 * within the limits and nothing is left on disk.
 */
class HostileArchiveTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    static Map<String, byte[]> samples;

    @BeforeAll
    static void load() throws Exception {
        samples = Archives.samples();
    }

    /** What a reader run saw, with the memory budget it used. */
    record Seen(List<DumpRow> rows, List<String> skipped, MemoryBudget budget, Path spill) {
        DumpRow row(String entrySuffix) {
            List<DumpRow> f = rows.stream().filter(r -> r.entry() != null && r.entry().endsWith(entrySuffix)).toList();
            assertThat(f).as(entrySuffix + " in " + rows).hasSize(1);
            return f.get(0);
        }
    }

    /** Runs the reader alone (single-threaded, analysing inline) so the budget and spill folder can be inspected. */
    Seen read(Limits limits, long budgetBytes, Path file) throws Exception {
        FleetTriage triage = new FleetTriage(DumpAnalysis.standard(false), limits);
        List<DumpRow> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        MemoryBudget budget = new MemoryBudget(budgetBytes);
        Path spillParent = Files.createDirectories(dir.resolve("spill"));
        try (SpillArea spill = new SpillArea(spillParent)) {
            FleetReader reader = new FleetReader(limits, budget, spill, () -> false, new FleetReader.Events() {
                @Override
                public void dump(String f, String entry, DumpWork work) {
                    try (work) {
                        rows.add(triage.dump(f, entry, work.open()));
                    } catch (org.faultline.dump.io.DumpAccessException e) {
                        throw new AssertionError(e);
                    }
                }

                @Override
                public void failed(String f, String entry, long size, DumpError error) {
                    rows.add(DumpRow.failed(f, entry, size, error));
                }

                @Override
                public void skipped(String f, String entry) {
                    skipped.add(entry == null ? f : entry);
                }

                @Override
                public void progress(long bytes) {
                }
            });
            reader.path(file);
        }
        assertThat(budget.used()).as("every reservation released").isZero();
        try (Stream<Path> left = Files.list(spillParent)) {
            assertThat(left).as("nothing left in the temporary folder").isEmpty();
        }
        return new Seen(rows, skipped, budget, spillParent);
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void damagedDumpInsideAZipIsReportedAndTheRestIsRead() throws Exception {
        byte[] good = samples.get("crowdstrike-csagent-2024-07-19.dmp");
        Path zip = write("mixed.zip", Archives.zip(Archives.of(
                "host1/MEMORY.DMP", good,
                "host2/cut.dmp", Arrays.copyOf(samples.get("ntfs-access-violation.dmp"), 0x1000),
                "host3/mdmp-header-only.dmp", Arrays.copyOf(samples.get("contoso-usermode-read-av.dmp"), 40),
                "host4/notes.txt", "not a dump".getBytes(StandardCharsets.US_ASCII),
                "host5/MEMORY.DMP", good)));
        Collect c = Collect.run(zip);
        assertThat(c.result.summary()).isEqualTo(new FleetResult.Summary(4, 2, 1, 2));
        assertThat(c.row("host2/cut.dmp").error().code()).isIn("TRUNCATED", "OUT_OF_BOUNDS");
        assertThat(c.row("host2/cut.dmp").error().message()).contains("@0x");
        assertThat(c.row("host3/mdmp-header-only.dmp").error().code()).isEqualTo("TRUNCATED");
        assertThat(c.row("host1/MEMORY.DMP").bucket()).isEqualTo("AV_R_INVALID_csagent!unknown_function");
        assertThat(c.result.clusters()).singleElement().satisfies(cl -> assertThat(cl.count()).isEqualTo(2));
        assertThat(c.result.failures()).hasSize(2);
    }

    @Test
    void zipBombHugeEntryIsRefusedAtTheEntrySizeLimitInBoundedMemory() throws Exception {
        // 64 MiB of zeros behind a kernel dump signature: a 64 KiB zip. Ratio check off, entry limit 8 MiB, at most
        // 2 MiB in memory (the rest spills to the private temporary folder, then is deleted).
        Path zip = write("bomb.zip", Archives.zipBomb("MEMORY.DMP", 64 * MIB, "PAGEDU64"));
        assertThat(Files.size(zip)).isLessThan(MIB);
        Limits limits = Limits.defaults().withMaxRatio(1e9).withMaxEntrySize(8 * MIB).withInMemory(2 * MIB);
        Seen s = read(limits, 4 * MIB, zip);
        assertThat(s.rows()).singleElement().satisfies(r -> {
            assertThat(r.error().code()).isEqualTo(DumpError.ENTRY_TOO_LARGE);
            assertThat(r.error().message()).contains("larger than 8 MiB (the entry size limit)")
                    .contains("the rest of the archive was not read");
            assertThat(r.entry()).isEqualTo("MEMORY.DMP");
        });
        assertThat(s.budget().peak()).isLessThanOrEqualTo(2 * MIB);
    }

    @Test
    void declaredHugeEntryIsRefusedBeforeReading() throws Exception {
        // A tar header claiming 100 GiB, and 10 bytes of data: tiny archive, huge entry.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry("MEMORY.DMP");
            e.setSize(100L << 30);
            byte[] header = new byte[512];
            // star mode: a size beyond the 11 octal digits is written in binary (base-256), as GNU tar does
            e.writeEntryHeader(header, org.apache.commons.compress.archivers.zip.ZipEncodingHelper.getZipEncoding("UTF-8"), true);
            gz.write(header);
            gz.write("PAGEDU64\0\0".getBytes(StandardCharsets.US_ASCII));
        }
        Path tgz = write("claims.tgz", bytes.toByteArray());
        Seen s = read(Limits.defaults(), 64 * MIB, tgz);
        assertThat(s.rows()).singleElement().satisfies(r -> {
            assertThat(r.error().code()).isEqualTo(DumpError.ENTRY_TOO_LARGE);
            assertThat(r.error().message()).startsWith("the entry declares 107374182400 bytes, more than 64 GiB");
        });
        assertThat(s.budget().peak()).isZero();
    }

    @Test
    void aLyingDeclaredSizeDoesNotSizeTheBuffer() throws Exception {
        // The header claims 100 MiB (within every limit); ten bytes follow, then the archive ends.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry("MEMORY.DMP");
            e.setSize(100 * MIB);
            byte[] header = new byte[512];
            e.writeEntryHeader(header);
            gz.write(header);
            gz.write("PAGEDU64\0\0".getBytes(StandardCharsets.US_ASCII));
        }
        Seen s = read(Limits.defaults(), 512 * MIB, write("liar.tgz", bytes.toByteArray()));
        assertThat(s.rows()).singleElement().satisfies(r -> {
            assertThat(r.error().code()).isEqualTo(DumpError.ARCHIVE_UNREADABLE);
            assertThat(r.error().message()).startsWith("cannot read the archive: ");
        });
        assertThat(s.budget().peak()).isLessThanOrEqualTo(8 * MIB);
    }

    @Test
    void ratioBombIsRefusedOnceTheGraceIsSpent() throws Exception {
        Path zip = write("ratio.zip", Archives.zipBomb("a/MEMORY.DMP", 256 * MIB, "PAGEDU64"));
        Seen s = read(Limits.defaults(), 64 * MIB, zip);
        assertThat(s.rows()).singleElement().satisfies(r -> {
            assertThat(r.error().code()).isEqualTo(DumpError.RATIO_TOO_HIGH);
            assertThat(r.error().message()).startsWith("the entry expands more than 200:1")
                    .contains("a compression bomb");
        });
        // Stopped a buffer after the 4 MiB grace: the buffer never grew past 8 MiB.
        assertThat(s.budget().peak()).isLessThanOrEqualTo(8 * MIB);
    }

    @Test
    void ratioBombInAGzipIsRefusedToo() throws Exception {
        Path gz = write("MEMORY.DMP.gz", Archives.zerosDump(256 * MIB, "PAGEDU64", GzipCompressorOutputStream::new));
        Seen s = read(Limits.defaults(), 64 * MIB, gz);
        assertThat(s.rows()).singleElement().satisfies(r -> assertThat(r.error().code()).isEqualTo(DumpError.RATIO_TOO_HIGH));
    }

    @Test
    void tooDeepNestingIsRefusedAndTheLevelAboveIsRead() throws Exception {
        byte[] dump = samples.get("crowdstrike-csagent-2024-07-19.dmp");
        byte[] level2 = Archives.zip(Archives.of("deepest.dmp", dump));
        byte[] level1 = Archives.zip(Archives.of("inner.dmp", dump, "level2.zip", level2));
        Path zip = write("nested.zip", Archives.zip(Archives.of("level1.zip", level1, "top.dmp", dump)));
        Seen s = read(Limits.defaults(), 64 * MIB, zip);
        assertThat(s.row("level1.zip!level2.zip").error()).satisfies(e -> {
            assertThat(e.code()).isEqualTo(DumpError.NESTED_TOO_DEEP);
            assertThat(e.message()).isEqualTo("an archive nested more than 1 level deep (the nesting limit); not read");
        });
        assertThat(s.row("level1.zip!inner.dmp").bucket()).isEqualTo("AV_R_INVALID_csagent!unknown_function");
        assertThat(s.row("top.dmp").error()).isNull();
        assertThat(s.rows()).hasSize(3);
    }

    @Test
    void pathTraversalNamesAreRefusedAndNeverUsedAsPaths() throws Exception {
        byte[] dump = samples.get("contosoflt-read-oob.dmp");
        Path zip = write("traversal.zip", Archives.zip(Archives.of(
                "../../../../tmp/evil.dmp", dump, "/etc/cron.d/evil.dmp", dump, "..\\..\\windows\\evil.dmp", dump,
                "C:/Windows/evil.dmp", dump, "fine/..hidden..dmp", dump)));
        Seen s = read(Limits.defaults(), 64 * MIB, zip);
        assertThat(s.rows()).hasSize(5);
        // (the zip reader turns the backslashes into slashes)
        for (String bad : List.of("../../../../tmp/evil.dmp", "/etc/cron.d/evil.dmp", "../../windows/evil.dmp",
                "C:/Windows/evil.dmp")) {
            assertThat(s.row(bad).error()).satisfies(e -> {
                assertThat(e.code()).isEqualTo(DumpError.PATH_TRAVERSAL);
                assertThat(e.message()).contains("climbs out of the archive");
            });
        }
        assertThat(s.row("fine/..hidden..dmp").error()).isNull();
        assertThat(Path.of("/tmp/evil.dmp")).doesNotExist();
        assertThat(s.budget().peak()).isLessThan(MIB);
    }

    @Test
    void entryNamesAreEscaped() throws Exception {
        byte[] dump = samples.get("contosoflt-read-oob.dmp");
        Path zip = write("names.zip", Archives.zip(Archives.of("evil\u202Egnp.dmp", dump, "line\nbreak.dmp", dump)));
        Collect c = Collect.run(zip);
        assertThat(c.rows).extracting(DumpRow::entry)
                .containsExactlyInAnyOrder("evil\\u202egnp.dmp", "line\\u000abreak.dmp");
    }

    @Test
    void tooManyEntriesStopTheArchive() throws Exception {
        byte[] dump = samples.get("contoso-usermode-read-av.dmp");
        Map<String, byte[]> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            many.put("d" + i + ".dmp", dump);
        }
        Path zip = write("many.zip", Archives.zip(many));
        Seen s = read(Limits.defaults().withMaxEntries(5), 64 * MIB, zip);
        assertThat(s.rows()).hasSize(6);
        assertThat(s.row("d5.dmp").error()).satisfies(e -> {
            assertThat(e.code()).isEqualTo(DumpError.TOO_MANY_ENTRIES);
            assertThat(e.message()).startsWith("the archive holds more than 5 entries");
        });
    }

    @Test
    void totalSizeStopsTheArchive() throws Exception {
        Path zip = write("big.zip", Archives.zip(samples));
        Seen s = read(Limits.defaults().withMaxTotalSize(300_000), 64 * MIB, zip);
        assertThat(s.rows().get(s.rows().size() - 1).error().code()).isEqualTo(DumpError.TOTAL_TOO_LARGE);
        assertThat(s.rows().stream().filter(r -> r.error() == null).count()).isBetween(1L, 3L);
    }

    @Test
    void dumpsTooBigForMemorySpillToAPrivateFileThatIsDeleted() throws Exception {
        Path zip = write("spill.zip", Archives.zip(samples));
        Seen inMemory = read(Limits.defaults(), 64 * MIB, zip);
        Seen spilled = read(Limits.defaults().withInMemory(64 * 1024), 64 * MIB, zip);
        assertThat(spilled.budget().peak()).isLessThanOrEqualTo(64 * 1024);
        assertThat(spilled.rows()).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            DumpRow a = inMemory.rows().get(i);
            DumpRow b = spilled.rows().get(i);
            assertThat(b.entry()).isEqualTo(a.entry());
            assertThat(ArchiveFormatsTest.Facts.of(b)).isEqualTo(ArchiveFormatsTest.Facts.of(a));
        }
    }

    @Test
    void spillFolderIsPrivate() throws Exception {
        try (SpillArea spill = new SpillArea(dir)) {
            Path f = spill.newFile();
            assertThat(f.getParent().getParent()).isEqualTo(dir);
            assertThat(f.getFileName().toString()).startsWith("dump-").endsWith(".tmp");
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())))
                        .isEqualTo("rwx------");
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .isEqualTo("rw-------");
            }
            SpillArea.delete(f);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void damagedArchiveIsReportedAndTheBatchGoesOn() throws Exception {
        byte[] zip = Archives.zip(samples);
        Path cut = write("cut.zip", Arrays.copyOf(zip, zip.length / 3));
        Path garbage = write("garbage.7z", Arrays.copyOf("7z\u00bc\u00af\u0027\u001c".getBytes(StandardCharsets.ISO_8859_1), 64));
        Path good = write("good.dmp", samples.get("ntfs-access-violation.dmp"));
        Collect c = Collect.run(cut, garbage, good);
        assertThat(c.rows).filteredOn(r -> r.file().equals(good.toString())).singleElement()
                .satisfies(r -> assertThat(r.error()).isNull());
        assertThat(c.rows).filteredOn(r -> r.file().equals(garbage.toString())).singleElement()
                .satisfies(r -> assertThat(r.error().code()).isEqualTo(DumpError.ARCHIVE_UNREADABLE));
        assertThat(c.rows).filteredOn(r -> r.file().equals(cut.toString()))
                .anySatisfy(r -> assertThat(r.error()).isNull())
                .anySatisfy(r -> assertThat(r.error()).isNotNull()
                        .satisfies(e -> assertThat(e.code()).isIn(DumpError.ARCHIVE_UNREADABLE, "TRUNCATED")));
    }

    @Test
    void tarLinksAreNotFollowed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry link = new TarArchiveEntry("link.dmp", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        Seen s = read(Limits.defaults(), 64 * MIB, write("links.tar", bytes.toByteArray()));
        assertThat(s.rows()).isEmpty();
        assertThat(s.skipped()).containsExactly("link.dmp");
    }

    @Test
    void escapesRecognisesClimbingAndAbsoluteNames() {
        assertThat(FleetReader.escapes("a/../../b")).isTrue();
        assertThat(FleetReader.escapes("..")).isTrue();
        assertThat(FleetReader.escapes("/abs")).isTrue();
        assertThat(FleetReader.escapes("D:evil")).isTrue();
        assertThat(FleetReader.escapes("a\\..\\b")).isTrue();
        assertThat(FleetReader.escapes("a/b..c/d.dmp")).isFalse();
        assertThat(FleetReader.escapes("./a.dmp")).isFalse();
    }
}
