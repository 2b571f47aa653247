package org.faultline.app.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.MappedByteSource;

/** Where one dump's bytes come from: a file (possibly extracted from an archive) or a resource shipped in the app. */
public sealed interface DumpInput permits DumpInput.FileInput, DumpInput.Bundled {

    /** The name the list shows and the report's {@code file} field holds. */
    String displayPath();

    /** The last part of {@link #displayPath()}. */
    default String fileName() {
        String p = displayPath();
        int cut = Math.max(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')), p.lastIndexOf('!'));
        return p.substring(cut + 1);
    }

    /** Opens the bytes; the caller closes the source. */
    ByteSource open() throws DumpAccessException;

    /** The file on disk, when there is one (archive entries: the extracted copy). */
    default Path path() {
        return null;
    }

    /**
     * A file on disk.
     *
     * @param path        where the bytes are
     * @param displayPath what to call it: the path as given, or {@code archive.zip!/entry.dmp} for an extracted entry
     */
    record FileInput(Path path, String displayPath) implements DumpInput {
        public FileInput {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(displayPath, "displayPath");
        }

        public static FileInput of(Path path) {
            return new FileInput(path, path.toString());
        }

        @Override
        public ByteSource open() throws DumpAccessException {
            return MappedByteSource.open(path);
        }
    }

    /**
     * A dump shipped inside the application jar (the bundled sample), read into memory: it is small, and a
     * resource cannot be mapped.
     */
    record Bundled(String resource, String displayPath) implements DumpInput {
        @Override
        public ByteSource open() throws DumpAccessException {
            try (InputStream in = DumpInput.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new DumpAccessException(Path.of(displayPath), "is missing from the application", null);
                }
                return new ArrayByteSource(in.readAllBytes(), displayPath);
            } catch (IOException e) {
                throw new DumpAccessException(Path.of(displayPath), "cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /** The July 19, 2024 csagent.sys sample that {@code faultline} opens with no arguments. */
    public static Bundled sample() {
        return bundled(SAMPLE);
    }

    /** The July 19 sample's file name. */
    String SAMPLE = "crowdstrike-csagent-2024-07-19.dmp";

    /**
     * A sample shipped in the application ({@code sample-dumps/dumps/NAME}, see app/pom.xml): the July 19 one and
     * the teaching mode's exercises.
     */
    static Bundled bundled(String name) {
        return new Bundled("/org/faultline/app/samples/" + name, name);
    }
}
