package org.faultline.app.gui.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Background work with what to do with its outcome, all callbacks on the UI thread. Built fluently:
 * {@code BackgroundJob.of("Loading", work).onSuccess(...).onFailure(...)}, then given to {@link Tasks#run}.
 */
public final class BackgroundJob<T> {
    /** Progress as the UI thread sees it: a fraction in [0, 1] (negative: unknown) and the status line. */
    @FunctionalInterface
    public interface ProgressSink {
        void progress(double fraction, String message);
    }

    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = v -> { };
    private Consumer<? super Throwable> onFailure = e -> { };
    private Runnable onCancelled = () -> { };
    private ProgressSink onProgress;

    private BackgroundJob(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title);
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundJob<T> of(String title, Work<T> work) {
        return new BackgroundJob<>(title, work);
    }

    public BackgroundJob<T> onSuccess(Consumer<? super T> c) {
        this.onSuccess = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundJob<T> onFailure(Consumer<? super Throwable> c) {
        this.onFailure = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundJob<T> onCancelled(Runnable r) {
        this.onCancelled = Objects.requireNonNull(r);
        return this;
    }

    public BackgroundJob<T> onProgress(ProgressSink sink) {
        this.onProgress = sink;
        return this;
    }

    public String title() {
        return title;
    }

    public Work<T> work() {
        return work;
    }

    public void succeeded(T value) {
        onSuccess.accept(value);
    }

    public void failed(Throwable e) {
        onFailure.accept(e);
    }

    public void cancelled() {
        onCancelled.run();
    }

    /** The progress sink, or null. */
    public ProgressSink progressSink() {
        return onProgress;
    }
}
