package org.faultline.app.gui.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.faultline.symbols.store.SymbolPath;

/**
 * What the user chose in Settings, persisted by {@link SettingsStore}.
 *
 * @param symbolPath            extra symbol path (_NT_SYMBOL_PATH syntax: folders, {@code srv*cache*url}); may be empty
 * @param microsoftSymbolServer whether to ask Microsoft's public symbol server (off by default: nothing leaves
 *                              the machine unless the user turns this on or names a server)
 * @param symbolCache           where downloaded symbols are kept
 * @param useEnvironment        whether {@code _NT_SYMBOL_PATH} from the environment is added (off by default)
 * @param theme                 light or dark
 * @param presenterMode         large fonts for trainers
 * @param recentFiles           most recent first, at most {@link #MAX_RECENT}
 */
public record Settings(String symbolPath, boolean microsoftSymbolServer, String symbolCache, boolean useEnvironment,
                       Theme theme, boolean presenterMode, List<String> recentFiles) {
    public static final int MAX_RECENT = 10;
    public static final String MICROSOFT_SYMBOL_SERVER = "https://msdl.microsoft.com/download/symbols";

    public Settings {
        symbolPath = symbolPath == null ? "" : symbolPath;
        symbolCache = symbolCache == null || symbolCache.isBlank() ? defaultCache() : symbolCache;
        theme = theme == null ? Theme.LIGHT : theme;
        recentFiles = List.copyOf(recentFiles == null ? List.of() : recentFiles);
    }

    public static Settings defaults() {
        return new Settings("", false, defaultCache(), false, Theme.LIGHT, false, List.of());
    }

    /** {@code ~/.faultline/symbols}, the cache the command line uses too. */
    public static String defaultCache() {
        return Path.of(System.getProperty("user.home"), ".faultline", "symbols").toString();
    }

    /**
     * The symbol path analysis uses: the typed path, then Microsoft's server through the cache when enabled,
     * then the environment when enabled.
     */
    public SymbolPath effectiveSymbolPath(Map<String, String> env) {
        String text = symbolPath;
        if (microsoftSymbolServer) {
            text = text + ";srv*" + symbolCache + "*" + MICROSOFT_SYMBOL_SERVER;
        }
        return SymbolPath.effective(null, text, useEnvironment ? env : null);
    }

    /** The same settings with {@code file} first in the recent list. */
    public Settings withRecent(String file) {
        List<String> r = new ArrayList<>(recentFiles);
        r.remove(file);
        r.add(0, file);
        while (r.size() > MAX_RECENT) {
            r.remove(r.size() - 1);
        }
        return new Settings(symbolPath, microsoftSymbolServer, symbolCache, useEnvironment, theme, presenterMode, r);
    }

    public Settings withoutRecent() {
        return new Settings(symbolPath, microsoftSymbolServer, symbolCache, useEnvironment, theme, presenterMode,
                List.of());
    }

    public Settings withTheme(Theme t) {
        return new Settings(symbolPath, microsoftSymbolServer, symbolCache, useEnvironment, Objects.requireNonNull(t),
                presenterMode, recentFiles);
    }

    public Settings withPresenterMode(boolean on) {
        return new Settings(symbolPath, microsoftSymbolServer, symbolCache, useEnvironment, theme, on, recentFiles);
    }
}
