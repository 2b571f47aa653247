package org.faultline.dump.io;

import java.nio.file.Path;

/** The file itself could not be opened or read (missing, a folder, no permission, an I/O error). */
public final class DumpAccessException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public DumpAccessException(Path path, String detail, Throwable cause) {
        super(path + ": " + detail, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
