package org.faultline.app.gui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link Settings} as a small JSON file, {@code settings.json}, in the user's config folder:
 * <ul>
 *   <li>Windows: {@code %APPDATA%\Faultline\settings.json}</li>
 *   <li>macOS: {@code ~/Library/Application Support/Faultline/settings.json}</li>
 *   <li>Linux and others: {@code $XDG_CONFIG_HOME/faultline/settings.json} (default {@code ~/.config/faultline})</li>
 * </ul>
 * The system property {@code faultline.config} names another folder (tests use it). A missing or damaged file
 * gives the defaults; unknown keys are ignored. File I/O: call from background work only.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The store at the platform's place (or {@code -Dfaultline.config}). */
    public static SettingsStore standard() {
        return new SettingsStore(defaultFolder(System.getProperty("faultline.config"), System.getenv(),
                System.getProperty("os.name", ""), System.getProperty("user.home")).resolve("settings.json"));
    }

    /** The config folder for this platform. */
    static Path defaultFolder(String override, Map<String, String> env, String osName, String home) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank() ? Path.of(appData, "Faultline")
                    : Path.of(home, "AppData", "Roaming", "Faultline");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "Faultline");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "faultline") : Path.of(home, ".config", "faultline");
    }

    public Path file() {
        return file;
    }

    /** The saved settings, or the defaults when there are none or the file is damaged. */
    public Settings load() {
        if (!Files.isRegularFile(file)) {
            return Settings.defaults();
        }
        try {
            JsonNode n = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (n == null || !n.isObject()) {
                return Settings.defaults();
            }
            Settings d = Settings.defaults();
            List<String> recent = new ArrayList<>();
            JsonNode r = n.path("recentFiles");
            if (r.isArray()) {
                r.forEach(x -> {
                    if (x.isTextual() && recent.size() < Settings.MAX_RECENT) {
                        recent.add(x.asText());
                    }
                });
            }
            Theme theme = d.theme();
            try {
                theme = Theme.valueOf(n.path("theme").asText(d.theme().name()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // unknown theme name: keep the default
            }
            return new Settings(n.path("symbolPath").asText(d.symbolPath()),
                    n.path("microsoftSymbolServer").asBoolean(d.microsoftSymbolServer()),
                    n.path("symbolCache").asText(d.symbolCache()),
                    n.path("useEnvironmentSymbolPath").asBoolean(d.useEnvironment()),
                    theme, n.path("presenterMode").asBoolean(d.presenterMode()), recent);
        } catch (IOException e) {
            LOG.warn("cannot read settings {}: {}; using the defaults", file, e.getMessage());
            return Settings.defaults();
        }
    }

    /** Writes the settings (to a temporary file first, then moved over the old one). */
    public void save(Settings s) throws IOException {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("symbolPath", s.symbolPath());
        o.put("microsoftSymbolServer", s.microsoftSymbolServer());
        o.put("symbolCache", s.symbolCache());
        o.put("useEnvironmentSymbolPath", s.useEnvironment());
        o.put("theme", s.theme().name().toLowerCase(Locale.ROOT));
        o.put("presenterMode", s.presenterMode());
        ArrayNode r = o.putArray("recentFiles");
        s.recentFiles().forEach(r::add);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, MAPPER.writeValueAsString(o) + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
