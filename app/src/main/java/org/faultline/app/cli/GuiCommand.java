package org.faultline.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.faultline.app.launch.Launch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultline gui [FILE…]}: opens the desktop window. The launcher opens the window before the command
 * line runs; this command only runs when it could not (no display), and says so.
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the desktop window with FILEs (dumps, folders, archives); with none, the bundled"
                + " July 19, 2024 sample. Needs a display. 'faultline' alone and 'faultline FILE...' do the same.",
        footer = {"", ExitCodes.HELP_TEXT})
public final class GuiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Dumps, folders of dumps, or archives.")
    List<String> files;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("faultline gui: " + Launch.NO_DISPLAY
                + " Use 'faultline analyze FILE...' for a report on the command line.");
        return ExitCodes.USAGE;
    }
}
