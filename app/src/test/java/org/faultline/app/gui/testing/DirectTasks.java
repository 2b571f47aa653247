package org.faultline.app.gui.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.faultline.app.gui.task.BackgroundJob;
import org.faultline.app.gui.task.Job;
import org.faultline.app.gui.task.Progress;
import org.faultline.app.gui.task.Tasks;

/**
 * Tasks for view-model tests, without the FX toolkit: the UI thread is the test thread. By default a job runs
 * at once, on the calling thread; {@link #queued()} gives tasks that hold jobs until {@link #runNext()}, so a
 * test can cancel or supersede one first.
 */
public final class DirectTasks implements Tasks {
    private final boolean queue;
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private int run;

    private DirectTasks(boolean queue) {
        this.queue = queue;
    }

    public static DirectTasks immediate() {
        return new DirectTasks(false);
    }

    public static DirectTasks queued() {
        return new DirectTasks(true);
    }

    @Override
    public <T> Job run(BackgroundJob<T> job) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        Runnable r = () -> {
            run++;
            if (cancelled.get()) {
                done.set(true);
                job.cancelled();
                return;
            }
            T value;
            try {
                value = job.work().run(new Progress() {
                    @Override
                    public void update(long d, long total) {
                        if (job.progressSink() != null) {
                            job.progressSink().progress(total == 0 ? -1 : (double) d / total, null);
                        }
                    }

                    @Override
                    public void message(String text) {
                        if (job.progressSink() != null) {
                            job.progressSink().progress(-1, text);
                        }
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancelled.get();
                    }
                });
            } catch (Exception e) {
                done.set(true);
                job.failed(e);
                return;
            }
            done.set(true);
            if (cancelled.get()) {
                job.cancelled();
            } else {
                job.succeeded(value);
            }
        };
        if (queue) {
            pending.add(r);
        } else {
            r.run();
        }
        return new Job() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isDone() {
                return done.get();
            }
        };
    }

    @Override
    public void ui(Runnable r) {
        r.run();
    }

    /** Runs the oldest queued job; false when none. */
    public boolean runNext() {
        Runnable r = pending.poll();
        if (r == null) {
            return false;
        }
        r.run();
        return true;
    }

    /** Runs queued jobs (and those they queue) until none is left. */
    public void runAll() {
        while (runNext()) {
            // keep going
        }
    }

    public int pendingCount() {
        return pending.size();
    }

    /** How many jobs have run (cancelled ones included). */
    public int runCount() {
        return run;
    }
}
