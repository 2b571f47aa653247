package org.faultline.samples.minidump;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A written dump: the file bytes (after damage) and the layout of the undamaged file. The array is not
 * copied; do not share it with code that must not see changes.
 *
 * @param bytes the file contents
 * @param layout where the writer put each stream and sub-structure
 */
public record WrittenDump(byte[] bytes, Layout layout) {
    /** Writes the bytes to {@code file}, creating or replacing it. */
    public Path writeTo(Path file) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
