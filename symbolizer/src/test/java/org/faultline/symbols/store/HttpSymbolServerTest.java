package org.faultline.symbols.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a symbol server on 127.0.0.1 serving a temporary copy of a fixture store. */
class HttpSymbolServerTest {
    private static final String PDB_GUID = "A62592418D7807494C4C44205044422E";

    @TempDir
    Path tmp;
    private Path store;
    private Path cacheDir;
    private LocalSymbolServer server;
    private final AtomicInteger clients = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private final List<HttpSymbolServer> opened = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        store = tmp.resolve("store");
        cacheDir = tmp.resolve("cache");
        Files.createDirectories(store);
        server = new LocalSymbolServer(store);
    }

    @AfterEach
    void stop() {
        release.countDown();
        opened.forEach(HttpSymbolServer::close);
        server.close();
    }

    private StoreOptions options() {
        return StoreOptions.defaults().withDefaultCache(cacheDir)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withClock(clock).withNegativeCacheTtl(Duration.ofHours(1))
                .withClientFactory(b -> {
                    clients.incrementAndGet();
                    return b.build();
                });
    }

    private HttpSymbolServer http(StoreOptions o, Path... pointerRoots) {
        HttpSymbolServer s = new HttpSymbolServer(server.base(), new SymbolCache(cacheDir, o.clock(),
                o.negativeCacheTtl()), o, List.of(pointerRoots));
        opened.add(s);
        return s;
    }

    private HttpSymbolServer http() {
        return http(options());
    }

    private static LookupResult find(SymbolSupplier s, SymbolKey k) {
        return s.lookup(k, CancellationToken.none(), ProgressListener.none());
    }

    private static SymbolKey exe() throws UnsafeNameException {
        return SymbolKey.image("ShowSSEConfig.exe", 0x63E6C7F7L, 0x8000);
    }

    private static SymbolKey pdb() throws UnsafeNameException {
        return SymbolKey.pdb("ShowSSEConfig.pdb", PDB_GUID, 1);
    }

    private List<String> tempLeftovers() throws IOException {
        Path t = cacheDir.resolve(SymbolCache.TMP_DIR);
        return Files.isDirectory(t) ? Fixtures.filesUnder(t).stream().map(Path::toString).toList() : List.of();
    }

    @Test
    void downloadsOnceThenAnswersFromTheCache() throws Exception {
        Fixtures.copyInto(store, Fixtures.EXE_DIR + "/ShowSSEConfig.exe", 1);
        HttpSymbolServer s = http();
        assertThat(clients).as("no client before the first request").hasValue(0);
        List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        LookupResult r = s.lookup(exe(), CancellationToken.none(),
                (item, done, total) -> reported.add(item + " " + done + "/" + total));
        assertThat(reported).as("progress reached the whole body")
                .last().isEqualTo("ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe 11264/11264");
        assertThat(r).isInstanceOfSatisfying(LookupResult.Found.class, f -> {
            assertThat(f.file()).isEqualTo(cacheDir.resolve("ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe"));
            assertThat(Fixtures.sha256(f.file())).isEqualTo(Fixtures.EXE_SHA256);
            assertThat(f.how()).startsWith("downloaded ");
        });
        assertThat(server.log()).containsExactly("/symbols/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe");
        assertThat(tempLeftovers()).isEmpty();

        assertThat(find(s, exe())).isInstanceOfSatisfying(LookupResult.Found.class,
                f -> assertThat(f.how()).startsWith("cached in"));
        HttpSymbolServer fresh = http();
        assertThat(find(fresh, exe())).isInstanceOf(LookupResult.Found.class);
        assertThat(server.requests()).as("cache hits make no request").isEqualTo(1);
        assertThat(clients).as("the fresh server never needed a client").hasValue(1);
    }

    @Test
    void aMissIsRememberedUntilItExpires() throws Exception {
        HttpSymbolServer s = http();
        LookupResult r = find(s, pdb());
        assertThat(r).isInstanceOf(LookupResult.NotFound.class);
        String dir = "/symbols/ShowSSEConfig.pdb/" + PDB_GUID + "1/";
        assertThat(server.log()).containsExactly(dir + "ShowSSEConfig.pdb", dir + "ShowSSEConfig.pd_", dir + "file.ptr");

        assertThat(find(s, pdb())).isInstanceOfSatisfying(LookupResult.NotFound.class,
                n -> assertThat(n.detail()).contains("negative cache"));
        assertThat(find(http(), pdb())).as("persisted across instances").isInstanceOf(LookupResult.NotFound.class);
        assertThat(server.requests()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(59));
        find(s, pdb());
        assertThat(server.requests()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(2));
        find(s, pdb());
        assertThat(server.requests()).as("asked again after expiry").isEqualTo(6);

        // once the file appears and the marker has expired, it is downloaded
        Fixtures.copyInto(store, Fixtures.PDB_DIR + "/ShowSSEConfig.pdb", 1);
        clock.advance(Duration.ofHours(2));
        assertThat(find(s, pdb())).isInstanceOf(LookupResult.Found.class);
    }

    @Test
    void withoutANegativeCacheEveryLookupAsks() throws Exception {
        HttpSymbolServer s = http(options().withNegativeCacheTtl(Duration.ZERO));
        find(s, pdb());
        find(s, pdb());
        assertThat(server.requests()).isEqualTo(6);
    }

    @Test
    void compressedCopyIsServedInsteadOfThePlainFile() throws Exception {
        Fixtures.copyInto(store, Fixtures.EXE_DIR + "/ShowSSEConfig.ex_", 1);
        Fixtures.copyInto(store, Fixtures.PDB_DIR + "/ShowSSEConfig.pd_", 1);
        HttpSymbolServer s = http();
        assertThat(find(s, exe())).isInstanceOfSatisfying(LookupResult.Found.class, f -> {
            assertThat(f.file()).isEqualTo(cacheDir.resolve("ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe"));
            assertThat(Fixtures.sha256(f.file())).isEqualTo(Fixtures.EXE_SHA256);
            assertThat(f.how()).contains("expanded");
        });
        assertThat(server.log()).containsExactly("/symbols/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe",
                "/symbols/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.ex_");
        assertThat(find(s, pdb())).isInstanceOfSatisfying(LookupResult.Found.class,
                f -> assertThat(Fixtures.sha256(f.file())).isEqualTo(Fixtures.PD_SHA256));
        assertThat(Fixtures.filesUnder(cacheDir)).noneMatch(p -> p.toString().endsWith("_"));
        assertThat(tempLeftovers()).isEmpty();
    }

    @Test
    void filePtrToAnAllowedLocalStoreIsFollowedAndOneLeadingOutsideIsRefused() throws Exception {
        Path local = tmp.resolve("local");
        Path plain = Fixtures.copyInto(local, Fixtures.PDB_DIR + "/ShowSSEConfig.pdb", 1);
        Path outside = tmp.resolve("outside/secret.pdb");
        Files.createDirectories(outside.getParent());
        Files.writeString(outside, "not for the cache");
        writePtr("ShowSSEConfig.pdb/" + PDB_GUID + "1", "PATH:" + plain);
        writePtr("other.pdb/" + PDB_GUID + "1", "PATH:" + outside);
        writePtr("dotdot.pdb/" + PDB_GUID + "1", "PATH:" + local.resolve("../outside/secret.pdb"));
        writePtr("gone.pdb/" + PDB_GUID + "1", "MSG:removed for a security fix");
        HttpSymbolServer s = http(options(), local);

        assertThat(find(s, pdb())).isInstanceOfSatisfying(LookupResult.Found.class, f -> {
            assertThat(f.file()).startsWith(cacheDir);
            assertThat(Fixtures.sha256(f.file())).isEqualTo(Fixtures.sha256(plain));
        });
        for (String name : new String[] {"other.pdb", "dotdot.pdb"}) {
            assertThat(find(s, SymbolKey.pdb(name, PDB_GUID, 1))).isInstanceOfSatisfying(LookupResult.Failed.class, f -> {
                assertThat(f.problem()).isEqualTo(LookupResult.Problem.REFUSED);
                assertThat(f.reason()).contains("outside the allowed store folders");
            });
        }
        assertThat(find(s, SymbolKey.pdb("gone.pdb", PDB_GUID, 1))).isInstanceOfSatisfying(LookupResult.NotFound.class,
                n -> assertThat(n.detail()).contains("removed for a security fix"));
        assertThat(Fixtures.filesUnder(cacheDir)).noneMatch(p -> p.toString().contains("secret")
                || p.getFileName().toString().equals("other.pdb"));
        // without the local store among the allowed roots the first pointer is refused too
        Files.walk(cacheDir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertThat(find(http(options()), pdb())).isInstanceOfSatisfying(LookupResult.Failed.class,
                f -> assertThat(f.problem()).isEqualTo(LookupResult.Problem.REFUSED));
    }

    private void writePtr(String dir, String content) throws IOException {
        Path p = store.resolve(dir).resolve("file.ptr");
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    @Test
    void aSlowServerTimesOutAndIsNotRememberedAsAMiss() throws Exception {
        server.override("/symbols/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe", ex -> {
            release.await(10, TimeUnit.SECONDS);
            LocalSymbolServer.send(ex, 404, new byte[0]);
        });
        StoreOptions o = options().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(5));
        HttpSymbolServer s = http(o);
        long t0 = System.nanoTime();
        LookupResult r = find(s, exe());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r).isInstanceOfSatisfying(LookupResult.Failed.class,
                f -> assertThat(f.problem()).isEqualTo(LookupResult.Problem.TIMEOUT));
        assertThat(millis).isLessThan(3000);
        assertThat(s.cache().isKnownMissing(s.name(), exe())).isFalse();
    }

    @Test
    void aServerThatIsNotListeningIsAFailure() throws Exception {
        URI gone = server.base();
        server.close();
        HttpSymbolServer s = new HttpSymbolServer(gone, new SymbolCache(cacheDir, clock, Duration.ofHours(1)),
                options(), List.of());
        opened.add(s);
        assertThat(find(s, exe())).isInstanceOfSatisfying(LookupResult.Failed.class, f -> {
            assertThat(f.problem()).isEqualTo(LookupResult.Problem.IO);
            assertThat(f.reason()).contains("cannot connect");
        });
        assertThat(s.cache().isKnownMissing(s.name(), exe())).isFalse();
    }

    @Test
    void serverErrorsAreFailuresAndAreNotRemembered() throws Exception {
        server.override("/symbols/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe",
                ex -> LocalSymbolServer.send(ex, 503, "busy".getBytes(StandardCharsets.US_ASCII)));
        HttpSymbolServer s = http();
        assertThat(find(s, exe())).isInstanceOfSatisfying(LookupResult.Failed.class, f -> {
            assertThat(f.problem()).isEqualTo(LookupResult.Problem.HTTP_STATUS);
            assertThat(f.reason()).contains("503");
        });
        find(s, exe());
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void bodiesOverTheLimitAreRefused() throws Exception {
        Fixtures.copyInto(store, Fixtures.EXE_DIR + "/ShowSSEConfig.exe", 1);
        HttpSymbolServer s = http(options().withMaxFileBytes(1000));
        assertThat(find(s, exe())).isInstanceOfSatisfying(LookupResult.Failed.class,
                f -> assertThat(f.problem()).isEqualTo(LookupResult.Problem.TOO_LARGE));
        assertThat(s.cache().find(exe())).isEmpty();
        assertThat(tempLeftovers()).isEmpty();
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        Path moved = store.resolve("moved/ShowSSEConfig.exe");
        Files.createDirectories(moved.getParent());
        Files.copy(Fixtures.require(Fixtures.EXE_DIR + "/ShowSSEConfig.exe"), moved);
        server.override("/symbols/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe", ex -> {
            ex.getResponseHeaders().add("Location", "/symbols/moved/ShowSSEConfig.exe");
            LocalSymbolServer.send(ex, 302, new byte[0]);
        });
        assertThat(find(http(), exe())).isInstanceOfSatisfying(LookupResult.Found.class,
                f -> assertThat(Fixtures.sha256(f.file())).isEqualTo(Fixtures.EXE_SHA256));
    }

    @Test
    void parallelDownloadsAreBoundedByThePool() throws Exception {
        CyclicBarrier pairs = new CyclicBarrier(2);
        List<SymbolKey> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SymbolKey k = SymbolKey.of("f" + i + ".bin", "A" + i);
            keys.add(k);
            byte[] body = ("file " + i).getBytes(StandardCharsets.US_ASCII);
            server.override("/symbols/" + k.relativePath(), ex -> {
                pairs.await(5, TimeUnit.SECONDS); // only passes when two downloads run at once
                LocalSymbolServer.send(ex, 200, body);
            });
        }
        HttpSymbolServer s = http(options().withMaxParallelDownloads(2));
        List<CompletableFuture<LookupResult>> all = new ArrayList<>();
        for (SymbolKey k : keys) {
            all.add(s.lookupAsync(k, CancellationToken.none(), ProgressListener.none()));
        }
        for (int i = 0; i < 4; i++) {
            LookupResult r = all.get(i).get(10, TimeUnit.SECONDS);
            int n = i;
            assertThat(r).isInstanceOfSatisfying(LookupResult.Found.class,
                    f -> assertThat(f.file()).hasContent("file " + n));
        }
        assertThat(server.maxConcurrent()).isEqualTo(2);
    }

    @Test
    void cancellationStopsAWaitingDownload() throws Exception {
        HttpSymbolServer s = http();
        assertThat(s.lookup(exe(), () -> true, ProgressListener.none()))
                .isInstanceOfSatisfying(LookupResult.Failed.class,
                        f -> assertThat(f.problem()).isEqualTo(LookupResult.Problem.CANCELLED));
        assertThat(server.requests()).isZero();
        assertThat(clients).hasValue(0);

        CountDownLatch arrived = new CountDownLatch(1);
        server.override("/symbols/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe", ex -> {
            arrived.countDown();
            release.await(10, TimeUnit.SECONDS);
            LocalSymbolServer.send(ex, 404, new byte[0]);
        });
        CancellationToken.CancellationFlag flag = CancellationToken.flag();
        CompletableFuture<LookupResult> f = CompletableFuture.supplyAsync(
                () -> s.lookup(exe(0), flag, ProgressListener.none()));
        assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
        flag.cancel();
        assertThat(f.get(3, TimeUnit.SECONDS)).isInstanceOfSatisfying(LookupResult.Failed.class,
                r -> assertThat(r.problem()).isEqualTo(LookupResult.Problem.CANCELLED));
    }

    private static SymbolKey exe(int unused) {
        try {
            return exe();
        } catch (UnsafeNameException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hostileNamesNeverLeaveTheCache() throws Exception {
        String[] hostile = {"..\\..\\x.pdb", "../../x.pdb", "/etc/passwd", "C:\\Windows\\x.pdb",
            "\\\\server\\share\\x.pdb", "CON.pdb", "nul", "x\u0000.pdb", "x\u0001.pdb", "x\n.pdb", "x.pdb.",
            "a".repeat(300), "..", "C:x.pdb", "x.pdb\\..", "%2e%2e%2fx.pdb"};
        // the server holds a file for every name that survives reduction
        for (String name : new String[] {"x.pdb", "passwd", "%2e%2e%2fx.pdb"}) {
            Path p = store.resolve(name).resolve(PDB_GUID + "1").resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "symbols for " + name);
        }
        HttpSymbolServer s = http();
        List<String> refused = new ArrayList<>();
        for (String raw : hostile) {
            SymbolKey k;
            try {
                k = SymbolKey.pdb(raw, PDB_GUID, 1);
            } catch (UnsafeNameException e) {
                refused.add(raw);
                continue;
            }
            LookupResult r = find(s, k);
            assertThat(r).as(SymbolNames.display(raw)).isInstanceOfSatisfying(LookupResult.Found.class,
                    f -> assertThat(f.file()).startsWith(cacheDir));
        }
        assertThat(refused).containsExactly("CON.pdb", "nul", "x\u0000.pdb", "x\u0001.pdb", "x\n.pdb", "x.pdb.",
                "a".repeat(300), "..", "C:x.pdb", "x.pdb\\..");
        // every request names exactly name/INDEX/name, with no dot-dot component after decoding
        for (String raw : server.log()) {
            String[] parts = raw.split("/", -1);
            assertThat(parts).as(raw).hasSize(5);
            for (int i = 2; i < 5; i++) {
                String decoded = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
                assertThat(decoded).as(raw).isNotIn("..", ".").doesNotContain("/", "\\");
            }
        }
        // and nothing was written anywhere but the cache (the store was written by the test)
        for (Path p : Fixtures.filesUnder(tmp)) {
            assertThat(p.startsWith(cacheDir) || p.startsWith(store)).as(p.toString()).isTrue();
        }
        assertThat(cacheDir.resolve("x.pdb/" + PDB_GUID + "1/x.pdb")).hasContent("symbols for x.pdb");
        assertThat(cacheDir.resolve("passwd/" + PDB_GUID + "1/passwd")).hasContent("symbols for passwd");
    }

    @Test
    void onlyHttpAndHttpsServers() {
        SymbolCache c = new SymbolCache(cacheDir, clock, Duration.ZERO);
        for (String bad : new String[] {"file:///etc", "ftp://example.com/x", "jar:file:/x!/y", "http:///nohost",
                "https://example.com/x?q=1"}) {
            assertThatThrownBy(() -> new HttpSymbolServer(URI.create(bad), c, options(), List.of()))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void urlsArePercentEncoded() throws Exception {
        HttpSymbolServer s = http();
        SymbolKey k = SymbolKey.pdb("My App (x64) #1%.pdb", PDB_GUID, 1);
        assertThat(s.urlOf(SymbolStoreLayout.serverCandidates(k).get(0)).toString()).isEqualTo(server.base()
                + "/My%20App%20%28x64%29%20%231%25.pdb/" + PDB_GUID + "1/My%20App%20%28x64%29%20%231%25.pdb");
    }
}
