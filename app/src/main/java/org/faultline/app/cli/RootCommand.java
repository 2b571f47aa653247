package org.faultline.app.cli;

import java.util.concurrent.Callable;
import org.faultline.app.launch.Launch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline}: the root command, to which each feature adds a subcommand. */
@Command(name = "faultline",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Windows crash-dump analyzer: reads kernel and user-mode dumps on any OS,"
                + " finds the faulting driver and explains the crash.", "",
                "With no arguments, opens the desktop window with the bundled July 19, 2024 sample;"
                + " 'faultline FILE...' opens files, folders and archives in it."},
        subcommands = {InfoCommand.class, AnalyzeCommand.class, DisasmCommand.class, GuiCommand.class},
        footer = {"", ExitCodes.HELP_TEXT})
public final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Log debug messages to standard error.")
    boolean verbose;

    @Override
    public Integer call() {
        // No subcommand reaches here only when the window cannot open (see launch.Launch): show the help.
        spec.commandLine().usage(spec.commandLine().getOut());
        if (!Launch.displayAvailable(System.getenv(), System.getProperty("os.name"))) {
            spec.commandLine().getOut().println();
            spec.commandLine().getOut().println(Launch.NO_DISPLAY);
        }
        return ExitCodes.OK;
    }
}
