package org.faultline.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.faultline.app.analysis.DumpAnalysis;
import org.faultline.app.analysis.DumpInput;
import org.faultline.app.analysis.ReportFormat;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.triage.Report;
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
        subcommands = {InfoCommand.class, AnalyzeCommand.class, TriageCommand.class, DisasmCommand.class, GuiCommand.class, TeachCommand.class},
        footer = {"", ExitCodes.HELP_TEXT})
public final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Log debug messages to standard error.")
    boolean verbose;

    @Override
    public Integer call() {
        // No subcommand reaches here only when the window cannot open (see launch.Launch).
        if (Launch.displayAvailable(System.getenv(), System.getProperty("os.name"))) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return ExitCodes.OK;
        }
        return sampleOnTheCommandLine();
    }

    /** Without a display, {@code faultline} alone still shows the bundled sample's verdict, as text. */
    private int sampleOnTheCommandLine() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("faultline: " + Launch.NO_DISPLAY + " Showing the bundled July 19, 2024 sample as"
                + " 'faultline analyze' would; 'faultline --help' lists the commands.");
        err.flush();
        try {
            Report report = DumpAnalysis.offline().analyze(DumpInput.sample(), () -> false, DumpAnalysis.Hashing.NONE);
            out.print(ReportFormat.TEXT.render(List.of(report)));
            out.flush();
            return ExitCodes.OK;
        } catch (DumpAccessException e) {
            return FileErrors.report(err, e);
        } catch (DumpFormatException e) {
            return FileErrors.report(err, Path.of(DumpInput.sample().displayPath()), e);
        }
    }
}
