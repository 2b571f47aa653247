package org.faultline.app.gui.detail;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Bugcheck tab. */
public final class BugcheckView {
    private final VBox root;

    public BugcheckView(BugcheckViewModel vm) {
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(vm.titleProperty());
        Label meaning = new Label();
        meaning.setWrapText(true);
        meaning.textProperty().bind(vm.meaningProperty());
        TableView<BugcheckViewModel.ParameterRow> table = new TableView<>(vm.parameters());
        table.setId("bugcheck-parameters");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.column("Parameter", 90, BugcheckViewModel.ParameterRow::name));
        table.getColumns().add(Tables.mono("Value", 190, BugcheckViewModel.ParameterRow::value));
        table.getColumns().add(Tables.column("Meaning", 500, BugcheckViewModel.ParameterRow::meaning));
        table.setPlaceholder(new Label("No parameters"));
        Tables.keepWidths(table);
        Label access = new Label();
        access.setWrapText(true);
        access.textProperty().bind(vm.accessProperty());
        root = new VBox(6, title, meaning, table, access);
        root.setPadding(new Insets(8));
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    public Node root() {
        return root;
    }
}
