package org.faultline.app.gui;

import java.util.List;
import javafx.application.Application;
import org.faultline.app.cli.ExitCodes;

/**
 * The way into the desktop window from the plain main class. A separate class, so that the command line never
 * loads a JavaFX class, and so that the JavaFX runtime check for {@code Application} subclasses as main classes
 * does not apply.
 */
public final class GuiLauncher {
    private GuiLauncher() {
    }

    /**
     * Opens the window with {@code files} (none: the bundled sample) and returns when it is closed: 0, or 2 when
     * the window cannot open (a DISPLAY that names no reachable X server, missing GTK 3).
     */
    public static int launch(List<String> files) {
        quietJavaFxConfigurationWarning();
        try {
            Application.launch(FaultlineApplication.class, files.toArray(String[]::new));
            return FaultlineApplication.exitStatus();
        } catch (RuntimeException | LinkageError e) {
            System.err.println("faultline: the desktop window cannot open: " + e.getMessage()
                    + "\nThe command line works without it: 'faultline --help', 'faultline analyze FILE...'.");
            return ExitCodes.USAGE;
        }
    }

    /** Classpath runs log "Unsupported JavaFX configuration"; harmless for Faultline, so not shown to users. */
    private static void quietJavaFxConfigurationWarning() {
        KEEP.setLevel(java.util.logging.Level.SEVERE);
    }

    /** Held so the logger's level is not lost to garbage collection. */
    private static final java.util.logging.Logger KEEP = java.util.logging.Logger.getLogger("javafx");
}
