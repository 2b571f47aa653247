package org.faultline.app.gui.detail;

import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;

/** The Modules tab: every module with vendor, origin, altitude and group; a search field. */
public final class ModulesView {
    private final VBox root;
    private final TableView<ModulesViewModel.Row> table;
    private final TextField search = TextFields.createClearableTextField();

    public ModulesView(ModulesViewModel vm) {
        search.setId("module-search");
        search.setPromptText("Search modules, vendors, groups, altitudes…");
        search.setPrefColumnCount(30);
        search.textProperty().bindBidirectional(vm.searchProperty());
        Label counts = new Label();
        counts.getStyleClass().add("muted");
        counts.textProperty().bind(vm.countsProperty());
        HBox bar = new HBox(8, search, counts);
        bar.setAlignment(Pos.CENTER_LEFT);

        SortedList<ModulesViewModel.Row> sorted = new SortedList<>(vm.shown());
        table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId("modules-table");
        table.getColumns().add(Tables.column("Module", 150, ModulesViewModel.Row::name));
        table.getColumns().add(Tables.column("Vendor", 160, ModulesViewModel.Row::vendor));
        table.getColumns().add(Tables.column("Origin", 90, ModulesViewModel.Row::origin));
        table.getColumns().add(Tables.column("Altitude", 80, ModulesViewModel.Row::altitude));
        table.getColumns().add(Tables.column("Group", 150, ModulesViewModel.Row::group));
        table.getColumns().add(Tables.mono("Base", 150, ModulesViewModel.Row::base));
        table.getColumns().add(Tables.mono("Size", 80, ModulesViewModel.Row::size));
        table.getColumns().add(Tables.column("Timestamp", 160, ModulesViewModel.Row::timestamp));
        table.getColumns().add(Tables.column("Path", 320, ModulesViewModel.Row::path));
        table.setPlaceholder(new Label("No modules"));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ModulesViewModel.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("frame-culprit", "frame-third-party");
                if (!empty && item != null) {
                    if (item.culprit()) {
                        getStyleClass().add("frame-culprit");
                    } else if (item.origin().equals("third-party")) {
                        getStyleClass().add("frame-third-party");
                    }
                }
            }
        });
        root = new VBox(6, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setPadding(new Insets(8));
    }

    /** The module named by the key, selected (the search is cleared first); null when absent. */
    Node spotlight(org.faultline.app.gui.common.Highlight h) {
        search.setText("");
        return Spotlight.row(table, r -> r.name().equalsIgnoreCase(h.key()));
    }

    public Node root() {
        return root;
    }
}
