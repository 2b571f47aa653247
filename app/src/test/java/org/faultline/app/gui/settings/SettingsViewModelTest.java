package org.faultline.app.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.faultline.symbols.store.SymbolPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    @Test
    void defaultsKeepEverythingOnTheMachine() {
        Settings d = Settings.defaults();
        assertThat(d.microsoftSymbolServer()).isFalse();
        assertThat(d.useEnvironment()).isFalse();
        assertThat(d.effectiveSymbolPath(Map.of(SymbolPath.ENV, "srv*c:\\s*https://example.com/symbols")).hasServers())
                .isFalse();
        SettingsViewModel vm = new SettingsViewModel(d, Map.of());
        assertThat(vm.privacyProperty().get()).startsWith("Offline:");
    }

    @Test
    void microsoftServerIsOptIn() {
        SettingsViewModel vm = new SettingsViewModel(Settings.defaults(), Map.of());
        vm.microsoftSymbolServerProperty().set(true);
        vm.symbolCacheProperty().set("/tmp/cache");
        assertThat(vm.privacyProperty().get())
                .isEqualTo("Online: the names and ids of the dump's modules are sent to msdl.microsoft.com to fetch"
                        + " symbols (cached in /tmp/cache).");
        Settings s = vm.result();
        assertThat(s.effectiveSymbolPath(Map.of()).toString())
                .isEqualTo("srv*/tmp/cache*https://msdl.microsoft.com/download/symbols");
    }

    @Test
    void environmentOnlyWhenAskedAndBadElementsAreNamed() {
        SettingsViewModel vm = new SettingsViewModel(Settings.defaults(),
                Map.of(SymbolPath.ENV, "srv*c:\\s*https://example.com/symbols"));
        vm.useEnvironmentProperty().set(true);
        assertThat(vm.privacyProperty().get()).contains("example.com");
        vm.symbolPathProperty().set("/local/syms;bogus*thing");
        assertThat(vm.problemsProperty().get()).startsWith("ignored: bogus*thing");
    }

    @Test
    void editsComeBackAsSettingsKeepingRecentFiles() {
        Settings start = Settings.defaults().withRecent("/a.dmp");
        SettingsViewModel vm = new SettingsViewModel(start, Map.of());
        vm.themeProperty().set(Theme.DARK);
        vm.presenterModeProperty().set(true);
        vm.symbolPathProperty().set("/syms");
        Settings s = vm.result();
        assertThat(s.theme()).isEqualTo(Theme.DARK);
        assertThat(s.presenterMode()).isTrue();
        assertThat(s.symbolPath()).isEqualTo("/syms");
        assertThat(s.recentFiles()).containsExactly("/a.dmp");
    }

    @Test
    void recentFilesAreMostRecentFirstAndCapped() {
        Settings s = Settings.defaults();
        for (int i = 0; i < 15; i++) {
            s = s.withRecent("/f" + i);
        }
        s = s.withRecent("/f10");
        assertThat(s.recentFiles()).hasSize(Settings.MAX_RECENT).first().isEqualTo("/f10");
        assertThat(s.recentFiles()).doesNotHaveDuplicates();
    }

    @Test
    void storeRoundTripsAndSurvivesDamage(@TempDir Path dir) throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("sub").resolve("settings.json"));
        assertThat(store.load()).isEqualTo(Settings.defaults());
        Settings s = new Settings("/syms", true, "/cache", true, Theme.DARK, true, List.of("/x.dmp"));
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
        assertThat(Files.readString(store.file())).contains("\"microsoftSymbolServer\" : true", "\"theme\" : \"dark\"");
        Files.writeString(store.file(), "{ not json");
        assertThat(store.load()).isEqualTo(Settings.defaults());
        Files.writeString(store.file(), "{\"theme\":\"purple\",\"recentFiles\":[1,\"/y.dmp\"]}");
        Settings partial = store.load();
        assertThat(partial.theme()).isEqualTo(Theme.LIGHT);
        assertThat(partial.recentFiles()).containsExactly("/y.dmp");
    }

    @Test
    void configFolderPerPlatform() {
        assertThat(SettingsStore.defaultFolder(null, Map.of("APPDATA", "C:\\Users\\a\\AppData\\Roaming"),
                "Windows 11", "C:\\Users\\a")).isEqualTo(Path.of("C:\\Users\\a\\AppData\\Roaming", "Faultline"));
        assertThat(SettingsStore.defaultFolder(null, Map.of(), "Mac OS X", "/Users/a"))
                .isEqualTo(Path.of("/Users/a/Library/Application Support/Faultline"));
        assertThat(SettingsStore.defaultFolder(null, Map.of(), "Linux", "/home/a"))
                .isEqualTo(Path.of("/home/a/.config/faultline"));
        assertThat(SettingsStore.defaultFolder(null, Map.of("XDG_CONFIG_HOME", "/cfg"), "Linux", "/home/a"))
                .isEqualTo(Path.of("/cfg/faultline"));
        assertThat(SettingsStore.defaultFolder("/over", Map.of(), "Linux", "/home/a")).isEqualTo(Path.of("/over"));
    }
}
