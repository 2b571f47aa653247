package org.faultline.app.cli;

import java.util.concurrent.Callable;
import org.faultline.app.launch.Launch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline teach [--handout FILE.md]}: the teaching mode. The launcher opens the window (for a handout
 * without a display, a headless one) before the command line runs; this command only runs when it could not,
 * and says so.
 */
@Command(name = "teach", mixinStandardHelpOptions = true,
        description = {"Walk a class through the July 19, 2024 outage: opens the window with the bundled sample, a"
                + " panel of numbered steps that point at the evidence, and three exercises (the same as Help › Teach)."
                + " Keys: → Space next, ← previous, Esc ends; View › Presenter Mode (F11) for large fonts.",
                "With --handout, writes the walkthrough as Markdown instead, with a picture of the window at each step"
                        + " in FILE-images/ beside it, and exits. Without a display the handout is drawn headless."},
        footer = {"", ExitCodes.HELP_TEXT})
public final class TeachCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--handout", paramLabel = "FILE.md", description = "Write the walkthrough to FILE.md and exit.")
    String handout;

    @Override
    public Integer call() {
        if (handout != null) {
            try {
                java.nio.file.Path.of(handout);
            } catch (java.nio.file.InvalidPathException e) {
                spec.commandLine().getErr().println("faultline teach: --handout: not a file name: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        spec.commandLine().getErr().println("faultline teach: " + Launch.NO_DISPLAY
                + (handout == null ? "" : " Nor can it be drawn headless here (Monocle is not on the class path)."));
        return ExitCodes.USAGE;
    }
}
