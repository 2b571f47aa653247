package org.faultline.app.gui.main;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.faultline.app.gui.about.AboutView;
import org.faultline.app.gui.about.AboutViewModel;
import org.faultline.app.gui.detail.DetailView;
import org.faultline.app.gui.dumplist.DumpListView;
import org.faultline.app.gui.fleet.FleetView;
import org.faultline.app.gui.settings.Settings;
import org.faultline.app.gui.settings.SettingsView;
import org.faultline.app.gui.settings.SettingsViewModel;
import org.faultline.app.gui.settings.Theme;
import org.faultline.app.gui.teach.TeachView;

/**
 * The main window: menus, the dump list and the fleet view (tabs) above the detail, a status bar with
 * progress and Cancel. Drop files, folders or archives anywhere on it to open them. Applies the theme
 * ({@code app.css}, plus {@code dark.css}) and presenter mode (a style class on the root).
 */
public final class MainView {
    public static final String APP_CSS = Objects.requireNonNull(MainView.class.getResource("/org/faultline/app/gui/app.css"))
            .toExternalForm();
    public static final String DARK_CSS = Objects.requireNonNull(MainView.class.getResource("/org/faultline/app/gui/dark.css"))
            .toExternalForm();

    private final MainViewModel vm;
    private final Stage stage;
    private final FileDialogs dialogs;
    private final BorderPane root = new BorderPane();
    private final Scene scene;
    private final TabPane top = new TabPane();
    private final Tab dumpsTab;
    private final Menu recentMenu = new Menu("Open Recent");
    private final DetailView detail;
    private final TeachView teach;

