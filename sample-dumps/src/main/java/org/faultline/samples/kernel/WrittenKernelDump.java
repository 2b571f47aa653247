package org.faultline.samples.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kernel dump written in memory: the file bytes (after damage) and the layout of the undamaged file. The
 * array is not copied.
 *
 * @param bytes the file contents
 * @param layout where the writer put each part
 */
public record WrittenKernelDump(byte[] bytes, KernelLayout layout) {
    /** Writes the bytes to {@code file}, creating or replacing it. */
    public Path writeTo(Path file) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
