package org.faultline.app.launch;

import org.faultline.app.cli.Cli;
import org.faultline.app.gui.GuiLauncher;

/**
 * The process entry point. A plain main class (not a JavaFX {@code Application}) so that the command line
 * runs without JavaFX or a display: JavaFX classes load only when {@link Launch} picks the window. The only
 * place in Faultline that calls {@link System#exit}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Launch.Decision d = Launch.decide(args, Cli.commandNames(),
                Launch.displayAvailable(System.getenv(), System.getProperty("os.name")), Launch.headlessWindowAvailable());
        if (d.headless()) {
            // Monocle's headless platform with the software renderer: the handout's pictures need no display.
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        if (d.gui()) {
            System.exit(GuiLauncher.launch(d.files()));
        }
        if (d.note() != null) {
            System.err.println(d.note());
        }
        System.exit(Cli.execute(d.cliArgs().toArray(String[]::new)));
    }
}
