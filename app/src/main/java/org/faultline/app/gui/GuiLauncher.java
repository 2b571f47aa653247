package org.faultline.app.gui;

import java.util.List;
import javafx.application.Application;

/**
 * The way into the desktop window from the plain main class. A separate class, so that the command line never
 * loads a JavaFX class, and so that the JavaFX runtime check for {@code Application} subclasses as main classes
 * does not apply.
 */
public final class GuiLauncher {
    private GuiLauncher() {
    }

    /** Opens the window with {@code files} (none: the bundled sample) and returns when it is closed. */
    public static int launch(List<String> files) {
        quietJavaFxConfigurationWarning();
        Application.launch(FaultlineApplication.class, files.toArray(String[]::new));
        return 0;
    }

    /** Classpath runs log "Unsupported JavaFX configuration"; harmless for Faultline, so not shown to users. */
    private static void quietJavaFxConfigurationWarning() {
        KEEP.setLevel(java.util.logging.Level.SEVERE);
    }

    /** Held so the logger's level is not lost to garbage collection. */
    private static final java.util.logging.Logger KEEP = java.util.logging.Logger.getLogger("javafx");
}
