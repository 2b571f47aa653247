package org.faultline.app.analysis;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.Symbolizer;
import org.faultline.symbols.store.StoreOptions;
import org.faultline.symbols.store.SymbolPath;
import org.faultline.triage.Analyzer;
import org.faultline.triage.Report;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-dump analysis both {@code faultline analyze} and the desktop window run: open the bytes, hash them,
 * open the dump, symbolize, and let the {@link Analyzer} write the {@link Report}. Plain Java (no JavaFX), safe
 * to call from any thread; one instance may analyze many dumps at once.
 */
public final class DumpAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(DumpAnalysis.class);

    /** Largest file hashed for the report's sha256 (bigger ones get null). */
    public static final long MAX_HASHED = 4L << 30;

    private final Analyzer analyzer;
    private final SymbolPath symbolPath;
    private final StoreOptions storeOptions;

    /** Told how far hashing a file has got (big files take seconds). */
    @FunctionalInterface
    public interface Hashing {
        void progress(long done, long total);

        Hashing NONE = (done, total) -> { };
    }

    public DumpAnalysis(Analyzer analyzer, SymbolPath symbolPath, StoreOptions storeOptions) {
        this.analyzer = analyzer;
        this.symbolPath = symbolPath;
        this.storeOptions = storeOptions;
    }

    /** The shipped knowledge base, no symbols: module+offset only, nothing leaves the machine. */
    public static DumpAnalysis offline() {
        return new DumpAnalysis(Analyzer.standard(), SymbolPath.empty(), StoreOptions.defaults());
    }

    public SymbolPath symbolPath() {
        return symbolPath;
    }

    /**
     * Analyzes one dump; the typed errors say why it could not be read.
     *
     * @param cancelled polled between steps and while hashing; when it turns true, {@link Cancelled} is thrown
     * @param hashed    told how many bytes have been hashed so far (for progress on big files)
     */
    public Report analyze(DumpInput input, BooleanSupplier cancelled, Hashing hashed)
            throws DumpAccessException, DumpFormatException {
        try (ByteSource source = input.open()) {
            String sha = source.size() <= MAX_HASHED ? sha256(source, cancelled, hashed) : null;
            check(cancelled);
            try (CrashDump dump = Dumps.open(source);
                 Symbolizer symbolizer = symbolPath.elements().isEmpty() ? Symbolizer.moduleOffsetOnly(dump)
                         : Symbolizer.of(dump, symbolPath, storeOptions)) {
                check(cancelled);
                return analyzer.analyze(dump, symbolizer, input.displayPath(), sha, source.size());
            }
        }
    }

    /** Analyzes one dump for the window: a problem becomes the row's error text, never an exception. */
    public LoadedDump load(DumpInput input, BooleanSupplier cancelled, Hashing hashed) {
        try {
            return LoadedDump.of(input, analyze(input, cancelled, hashed));
        } catch (DumpAccessException e) {
            return LoadedDump.failed(input, -1, e.getMessage());
        } catch (DumpFormatException e) {
            return LoadedDump.failed(input, sizeOf(input), describe(e));
        } catch (Cancelled e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug in Faultline: keep it out of the user's face (no stack trace in the window), log it.
            LOG.warn("internal error while analyzing {}", input.displayPath(), e);
            return LoadedDump.failed(input, sizeOf(input),
                    "internal error: " + e + " (a bug in Faultline; please report it)");
        }
    }

    /** The one-line message the CLI prints for a dump that cannot be read (without the file name). */
    public static String describe(DumpFormatException e) {
        return e instanceof DumpFormatException.UnsupportedFormat ? e.detail()
                : "not a crash dump: " + e.detail() + " at offset 0x" + Long.toHexString(e.offset());
    }

    private static long sizeOf(DumpInput input) {
        try (ByteSource s = input.open()) {
            return s.size();
        } catch (DumpAccessException e) {
            return -1;
        }
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new Cancelled();
        }
    }

    /** SHA-256 of the whole source, read in 1 MiB chunks. */
    public static String sha256(ByteSource source, BooleanSupplier cancelled, Hashing hashed) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (long at = 0; at < source.size(); at += buffer.length) {
                check(cancelled);
                int n = (int) Math.min(buffer.length, source.size() - at);
                source.copy(at, buffer, 0, n);
                md.update(buffer, 0, n);
                hashed.progress(at + n, source.size());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
