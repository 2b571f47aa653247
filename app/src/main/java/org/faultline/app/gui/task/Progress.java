package org.faultline.app.gui.task;

/** What background work may tell the window while it runs; callable from the worker thread. */
public interface Progress {
    /** {@code done} of {@code total} steps. */
    void update(long done, long total);

    /** A short status line. */
    void message(String text);

    /** Whether the user (or a newer request) cancelled this work; long work polls it and stops. */
    boolean isCancelled();
}
