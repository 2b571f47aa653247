package org.faultline.app.launch;

import org.faultline.app.cli.Cli;

/**
 * The process entry point. A plain main class (not a JavaFX {@code Application}) so that the command line
 * runs without JavaFX or a display. The only place in Faultline that calls {@link System#exit}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args));
    }
}
