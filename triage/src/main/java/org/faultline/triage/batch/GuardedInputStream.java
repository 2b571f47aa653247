package org.faultline.triage.batch;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One entry's bytes, counted as they are read: more than the entry size limit, or more than the ratio limit
 * allows for the compressed bytes the entry has used so far, throws a {@link Refusal} before the next buffer
 * is handed out, so a bomb never costs more than one buffer beyond the limit. Closing it leaves the archive
 * stream open.
 */
final class GuardedInputStream extends InputStream {
    private final InputStream in;
    private final ArchiveTally tally;
    private final String name;
    private final LongSupplier compressed;
    private final BooleanSupplier cancelled;
    private final Limits limits;
    private boolean leaf = true;
    private long produced;

    /**
     * @param compressed compressed bytes this entry has used so far (from the archive's statistics)
     * @param cancelled  checked on every read
     */
    GuardedInputStream(InputStream in, ArchiveTally tally, String name, LongSupplier compressed,
                       BooleanSupplier cancelled) {
        this.in = in;
        this.tally = tally;
        this.name = name;
        this.compressed = compressed;
        this.cancelled = cancelled;
        this.limits = tally.limits();
    }

    /** This entry is an archive: its bytes are not leaf bytes (its own entries will be counted). */
    void nested() {
        leaf = false;
    }

    /** Bytes read so far. */
    long produced() {
        return produced;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (cancelled.getAsBoolean()) {
            throw new Cancelled();
        }
        int n = in.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws Refusal {
        produced += n;
        if (produced > limits.maxEntrySize()) {
            throw new Refusal(DumpError.ENTRY_TOO_LARGE, name, "the entry is larger than "
                    + Limits.size(limits.maxEntrySize()) + " (the entry size limit)");
        }
        if (produced > limits.ratioGrace()) {
            long c = Math.max(1, compressed.getAsLong());
            if (produced > limits.maxRatio() * c) {
                throw new Refusal(DumpError.RATIO_TOO_HIGH, name, "the entry expands more than "
                        + ArchiveTally.ratio(limits.maxRatio()) + ":1 (" + produced + " bytes out of " + c
                        + " compressed; the compression ratio limit): a compression bomb");
            }
        }
        if (leaf) {
            tally.produced(name, n);
        }
    }

    /** Reads and discards the rest of the entry (still counted and limited). */
    void drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // counted by read
        }
    }

    @Override
    public void close() {
        // The archive stream belongs to the reader.
    }

    /** The batch was cancelled. */
    static final class Cancelled extends IOException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled");
        }
    }
}
