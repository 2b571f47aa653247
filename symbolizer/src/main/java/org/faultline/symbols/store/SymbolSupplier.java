package org.faultline.symbols.store;

import java.util.concurrent.CompletableFuture;

/**
 * One link in the symbol lookup chain (memory cache, local folder or store, the downstream cache, an HTTP
 * server). Implementations are thread-safe. A supplier never throws for a missing or bad file: it answers
 * {@link LookupResult.NotFound} or {@link LookupResult.Failed}.
 */
public interface SymbolSupplier {

    /** A short description: the folder or URL. */
    String name();

    /** Looks the key up, blocking until the answer is known or {@code cancel} fires. */
    LookupResult lookup(SymbolKey key, CancellationToken cancel, ProgressListener progress);

    /**
     * Looks the key up without blocking the caller when the supplier does slow work (downloads); the default
     * runs {@link #lookup} in the calling thread.
     */
    default CompletableFuture<LookupResult> lookupAsync(SymbolKey key, CancellationToken cancel,
            ProgressListener progress) {
        return CompletableFuture.completedFuture(lookup(key, cancel, progress));
    }

    /** True when this supplier may use the network (only HTTP servers). */
    default boolean usesNetwork() {
        return false;
    }
}
