package org.faultline.app.gui.hexview;

import java.util.Optional;
import javafx.collections.ObservableListBase;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Memory tab: a region picker, "Go to address", and a virtualized list of 16-byte rows. The list's items
 * are row numbers computed on demand (no list of rows exists); cells ask the view model for their row, which
 * reads pages in the background and signals when they arrive.
 */
public final class HexView {
    private final VBox root;

    public HexView(HexViewModel vm) {
        ComboBox<HexViewModel.Region> region = new ComboBox<>(vm.regions());
        region.setId("hex-region");
        region.valueProperty().bindBidirectional(vm.regionProperty());
        region.setPrefWidth(420);
        TextField address = new TextField();
        address.setId("hex-goto");
        address.setPromptText("Go to address (0xfffff806715114ed, fffff806`715114ed)");
        address.setPrefColumnCount(26);
        Button go = new Button("Go");
        go.setDefaultButton(false);
        go.setOnAction(e -> vm.goTo(address.getText()));
        address.setOnAction(e -> vm.goTo(address.getText()));
        Label message = new Label();
        message.getStyleClass().add("muted");
        message.textProperty().bind(vm.messageProperty());
        Label regionLabel = new Label("Region");
        regionLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        go.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        region.setMinWidth(200);
        address.setMinWidth(160);
        HBox bar = new HBox(8, regionLabel, region, address, go, message);
        bar.setAlignment(Pos.CENTER_LEFT);

        ListView<Integer> rows = new ListView<>();
        rows.setId("hex-rows");
        rows.getStyleClass().addAll("hex-view", "mono");
        rows.setCellFactory(l -> new HexCell(vm));
        Runnable reset = () -> rows.setItems(new RowNumbers(vm.rowCountProperty().get()));
        vm.rowCountProperty().addListener((o, a, b) -> reset.run());
        vm.regionProperty().addListener(o -> reset.run());
        reset.run();
        vm.pagesLoadedProperty().addListener((o, a, b) -> rows.refresh());
        vm.highlightProperty().addListener((o, a, b) -> rows.refresh());
        vm.scrollTargetProperty().addListener((o, a, b) -> {
            int row = b.intValue();
            if (row >= 0) {
                rows.scrollTo(Math.max(0, row - 4));
                rows.getSelectionModel().clearAndSelect(row);
            }
        });
        root = new VBox(6, bar, rows);
        VBox.setVgrow(rows, Priority.ALWAYS);
        root.setPadding(new Insets(8));
    }

    /**
     * 0, 1, …, n-1 without storing them. Equal only to itself: a list's equals walks every element, and the
     * ListView compares old and new items when they change (134 million rows for a 2 GiB file).
     */
    static final class RowNumbers extends ObservableListBase<Integer> {
        private final int size;

        RowNumbers(int size) {
            this.size = size;
        }

        @Override
        public Integer get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return index;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private static final class HexCell extends ListCell<Integer> {
        private final HexViewModel vm;

        HexCell(HexViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(Integer item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("hex-highlight", "hex-missing");
            if (empty || item == null) {
                setText(null);
                return;
            }
            Optional<HexViewModel.HexRow> row = vm.row(item);
            if (row.isEmpty()) {
                setText(String.format("%-18s", Long.toHexString(vm.addressOf(item))) + "reading…");
                return;
            }
            HexViewModel.HexRow r = row.get();
            setText(r.addressText() + "  " + String.format("%-49s", r.hex()) + "  " + r.ascii());
            long h = vm.highlightProperty().get();
            if (h != -1 && Long.compareUnsigned(h - r.address(), HexViewModel.ROW) < 0) {
                getStyleClass().add("hex-highlight");
            }
            if (r.missing()) {
                getStyleClass().add("hex-missing");
            }
        }
    }

    public Node root() {
        return root;
    }
}
