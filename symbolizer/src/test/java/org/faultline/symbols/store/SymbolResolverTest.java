package org.faultline.symbols.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolResolverTest {
    @TempDir
    Path tmp;
    private final AtomicInteger clients = new AtomicInteger();

    private StoreOptions options() {
        return StoreOptions.defaults().withDefaultCache(tmp.resolve("default-cache"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withClientFactory(b -> {
                    clients.incrementAndGet();
                    return b.build();
                });
    }

    private static SymbolKey exe() throws UnsafeNameException {
        return SymbolKey.image("ShowSSEConfig.exe", 0x63E6C7F7L, 0x8000);
    }

    @Test
    void theChainFollowsTheSymbolPath() {
        Path folder = tmp.resolve("folder");
        Path c1 = tmp.resolve("c1");
        Path s1 = tmp.resolve("s1");
        Path s2 = tmp.resolve("s2");
        String path = folder + ";cache*" + c1 + ";srv*" + s1 + "*" + s2 + "*http://127.0.0.1:9/a;srv*http://127.0.0.1:9/b;"
                + "srv**https://127.0.0.1:9/c;bad*thing";
        try (SymbolResolver r = SymbolResolver.fromPath(SymbolPath.parse(path), options())) {
            List<SymbolSupplier> s = r.suppliers();
            assertThat(s).extracting(Object::toString).containsExactly(
                    "local STORE_AND_FLAT " + folder,
                    "local STORE " + c1,
                    "local STORE " + s1,
                    "local STORE " + s2,
                    "server http://127.0.0.1:9/a -> " + s1,
                    "server http://127.0.0.1:9/b -> " + c1,
                    "local STORE " + tmp.resolve("default-cache"),
                    "server https://127.0.0.1:9/c -> " + tmp.resolve("default-cache"));
            assertThat(r.problems()).singleElement().asString().contains("bad*thing");
            assertThat(r.usesNetwork()).isTrue();
        }
        assertThat(clients).as("building the chain opens nothing").hasValue(0);
    }

    @Test
    void aLocalOnlyPathNeverTouchesTheNetwork() throws Exception {
        Path symsrv = Fixtures.require("symsrv");
        String path = symsrv + ";srv*" + tmp.resolve("cache") + ";cache*" + tmp.resolve("c2");
        try (SymbolResolver r = SymbolResolver.fromPath(SymbolPath.parse(path), options())) {
            assertThat(r.usesNetwork()).isFalse();
            assertThat(r.suppliers()).noneMatch(SymbolSupplier::usesNetwork);
            assertThat(r.resolve(exe(), CancellationToken.none(), ProgressListener.none()))
                    .isInstanceOf(LookupResult.Found.class);
            assertThat(r.resolve(SymbolKey.of("missing.pdb", "AB"), CancellationToken.none(), ProgressListener.none()))
                    .isInstanceOf(LookupResult.NotFound.class);
        }
        assertThat(clients).hasValue(0);
    }

    @Test
    void aConfiguredServerIsNotAskedWhenALocalFolderAnswers() throws Exception {
        Path store = tmp.resolve("served");
        Files.createDirectories(store);
        try (LocalSymbolServer server = new LocalSymbolServer(store)) {
            String path = Fixtures.require("symsrv") + ";srv*" + tmp.resolve("cache") + "*" + server.base();
            try (SymbolResolver r = SymbolResolver.fromPath(SymbolPath.parse(path), options())) {
                assertThat(r.resolve(exe(), CancellationToken.none(), ProgressListener.none()))
                        .isInstanceOf(LookupResult.Found.class);
            }
            assertThat(server.requests()).isZero();
            assertThat(clients).hasValue(0);
        }
    }

    @Test
    void resolveAllMixesLocalHitsDownloadsAndMisses() throws Exception {
        Path store = tmp.resolve("served");
        Fixtures.copyInto(store, Fixtures.PDB_DIR + "/ShowSSEConfig.pd_", 1);
        try (LocalSymbolServer server = new LocalSymbolServer(store)) {
            String path = Fixtures.require("symsrv") + ";srv*" + tmp.resolve("cache") + "*" + server.base();
            SymbolKey pdb = SymbolKey.pdb("ShowSSEConfig.pdb", "A62592418D7807494C4C44205044422E", 1);
            SymbolKey other = SymbolKey.pdb("other.pdb", "A62592418D7807494C4C44205044422E", 1);
            try (SymbolResolver r = SymbolResolver.fromPath(SymbolPath.parse(path), options())) {
                // the fixture folder has the plain pdb, so it wins without a request
                Map<SymbolKey, LookupResult> all = r.resolveAll(List.of(exe(), pdb, other, exe()),
                        CancellationToken.none(), ProgressListener.none());
                assertThat(all).containsOnlyKeys(exe(), pdb, other);
                assertThat(all.get(exe())).isInstanceOf(LookupResult.Found.class);
                assertThat(all.get(pdb)).isInstanceOfSatisfying(LookupResult.Found.class,
                        f -> assertThat(f.source()).isEqualTo(Fixtures.require("symsrv").toAbsolutePath().normalize().toString()));
                assertThat(all.get(other)).isInstanceOfSatisfying(LookupResult.NotFound.class,
                        n -> assertThat(n.detail()).contains(server.base().toString()));
                assertThat(server.requests()).isEqualTo(3);
            }
            // a path with only the server downloads the compressed copy into the cache
            try (SymbolResolver r = SymbolResolver.fromPath(
                    SymbolPath.parse("srv*" + tmp.resolve("cache2") + "*" + server.base()), options())) {
                assertThat(r.resolve(pdb, CancellationToken.none(), ProgressListener.none()))
                        .isInstanceOfSatisfying(LookupResult.Found.class,
                                f -> assertThat(Fixtures.sha256(f.file())).isEqualTo(Fixtures.PD_SHA256));
            }
        }
    }

    @Test
    void memoryCacheAnswersRepeatedLookups() throws Exception {
        Path file = tmp.resolve("x.pdb");
        Files.writeString(file, "x");
        AtomicInteger calls = new AtomicInteger();
        SymbolSupplier counting = new Fake("counting", () -> {
            calls.incrementAndGet();
            return new LookupResult.Found(file, "counting", true, "test");
        });
        try (SymbolResolver r = SymbolResolver.of(List.of(counting))) {
            SymbolKey k = SymbolKey.of("x.pdb", "AB");
            r.resolve(k, CancellationToken.none(), ProgressListener.none());
            r.resolve(k, CancellationToken.none(), ProgressListener.none());
            assertThat(calls).hasValue(1);
            Files.delete(file); // a cached answer whose file is gone is looked up again
            r.resolve(k, CancellationToken.none(), ProgressListener.none());
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void firstFoundWinsAndFailuresAreReported() throws Exception {
        Path file = tmp.resolve("y.pdb");
        Files.writeString(file, "y");
        SymbolSupplier miss = new Fake("miss", () -> new LookupResult.NotFound("miss", "nothing"));
        SymbolSupplier broken = new Fake("broken", () -> new LookupResult.Failed("broken", LookupResult.Problem.IO, "disk"));
        SymbolSupplier throwing = new Fake("throwing", () -> {
            throw new IllegalStateException("bug");
        });
        SymbolSupplier hit = new Fake("hit", () -> new LookupResult.Found(file, "hit", true, "test"));
        SymbolKey k = SymbolKey.of("y.pdb", "AB");
        try (SymbolResolver r = SymbolResolver.of(List.of(miss, broken, throwing, hit))) {
            assertThat(r.resolve(k, CancellationToken.none(), ProgressListener.none()))
                    .isInstanceOfSatisfying(LookupResult.Found.class, f -> assertThat(f.source()).isEqualTo("hit"));
        }
        try (SymbolResolver r = SymbolResolver.of(List.of(miss, broken, throwing))) {
            assertThat(r.resolve(k, CancellationToken.none(), ProgressListener.none()))
                    .isInstanceOfSatisfying(LookupResult.Failed.class, f -> {
                        assertThat(f.problem()).isEqualTo(LookupResult.Problem.IO);
                        assertThat(f.reason()).contains("nothing", "disk", "bug");
                    });
        }
        try (SymbolResolver r = SymbolResolver.of(List.of(miss))) {
            assertThat(r.resolve(k, CancellationToken.none(), ProgressListener.none()))
                    .isInstanceOf(LookupResult.NotFound.class);
            assertThat(r.resolve(k, () -> true, ProgressListener.none()))
                    .isInstanceOfSatisfying(LookupResult.Failed.class,
                            f -> assertThat(f.problem()).isEqualTo(LookupResult.Problem.CANCELLED));
        }
        try (SymbolResolver r = SymbolResolver.of(List.of())) {
            assertThat(r.resolve(k, CancellationToken.none(), ProgressListener.none()))
                    .isInstanceOfSatisfying(LookupResult.NotFound.class,
                            n -> assertThat(n.detail()).contains("no symbol path"));
        }
    }

    @Test
    void localCompressedCopiesExpandIntoTheCacheOfTheirPosition() throws IOException, Exception {
        Path folder = tmp.resolve("folder");
        Fixtures.copyInto(folder, Fixtures.EXE_DIR + "/ShowSSEConfig.ex_", 1);
        try (SymbolResolver r = SymbolResolver.fromPath(
                SymbolPath.parse("cache*" + tmp.resolve("mycache") + ";" + folder), options())) {
            assertThat(r.resolve(exe(), CancellationToken.none(), ProgressListener.none()))
                    .isInstanceOfSatisfying(LookupResult.Found.class,
                            f -> assertThat(f.file()).startsWith(tmp.resolve("mycache")));
        }
    }

    /** A supplier answering from a lambda. */
    private record Fake(String name, java.util.function.Supplier<LookupResult> answer) implements SymbolSupplier {
        @Override
        public LookupResult lookup(SymbolKey key, CancellationToken cancel, ProgressListener progress) {
            return answer.get();
        }
    }
}
