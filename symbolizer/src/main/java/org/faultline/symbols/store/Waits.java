package org.faultline.symbols.store;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a lookup while honouring a cancellation token. */
final class Waits {
    private static final long POLL_MILLIS = 20;

    private Waits() {
    }

    static LookupResult await(CompletableFuture<LookupResult> f, CancellationToken cancel, String source) {
        while (true) {
            try {
                return f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (cancel.isCancelled()) {
                    f.cancel(true);
                    return new LookupResult.Failed(source, LookupResult.Problem.CANCELLED, "cancelled");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new LookupResult.Failed(source, LookupResult.Problem.CANCELLED, "interrupted");
            } catch (CancellationException e) {
                return new LookupResult.Failed(source, LookupResult.Problem.CANCELLED, "cancelled");
            } catch (ExecutionException e) {
                return new LookupResult.Failed(source, LookupResult.Problem.IO, String.valueOf(e.getCause()));
            }
        }
    }
}
