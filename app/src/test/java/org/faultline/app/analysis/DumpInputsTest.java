package org.faultline.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.faultline.app.gui.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpInputsTest {
    @TempDir
    Path dir;

    private DumpInputs inputs() {
        return new DumpInputs(dir.resolve("scratch"));
    }

    private static List<String> names(DumpInputs.Expansion x) {
        return x.inputs().stream().map(DumpInput::displayPath).toList();
    }

    @Test
    void foldersAreSearchedForDumpsInNameOrder() throws Exception {
        Path f = Files.createDirectories(dir.resolve("in/sub"));
        Files.copy(TestFiles.sample(TestFiles.USERMODE), dir.resolve("in/b.dmp"));
        Files.copy(TestFiles.sample(TestFiles.USERMODE), f.resolve("A.DMP"));
        Files.writeString(dir.resolve("in/notes.txt"), "x");
        DumpInputs.Expansion x = inputs().expand(List.of(dir.resolve("in")), () -> false);
        assertThat(names(x)).containsExactly(dir.resolve("in/b.dmp").toString(), f.resolve("A.DMP").toString());
        assertThat(x.problems()).isEmpty();
    }

    @Test
    void aNamedFileIsKeptWhateverItsName() {
        Path odd = dir.resolve("crash.bin");
        DumpInputs.Expansion x = inputs().expand(List.of(odd), () -> false);
        assertThat(names(x)).containsExactly(odd.toString());
    }

    @Test
    void aZipBombIsRefusedBeforeItFillsTheScratchFolder() throws Exception {
        // 32 MiB of zeros behind an MDMP signature deflate to about 32 KiB: far past triage's 200:1 ratio limit
        // (checked once 4 MiB are out).
        Path zip = dir.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("huge.dmp"));
            z.write("MDMP".getBytes(StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 32; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertThat(Files.size(zip)).isLessThan(1L << 20);
        DumpInputs.Expansion x = inputs().expand(List.of(zip), () -> false);
        assertThat(x.inputs()).isEmpty();
        assertThat(x.problems()).singleElement().asString()
                .startsWith(zip + ": cannot read the archive (refused: it expands more than 200 times its size");
        try (java.util.stream.Stream<Path> left = Files.list(dir.resolve("scratch"))) {
            assertThat(left).as("the partial entry is deleted").isEmpty();
        }
    }

    @Test
    void zipEntriesAreExtractedByNameOrSignatureAndNeverOutsideTheScratchFolder() throws Exception {
        Path zip = dir.resolve("a.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("../../evil/../x.dmp"));
            Files.copy(TestFiles.sample(TestFiles.USERMODE), z);
            z.putNextEntry(new ZipEntry("dir/no-extension"));
            Files.copy(TestFiles.sample(TestFiles.USERMODE), z);
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        DumpInputs.Expansion x = inputs().expand(List.of(zip), () -> false);
        assertThat(names(x)).containsExactly(zip + "!/../../evil/../x.dmp", zip + "!/dir/no-extension");
        for (DumpInput i : x.inputs()) {
            assertThat(i.path().toAbsolutePath().normalize()).startsWith(dir.resolve("scratch").toAbsolutePath());
            assertThat(Files.size(i.path())).isEqualTo(Files.size(TestFiles.sample(TestFiles.USERMODE)));
        }
        assertThat(x.inputs().get(0).fileName()).isEqualTo("x.dmp");
    }

    @Test
    void tarGzAndGz() throws Exception {
        Path tgz = dir.resolve("b.tar.gz");
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(tgz)))) {
            TarArchiveEntry e = new TarArchiveEntry("crash/one.dmp");
            e.setSize(Files.size(TestFiles.sample(TestFiles.USERMODE)));
            t.putArchiveEntry(e);
            Files.copy(TestFiles.sample(TestFiles.USERMODE), t);
            t.closeArchiveEntry();
        }
        Path gz = dir.resolve("MEMORY.DMP.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(TestFiles.sample(TestFiles.CSAGENT), o);
        }
        DumpInputs.Expansion x = inputs().expand(List.of(tgz, gz), () -> false);
        assertThat(names(x)).containsExactly(tgz + "!/crash/one.dmp", gz + "!/MEMORY.DMP");
    }

    @Test
    void aBrokenArchiveIsAProblemNotACrash() throws Exception {
        Path zip = dir.resolve("broken.zip");
        Files.writeString(zip, "PK but not really");
        DumpInputs.Expansion x = inputs().expand(List.of(zip), () -> false);
        assertThat(x.inputs()).isEmpty();
        assertThat(x.problems()).singleElement().asString().startsWith(zip + ": cannot read the archive");
    }

    @Test
    void cancellingStopsTheSearch() throws Exception {
        Files.copy(TestFiles.sample(TestFiles.USERMODE), dir.resolve("a.dmp"));
        assertThat(inputs().expand(List.of(dir), () -> true).inputs()).isEmpty();
    }

    @Test
    void safeNames() {
        assertThat(DumpInputs.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(DumpInputs.safeName("a\\b\\c d.dmp")).isEqualTo("c_d.dmp");
        assertThat(DumpInputs.safeName("..")).isEqualTo("entry");
        assertThat(DumpInputs.safeName("dir/")).isEqualTo("entry");
    }

    @Test
    void theBundledSampleIsInTheJar() throws Exception {
        try (var s = DumpInput.sample().open()) {
            assertThat(s.size()).isEqualTo(Files.size(TestFiles.sample(TestFiles.CSAGENT)));
        }
        assertThat(DumpInput.sample().fileName()).isEqualTo(TestFiles.CSAGENT);
    }
}
