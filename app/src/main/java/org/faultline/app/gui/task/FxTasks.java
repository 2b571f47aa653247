package org.faultline.app.gui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app executor: every background job of the window runs here as a {@link Task}; results come back on the
 * FX thread. Daemon threads, so an unfinished job never keeps the process alive.
 */
public final class FxTasks implements Tasks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FxTasks.class);

    private final ExecutorService executor;

    public FxTasks() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public FxTasks(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "faultline-task-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        };
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
    }

    @Override
    public <T> Job run(BackgroundJob<T> job) {
        WorkTask<T> task = new WorkTask<>(job.work());
        task.setOnSucceeded(e -> job.succeeded(task.getValue()));
        task.setOnFailed(e -> {
            LOG.debug("{} failed", job.title(), task.getException());
            job.failed(task.getException());
        });
        task.setOnCancelled(e -> job.cancelled());
        BackgroundJob.ProgressSink sink = job.progressSink();
        if (sink != null) {
            task.progressProperty().addListener((o, a, b) -> sink.progress(b.doubleValue(), task.getMessage()));
            task.messageProperty().addListener((o, a, b) -> sink.progress(task.getProgress(), b));
        }
        executor.execute(task);
        return new Job() {
            @Override
            public void cancel() {
                // Cooperative: work polls isCancelled(); no interrupt, which would close the file channels it reads.
                task.cancel(false);
            }

            @Override
            public boolean isDone() {
                return task.isDone();
            }
        };
    }

    /** A {@link Task} running {@link Work}, which reports through it as {@link Progress}. */
    private static final class WorkTask<T> extends Task<T> implements Progress {
        private final Work<T> work;

        WorkTask(Work<T> work) {
            this.work = work;
        }

        @Override
        protected T call() throws Exception {
            return work.run(this);
        }

        @Override
        public void update(long done, long total) {
            updateProgress(done, total);
        }

        @Override
        public void message(String text) {
            updateMessage(text);
        }
    }

    @Override
    public void ui(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
