package org.faultline.app.gui.settings;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.faultline.symbols.store.SymbolPath;

/**
 * The Settings dialog: an editable copy of {@link Settings}. {@link #result()} gives what the user chose;
 * {@link #privacyProperty()} says in plain words whether anything will leave the machine.
 */
public final class SettingsViewModel {
    private final StringProperty symbolPath = new SimpleStringProperty(this, "symbolPath", "");
    private final BooleanProperty microsoftSymbolServer = new SimpleBooleanProperty(this, "microsoftSymbolServer");
    private final StringProperty symbolCache = new SimpleStringProperty(this, "symbolCache", "");
    private final BooleanProperty useEnvironment = new SimpleBooleanProperty(this, "useEnvironment");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final BooleanProperty presenterMode = new SimpleBooleanProperty(this, "presenterMode");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper(this, "problems", "");
    private final ReadOnlyStringWrapper privacy = new ReadOnlyStringWrapper(this, "privacy", "");
    private final Map<String, String> env;
    private List<String> recent = List.of();

    public SettingsViewModel(Settings initial, Map<String, String> env) {
        this.env = env;
        load(initial);
        problems.bind(Bindings.createStringBinding(() -> SymbolPath.parse(symbolPath.get()).errors().stream()
                .map(e -> "ignored: " + e.text() + " (" + e.message() + ")").collect(Collectors.joining("\n")),
                symbolPath));
        privacy.bind(Bindings.createStringBinding(this::privacyText, symbolPath, microsoftSymbolServer,
                useEnvironment, symbolCache));
    }

    public void load(Settings s) {
        symbolPath.set(s.symbolPath());
        microsoftSymbolServer.set(s.microsoftSymbolServer());
        symbolCache.set(s.symbolCache());
        useEnvironment.set(s.useEnvironment());
        theme.set(s.theme());
        presenterMode.set(s.presenterMode());
        recent = s.recentFiles();
    }

    /** The settings as edited. */
    public Settings result() {
        return new Settings(symbolPath.get(), microsoftSymbolServer.get(), symbolCache.get(), useEnvironment.get(),
                theme.get(), presenterMode.get(), recent);
    }

    private String privacyText() {
        SymbolPath effective = result().effectiveSymbolPath(env);
        if (!effective.hasServers()) {
            return "Offline: symbols come only from the folders named here; nothing leaves this machine.";
        }
        String servers = effective.elements().stream().filter(e -> e instanceof SymbolPath.Server)
                .flatMap(e -> ((SymbolPath.Server) e).urls().stream()).map(u -> u.getHost())
                .distinct().collect(Collectors.joining(", "));
        return "Online: the names and ids of the dump's modules are sent to " + servers
                + " to fetch symbols (cached in " + symbolCache.get() + ").";
    }

    public StringProperty symbolPathProperty() {
        return symbolPath;
    }

    public BooleanProperty microsoftSymbolServerProperty() {
        return microsoftSymbolServer;
    }

    public StringProperty symbolCacheProperty() {
        return symbolCache;
    }

    public BooleanProperty useEnvironmentProperty() {
        return useEnvironment;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public BooleanProperty presenterModeProperty() {
        return presenterMode;
    }

    /** Symbol path elements that will be ignored, one per line. */
    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** Whether anything leaves the machine, in words. */
    public ReadOnlyStringProperty privacyProperty() {
        return privacy.getReadOnlyProperty();
    }
}
