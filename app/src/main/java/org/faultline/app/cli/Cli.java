package org.faultline.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs the {@code faultline} command line and returns its exit code. Results go to {@code out}; messages,
 * usage errors and logs go to {@code err}. Never calls {@link System#exit}.
 */
public final class Cli {
    private final PrintWriter out;
    private final PrintWriter err;

    public Cli(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs with the process's standard output and error. */
    public static int execute(String... args) {
        PrintWriter out = writer(System.out);
        PrintWriter err = writer(System.err);
        try {
            return new Cli(out, err).run(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static PrintWriter writer(PrintStream stream) {
        Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        return new PrintWriter(w, true);
    }

    /** The names of the subcommands ({@code info}, {@code analyze}, …). */
    public static java.util.Set<String> commandNames() {
        return new CommandLine(new RootCommand()).getSubcommands().keySet();
    }

    /** Runs one command line. */
    public int run(String... args) {
        CommandLine cmd = commandLine();
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new RootCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionStrategy(parseResult -> {
            RootCommand root = parseResult.commandSpec().commandLine().getCommand();
            setVerbose(root.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cmd.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("faultline: " + ex.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            LoggerFactory.getLogger(Cli.class).debug("internal error\n{}", trace);
            commandLine.getErr().println("faultline: internal error: " + ex
                    + "\nThis is a bug in Faultline; please report it (run with --verbose for details).");
            return ExitCodes.INTERNAL_ERROR;
        });
        return cmd;
    }

    private static void setVerbose(boolean verbose) {
        org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof Logger logback) {
            logback.setLevel(verbose ? Level.DEBUG : Level.WARN);
        }
    }
}
