package org.faultline.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the optional real-file corpus lives: {@code ../shared} beside the checkout, or the folder named by the
 * {@code faultline.shared} system property. Tests ask for a file and skip, saying why, when it is absent.
 */
public final class Corpus {
    private Corpus() {
    }

    /** The shared folder, if it exists. */
    public static Optional<Path> shared() {
        String configured = System.getProperty("faultline.shared");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "shared");
        if (!Files.isDirectory(dir) && configured == null) {
            dir = Path.of("..", "..", "shared");
        }
        return Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath().normalize()) : Optional.empty();
    }

    /** A file under {@code shared/corpus}, if present. */
    public static Optional<Path> file(String relative) {
        return shared().map(s -> s.resolve("corpus").resolve(relative)).filter(Files::isRegularFile);
    }

    /** A file under {@code shared/symbol-fixtures}, if present. */
    public static Optional<Path> symbolFixture(String relative) {
        return shared().map(s -> s.resolve("symbol-fixtures").resolve(relative)).filter(Files::exists);
    }

    /** The message tests give when they skip. */
    public static String absent(String relative) {
        return "SKIPPED: real-file corpus not found (" + relative + " under ../shared/corpus; set -Dfaultline.shared)";
    }
}
