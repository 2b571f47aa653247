package org.faultline.app.gui;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.faultline.app.gui.settings.SettingsStore;
import org.faultline.app.gui.task.Tasks;

/**
 * What the view models get from the application: the task runner, the settings file, the environment and the
 * OS name (so tests can pretend to be Windows), and the scratch folder for extracted archive entries.
 */
public record AppContext(Tasks tasks, SettingsStore settingsStore, Map<String, String> env, String osName,
                         Supplier<Path> scratch) {

    public boolean windows() {
        return osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