    public MainView(MainViewModel vm, Stage stage, FileDialogs dialogs) {
        this.vm = vm;
        this.stage = stage;
        this.dialogs = dialogs;
        root.setId("main");

        DumpListView list = new DumpListView(vm.dumpList());
        FleetView fleet = new FleetView(vm.fleet());
        dumpsTab = new Tab("Dumps", list.root());
        dumpsTab.setId("tab-dumps");
        Tab fleetTab = new Tab("Fleet", fleet.root());
        fleetTab.setId("tab-fleet");
        fleetTab.textProperty().bind(vm.fleet().summaryProperty().map(s -> s.isEmpty() ? "Fleet" : "Fleet (" + s + ")"));
        top.getTabs().addAll(dumpsTab, fleetTab);
        top.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        vm.fleet().selectedProperty().addListener((o, a, b) -> {
            if (b != null) {
                top.getSelectionModel().select(dumpsTab);
            }
        });

        detail = new DetailView(vm.detail(), this::copyToClipboard, exportButton());
        SplitPane split = new SplitPane(top, detail.root());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        teach = new TeachView(vm.teach());
        // While teaching, the dump list shrinks so the tabs the steps point at keep their room on a projector.
        vm.teach().activeProperty().addListener((o, was, on) -> {
            split.setDividerPositions(on ? 0.2 : 0.3);
            detail.widenTabs(on);
        });

        root.setTop(menuBar());
        root.setCenter(split);
        root.setRight(teach.root());
        root.setBottom(statusBar());

        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1280, screen.getWidth()), Math.min(820, screen.getHeight()));
        scene.getStylesheets().add(APP_CSS);
        applySettings(vm.settingsProperty().get());
        vm.settingsProperty().addListener((o, a, b) -> applySettings(b));
        stage.titleProperty().bind(vm.titleProperty());
        stage.setScene(scene);
        dragAndDrop();
        teach.install(scene);
    }

    private void applySettings(Settings s) {
        if (s.theme() == Theme.DARK) {
            if (!scene.getStylesheets().contains(DARK_CSS)) {
                scene.getStylesheets().add(DARK_CSS);
            }
        } else {
            scene.getStylesheets().remove(DARK_CSS);
        }
        root.getStyleClass().remove("presenter");
        if (s.presenterMode()) {
            root.getStyleClass().add("presenter");
        }
        detail.presenter(s.presenterMode());
    }

    private void dragAndDrop() {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                List<Path> paths = e.getDragboard().getFiles().stream().map(File::toPath).toList();
                vm.open(paths);
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open…", "Shortcut+O", () -> vm.open(dialogs.chooseFiles(stage)));
        open.setId("menu-open");
        MenuItem openFolder = item("Open Folder…", "Shortcut+Shift+O", () -> {
            Path p = dialogs.chooseFolder(stage, "Open a folder of crash dumps");
            if (p != null) {
                vm.open(List.of(p));
            }
        });
        openFolder.setId("menu-open-folder");
        rebuildRecent();
        vm.recentFiles().addListener((ListChangeListener<String>) c -> rebuildRecent());
        Menu file = new Menu("File");
        file.getItems().addAll(open, openFolder, recentMenu);
        if (vm.windowsMinidumpsOffered()) {
            file.getItems().add(item("Open C:\\Windows\\Minidump", null, vm::openWindowsMinidumps));
        }
        MenuItem sample = item("Open the July 19, 2024 Sample", null, vm::openSample);
        MenuItem reload = item("Reload", "F5", vm::reload);
        Menu exportSelected = exportMenu("Export Selected", MainViewModel.ExportScope.SELECTED);
        Menu exportAll = exportMenu("Export All (Fleet)", MainViewModel.ExportScope.ALL);
        Menu exportFleet = new Menu("Export Fleet Summary");
        for (MainViewModel.ExportFormat f : MainViewModel.ExportFormat.values()) {
            MenuItem i = item(f.label() + "…", null, () -> exportFleet(f));
            i.setId("export-fleet-" + f.extension());
            exportFleet.getItems().add(i);
        }
        MenuItem copy = item("Copy Summary", "Shortcut+Shift+C", () -> copyToClipboard(vm.copySummary()));
        MenuItem copyFleet = item("Copy Fleet Summary", null, () -> copyToClipboard(vm.copyFleetSummary()));
        MenuItem cancel = item("Cancel Loading", "Esc", vm::cancelLoad);
        cancel.disableProperty().bind(vm.loadingProperty().not());
        MenuItem quit = item("Quit", "Shortcut+Q", stage::close);
        file.getItems().addAll(sample, reload, new SeparatorMenuItem(), exportSelected, exportAll, exportFleet, copy, copyFleet,
                new SeparatorMenuItem(), cancel, new SeparatorMenuItem(), quit);

        Menu view = new Menu("View");
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light Theme");
        RadioMenuItem dark = new RadioMenuItem("Dark Theme");
        dark.setId("menu-dark");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        light.setOnAction(e -> vm.setTheme(Theme.LIGHT));
        dark.setOnAction(e -> vm.setTheme(Theme.DARK));
        CheckMenuItem presenter = new CheckMenuItem("Presenter Mode (large fonts)");
        presenter.setAccelerator(KeyCombination.keyCombination("F11"));
        presenter.setOnAction(e -> vm.setPresenterMode(presenter.isSelected()));
        Runnable sync = () -> {
            Settings s = vm.settingsProperty().get();
            light.setSelected(s.theme() == Theme.LIGHT);
            dark.setSelected(s.theme() == Theme.DARK);
            presenter.setSelected(s.presenterMode());
        };
        sync.run();
        vm.settingsProperty().addListener((o, a, b) -> sync.run());
        MenuItem showDumps = item("Dump List", "Shortcut+1", () -> top.getSelectionModel().select(0));
        MenuItem showFleet = item("Fleet View", "Shortcut+2", () -> top.getSelectionModel().select(1));
        view.getItems().addAll(light, dark, new SeparatorMenuItem(), presenter, new SeparatorMenuItem(), showDumps,
                showFleet);

        Menu tools = new Menu("Tools");
        MenuItem settings = item("Settings…", "Shortcut+Comma", this::showSettings);
        tools.getItems().add(settings);
        Menu help = new Menu("Help");
        MenuItem lesson = item("Teach: the July 19, 2024 Outage", "Shortcut+T", vm.teach()::start);
        lesson.setId("menu-teach");
        help.getItems().addAll(lesson, new SeparatorMenuItem(), item("About Faultline", null, this::showAbout));
        MenuBar bar = new MenuBar(file, view, tools, help);
        bar.setId("menu-bar");
        return bar;
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (String f : vm.recentFiles()) {
            MenuItem i = new MenuItem(f);
            i.setMnemonicParsing(false);
            i.setOnAction(e -> vm.openRecent(f));
            recentMenu.getItems().add(i);
        }
        if (vm.recentFiles().isEmpty()) {
            MenuItem none = new MenuItem("(none)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        } else {
            recentMenu.getItems().addAll(new SeparatorMenuItem(), item("Clear Recent", null, vm::clearRecent));
        }
    }

    private Menu exportMenu(String title, MainViewModel.ExportScope scope) {
        Menu m = new Menu(title);
        for (MainViewModel.ExportFormat f : MainViewModel.ExportFormat.values()) {
            MenuItem i = item(f.label() + "…", null, () -> export(scope, f));
            i.setId("export-" + scope.name().toLowerCase(java.util.Locale.ROOT) + "-" + f.extension());
            m.getItems().add(i);
        }
        return m;
    }

    private MenuButton exportButton() {
        MenuButton b = new MenuButton("Export");
        b.setId("export-button");
        for (MainViewModel.ExportFormat f : MainViewModel.ExportFormat.values()) {
            MenuItem i = new MenuItem(f.label() + "…");
            i.setId("export-button-" + f.extension());
            i.setOnAction(e -> export(MainViewModel.ExportScope.SELECTED, f));
            b.getItems().add(i);
        }
        return b;
    }

    private void export(MainViewModel.ExportScope scope, MainViewModel.ExportFormat format) {
        if (!vm.canExport(scope)) {
            vm.export(scope, format, null);
            return;
        }
        Path target = dialogs.chooseSaveFile(stage, vm.suggestedName(scope, format), format.label(), format.extension());
        if (target != null) {
            vm.export(scope, format, target);
        }
    }

    private void exportFleet(MainViewModel.ExportFormat format) {
        if (vm.dumpList().rows().isEmpty()) {
            vm.exportFleet(format, null);
            return;
        }
        Path target = dialogs.chooseSaveFile(stage, "faultline-fleet-" + vm.dumpList().rows().size() + "-dumps."
                + format.extension(), format.label(), format.extension());
        if (target != null) {
            vm.exportFleet(format, target);
        }
    }

    private void copyToClipboard(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.textProperty().bind(vm.statusProperty());
        bar.progressProperty().bind(vm.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-load");
        cancel.visibleProperty().bind(vm.loadingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancelLoad());
        Label counts = new Label();
        counts.textProperty().bind(vm.dumpList().countsProperty());
        bar.getRightItems().addAll(cancel, counts);
        return bar;
    }

    private void showSettings() {
        SettingsViewModel svm = new SettingsViewModel(vm.settingsProperty().get(), vm.environment());
        SettingsView view = new SettingsView(svm, stage, title -> dialogs.chooseFolder(stage, title));
        styled(view.dialog()).showAndWait().ifPresent(vm::updateSettings);
    }

    private void showAbout() {
        styled(new AboutView(new AboutViewModel(), stage).dialog()).showAndWait();
    }

    private <T> Dialog<T> styled(Dialog<T> d) {
        d.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        if (root.getStyleClass().contains("presenter")) {
            d.getDialogPane().getStyleClass().add("presenter");
        }
        return d;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setMnemonicParsing(false);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    /** Selects a tab by its title: a detail tab, or Fleet (the screenshot command shows a chosen tab). */
    public void showDetailTab(String title) {
        top.getTabs().stream().filter(t -> t.getText().startsWith(title)).findFirst()
                .ifPresent(t -> top.getSelectionModel().select(t));
        detail.selectTab(title);
    }

    /** The detail (the teaching mode's highlighted element is found there). */
    public DetailView detail() {
        return detail;
    }

    public Parent root() {
        return root;
    }

    public Scene scene() {
        return scene;
    }

    public MainViewModel viewModel() {
        return vm;
    }
}
