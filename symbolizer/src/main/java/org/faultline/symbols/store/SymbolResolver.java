package org.faultline.symbols.store;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The symbol lookup chain: a memory cache of files already found, then the suppliers in symbol-path order
 * (local folders and stores, downstream caches, HTTP servers). The first {@link LookupResult.Found} wins;
 * otherwise the answer is the first failure if any supplier failed, else "not found", with what every
 * supplier said.
 *
 * <p>{@link #fromPath} builds the chain from a {@link SymbolPath}:
 * <ul>
 *   <li>a {@link SymbolPath.Folder} is searched as a store and as a flat folder;</li>
 *   <li>{@code cache*dir} is searched as a store, and servers after it without a local store of their own
 *       download into it;</li>
 *   <li>{@code srv*A*B*url}: the local stores A and B are searched in order, then the server, which downloads
 *       into A (the leftmost; the default cache for {@code srv**url}, and the last {@code cache*} or the default
 *       cache for {@code srv*url}). Other stores of the chain are read, never written;</li>
 *   <li>invalid elements are skipped and listed in {@link #problems()}.</li>
 * </ul>
 * Compressed copies found in local folders are expanded into the same cache a server in their position
 * would use. A chain without URLs has no {@link HttpSymbolServer} and never opens a socket.
 */
public final class SymbolResolver implements AutoCloseable {
    private final List<SymbolSupplier> suppliers;
    private final List<String> problems;
    private final Map<SymbolKey, LookupResult.Found> memory = new ConcurrentHashMap<>();

    private SymbolResolver(List<SymbolSupplier> suppliers, List<String> problems) {
        this.suppliers = List.copyOf(suppliers);
        this.problems = List.copyOf(problems);
    }

    /** A resolver over the given suppliers, in order. */
    public static SymbolResolver of(List<SymbolSupplier> suppliers) {
        return new SymbolResolver(suppliers, List.of());
    }

    /** Builds the chain for a symbol path (see the class comment). */
    public static SymbolResolver fromPath(SymbolPath path, StoreOptions options) {
        // file.ptr targets may lie in any local folder or store the user named
        List<Path> pointerRoots = new ArrayList<>();
        for (SymbolPath.Element e : path.elements()) {
            if (e instanceof SymbolPath.Folder f) {
                addPath(f.path(), pointerRoots);
            } else if (e instanceof SymbolPath.Cache c && !c.isDefault()) {
                addPath(c.dir(), pointerRoots);
            } else if (e instanceof SymbolPath.Server s) {
                s.localStores().stream().filter(x -> !x.isEmpty()).forEach(x -> addPath(x, pointerRoots));
            }
        }
        List<String> problems = new ArrayList<>();

        Map<Path, SymbolCache> caches = new LinkedHashMap<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<SymbolSupplier> out = new ArrayList<>();
        SymbolCache current = null;
        for (SymbolPath.Element e : path.elements()) {
            if (e instanceof SymbolPath.Invalid inv) {
                problems.add("ignored '" + inv.text() + "': " + inv.message());
            } else if (e instanceof SymbolPath.Folder f) {
                Path p = toPath(f.path(), problems);
                if (p != null) {
                    SymbolCache expand = current != null ? current : cache(options.defaultCache(), caches, options);
                    addLocal(out, seen, new LocalStoreSupplier(p, LocalStoreSupplier.Mode.STORE_AND_FLAT, expand,
                            pointerRoots, options.maxFileBytes()));
                }
            } else if (e instanceof SymbolPath.Cache c) {
                Path p = c.isDefault() ? options.defaultCache() : toPath(c.dir(), problems);
                if (p != null) {
                    current = cache(p, caches, options);
                    addLocal(out, seen, new LocalStoreSupplier(p, LocalStoreSupplier.Mode.STORE, current,
                            pointerRoots, options.maxFileBytes()));
                }
            } else if (e instanceof SymbolPath.Server s) {
                SymbolCache downstream = null;
                for (String store : s.localStores()) {
                    Path p = store.isEmpty() ? options.defaultCache() : toPath(store, problems);
                    if (p == null) {
                        continue;
                    }
                    if (downstream == null) {
                        downstream = cache(p, caches, options);
                    }
                    addLocal(out, seen, new LocalStoreSupplier(p, LocalStoreSupplier.Mode.STORE, downstream,
                            pointerRoots, options.maxFileBytes()));
                }
                if (downstream == null) {
                    downstream = current != null ? current : cache(options.defaultCache(), caches, options);
                }
                for (var url : s.urls()) {
                    if (seen.add("server " + url + " " + downstream.root())) {
                        out.add(new HttpSymbolServer(url, downstream, options, pointerRoots));
                    }
                }
            }
        }
        return new SymbolResolver(out, problems);
    }

    private static void addPath(String text, List<Path> into) {
        Path p = toPath(text, new ArrayList<>());
        if (p != null) {
            into.add(p);
        }
    }

    private static Path toPath(String text, List<String> problems) {
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException ex) {
            problems.add("ignored '" + text + "': not a path on this system (" + ex.getReason() + ")");
            return null;
        }
    }

    private static SymbolCache cache(Path root, Map<Path, SymbolCache> caches, StoreOptions options) {
        return caches.computeIfAbsent(root.toAbsolutePath().normalize(),
                r -> new SymbolCache(r, options.clock(), options.negativeCacheTtl()));
    }

    private static void addLocal(List<SymbolSupplier> out, LinkedHashSet<String> seen, LocalStoreSupplier s) {
        if (seen.add(s.mode() + " " + s.root())) {
            out.add(s);
        }
    }

    public List<SymbolSupplier> suppliers() {
        return suppliers;
    }

    /** Elements of the symbol path that were ignored, with the reason. */
    public List<String> problems() {
        return problems;
    }

    /** True when some supplier may use the network. */
    public boolean usesNetwork() {
        return suppliers.stream().anyMatch(SymbolSupplier::usesNetwork);
    }

    /** Resolves one key, blocking; honours {@code cancel}. */
    public LookupResult resolve(SymbolKey key, CancellationToken cancel, ProgressListener progress) {
        return Waits.await(resolveAsync(key, cancel, progress), cancel, "resolver");
    }

    /** Resolves one key; slow suppliers (downloads) complete on their own threads. */
    public CompletableFuture<LookupResult> resolveAsync(SymbolKey key, CancellationToken cancel,
            ProgressListener progress) {
        LookupResult.Found known = memory.get(key);
        if (known != null && Files.isRegularFile(known.file())) {
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<List<LookupResult>> chain = CompletableFuture.completedFuture(List.of());
        for (SymbolSupplier s : suppliers) {
            chain = chain.thenCompose(so -> {
                if (!so.isEmpty() && so.get(so.size() - 1) instanceof LookupResult.Found) {
                    return CompletableFuture.completedFuture(so);
                }
                CompletableFuture<LookupResult> next = cancel.isCancelled()
                        ? CompletableFuture.completedFuture(
                                new LookupResult.Failed(s.name(), LookupResult.Problem.CANCELLED, "cancelled"))
                        : safely(s, key, cancel, progress);
                return next.thenApply(r -> append(so, r));
            });
        }
        return chain.thenApply(results -> summarize(key, results));
    }

    private static CompletableFuture<LookupResult> safely(SymbolSupplier s, SymbolKey key, CancellationToken cancel,
            ProgressListener progress) {
        try {
            return s.lookupAsync(key, cancel, progress).exceptionally(t ->
                    new LookupResult.Failed(s.name(), LookupResult.Problem.IO, String.valueOf(t)));
        } catch (RuntimeException t) {
            return CompletableFuture.completedFuture(
                    new LookupResult.Failed(s.name(), LookupResult.Problem.IO, String.valueOf(t)));
        }
    }

    private static List<LookupResult> append(List<LookupResult> so, LookupResult r) {
        List<LookupResult> out = new ArrayList<>(so);
        out.add(r);
        return out;
    }

    private LookupResult summarize(SymbolKey key, List<LookupResult> results) {
        if (results.isEmpty()) {
            return new LookupResult.NotFound("resolver", "no symbol path configured");
        }
        LookupResult last = results.get(results.size() - 1);
        if (last instanceof LookupResult.Found f) {
            memory.put(key, f);
            return f;
        }
        String all = String.join("; ", results.stream().map(LookupResult::describe).toList());
        for (LookupResult r : results) {
            if (r instanceof LookupResult.Failed f) {
                return new LookupResult.Failed("resolver", f.problem(), all);
            }
        }
        return new LookupResult.NotFound("resolver", all);
    }

    /**
     * Resolves many keys at once: local suppliers answer in the calling thread, downloads run in parallel
     * (bounded per server). Returns one answer per distinct key, in the given order.
     */
    public Map<SymbolKey, LookupResult> resolveAll(Collection<SymbolKey> keys, CancellationToken cancel,
            ProgressListener progress) {
        Map<SymbolKey, CompletableFuture<LookupResult>> pending = new LinkedHashMap<>();
        for (SymbolKey k : keys) {
            pending.computeIfAbsent(k, key -> resolveAsync(key, cancel, progress));
        }
        Map<SymbolKey, LookupResult> out = new LinkedHashMap<>();
        for (var e : pending.entrySet()) {
            out.put(e.getKey(), Waits.await(e.getValue(), cancel, "resolver"));
        }
        return out;
    }

    /** Forgets the files found so far (they stay on disk). */
    public void clearMemory() {
        memory.clear();
    }

    @Override
    public void close() {
        for (SymbolSupplier s : suppliers) {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a supplier only stops its threads
                }
            }
        }
    }
}
