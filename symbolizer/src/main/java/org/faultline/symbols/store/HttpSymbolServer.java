package org.faultline.symbols.store;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.faultline.dump.io.DumpFormatException;

/**
 * A SymSrv-compatible HTTP(S) symbol server with its downstream cache. For a key it answers from the cache
 * if it can; else, unless the negative cache remembers a miss, it asks the server for the plain file, then
 * the compressed {@code _} copy (a cabinet, expanded into the cache), then {@code file.ptr}. 404 and 410 mean
 * "absent"; when all three are absent the miss is remembered. Other statuses, timeouts and I/O errors are
 * failures and are not remembered.
 *
 * <p>Downloads run on a bounded pool ({@link StoreOptions#maxParallelDownloads()}); each writes to a
 * temporary file in the cache and is moved into place when complete. The HTTP client is made on the first
 * request: a server that is never asked opens no socket. Redirects follow the NORMAL policy (never from
 * HTTPS to HTTP) and must stay on http/https. Bodies are capped at {@link StoreOptions#maxFileBytes()}.
 */
public final class HttpSymbolServer implements SymbolSupplier, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final long POLL_MILLIS = 20;

    private final URI base;
    private final String baseText;
    private final SymbolCache cache;
    private final StoreOptions options;
    private final List<Path> pointerRoots;
    private final ExecutorService downloads;
    private HttpClient client;

    /**
     * @param base         the server URL, {@code http} or {@code https}
     * @param cache        the downstream store downloads go to
     * @param pointerRoots folders a {@code file.ptr} from this server may point into
     */
    public HttpSymbolServer(URI base, SymbolCache cache, StoreOptions options, List<Path> pointerRoots) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("symbol server URL must be http or https: " + base);
        }
        if (base.getHost() == null || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("symbol server URL needs a host and no query or fragment: " + base);
        }
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        this.base = base;
        this.baseText = text;
        this.cache = cache;
        this.options = options;
        List<Path> roots = new ArrayList<>(options.pointerRoots());
        roots.addAll(pointerRoots);
        this.pointerRoots = List.copyOf(roots);
        int n = options.maxParallelDownloads();
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor ex = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "faultline-symbols-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ex.allowCoreThreadTimeOut(true);
        this.downloads = ex;
    }

    public URI base() {
        return base;
    }

    public SymbolCache cache() {
        return cache;
    }

    @Override
    public String name() {
        return baseText;
    }

    @Override
    public boolean usesNetwork() {
        return true;
    }

    /** The URL of a candidate: the base, then each component percent-encoded. */
    public URI urlOf(SymbolStoreLayout.Candidate c) {
        StringBuilder b = new StringBuilder(baseText);
        for (String part : c.components()) {
            b.append('/').append(encode(part));
        }
        try {
            return new URI(b.toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("encoded URL did not parse: " + b, e);
        }
    }

    private static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return b.toString();
    }

    @Override
    public LookupResult lookup(SymbolKey key, CancellationToken cancel, ProgressListener progress) {
        return Waits.await(lookupAsync(key, cancel, progress), cancel, name());
    }

    @Override
    public CompletableFuture<LookupResult> lookupAsync(SymbolKey key, CancellationToken cancel,
            ProgressListener progress) {
        LookupResult quick = fromCache(key, cancel);
        if (quick != null) {
            return CompletableFuture.completedFuture(quick);
        }
        try {
            return CompletableFuture.supplyAsync(() -> download(key, cancel, progress), downloads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(
                    new LookupResult.Failed(name(), LookupResult.Problem.CANCELLED, "server closed"));
        }
    }

    private LookupResult fromCache(SymbolKey key, CancellationToken cancel) {
        if (cancel.isCancelled()) {
            return new LookupResult.Failed(name(), LookupResult.Problem.CANCELLED, "cancelled");
        }
        var hit = cache.find(key);
        if (hit.isPresent()) {
            return new LookupResult.Found(hit.get(), name(), true, "cached in " + cache.root());
        }
        if (cache.isKnownMissing(baseText, key)) {
            return new LookupResult.NotFound(name(), "remembered miss (negative cache)");
        }
        return null;
    }

    private LookupResult download(SymbolKey key, CancellationToken cancel, ProgressListener progress) {
        LookupResult quick = fromCache(key, cancel);
        if (quick != null) {
            return quick;
        }
        List<String> absent = new ArrayList<>();
        for (SymbolStoreLayout.Candidate c : SymbolStoreLayout.serverCandidates(key)) {
            URI url = urlOf(c);
            Path temp = null;
            try {
                temp = cache.newTempFile();
                long limit = c.form() == SymbolStoreLayout.Form.FILE_PTR ? FilePointer.MAX_SIZE : options.maxFileBytes();
                int status = get(url, temp, limit, cancel, progress, key.toString());
                if (status == 404 || status == 410) {
                    absent.add(c.path() + " " + status);
                    continue;
                }
                if (status != 200) {
                    return new LookupResult.Failed(name(), LookupResult.Problem.HTTP_STATUS, "HTTP " + status + " for " + url);
                }
                progress.note("downloaded " + url);
                switch (c.form()) {
                    case PLAIN:
                        if (CabFile.isCabinet(temp)) {
                            return new LookupResult.Found(cache.storeExpanded(temp, key, options.maxFileBytes(),
                                    cancel), name(), true, "downloaded " + url + " (a cabinet) and expanded");
                        }
                        return new LookupResult.Found(cache.commit(temp, key), name(), true, "downloaded " + url);
                    case COMPRESSED:
                        return new LookupResult.Found(cache.storeExpanded(temp, key, options.maxFileBytes(), cancel),
                                name(), true, "downloaded and expanded " + url);
                    case FILE_PTR:
                    default:
                        return followPointer(temp, key, url, cancel);
                }
            } catch (Failure f) {
                return new LookupResult.Failed(name(), f.problem, f.getMessage());
            } catch (UnsafeNameException e) {
                return new LookupResult.Failed(name(), LookupResult.Problem.REFUSED, e.getMessage());
            } catch (DumpFormatException e) {
                return new LookupResult.Failed(name(), LookupResult.Problem.BAD_CONTENT, url + ": " + e.getMessage());
            } catch (CancellationException e) {
                return new LookupResult.Failed(name(), LookupResult.Problem.CANCELLED, "cancelled");
            } catch (IOException e) {
                return new LookupResult.Failed(name(), LookupResult.Problem.IO, url + ": " + e);
            } finally {
                deleteQuietly(temp);
            }
        }
        cache.rememberMissing(baseText, key);
        return new LookupResult.NotFound(name(), String.join(", ", absent));
    }

    private LookupResult followPointer(Path ptr, SymbolKey key, URI url, CancellationToken cancel)
            throws IOException, UnsafeNameException, DumpFormatException {
        FilePointer.Content content = FilePointer.read(ptr);
        if (content instanceof FilePointer.Content.Message m) {
            cache.rememberMissing(baseText, key);
            return new LookupResult.NotFound(name(), url + " says: " + m.text());
        }
        Path target;
        try {
            target = FilePointer.resolve(((FilePointer.Content.Target) content).path(), pointerRoots);
        } catch (NoSuchFileException e) {
            return new LookupResult.NotFound(name(), url + " points to a missing file " + e.getFile());
        }
        Path stored = CabFile.isCabinet(target)
                ? cache.storeExpanded(target, key, options.maxFileBytes(), cancel)
                : cache.storeCopy(target, key, options.maxFileBytes());
        return new LookupResult.Found(stored, name(), true, url + " -> " + target);
    }

    /** GET {@code url}; a 200 body goes to {@code temp}. Returns the status. */
    private int get(URI url, Path temp, long limit, CancellationToken cancel, ProgressListener progress,
            String label) throws Failure {
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(options.requestTimeout())
                .header("User-Agent", options.userAgent()).build();
        HttpResponse.BodyHandler<Path> handler = info -> info.statusCode() == 200
                ? new FileSubscriber(temp, limit, info.headers().firstValueAsLong("Content-Length").orElse(-1),
                        cancel, progress, label)
                : HttpResponse.BodySubscribers.replacing(null);
        CompletableFuture<HttpResponse<Path>> f;
        try {
            f = client().sendAsync(request, handler);
        } catch (IllegalArgumentException e) {
            throw new Failure(LookupResult.Problem.IO, url + ": cannot send (" + e.getMessage() + ")");
        }
        long deadline = System.nanoTime() + options.downloadTimeout().toNanos();
        while (true) {
            try {
                HttpResponse<Path> r = f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                String scheme = r.uri().getScheme() == null ? "" : r.uri().getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new Failure(LookupResult.Problem.REFUSED, url + " redirected to a non-HTTP URL " + r.uri());
                }
                return r.statusCode();
            } catch (TimeoutException e) {
                if (cancel.isCancelled()) {
                    f.cancel(true);
                    throw new Failure(LookupResult.Problem.CANCELLED, "cancelled while fetching " + url);
                }
                if (System.nanoTime() - deadline > 0) {
                    f.cancel(true);
                    throw new Failure(LookupResult.Problem.TIMEOUT,
                            "download of " + url + " took longer than " + options.downloadTimeout());
                }
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new Failure(LookupResult.Problem.CANCELLED, "interrupted while fetching " + url);
            } catch (ExecutionException e) {
                throw classify(url, e.getCause());
            }
        }
    }

    private static Failure classify(URI url, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpTimeoutException) {
                return new Failure(LookupResult.Problem.TIMEOUT, url + ": " + c.getMessage());
            }
            if (c instanceof TooLarge) {
                return new Failure(LookupResult.Problem.TOO_LARGE, url + ": " + c.getMessage());
            }
            if (c instanceof CancellationException) {
                return new Failure(LookupResult.Problem.CANCELLED, "cancelled while fetching " + url);
            }
            if (c instanceof ConnectException) {
                return new Failure(LookupResult.Problem.IO, url + ": cannot connect (" + c.getMessage() + ")");
            }
        }
        return new Failure(LookupResult.Problem.IO, url + ": " + t);
    }

    private synchronized HttpClient client() {
        if (client == null) {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .connectTimeout(options.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .version(base.getScheme().equalsIgnoreCase("https") ? HttpClient.Version.HTTP_2
                            : HttpClient.Version.HTTP_1_1);
            client = options.clientFactory().create(b);
        }
        return client;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a stray temporary file is harmless
            }
        }
    }

    @Override
    public void close() {
        downloads.shutdownNow();
    }

    @Override
    public String toString() {
        return "server " + baseText + " -> " + cache.root();
    }

    /** A classified fetch failure. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient LookupResult.Problem problem;

        Failure(LookupResult.Problem problem, String message) {
            super(message);
            this.problem = problem;
        }
    }

    /** The body is larger than allowed. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** Writes a response body to a file, stopping at the size limit or on cancellation. */
    private static final class FileSubscriber implements HttpResponse.BodySubscriber<Path> {
        private final CompletableFuture<Path> result = new CompletableFuture<>();
        private final Path file;
        private final long limit;
        private final long declared;
        private final CancellationToken cancel;
        private final ProgressListener progress;
        private final String label;
        private FileChannel channel;
        private Flow.Subscription subscription;
        private long received;

        FileSubscriber(Path file, long limit, long declared, CancellationToken cancel, ProgressListener progress,
                String label) {
            this.file = file;
            this.limit = limit;
            this.declared = declared;
            this.cancel = cancel;
            this.progress = progress;
            this.label = label;
        }

        @Override
        public CompletionStage<Path> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > limit) {
                fail(new TooLarge("server announces " + declared + " bytes, the limit is " + limit));
                return;
            }
            try {
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                fail(e);
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            try {
                for (ByteBuffer b : items) {
                    received += b.remaining();
                    if (received > limit) {
                        fail(new TooLarge("body is larger than the limit of " + limit + " bytes"));
                        return;
                    }
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                }
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (cancel.isCancelled()) {
                fail(new CancellationException("cancelled"));
                return;
            }
            progress.progress(label, received, declared);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            closeChannel();
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            closeChannel();
            result.complete(file);
        }

        private void fail(Throwable t) {
            if (subscription != null) {
                subscription.cancel();
            }
            closeChannel();
            result.completeExceptionally(t);
        }

        private void closeChannel() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // reported through the result if it matters
                }
                channel = null;
            }
        }
    }
}
