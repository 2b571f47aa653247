package org.faultline.app.gui.testing;

import java.nio.file.Path;
import java.util.List;
import javafx.stage.Window;
import org.faultline.app.gui.main.FileDialogs;

/** Answers the file choosers the way a user would have. */
public final class StubDialogs implements FileDialogs {
    public volatile List<Path> files = List.of();
    public volatile Path folder;
    public volatile Path save;

    @Override
    public List<Path> chooseFiles(Window owner) {
        return files;
    }

    @Override
    public Path chooseFolder(Window owner, String title) {
        return folder;
    }

    @Override
    public Path chooseSaveFile(Window owner, String suggestedName, String formatLabel, String extension) {
        return save;
    }
}
