package org.faultline.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.faultline.dump.DetectedDump;
import org.faultline.dump.DumpFiles;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline info FILE…}: what each file holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show what each crash-dump file holds.",
        footer = {"", ExitCodes.HELP_TEXT})
public final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Crash-dump files to describe.")
    List<Path> files;

    @Override
    public Integer call() {
        int worst = ExitCodes.OK;
        for (Path file : files) {
            worst = Math.max(worst, describe(file));
        }
        return worst;
    }

    private int describe(Path file) {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            DetectedDump detected = DumpFiles.detect(file);
            if (detected.kind().isLegacyUserDump()) {
                err.println(file + ": unsupported format: legacy user-mode dump (" + detected.kind().signature() + ")");
                return ExitCodes.NOT_A_DUMP;
            }
            out.println(file + ": " + detected.describe() + ", " + detected.size() + " bytes");
            return ExitCodes.OK;
        } catch (DumpAccessException e) {
            err.println(e.getMessage());
            return ExitCodes.FILE_ERROR;
        } catch (DumpFormatException e) {
            err.println(file + ": not a crash dump: " + e.detail() + " at offset 0x" + Long.toHexString(e.offset()));
            return ExitCodes.NOT_A_DUMP;
        }
    }
}
