package org.faultline.symbols.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings for symbol stores and servers. Build from {@link #defaults()} and the {@code with...} methods.
 *
 * @param defaultCache         the downstream store used by {@code srv**url}, {@code srv*url} and {@code cache*}
 *                             without a folder (created only when something is written)
 * @param connectTimeout       TCP/TLS connect timeout
 * @param requestTimeout       time allowed until the response headers arrive
 * @param downloadTimeout      time allowed for one whole transfer, body included
 * @param maxParallelDownloads how many downloads one server runs at once
 * @param negativeCacheTtl     how long a miss (404) is remembered; zero turns the negative cache off
 * @param maxFileBytes         largest file accepted, downloaded or expanded from a cabinet
 * @param userAgent            the User-Agent header
 * @param clientFactory        makes the HTTP client (lazily)
 * @param clock                time source for the negative cache
 * @param pointerRoots         folders a {@code file.ptr} may point into, in addition to the local folders and
 *                             stores of the symbol path
 */
public record StoreOptions(Path defaultCache, Duration connectTimeout, Duration requestTimeout,
        Duration downloadTimeout, int maxParallelDownloads, Duration negativeCacheTtl, long maxFileBytes,
        String userAgent, HttpClientFactory clientFactory, Clock clock, List<Path> pointerRoots) {

    public StoreOptions {
        Objects.requireNonNull(defaultCache, "defaultCache");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(downloadTimeout, "downloadTimeout");
        Objects.requireNonNull(negativeCacheTtl, "negativeCacheTtl");
        if (maxParallelDownloads < 1) {
            throw new IllegalArgumentException("maxParallelDownloads must be at least 1");
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be positive");
        }
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(clientFactory, "clientFactory");
        Objects.requireNonNull(clock, "clock");
        pointerRoots = List.copyOf(pointerRoots);
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be a positive duration");
        }
    }

    /**
     * Defaults: cache {@code ~/.faultline/symbols}; connect 10 s, headers 30 s, whole transfer 10 min;
     * 4 parallel downloads; misses remembered 24 h; files up to {@link CabFile#DEFAULT_MAX_OUTPUT} (1 GiB).
     */
    public static StoreOptions defaults() {
        return new StoreOptions(Path.of(System.getProperty("user.home"), ".faultline", "symbols"),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(10), 4, Duration.ofHours(24),
                CabFile.DEFAULT_MAX_OUTPUT, "Faultline-SymbolClient/0.1", HttpClientFactory.standard(),
                Clock.systemUTC(), List.of());
    }

    public StoreOptions withDefaultCache(Path v) {
        return new StoreOptions(v, connectTimeout, requestTimeout, downloadTimeout, maxParallelDownloads,
                negativeCacheTtl, maxFileBytes, userAgent, clientFactory, clock, pointerRoots);
    }

    public StoreOptions withTimeouts(Duration connect, Duration request, Duration download) {
        return new StoreOptions(defaultCache, connect, request, download, maxParallelDownloads,
                negativeCacheTtl, maxFileBytes, userAgent, clientFactory, clock, pointerRoots);
    }

    public StoreOptions withMaxParallelDownloads(int v) {
        return new StoreOptions(defaultCache, connectTimeout, requestTimeout, downloadTimeout, v,
                negativeCacheTtl, maxFileBytes, userAgent, clientFactory, clock, pointerRoots);
    }

    public StoreOptions withNegativeCacheTtl(Duration v) {
        return new StoreOptions(defaultCache, connectTimeout, requestTimeout, downloadTimeout, maxParallelDownloads,
                v, maxFileBytes, userAgent, clientFactory, clock, pointerRoots);
    }

    public StoreOptions withMaxFileBytes(long v) {
        return new StoreOptions(defaultCache, connectTimeout, requestTimeout, downloadTimeout, maxParallelDownloads,
                negativeCacheTtl, v, userAgent, clientFactory, clock, pointerRoots);
    }

    public StoreOptions withClientFactory(HttpClientFactory v) {
        return new StoreOptions(defaultCache, connectTimeout, requestTimeout, downloadTimeout, maxParallelDownloads,
                negativeCacheTtl, maxFileBytes, userAgent, v, clock, pointerRoots);
    }

    public StoreOptions withClock(Clock v) {
        return new StoreOptions(defaultCache, connectTimeout, requestTimeout, downloadTimeout, maxParallelDownloads,
                negativeCacheTtl, maxFileBytes, userAgent, clientFactory, v, pointerRoots);
    }

    public StoreOptions withPointerRoots(List<Path> v) {
        return new StoreOptions(defaultCache, connectTimeout, requestTimeout, downloadTimeout, maxParallelDownloads,
                negativeCacheTtl, maxFileBytes, userAgent, clientFactory, clock, v);
    }
}
