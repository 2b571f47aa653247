package org.faultline.symbols.store;

/**
 * Hears how a long operation advances. Called from worker threads (downloads run in parallel), so an
 * implementation must be thread-safe and quick; a UI hands the values over to its own thread.
 */
public interface ProgressListener {

    /**
     * {@code done} of {@code total} bytes (or steps) of {@code item} are complete; {@code total} is -1 when
     * unknown.
     */
    void progress(String item, long done, long total);

    /** A one-line note, e.g. which server answered or why a candidate was skipped. */
    default void note(String message) {
    }

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return (item, done, total) -> { };
    }
}
