package org.faultline.triage.batch;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.MappedByteSource;
import org.faultline.symbols.Symbolizer;
import org.faultline.symbols.store.StoreOptions;
import org.faultline.symbols.store.SymbolPath;
import org.faultline.triage.Analyzer;
import org.faultline.triage.Report;

/**
 * The one per-dump code path: bytes → (optional SHA-256) → opened dump → symbolizer → {@link Analyzer} →
 * {@link Report}. {@code faultline analyze} and fleet triage both call it, so a dump gets the same report
 * whether it is given alone, found in a folder or read from an archive. Immutable and thread-safe: one
 * instance serves every worker thread (or every task of a distributed job).
 */
public final class DumpAnalysis {
    /** Largest source hashed for the report's sha256 (bigger ones get null). */
    public static final long MAX_HASHED = 4L << 30;

    private final Analyzer analyzer;
    private final SymbolPath symbols;
    private final StoreOptions store;
    private final boolean hash;

    /**
     * @param analyzer the verdict engine (its knowledge base is loaded once and shared)
     * @param symbols  where symbols are; an empty path means module+offset only
     * @param store    symbol store options (cache folder, timeouts)
     * @param hash     whether to compute each dump's SHA-256 (costs a full read of the dump)
     */
    public DumpAnalysis(Analyzer analyzer, SymbolPath symbols, StoreOptions store, boolean hash) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
        this.store = Objects.requireNonNull(store, "store");
        this.hash = hash;
    }

    /** The standard knowledge base, no symbols, with or without hashing. */
    public static DumpAnalysis standard(boolean hash) {
        return new DumpAnalysis(Analyzer.standard(), SymbolPath.empty(), StoreOptions.defaults(), hash);
    }

    /** Whether reports carry a SHA-256. */
    public boolean hashes() {
        return hash;
    }

    /** Maps {@code file} and analyzes it; the report's {@code file} is the path as given. */
    public Report analyze(Path file) throws DumpAccessException, DumpFormatException {
        try (MappedByteSource source = MappedByteSource.open(file)) {
            return analyze(file.toString(), source);
        }
    }

    /** Analyzes a dump held in memory. */
    public Report analyze(String name, byte[] bytes) throws DumpFormatException {
        return analyze(name, new ArrayByteSource(bytes, name));
    }

    /**
     * Analyzes the dump held by {@code source}, which stays the caller's.
     *
     * @param name what the report calls the file
     * @throws DumpFormatException when the bytes are not a readable crash dump (typed, with the offset)
     */
    public Report analyze(String name, ByteSource source) throws DumpFormatException {
        return analyze(name, source, hash && source.size() <= MAX_HASHED ? sha256(source, done -> { }) : null);
    }

    /**
     * Analyzes the dump held by {@code source} with a SHA-256 the caller computed (or null), whatever
     * {@link #hashes()} says: for callers that hash with progress and cancellation of their own.
     */
    public Report analyze(String name, ByteSource source, String sha256) throws DumpFormatException {
        try (CrashDump dump = Dumps.open(source);
             Symbolizer symbolizer = symbols.elements().isEmpty() ? Symbolizer.moduleOffsetOnly(dump)
                     : Symbolizer.of(dump, symbols, store)) {
            return analyzer.analyze(dump, symbolizer, name, sha256, source.size());
        }
    }

    /** SHA-256 of the whole source, read in 1 MiB chunks. */
    public static String sha256(ByteSource source) {
        return sha256(source, done -> { });
    }

    /**
     * SHA-256 of the whole source, read in 1 MiB chunks; {@code done} is told the bytes hashed so far after each
     * chunk (it may throw to stop the hashing).
     */
    public static String sha256(ByteSource source, LongConsumer done) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[(int) Math.min(1 << 20, Math.max(1, source.size()))];
            for (long at = 0; at < source.size(); at += buffer.length) {
                int n = (int) Math.min(buffer.length, source.size() - at);
                source.copy(at, buffer, 0, n);
                md.update(buffer, 0, n);
                done.accept(at + n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
