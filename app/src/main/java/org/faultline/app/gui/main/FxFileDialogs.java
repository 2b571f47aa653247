package org.faultline.app.gui.main;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The platform's own file choosers. */
public final class FxFileDialogs implements FileDialogs {
    private File lastFolder;

    @Override
    public List<Path> chooseFiles(Window owner) {
        FileChooser c = new FileChooser();
        c.setTitle("Open crash dumps");
        c.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Crash dumps and archives",
                        "*.dmp", "*.DMP", "*.mdmp", "*.hdmp", "*.zip", "*.tar", "*.tar.gz", "*.tgz", "*.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastFolder != null && lastFolder.isDirectory()) {
            c.setInitialDirectory(lastFolder);
        }
        List<File> files = c.showOpenMultipleDialog(owner);
        if (files == null || files.isEmpty()) {
            return List.of();
        }
        lastFolder = files.get(0).getParentFile();
        return files.stream().map(File::toPath).toList();
    }

    @Override
    public Path chooseFolder(Window owner, String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        if (lastFolder != null && lastFolder.isDirectory()) {
            c.setInitialDirectory(lastFolder);
        }
        File f = c.showDialog(owner);
        if (f == null) {
            return null;
        }
        lastFolder = f;
        return f.toPath();
    }

    @Override
    public Path chooseSaveFile(Window owner, String suggestedName, String formatLabel, String extension) {
        FileChooser c = new FileChooser();
        c.setTitle("Export as " + formatLabel);
        c.setInitialFileName(suggestedName);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(formatLabel, "*." + extension));
        if (lastFolder != null && lastFolder.isDirectory()) {
            c.setInitialDirectory(lastFolder);
        }
        File f = c.showSaveDialog(owner);
        if (f == null) {
            return null;
        }
        lastFolder = f.getParentFile();
        return f.toPath();
    }
}
