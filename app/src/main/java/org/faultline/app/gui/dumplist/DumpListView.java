package org.faultline.app.gui.dumplist;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.table.TableFilter;
import org.controlsfx.control.textfield.TextFields;
import org.faultline.app.gui.common.Severity;

/**
 * The dump list: one row per dump, the columns BlueScreenView users know; sortable, with ControlsFX column
 * filters (right-click a column header), a quick filter, multi-select. Rows appear as dumps finish loading.
 */
public final class DumpListView {
    private final DumpListViewModel vm;
    private final TableView<DumpRow> table = new TableView<>();
    private final VBox root;
    private boolean syncing;

    public DumpListView(DumpListViewModel vm) {
        this.vm = vm;
        table.setId("dump-table");
        table.getStyleClass().add("dump-table");
        table.setPlaceholder(new Label("No dumps yet: File › Open, Open Folder, or drop files here."));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setItems(vm.shown());
        table.getColumns().add(column("File", 230, DumpRow::file));
        table.getColumns().add(column("Crash time", 165, DumpRow::crashTime));
        table.getColumns().add(column("Bug check", 220, DumpRow::bugcheckName));
        table.getColumns().add(column("Code", 90, DumpRow::bugcheckCode));
        for (int i = 0; i < 4; i++) {
            int p = i;
            table.getColumns().add(column("P" + (i + 1), 140, r -> r.parameter(p)));
        }
        table.getColumns().add(column("Caused by", 120, DumpRow::causedBy));
        table.getColumns().add(column("Vendor", 130, DumpRow::vendor));
        table.getColumns().add(column("Verdict", 170, DumpRow::verdict));
        table.getColumns().add(column("Flag", 160, DumpRow::flag));
        table.getColumns().add(column("OS build", 75, DumpRow::osBuild));
        table.getColumns().add(column("Size", 80, DumpRow::size));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DumpRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("row-error", "row-flagged");
                if (!empty && item != null) {
                    if (item.severity() == Severity.ERROR) {
                        getStyleClass().add("row-error");
                    } else if (!item.flag().isEmpty() && !item.flag().equals("3rd-party")) {
                        getStyleClass().add("row-flagged");
                    }
                    setTooltip(new Tooltip(item.path()));
                } else {
                    setTooltip(null);
                }
            }
        });
        // Column filters (ControlsFX): built lazily, when a column's filter menu is first opened.
        TableFilter.forTableView(table).lazy(true).apply();

        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!syncing) {
                syncing = true;
                vm.selectedProperty().set(b);
                syncing = false;
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (!syncing && b != table.getSelectionModel().getSelectedItem()) {
                syncing = true;
                if (b == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    int at = table.getItems().indexOf(b);
                    table.getSelectionModel().clearAndSelect(at);
                    // Selected from elsewhere (the fleet view, a teaching step): bring the row into view.
                    if (at >= 0) {
                        table.scrollTo(at);
                    }
                }
                syncing = false;
            }
        });
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<DumpRow>) c ->
                vm.selection().setAll(table.getSelectionModel().getSelectedItems().filtered(r -> r != null)));

        TextField quick = TextFields.createClearableTextField();
        quick.setId("quick-filter");
        quick.setPromptText("Filter: file, bug check, culprit, vendor, bucket…");
        quick.setPrefColumnCount(32);
        quick.textProperty().bindBidirectional(vm.quickFilterProperty());
        Label filter = new Label();
        filter.getStyleClass().add("filter-label");
        filter.textProperty().bind(vm.filterTextProperty());
        Button showAll = new Button("Show all");
        showAll.visibleProperty().bind(vm.bucketFilterProperty().isNotNull());
        showAll.managedProperty().bind(showAll.visibleProperty());
        showAll.setOnAction(e -> vm.filterByBucket(null));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label counts = new Label();
        counts.getStyleClass().add("muted");
        counts.textProperty().bind(vm.countsProperty());
        HBox bar = new HBox(8, quick, filter, showAll, spacer, counts);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.getStyleClass().add("tool-bar-row");
        root = new VBox(bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    /** A column; values are typed (times, hex codes, sizes) so that they sort as what they are. */
    private static <T> TableColumn<DumpRow, T> column(String title, double width, Function<DumpRow, T> value) {
        TableColumn<DumpRow, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue() == null ? null : value.apply(cd.getValue())));
        c.setComparator(DumpListView::compareNullsLast);
        return c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> int compareNullsLast(T a, T b) {
        if (a == null || b == null) {
            return a == null ? b == null ? 0 : 1 : -1;
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return a.toString().compareToIgnoreCase(b.toString());
    }

    public Node root() {
        return root;
    }

    /** The table (the main view focuses it). */
    public TableView<DumpRow> table() {
        return table;
    }
}
