package org.faultline.symbols.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.DumpFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CabFileTest {

    private static byte[] extract(CabFile cab, CabFile.Member m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cab.extract(m, out, CabFile.DEFAULT_MAX_OUTPUT, CancellationToken.none());
        return out.toByteArray();
    }

    private static byte[] expandOnly(byte[] cabBytes) throws Exception {
        CabFile cab = CabFile.read(new ArrayByteSource(cabBytes, "test.cab"));
        return extract(cab, cab.members().get(0));
    }

    // ---- real cabinets (PROVENANCE §1, §8, §9; cabextract is the oracle) ----

    @Test
    void exeCopyExpandsToThePlainExe() throws Exception {
        Path ex = Fixtures.require(Fixtures.EXE_DIR + "/ShowSSEConfig.ex_");
        Path exe = Fixtures.require(Fixtures.EXE_DIR + "/ShowSSEConfig.exe");
        try (CabFile cab = CabFile.open(ex)) {
            assertThat(cab.folders()).hasSize(1);
            assertThat(cab.folders().get(0).compression()).isEqualTo(CabFile.Compression.MSZIP);
            assertThat(cab.folders().get(0).dataBlocks()).isEqualTo(1);
            assertThat(cab.members()).singleElement().satisfies(m -> {
                assertThat(m.name()).isEqualTo("ShowSSEConfig.exe");
                assertThat(m.size()).isEqualTo(11264);
            });
            byte[] out = extract(cab, cab.members().get(0));
            assertThat(out).isEqualTo(Files.readAllBytes(exe));
            assertThat(Fixtures.sha256(out)).isEqualTo(Fixtures.EXE_SHA256);
        }
    }

    @Test
    void pdbCopyWithTwelveMszipBlocksKeepsTheWindowAcrossBlocks() throws Exception {
        Path pd = Fixtures.require(Fixtures.PDB_DIR + "/ShowSSEConfig.pd_");
        try (CabFile cab = CabFile.open(pd)) {
            assertThat(cab.folders().get(0).dataBlocks()).isEqualTo(12);
            CabFile.Member m = cab.memberFor("ShowSSEConfig.pdb");
            assertThat(m.size()).isEqualTo(372736);
            byte[] out = extract(cab, m);
            assertThat(out).hasSize(372736);
            assertThat(Fixtures.sha256(out)).isEqualTo(Fixtures.PD_SHA256);
        }
    }

    @Test
    void storedCabinetWithAFolderInTheMemberName() throws Exception {
        Path crash = Fixtures.require(
                "symbolicator/tests/fixtures/symbols/crash.pdb/3249D99D0C4049318610F4E4FB0B69361/crash.pdb");
        try (CabFile cab = CabFile.open(crash)) {
            assertThat(cab.folders().get(0).compression()).isEqualTo(CabFile.Compression.NONE);
            assertThat(cab.folders().get(0).dataBlocks()).isEqualTo(2);
            CabFile.Member m = cab.members().get(0);
            assertThat(m.name()).isEqualTo("debug/debug.pdb");
            assertThat(m.baseName()).isEqualTo("debug.pdb");
            assertThat(cab.memberFor("crash.pdb")).isSameAs(m);
            byte[] out = extract(cab, m);
            assertThat(out).hasSize(46361);
            assertThat(new String(out, 0, 80, StandardCharsets.US_ASCII))
                    .startsWith("MODULE windows x86 3249D99D0C4049318610F4E4FB0B69361 crash.pdb");
            var sym = org.faultline.samples.Corpus.symbolFixture("symbolic/windows/crash.sym");
            if (sym.isPresent()) {
                assertThat(out).isEqualTo(Files.readAllBytes(sym.get()));
            }
        }
    }

    @Test
    void lzxCabinetsAreListedButRefusedAsUnsupported() throws Exception {
        for (String arch : new String[] {"amd64", "i386"}) {
            String name = "targetapp_test_cv_allreg_" + arch;
            Path p = Fixtures.require("kdlibcpp/kdlib/tests/dumps/" + name + "/" + name + ".cab");
            try (CabFile cab = CabFile.open(p)) {
                assertThat(cab.folders().get(0).typeCompress()).isEqualTo(0x1503);
                assertThat(cab.folders().get(0).compression()).isEqualTo(CabFile.Compression.LZX);
                CabFile.Member m = cab.members().get(0);
                assertThat(m.name()).isEqualTo(name + ".dmp");
                assertThat(m.size()).isEqualTo(arch.equals("amd64") ? 20270 : 16727);
                assertThatThrownBy(() -> extract(cab, m))
                        .isInstanceOf(DumpFormatException.UnsupportedFormat.class)
                        .hasMessageContaining("LZX").hasMessageContaining("2^21")
                        .hasMessageContaining("CFFOLDER[0]");
            }
        }
    }

    // ---- synthetic cabinets ----

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (r.nextInt(16) + 'a'); // compressible, but not trivially
        }
        return b;
    }

    @Test
    void multiFileMultiFolderWithReserveAreas() throws Exception {
        byte[] a = bytes(70_000, 1);
        byte[] b = bytes(5, 2);
        byte[] c = new byte[0];
        byte[] d = bytes(40_000, 3);
        byte[] cab = new CabBuilder().reserve(6, 3, 2)
                .folder(1).file("dir\\a.pdb", a).file("b.txt", b).file("empty", c)
                .folder(0).file("d.bin", d)
                .build();
        CabFile f = CabFile.read(new ArrayByteSource(cab));
        assertThat(f.folders()).hasSize(2);
        assertThat(f.members()).extracting(CabFile.Member::name).containsExactly("dir\\a.pdb", "b.txt", "empty", "d.bin");
        assertThat(extract(f, f.members().get(0))).isEqualTo(a);
        assertThat(extract(f, f.members().get(1))).isEqualTo(b);
        assertThat(extract(f, f.members().get(2))).isEmpty();
        assertThat(extract(f, f.members().get(3))).isEqualTo(d);
        assertThat(f.memberFor("A.PDB")).isSameAs(f.members().get(0));
        assertThat(f.memberFor("nothing")).isNull();
    }

    @Test
    void smallBlocksCarryTheHistoryOverSeveralBlocks() throws Exception {
        byte[] data = bytes(200_000, 7);
        byte[] cab = new CabBuilder().blockSize(4096).folder(1).file("x.pdb", data).build();
        assertThat(expandOnly(cab)).isEqualTo(data);
    }

    @Test
    void notACabinet() {
        byte[] junk = "MZ this is no cabinet at all, just forty bytes".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> CabFile.read(new ArrayByteSource(junk)))
                .isInstanceOf(DumpFormatException.BadSignature.class).hasMessageContaining("CFHEADER @0x0");
    }

    @Test
    void spanningCabinetsAreUnsupported() {
        byte[] cab = new CabBuilder().flags(2).folder(1).file("x", bytes(10, 1)).build();
        assertThatThrownBy(() -> CabFile.read(new ArrayByteSource(cab)))
                .isInstanceOf(DumpFormatException.UnsupportedFormat.class).hasMessageContaining("spans");
    }

    @Test
    void checksumMismatchIsDetected() {
        byte[] cab = new CabBuilder().folder(0).file("x", bytes(1000, 1)).build();
        cab[cab.length - 10] ^= 0x01; // inside stored data, which has no other protection
        assertThatThrownBy(() -> expandOnly(cab))
                .isInstanceOf(DumpFormatException.InvalidValue.class).hasMessageContaining("checksum");
    }

    @Test
    void withoutChecksumsStoredDataIsTakenAsIs() throws Exception {
        byte[] data = bytes(1000, 1);
        byte[] cab = new CabBuilder().checksums(false).folder(0).file("x", data).build();
        assertThat(expandOnly(cab)).isEqualTo(data);
    }

    @Test
    void memberLargerThanItsFolderIsRefusedWhenOpened() {
        byte[] cab = new CabBuilder().folder(1).file("x", bytes(100, 1)).build();
        int coffFiles = u32(cab, 0x10);
        put32(cab, coffFiles, 1_000_000); // cbFile
        assertThatThrownBy(() -> CabFile.read(new ArrayByteSource(cab)))
                .isInstanceOf(DumpFormatException.InvalidValue.class)
                .hasMessageContaining("CFFILE[0]").hasMessageContaining("outside folder 0");
    }

    @Test
    void declaredCabinetSizeLargerThanTheFileIsTruncation() {
        byte[] cab = new CabBuilder().folder(1).file("x", bytes(100, 1)).build();
        put32(cab, 8, cab.length + 1);
        assertThatThrownBy(() -> CabFile.read(new ArrayByteSource(cab)))
                .isInstanceOf(DumpFormatException.Truncated.class).hasMessageContaining("cbCabinet");
    }

    @Test
    void foldersClaimingMoreBlocksThanFitAreRefusedBeforeScanning() {
        byte[] cab = new CabBuilder().folder(1).file("x", bytes(100, 1)).build();
        cab[36 + 4] = (byte) 0xFF;
        cab[36 + 5] = (byte) 0xFF; // cCFData 65535
        assertThatThrownBy(() -> CabFile.read(new ArrayByteSource(cab)))
                .isInstanceOf(DumpFormatException.InvalidValue.class).hasMessageContaining("data blocks");
    }

    @Test
    void mszipBlockMustStartWithCk() {
        byte[] cab = new CabBuilder().checksums(false).folder(1).file("x", bytes(100, 1)).build();
        int data = u32(cab, 36);
        cab[data + 8] = 'Q';
        assertThatThrownBy(() -> expandOnly(cab))
                .isInstanceOf(DumpFormatException.InvalidValue.class).hasMessageContaining("'CK'");
    }

    @Test
    void blockThatInflatesToMoreThanDeclaredIsRefused() {
        byte[] cab = new CabBuilder().checksums(false).folder(1).file("x", bytes(100, 1)).build();
        int data = u32(cab, 36);
        put16(cab, data + 6, 50); // cbUncomp 100 -> 50
        put32(cab, u32(cab, 0x10), 50); // and the file, so the header stays consistent
        assertThatThrownBy(() -> expandOnly(cab))
                .isInstanceOf(DumpFormatException.InvalidValue.class).hasMessageContaining("more than cbUncomp");
    }

    @Test
    void decompressionBombStopsAtTheLimitBeforeDecoding() throws Exception {
        byte[] zeros = new byte[8 << 20];
        byte[] cab = new CabBuilder().folder(1).file("bomb.pdb", zeros).build();
        assertThat(cab.length).isLessThan(200_000);
        CabFile f = CabFile.read(new ArrayByteSource(cab));
        CountingStream out = new CountingStream();
        assertThatThrownBy(() -> f.extract(f.members().get(0), out, 1 << 20, CancellationToken.none()))
                .isInstanceOf(DumpFormatException.InvalidValue.class).hasMessageContaining("limit");
        assertThat(out.count).isZero();
        // with room it expands
        f.extract(f.members().get(0), out, CabFile.DEFAULT_MAX_OUTPUT, CancellationToken.none());
        assertThat(out.count).isEqualTo(zeros.length);
    }

    @Test
    void cancellationStopsBetweenBlocks() throws Exception {
        byte[] cab = new CabBuilder().folder(1).file("x", bytes(100_000, 1)).build();
        CabFile f = CabFile.read(new ArrayByteSource(cab));
        assertThatThrownBy(() -> f.extract(f.members().get(0), new CountingStream(), CabFile.DEFAULT_MAX_OUTPUT,
                () -> true)).isInstanceOf(CancellationException.class);
    }

    @Test
    void extractToWritesAFile(@TempDir Path dir) throws Exception {
        byte[] data = bytes(50_000, 5);
        Path cabFile = dir.resolve("x.pd_");
        Files.write(cabFile, new CabBuilder().folder(1).file("x.pdb", data).build());
        assertThat(CabFile.isCabinet(cabFile)).isTrue();
        try (CabFile f = CabFile.open(cabFile)) {
            f.extractTo(f.members().get(0), dir.resolve("x.pdb"), CabFile.DEFAULT_MAX_OUTPUT, CancellationToken.none());
        }
        assertThat(Files.readAllBytes(dir.resolve("x.pdb"))).isEqualTo(data);
        Files.delete(cabFile); // closed: nothing holds the file
    }

    // ---- damage: every truncation and bit flip gives the typed error (or, rarely, still decodes) ----

    @Test
    void everyTruncationOfTheExeCopyIsATypedError() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.require(Fixtures.EXE_DIR + "/ShowSSEConfig.ex_"));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int len = 0; len < whole.length; len++) {
                byte[] cut = Arrays.copyOf(whole, len);
                assertThatThrownBy(() -> expandOnly(cut)).as("length %d", len).isInstanceOf(DumpFormatException.class);
            }
        });
    }

    @Test
    void bitFlipsGiveTypedErrorsInBoundedTime() throws Exception {
        byte[] ex = Files.readAllBytes(Fixtures.require(Fixtures.EXE_DIR + "/ShowSSEConfig.ex_"));
        byte[] pd = Files.readAllBytes(Fixtures.require(Fixtures.PDB_DIR + "/ShowSSEConfig.pd_"));
        byte[] stored = Files.readAllBytes(Fixtures.require(
                "symbolicator/tests/fixtures/symbols/crash.pdb/3249D99D0C4049318610F4E4FB0B69361/crash.pdb"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            int[] outcomes = new int[2];
            Random r = new Random(42);
            for (int i = 0; i < ex.length; i++) {
                flipAndExpand(ex, i, 1 << r.nextInt(8), outcomes);
            }
            for (int n = 0; n < 1500; n++) {
                flipAndExpand(stored, r.nextInt(stored.length), 1 << r.nextInt(8), outcomes);
            }
            for (int n = 0; n < 250; n++) { // each costs a partial inflate of 364 KiB
                flipAndExpand(pd, r.nextInt(pd.length), 1 << r.nextInt(8), outcomes);
            }
            for (int i = 0; i < 0x60; i++) {
                flipAndExpand(pd, i, 1 << r.nextInt(8), outcomes);
            }
            assertThat(outcomes[1]).as("typed errors").isGreaterThan(outcomes[0]);
        });
    }

    private static void flipAndExpand(byte[] original, int offset, int bit, int[] outcomes) {
        byte[] b = original.clone();
        b[offset] ^= (byte) bit;
        try {
            CabFile f = CabFile.read(new ArrayByteSource(b));
            for (CabFile.Member m : f.members()) {
                f.extract(m, new CountingStream(), 64L << 20, CancellationToken.none());
            }
            outcomes[0]++;
        } catch (DumpFormatException e) {
            assertThat(e.offset()).as("offset of %s", e.getMessage()).isBetween(0L, (long) b.length);
            outcomes[1]++;
        } catch (IOException e) {
            throw new AssertionError("untyped error at flip 0x" + Integer.toHexString(offset), e);
        }
    }

    static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static int u32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static void put32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }
}
