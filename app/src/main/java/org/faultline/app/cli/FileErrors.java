package org.faultline.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.faultline.app.analysis.DumpAnalysis;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;

/** How every command reports a file it could not read, and the exit code that goes with it. */
final class FileErrors {
    private FileErrors() {
    }

    /** {@code FILE: no such file} and 4. */
    static int report(PrintWriter err, DumpAccessException e) {
        err.println(e.getMessage());
        return ExitCodes.FILE_ERROR;
    }

    /** {@code FILE: not a crash dump: … at offset 0x…} (or the unsupported-format sentence) and 3. */
    static int report(PrintWriter err, Path file, DumpFormatException e) {
        err.println(file + ": " + DumpAnalysis.describe(e));
        return ExitCodes.NOT_A_DUMP;
    }
}
