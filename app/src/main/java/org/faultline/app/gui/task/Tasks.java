package org.faultline.app.gui.task;

/**
 * Where view models send work that must not run on the FX thread (parsing, analysis, symbol lookup, file I/O,
 * rendering exports). Production: {@link FxTasks}, one app executor running {@code javafx.concurrent.Task}s.
 * Tests: a same-thread implementation, so view models are tested without the FX toolkit.
 */
public interface Tasks {
    /** Starts the job; its callbacks run on the UI thread. */
    <T> Job run(BackgroundJob<T> job);

    /** Runs {@code r} on the UI thread (now, if already there). Work uses it to publish partial results. */
    void ui(Runnable r);
}
