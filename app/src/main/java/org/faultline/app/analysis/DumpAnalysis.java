package org.faultline.app.analysis;

import java.util.function.BooleanSupplier;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.store.StoreOptions;
import org.faultline.symbols.store.SymbolPath;
import org.faultline.triage.Analyzer;
import org.faultline.triage.Report;
import org.faultline.triage.batch.DumpError;
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
    public static final long MAX_HASHED = org.faultline.triage.batch.DumpAnalysis.MAX_HASHED;

    private final org.faultline.triage.batch.DumpAnalysis core;
    private final SymbolPath symbolPath;

    /** Told how far hashing a file has got (big files take seconds). */
    @FunctionalInterface
    public interface Hashing {
        void progress(long done, long total);

        Hashing NONE = (done, total) -> { };
    }

    public DumpAnalysis(Analyzer analyzer, SymbolPath symbolPath, StoreOptions storeOptions) {
        this.core = new org.faultline.triage.batch.DumpAnalysis(analyzer, symbolPath, storeOptions, false);
        this.symbolPath = symbolPath;
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
            return core.analyze(input.displayPath(), source, sha);
        }
    }

    /** Analyzes one dump for the window: a problem becomes the row's error text, never an exception. */
    public LoadedDump load(DumpInput input, BooleanSupplier cancelled, Hashing hashed) {
        try {
            return LoadedDump.of(input, analyze(input, cancelled, hashed));
        } catch (DumpAccessException e) {
            return LoadedDump.failed(input, -1, DumpError.READ_ERROR, e.getMessage());
        } catch (DumpFormatException e) {
            return LoadedDump.failed(input, sizeOf(input), e.code(), describe(e));
        } catch (Cancelled e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug in Faultline: keep it out of the user's face (no stack trace in the window), log it.
            LOG.warn("internal error while analyzing {}", input.displayPath(), e);
            return LoadedDump.failed(input, sizeOf(input), DumpError.INTERNAL_ERROR,
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

    /** SHA-256 of the whole source; {@code cancelled} is polled and {@code hashed} told after each 1 MiB. */
    public static String sha256(ByteSource source, BooleanSupplier cancelled, Hashing hashed) {
        check(cancelled);
        return org.faultline.triage.batch.DumpAnalysis.sha256(source, done -> {
            hashed.progress(done, source.size());
            check(cancelled);
        });
    }
}
