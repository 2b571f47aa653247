package org.faultline.triage.batch;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The private temporary folder for dumps too big for memory: created on first use with owner-only permissions
 * (on POSIX systems; on Windows the user's temporary folder is already private), holding files with generated
 * names (an entry name is never used as a path). Each file is deleted when its analysis ends, and on exit if
 * that fails; the folder is deleted by {@link #close()}.
 */
final class SpillArea implements AutoCloseable {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path parent;
    private Path dir;

    /** @param parent where to create the private folder; {@code null} for the system's temporary folder */
    SpillArea(Path parent) {
        this.parent = parent;
    }

    /** A new empty file with a generated name in the private folder. */
    synchronized Path newFile() throws IOException {
        if (dir == null) {
            FileAttribute<?>[] attrs = POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE))}
                    : new FileAttribute<?>[0];
            dir = parent == null ? Files.createTempDirectory("faultline-", attrs)
                    : Files.createTempDirectory(parent, "faultline-", attrs);
            dir.toFile().deleteOnExit();
        }
        FileAttribute<?>[] attrs = POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))} : new FileAttribute<?>[0];
        Path file = Files.createTempFile(dir, "dump-", ".tmp", attrs);
        file.toFile().deleteOnExit();
        return file;
    }

    /** Free bytes where spilled files go. */
    synchronized long usableSpace() throws IOException {
        Path where = dir != null ? dir : parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.getFileStore(where).getUsableSpace();
    }

    /** Deletes a spilled file (quietly: on exit if it is still in use). */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    /** The private folder, if one was created. */
    synchronized Path folder() {
        return dir;
    }

    @Override
    public synchronized void close() {
        if (dir != null) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // Still holds a file another process or a mapping keeps; deleteOnExit takes it later.
            }
        }
    }
}
