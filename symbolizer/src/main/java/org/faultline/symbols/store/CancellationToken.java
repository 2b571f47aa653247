package org.faultline.symbols.store;

/**
 * Asks a long operation to stop. Operations poll it between steps (before a request, between blocks of a
 * download or of a cabinet) and end with a "cancelled" failure. Plain Java: no UI toolkit types.
 */
@FunctionalInterface
public interface CancellationToken {

    /** True once the caller wants the operation to stop. */
    boolean isCancelled();

    /** A token that is never cancelled. */
    static CancellationToken none() {
        return () -> false;
    }

    /** A new token that the caller cancels with {@link CancellationFlag#cancel()}. */
    static CancellationFlag flag() {
        return new CancellationFlag();
    }

    /** A token backed by a volatile flag; thread-safe. */
    final class CancellationFlag implements CancellationToken {
        private volatile boolean cancelled;

        private CancellationFlag() {
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
