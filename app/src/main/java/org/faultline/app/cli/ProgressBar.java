package org.faultline.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.faultline.triage.batch.BatchListener;
import org.faultline.triage.batch.FleetResult;

/**
 * The triage progress bar on standard error (only when it is a terminal): input bytes read, dumps, failures,
 * skipped files and the rate, redrawn in place at most ten times a second.
 */
final class ProgressBar implements BatchListener {
    private static final long EVERY_NANOS = 100_000_000L;
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long last;
    private int shown;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void progress(Progress p) {
        long now = System.nanoTime();
        if (now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        draw(line(p, now));
    }

    String line(Progress p, long now) {
        StringBuilder b = new StringBuilder();
        if (p.bytesTotal() > 0) {
            double f = Math.min(1, (double) p.bytesRead() / p.bytesTotal());
            int filled = (int) Math.round(f * WIDTH);
            b.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%%  ", f * 100));
        }
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        b.append(String.format(Locale.ROOT, "%,d dumps  %,d failed  %,d skipped  %,.0f dumps/s", p.dumps(), p.failed(),
                p.skipped(), p.dumps() / seconds));
        return b.toString();
    }

    private void draw(String s) {
        String pad = s.length() < shown ? " ".repeat(shown - s.length()) : "";
        err.print("\r" + s + pad);
        err.flush();
        shown = s.length();
    }

    /** Removes the bar. */
    synchronized void clear() {
        if (shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }

    /** Removes the bar and says how long the batch took. */
    synchronized void done(FleetResult r) {
        clear();
        double seconds = Math.max(1e-3, r.elapsed().toNanos() / 1e9);
        err.println(String.format(Locale.ROOT, "faultline: triaged %,d dumps in %.1f s (%,.0f dumps/s)",
                r.summary().dumps(), seconds, r.summary().dumps() / seconds));
        err.flush();
    }
}
