package org.faultline.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline}: the root command, to which each feature adds a subcommand. */
@Command(name = "faultline",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Windows crash-dump analyzer: reads kernel and user-mode dumps on any OS,"
                + " finds the faulting driver and explains the crash.",
        subcommands = {InfoCommand.class, AnalyzeCommand.class, TriageCommand.class, DisasmCommand.class},
        footer = {"", ExitCodes.HELP_TEXT})
public final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Log debug messages to standard error.")
    boolean verbose;

    @Override
    public Integer call() {
        // No subcommand: until the desktop window exists, show the help.
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
