package org.faultline.symbols.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A symbol server for tests: serves the files under a folder at {@code http://127.0.0.1:<ephemeral>/symbols/},
 * 404 for anything else; records every request; a test may replace the answer for one path.
 */
final class LocalSymbolServer implements AutoCloseable {

    /** A replacement answer for one path. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-symbol-server");
        t.setDaemon(true);
        return t;
    });
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<String, Handler> overrides = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    LocalSymbolServer(Path root) throws IOException {
        this.root = root.toRealPath();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/symbols");
    }

    /** Raw request paths, in arrival order. */
    List<String> log() {
        return List.copyOf(log);
    }

    int requests() {
        return log.size();
    }

    int maxConcurrent() {
        return maxInFlight.get();
    }

    /** Answer requests for {@code path} (e.g. {@code /symbols/a.pdb/KEY/a.pdb}) with {@code h}. */
    void override(String path, Handler h) {
        overrides.put(path, h);
    }

    private void serve(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        String raw = ex.getRequestURI().getRawPath();
        log.add(raw);
        try {
            Handler h = overrides.get(raw);
            if (h != null) {
                try {
                    h.handle(ex);
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    send(ex, 500, String.valueOf(e).getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            String path = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            if (!path.startsWith("/symbols/")) {
                send(ex, 404, new byte[0]);
                return;
            }
            Path file = root.resolve(path.substring("/symbols/".length())).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                send(ex, 404, new byte[0]);
                return;
            }
            send(ex, 200, Files.readAllBytes(file));
        } finally {
            inFlight.decrementAndGet();
            ex.close();
        }
    }

    static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
