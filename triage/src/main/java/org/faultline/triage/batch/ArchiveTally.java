package org.faultline.triage.batch;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What one archive given on the command line (or found in a folder) has produced so far, nested archives
 * included: entries seen and bytes read out of leaf entries, against the entry count, total size and overall
 * ratio limits. The overall ratio compares those bytes with the archive's own bytes read so far, so a ratio
 * bomb split across nesting levels (200:1 outside, 200:1 inside) is still caught.
 */
final class ArchiveTally {
    private final Limits limits;
    private final LongSupplier compressed;
    private long entries;
    private long produced;

    /** @param compressed bytes of the archive file read so far */
    ArchiveTally(Limits limits, LongSupplier compressed) {
        this.limits = limits;
        this.compressed = compressed;
    }

    Limits limits() {
        return limits;
    }

    /** Bytes of the archive file read so far. */
    long compressed() {
        return compressed.getAsLong();
    }

    /** Counts one more entry. */
    void entry(String name) throws Refusal {
        entries++;
        if (entries > limits.maxEntries()) {
            throw new Refusal(DumpError.TOO_MANY_ENTRIES, name, "the archive holds more than "
                    + limits.maxEntries() + " entries (the entry count limit)");
        }
    }

    /** Counts bytes read out of a leaf entry (a dump or another file, not a nested archive). */
    void produced(String name, long n) throws Refusal {
        produced += n;
        if (produced > limits.maxTotalSize()) {
            throw new Refusal(DumpError.TOTAL_TOO_LARGE, name, "the archive's entries add up to more than "
                    + Limits.size(limits.maxTotalSize()) + " (the total size limit)");
        }
        if (produced > limits.ratioGrace()) {
            long in = Math.max(1, compressed.getAsLong());
            if (produced > limits.maxRatio() * in) {
                throw new Refusal(DumpError.RATIO_TOO_HIGH, name, "the archive expands more than "
                        + ratio(limits.maxRatio()) + ":1 (" + produced + " bytes out of " + in
                        + " compressed; the compression ratio limit): a compression bomb");
            }
        }
    }

    static String ratio(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}
