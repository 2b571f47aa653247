package org.faultline.symbols.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.faultline.symbols.store.LocalStoreSupplier.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreSupplierTest {
    private static final String SYMSTORE = "ms-public-symbols/symstore";

    @TempDir
    Path tmp;

    private static LookupResult find(SymbolSupplier s, SymbolKey k) {
        return s.lookup(k, CancellationToken.none(), ProgressListener.none());
    }

    private SymbolCache cache() {
        return new SymbolCache(tmp.resolve("cache"), Clock.systemUTC(), Duration.ofHours(1));
    }

    private LocalStoreSupplier store(Path root) {
        return new LocalStoreSupplier(root, Mode.STORE, cache(), List.of(), CabFile.DEFAULT_MAX_OUTPUT);
    }

    @Test
    void microsoftPublicSymbolStore() throws Exception {
        Path root = Fixtures.require(SYMSTORE);
        LocalStoreSupplier s = LocalStoreSupplier.store(root);
        LookupResult pdb = find(s, SymbolKey.pdb("amdppm.pdb", "1C19FDDB27BB3399D9B45973EFEAFCF3", 1));
        assertThat(pdb).isInstanceOfSatisfying(LookupResult.Found.class, f -> {
            assertThat(f.file()).endsWith(Path.of("amdppm.pdb", "1C19FDDB27BB3399D9B45973EFEAFCF31", "amdppm.pdb"));
            assertThat(f.exactKey()).isTrue();
            assertThat(Fixtures.sha256(f.file()))
                    .isEqualTo("c0540394a2cc9dd35f653a82fc51490ff1db52c2a33318bd00a852c21f09332d");
        });
        // the image directory is all lower case on disk; the canonical key has an upper-case timestamp
        LookupResult sys = find(s, SymbolKey.image("\\SystemRoot\\system32\\drivers\\amdppm.sys", 0xC9C03000L, 0x3b000));
        assertThat(sys).isInstanceOfSatisfying(LookupResult.Found.class, f ->
                assertThat(f.file()).endsWith(Path.of("amdppm.sys", "c9c030003b000", "amdppm.sys")));
        LookupResult user32 = find(s, SymbolKey.pdb("user32.pdb", "15F778B3671D4EFDBDCDE79905308B79", 2));
        assertThat(user32).isInstanceOf(LookupResult.Found.class);
        // the PDB-stream age (3) is not the key age
        assertThat(find(s, SymbolKey.pdb("user32.pdb", "15F778B3671D4EFDBDCDE79905308B79", 3)))
                .isInstanceOf(LookupResult.NotFound.class);
    }

    @Test
    void mozillaStorePlainFiles() throws Exception {
        Path root = Fixtures.require("symsrv");
        LocalStoreSupplier s = store(root);
        assertThat(find(s, SymbolKey.image("ShowSSEConfig.exe", 0x63E6C7F7L, 0x8000)))
                .isInstanceOfSatisfying(LookupResult.Found.class,
                        f -> assertThat(Fixtures.sha256(f.file())).isEqualTo(Fixtures.EXE_SHA256));
        assertThat(find(s, SymbolKey.pdb("ShowSSEConfig.pdb", "A62592418D7807494C4C44205044422E", 1)))
                .isInstanceOfSatisfying(LookupResult.Found.class,
                        f -> assertThat(f.how()).startsWith("store "));
        assertThat(Files.exists(tmp.resolve("cache"))).as("plain hits write nothing").isFalse();
    }

    @Test
    void compressedCopiesAreExpandedIntoTheCache() throws Exception {
        Path root = tmp.resolve("store");
        Fixtures.copyInto(root, Fixtures.EXE_DIR + "/ShowSSEConfig.ex_", 1);
        Fixtures.copyInto(root, Fixtures.PDB_DIR + "/ShowSSEConfig.pd_", 1);
        LocalStoreSupplier s = store(root);
        LookupResult exe = find(s, SymbolKey.image("ShowSSEConfig.exe", 0x63E6C7F7L, 0x8000));
        assertThat(exe).isInstanceOfSatisfying(LookupResult.Found.class, f -> {
            assertThat(f.file()).isEqualTo(tmp.resolve("cache/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe"));
            assertThat(Fixtures.sha256(f.file())).isEqualTo(Fixtures.EXE_SHA256);
            assertThat(f.how()).contains("ShowSSEConfig.ex_");
        });
        LookupResult pdb = find(s, SymbolKey.pdb("ShowSSEConfig.pdb", "A62592418D7807494C4C44205044422E", 1));
        assertThat(pdb).isInstanceOfSatisfying(LookupResult.Found.class,
                f -> assertThat(Fixtures.sha256(f.file())).isEqualTo(Fixtures.PD_SHA256));
        // without a cache the compressed copy is reported, not expanded somewhere
        LookupResult noCache = find(LocalStoreSupplier.store(root),
                SymbolKey.image("ShowSSEConfig.exe", 0x63E6C7F7L, 0x8000));
        assertThat(noCache).isInstanceOfSatisfying(LookupResult.Failed.class,
                f -> assertThat(f.reason()).contains("no cache"));
        assertThat(Fixtures.filesUnder(tmp.resolve("cache"))).allMatch(p -> !p.toString().endsWith(".part"));
    }

    @Test
    void aCabinetUnderThePlainNameIsExpanded() throws Exception {
        Path root = Fixtures.require("symbolicator/tests/fixtures/symbols");
        LookupResult r = find(store(root), SymbolKey.pdb("crash.pdb", "3249D99D0C4049318610F4E4FB0B6936", 1));
        assertThat(r).isInstanceOfSatisfying(LookupResult.Found.class, f -> {
            assertThat(f.how()).contains("expanded cabinet");
            assertThat(f.file().toFile().length()).isEqualTo(46361);
            assertThat(f.file()).startsWith(tmp.resolve("cache"));
        });
    }

    @Test
    void breakpadSymbolDirectory() throws Exception {
        Path root = Fixtures.require("breakpad/src/processor/testdata/symbols");
        LookupResult r = find(store(root), SymbolKey.breakpad("c:\\test_app.pdb", "5A9832E5287241C1838ED98914E9B7FF1"));
        assertThat(r).isInstanceOfSatisfying(LookupResult.Found.class,
                f -> assertThat(f.file().getFileName()).hasToString("test_app.sym"));
    }

    @Test
    void index2StoreAndFlatFolder() throws Exception {
        Path root = tmp.resolve("idx2");
        Files.createDirectories(root);
        Files.writeString(root.resolve("index2.txt"), "");
        Path target = root.resolve("Sh/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "image");
        SymbolKey exe = SymbolKey.image("ShowSSEConfig.exe", 0x63E6C7F7L, 0x8000);
        assertThat(find(store(root), exe)).isInstanceOfSatisfying(LookupResult.Found.class,
                f -> assertThat(f.how()).contains("Sh/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe"));

        Path flat = tmp.resolve("flat");
        Files.createDirectories(flat.resolve("exe"));
        Files.writeString(flat.resolve("exe/ShowSSEConfig.exe"), "image");
        assertThat(find(store(flat), exe)).isInstanceOf(LookupResult.NotFound.class);
        LookupResult r = find(new LocalStoreSupplier(flat, Mode.STORE_AND_FLAT, null, List.of(), 100), exe);
        assertThat(r).isInstanceOfSatisfying(LookupResult.Found.class, f -> assertThat(f.exactKey()).isFalse());
    }

    @Test
    void missingFolderAndMissingKey() throws Exception {
        assertThat(find(store(tmp.resolve("nope")), SymbolKey.of("a.pdb", "AB")))
                .isInstanceOfSatisfying(LookupResult.NotFound.class, n -> assertThat(n.detail()).contains("does not exist"));
        Files.createDirectories(tmp.resolve("empty"));
        assertThat(find(store(tmp.resolve("empty")), SymbolKey.of("a.pdb", "AB")))
                .isInstanceOf(LookupResult.NotFound.class);
        assertThat(find(store(tmp.resolve("empty")), SymbolKey.of("a.pdb", "AB"), true))
                .isInstanceOf(LookupResult.Failed.class);
    }

    private static LookupResult find(SymbolSupplier s, SymbolKey k, boolean cancelled) {
        return s.lookup(k, () -> cancelled, ProgressListener.none());
    }

    @Test
    void filePointersMustStayInsideAllowedFolders() throws Exception {
        Path allowed = tmp.resolve("allowed");
        Path outside = tmp.resolve("outside");
        Files.createDirectories(allowed);
        Files.createDirectories(outside);
        Files.writeString(allowed.resolve("real.pdb"), "pdb bytes");
        Files.writeString(outside.resolve("secret.pdb"), "secret");
        Path root = tmp.resolve("store");
        writePtr(root, "a.pdb", "PATH:" + allowed.resolve("real.pdb"));
        writePtr(root, "b.pdb", "PATH:" + outside.resolve("secret.pdb"));
        writePtr(root, "c.pdb", "MSG: withdrawn by the publisher");
        writePtr(root, "d.pdb", "PATH:" + allowed.resolve("../outside/secret.pdb"));
        writePtr(root, "e.pdb", "PATH:relative\\x.pdb");
        writePtr(root, "f.pdb", allowed.resolve("real.pdb").toString()); // bare path
        LocalStoreSupplier s = new LocalStoreSupplier(root, Mode.STORE, cache(), List.of(allowed), 1 << 20);

        Path real = allowed.resolve("real.pdb").toRealPath();
        assertThat(find(s, SymbolKey.of("a.pdb", "AB"))).isInstanceOfSatisfying(LookupResult.Found.class,
                f -> assertThat(f.file()).isEqualTo(real));
        assertThat(find(s, SymbolKey.of("b.pdb", "AB"))).isInstanceOfSatisfying(LookupResult.Failed.class, f -> {
            assertThat(f.problem()).isEqualTo(LookupResult.Problem.REFUSED);
            assertThat(f.reason()).contains("outside the allowed");
        });
        assertThat(find(s, SymbolKey.of("c.pdb", "AB"))).isInstanceOfSatisfying(LookupResult.NotFound.class,
                n -> assertThat(n.detail()).contains("withdrawn by the publisher"));
        assertThat(find(s, SymbolKey.of("d.pdb", "AB"))).isInstanceOfSatisfying(LookupResult.Failed.class,
                f -> assertThat(f.problem()).isEqualTo(LookupResult.Problem.REFUSED));
        assertThat(find(s, SymbolKey.of("e.pdb", "AB"))).isInstanceOfSatisfying(LookupResult.Failed.class,
                f -> assertThat(f.reason()).contains("not an absolute path"));
        assertThat(find(s, SymbolKey.of("f.pdb", "AB"))).isInstanceOf(LookupResult.Found.class);
    }

    private static void writePtr(Path root, String name, String content) throws IOException {
        Path p = root.resolve(name).resolve("AB").resolve("file.ptr");
        Files.createDirectories(p.getParent());
        Files.writeString(p, content + "\r\n", StandardCharsets.UTF_8);
    }

    @Test
    void aLinkInsideTheStoreThatLeadsOutIsRefused() throws Exception {
        Path outside = tmp.resolve("outside.pdb");
        Files.writeString(outside, "secret");
        Path root = tmp.resolve("store");
        Path link = root.resolve("a.pdb/AB/a.pdb");
        Files.createDirectories(link.getParent());
        try {
            Files.createSymbolicLink(link, outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "SKIPPED: cannot create symbolic links here (" + e + ")");
        }
        assertThat(find(store(root), SymbolKey.of("a.pdb", "AB"))).isInstanceOfSatisfying(LookupResult.Failed.class, f -> {
            assertThat(f.problem()).isEqualTo(LookupResult.Problem.REFUSED);
            assertThat(f.reason()).contains("outside the store root");
        });
    }
}
