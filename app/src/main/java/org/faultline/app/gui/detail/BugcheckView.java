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
    private final TableView<BugcheckViewModel.ParameterRow> table;
    private final Label access = new Label();

    public BugcheckView(BugcheckViewModel vm) {
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(vm.titleProperty());
        Label meaning = new Label();
        meaning.setWrapText(true);
        meaning.textProperty().bind(vm.meaningProperty());
        table = new TableView<>(vm.parameters());
        table.setId("bugcheck-parameters");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.column("Parameter", 90, BugcheckViewModel.ParameterRow::name));
        table.getColumns().add(Tables.mono("Value", 190, BugcheckViewModel.ParameterRow::value));
        table.getColumns().add(Tables.column("Meaning", 500, BugcheckViewModel.ParameterRow::meaning));
        table.setPlaceholder(new Label("No parameters"));
        Tables.keepWidths(table);
        access.setId("bugcheck-access");
        access.setWrapText(true);
        access.textProperty().bind(vm.accessProperty());
        root = new VBox(6, title, meaning, table, access);
        root.setPadding(new Insets(8));
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    /** The parameter row {@code key} ({@code P1}…) selected, or the access line; null when absent. */
    Node spotlight(org.faultline.app.gui.common.Highlight h) {
        return switch (h.place()) {
            case PARAMETER -> Spotlight.row(table, r -> r.name().equals(h.key()));
            case ACCESS -> access.getText().isEmpty() ? null : access;
            default -> null;
        };
    }

    public Node root() {
        return root;
    }
}
