package org.faultline.triage.batch;

import java.nio.file.Path;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.MappedByteSource;

/**
 * One dump waiting for analysis, and what to give back afterwards: a loose file (mapped by the worker), an
 * entry held in memory (its bytes go back to the {@link MemoryBudget}) or an entry spilled to a temporary file
 * (deleted). Whoever receives one must close it.
 */
final class DumpWork implements AutoCloseable {
    private final Path file;
    private final ByteSource source;
    private final long size;
    private final Runnable release;
    private MappedByteSource mapped;

    private DumpWork(Path file, ByteSource source, long size, Runnable release) {
        this.file = file;
        this.source = source;
        this.size = size;
        this.release = release;
    }

    /** A loose dump file, mapped when analysed. */
    static DumpWork file(Path file, long size) {
        return new DumpWork(file, null, size, null);
    }

    /** Bytes in memory; {@code release} runs when the analysis is over. */
    static DumpWork memory(ByteSource source, Runnable release) {
        return new DumpWork(null, source, source.size(), release);
    }

    /** A spilled temporary file, deleted when the analysis is over. */
    static DumpWork spilled(Path temporary, long size) {
        return new DumpWork(temporary, null, size, () -> SpillArea.delete(temporary));
    }

    long size() {
        return size;
    }

    /** The bytes (maps the file on first call). */
    ByteSource open() throws DumpAccessException {
        if (source != null) {
            return source;
        }
        if (mapped == null) {
            mapped = MappedByteSource.open(file);
        }
        return mapped;
    }

    @Override
    public void close() {
        try {
            if (mapped != null) {
                mapped.close();
            }
        } finally {
            if (release != null) {
                release.run();
            }
        }
    }
}
