package org.faultline.triage.batch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;

/**
 * Fleet triage: every dump in files, folders and archives, analysed by the one per-dump code path
 * ({@link DumpAnalysis}), streamed as {@link DumpRow}s and aggregated into {@link Cluster}s.
 *
 * <p>Two ways in. {@link #dump} and {@link #rows} are plain functions from a name and bytes to rows, with no
 * threads or files of their own, for a distributed engine to call on each input (see docs/scaling.md).
 * {@link #run} is the local batch: one reader thread walks the inputs and feeds a fixed pool of workers through a
 * bounded window (at most {@code 4 × jobs} dumps queued or running), archive entries in memory share one
 * {@link MemoryBudget}, rows go to the sink as they finish (completion order; one job gives input order), and
 * only small per-bucket aggregates are kept.
 */
public final class FleetTriage {
    private final DumpAnalysis analysis;
    private final Limits limits;

    public FleetTriage(DumpAnalysis analysis, Limits limits) {
        this.analysis = Objects.requireNonNull(analysis, "analysis");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The standard knowledge base, no symbols, no hashing, default limits. */
    public static FleetTriage standard() {
        return new FleetTriage(DumpAnalysis.standard(false), Limits.defaults());
    }

    public Limits limits() {
        return limits;
    }

    // ---- plain functions ------------------------------------------------------------------------------------

    /**
     * The row of one dump. Never throws for bad bytes: a dump that cannot be read gets its typed error.
     *
     * @param file  the file it came from
     * @param entry the path inside an archive, or {@code null}
     */
    public DumpRow dump(String file, String entry, ByteSource source) {
        try {
            return DumpRow.of(file, entry, analysis.analyze(entry == null ? file : file + "!" + entry, source));
        } catch (DumpFormatException e) {
            return DumpRow.failed(file, entry, source.size(), new DumpError(e.code(), e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            return DumpRow.failed(file, entry, source.size(), new DumpError(DumpError.INTERNAL_ERROR,
                    "internal error (a bug in Faultline, please report it): " + e));
        }
    }

    /** The row of one dump held in memory. */
    public DumpRow dump(String name, byte[] bytes) {
        return dump(name, null, new ArrayByteSource(bytes, name));
    }

    /**
     * The rows of one input held in memory: a dump (one row), an archive (a row per dump and per refused entry)
     * or something else (no rows). Single-threaded; dumps too big for the in-memory limit spill to the system's
     * temporary folder.
     */
    public List<DumpRow> rows(String name, byte[] bytes) {
        return rows(reader -> reader.bytes(name, bytes));
    }

    /**
     * The rows of one local file (a dump, mapped, or an archive, streamed), reported as {@code name}: for inputs too
     * big to hold as one array, such as full memory dumps copied to a worker's disk. Single-threaded.
     */
    public List<DumpRow> rows(String name, Path file) {
        return rows(reader -> reader.file(file, name));
    }

    private interface ReaderCall {
        void on(FleetReader reader) throws InterruptedException, GuardedInputStream.Cancelled;
    }

    private List<DumpRow> rows(ReaderCall call) {
        List<DumpRow> rows = new ArrayList<>();
        FleetReader.Events events = new FleetReader.Events() {
            @Override
            public void dump(String file, String entry, DumpWork work) {
                try (work) {
                    rows.add(analyse(file, entry, work));
                }
            }

            @Override
            public void failed(String file, String entry, long size, DumpError error) {
                rows.add(DumpRow.failed(file, entry, size, error));
            }

            @Override
            public void skipped(String file, String entry) {
                // not a dump
            }

            @Override
            public void progress(long bytes) {
                // nothing to show
            }
        };
        try (SpillArea spill = new SpillArea(null)) {
            call.on(new FleetReader(limits, MemoryBudget.unbounded(), spill, () -> false, events));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (GuardedInputStream.Cancelled e) {
            // cannot happen: never cancelled
        }
        return rows;
    }

    private DumpRow analyse(String file, String entry, DumpWork work) {
        ByteSource source;
        try {
            source = work.open();
        } catch (DumpAccessException e) {
            return DumpRow.failed(file, entry, work.size(), new DumpError(DumpError.READ_ERROR, e.getMessage()));
        }
        return dump(file, entry, source);
    }

    // ---- the local batch ------------------------------------------------------------------------------------

    /**
     * Triages every dump under {@code paths} (files, folders, archives) and streams the rows to {@code sink}.
     *
     * @return the summary, clusters and first failures, also given to {@link RowSink#finish}
     * @throws IOException          when the sink cannot write
     * @throws InterruptedException when the calling thread is interrupted (the workers are stopped)
     */
    public FleetResult run(List<Path> paths, BatchOptions options, RowSink sink) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Run run = new Run(options, sink, options.listener() == null ? -1 : totalBytes(paths));
        sink.start();
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), new Workers());
        Semaphore window = new Semaphore(options.window());
        MemoryBudget budget = new MemoryBudget(options.memoryBudget());
        FleetReader.Events events = new FleetReader.Events() {
            @Override
            public void dump(String file, String entry, DumpWork work) throws InterruptedException {
                try {
                    window.acquire();
                } catch (InterruptedException e) {
                    work.close();
                    throw e;
                }
                pool.execute(() -> {
                    DumpRow row = null;
                    try (work) {
                        row = analyse(file, entry, work);
                    } catch (RuntimeException | Error e) {
                        row = DumpRow.failed(file, entry, work.size(), new DumpError(DumpError.INTERNAL_ERROR,
                                "internal error (a bug in Faultline, please report it): " + e));
                    }
                    try {
                        run.deliver(row);
                    } finally {
                        window.release();
                    }
                });
            }

            @Override
            public void failed(String file, String entry, long size, DumpError error) {
                run.deliver(DumpRow.failed(file, entry, size, error));
            }

            @Override
            public void skipped(String file, String entry) {
                run.skipped();
            }

            @Override
            public void progress(long bytes) {
                run.read(bytes);
            }
        };
        try (SpillArea spill = new SpillArea(options.spillFolder())) {
            FleetReader reader = new FleetReader(limits, budget, spill, run::stopped, events);
            try {
                for (Path p : paths) {
                    reader.path(p);
                }
            } catch (GuardedInputStream.Cancelled c) {
                // stopped early: the rows so far stand
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // long analyses: keep waiting
            }
        } finally {
            pool.shutdownNow();
        }
        run.rethrow();
        FleetResult result = run.result(Duration.ofNanos(System.nanoTime() - started));
        sink.finish(result);
        return result;
    }

    /** Bytes of all input files, for the progress bar (links to folders not followed). */
    static long totalBytes(List<Path> paths) {
        long[] total = {0};
        for (Path p : paths) {
            try {
                Files.walkFileTree(p, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        total[0] += attrs.size();
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // counted what could be
            }
        }
        return total[0];
    }

    /** The shared state of one batch: counts, clusters, first failures, the sink; one lock. */
    private static final class Run {
        private final BatchOptions options;
        private final RowSink sink;
        private final long bytesTotal;
        private final FleetTally tally;
        private long bytesRead;
        private IOException sinkError;
        private volatile boolean stop;

        Run(BatchOptions options, RowSink sink, long bytesTotal) {
            this.options = options;
            this.sink = sink;
            this.bytesTotal = bytesTotal;
            this.tally = new FleetTally(options.examples(), options.failuresKept());
        }

        boolean stopped() {
            return stop || options.cancelled().getAsBoolean();
        }

        synchronized void deliver(DumpRow row) {
            tally.add(row);
            if (sinkError == null) {
                try {
                    sink.row(row);
                } catch (IOException e) {
                    sinkError = e;
                    stop = true;
                }
            }
            tell();
        }

        synchronized void skipped() {
            tally.skip();
            tell();
        }

        synchronized void read(long bytes) {
            bytesRead += bytes;
            tell();
        }

        private void tell() {
            if (options.listener() != null) {
                options.listener().progress(new BatchListener.Progress(tally.dumps(), tally.failed(), tally.skipped(), bytesRead,
                        bytesTotal));
            }
        }

        synchronized void rethrow() throws IOException {
            if (sinkError != null) {
                throw sinkError;
            }
        }

        synchronized FleetResult result(Duration elapsed) {
            return tally.result(elapsed);
        }
    }

    /** Daemon worker threads named for thread dumps. */
    private static final class Workers implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "faultline-triage-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        }
    }
}
