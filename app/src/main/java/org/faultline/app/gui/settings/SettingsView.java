package org.faultline.app.gui.settings;

import java.nio.file.Path;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.controlsfx.control.ToggleSwitch;

/** The Settings dialog: symbols (with the opt-in for Microsoft's server), theme, presenter mode. */
public final class SettingsView {
    private final Dialog<Settings> dialog = new Dialog<>();

    /** @param chooseFolder opens a folder chooser (title → folder or null) */
    public SettingsView(SettingsViewModel vm, Window owner, Function<String, Path> chooseFolder) {
        dialog.initOwner(owner);
        dialog.setTitle("Settings");
        dialog.setHeaderText("Symbols and appearance");

        TextField path = new TextField();
        path.setId("settings-symbol-path");
        path.setPromptText("C:\\symbols;D:\\more-symbols  (_NT_SYMBOL_PATH syntax)");
        path.textProperty().bindBidirectional(vm.symbolPathProperty());
        Label problems = new Label();
        problems.getStyleClass().add("warning-text");
        problems.textProperty().bind(vm.problemsProperty());
        problems.managedProperty().bind(problems.textProperty().isNotEmpty());

        CheckBox microsoft = new CheckBox("Use Microsoft's public symbol server (msdl.microsoft.com)");
        microsoft.setId("settings-microsoft");
        microsoft.selectedProperty().bindBidirectional(vm.microsoftSymbolServerProperty());
        TextField cache = new TextField();
        cache.setId("settings-cache");
        cache.textProperty().bindBidirectional(vm.symbolCacheProperty());
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            Path p = chooseFolder.apply("Symbol cache folder");
            if (p != null) {
                vm.symbolCacheProperty().set(p.toString());
            }
        });
        HBox cacheRow = new HBox(6, cache, browse);
        HBox.setHgrow(cache, Priority.ALWAYS);
        CheckBox env = new CheckBox("Also use _NT_SYMBOL_PATH from the environment");
        env.selectedProperty().bindBidirectional(vm.useEnvironmentProperty());
        Label privacy = new Label();
        privacy.setId("settings-privacy");
        privacy.setWrapText(true);
        privacy.getStyleClass().add("muted");
        privacy.textProperty().bind(vm.privacyProperty());

        ComboBox<Theme> theme = new ComboBox<>();
        theme.getItems().setAll(Theme.values());
        theme.valueProperty().bindBidirectional(vm.themeProperty());
        ToggleSwitch presenter = new ToggleSwitch("Large fonts for presenting");
        presenter.selectedProperty().bindBidirectional(vm.presenterModeProperty());
        Label applies = new Label("A new symbol path applies to dumps opened from now on (File › Reload).");
        applies.getStyleClass().add("muted");

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        ColumnConstraints c0 = new ColumnConstraints();
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setPrefWidth(460);
        grid.getColumnConstraints().addAll(c0, c1);
        int r = 0;
        grid.addRow(r++, new Label("Symbol path"), path);
        grid.add(problems, 1, r++);
        grid.add(microsoft, 1, r++);
        grid.addRow(r++, new Label("Symbol cache"), cacheRow);
        grid.add(env, 1, r++);
        grid.add(privacy, 1, r++);
        grid.add(applies, 1, r++);
        grid.addRow(r++, new Label("Theme"), theme);
        grid.addRow(r, new Label("Presenter mode"), presenter);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? vm.result() : null);
    }

    public Dialog<Settings> dialog() {
        return dialog;
    }
}
