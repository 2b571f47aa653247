package org.faultline.app.gui.main;

import java.nio.file.Path;
import java.util.List;
import javafx.stage.Window;

/** The native file choosers, behind an interface so that tests can answer them. */
public interface FileDialogs {
    /** Dumps and archives to open; empty when cancelled. */
    List<Path> chooseFiles(Window owner);

    /** A folder to open; null when cancelled. */
    Path chooseFolder(Window owner, String title);

    /** Where to save; null when cancelled. */
    Path chooseSaveFile(Window owner, String suggestedName, String formatLabel, String extension);
}
