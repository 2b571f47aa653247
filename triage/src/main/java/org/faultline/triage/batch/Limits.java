package org.faultline.triage.batch;

/**
 * What an archive may do before it is refused: hostile archives (zip bombs, ratio bombs, endless nesting,
 * millions of entries) are stopped by counting what is actually read, never by trusting declared sizes.
 *
 * @param maxEntrySize   largest entry read, in bytes (declared or counted)
 * @param maxTotalSize   most bytes read from all entries of one archive (nested ones included)
 * @param maxRatio       most an entry, or a whole archive, may expand (uncompressed / compressed bytes)
 * @param ratioGrace     bytes an entry or archive may produce before the ratio is checked (small files
 *                       compress well for innocent reasons)
 * @param maxEntries     most entries in one archive (nested ones included)
 * @param maxNesting     levels of archives inside an archive (1: a zip in a zip is read, a zip in that is not).
 *                       A compressed tar ({@code .tar.gz}) or a compressed single file is one level
 * @param inMemory       largest entry held in memory; a bigger dump goes to a private temporary file
 * @param decoderMemory  most memory one xz or 7z decoder may use (its dictionary)
 */
public record Limits(long maxEntrySize, long maxTotalSize, double maxRatio, long ratioGrace, long maxEntries,
                     int maxNesting, long inMemory, long decoderMemory) {
    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;

    public Limits {
        if (maxEntrySize <= 0 || maxTotalSize <= 0 || maxRatio < 1 || ratioGrace < 0 || maxEntries <= 0
                || maxNesting < 0 || inMemory <= 0 || decoderMemory <= 0) {
            throw new IllegalArgumentException("limits must be positive (ratio at least 1)");
        }
    }

    /**
     * Entries up to 64 GiB (a full kernel dump), 1 TiB per archive, ratio 200:1 once 4 MiB are out (deflate
     * reaches about 1000:1 on zeros; real dumps compress 2:1 to 120:1), a million entries, one level of
     * nesting, 256 MiB in memory per entry, 128 MiB per decoder (xz -9 needs 65 MiB).
     */
    public static Limits defaults() {
        return new Limits(64 * GIB, 1024 * GIB, 200, 4 * MIB, 1_000_000, 1, 256 * MIB, 128 * MIB);
    }

    public Limits withMaxEntrySize(long v) {
        return new Limits(v, maxTotalSize, maxRatio, ratioGrace, maxEntries, maxNesting, inMemory, decoderMemory);
    }

    public Limits withMaxTotalSize(long v) {
        return new Limits(maxEntrySize, v, maxRatio, ratioGrace, maxEntries, maxNesting, inMemory, decoderMemory);
    }

    public Limits withMaxRatio(double v) {
        return new Limits(maxEntrySize, maxTotalSize, v, ratioGrace, maxEntries, maxNesting, inMemory, decoderMemory);
    }

    public Limits withRatioGrace(long v) {
        return new Limits(maxEntrySize, maxTotalSize, maxRatio, v, maxEntries, maxNesting, inMemory, decoderMemory);
    }

    public Limits withMaxEntries(long v) {
        return new Limits(maxEntrySize, maxTotalSize, maxRatio, ratioGrace, v, maxNesting, inMemory, decoderMemory);
    }

    public Limits withMaxNesting(int v) {
        return new Limits(maxEntrySize, maxTotalSize, maxRatio, ratioGrace, maxEntries, v, inMemory, decoderMemory);
    }

    public Limits withInMemory(long v) {
        return new Limits(maxEntrySize, maxTotalSize, maxRatio, ratioGrace, maxEntries, maxNesting, v, decoderMemory);
    }

    public Limits withDecoderMemory(long v) {
        return new Limits(maxEntrySize, maxTotalSize, maxRatio, ratioGrace, maxEntries, maxNesting, inMemory, v);
    }

    /** {@code 64 GiB}, {@code 256 MiB}, {@code 4096 bytes}: sizes in refusal messages. */
    public static String size(long bytes) {
        if (bytes >= GIB && bytes % GIB == 0) {
            return bytes / GIB + " GiB";
        }
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
