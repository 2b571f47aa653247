package org.faultline.app.gui.detail;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The Faulting frame tab: where, which instruction, the disassembly around it (the faulting line marked, the
 * registers of its memory operand highlighted wherever they appear), effective vs referenced address, and
 * where the bad pointer came from.
 */
public final class FaultingFrameView {
    private final VBox root;

    public FaultingFrameView(FaultingFrameViewModel vm) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(3);
        row(grid, 0, "Location", vm.locationProperty(), "fault-location");
        row(grid, 1, "Symbol", vm.symbolProperty(), null);
        row(grid, 2, "Instruction", vm.instructionProperty(), "fault-instruction");
        row(grid, 3, "Address", vm.addressesProperty(), "fault-addresses");
        Label from = new Label();
        from.getStyleClass().add("muted");
        from.textProperty().bind(vm.registersFromProperty());

        ListView<FaultingFrameViewModel.DisasmLine> disasm = new ListView<>(vm.lines());
        disasm.setId("disassembly");
        disasm.getStyleClass().add("disassembly");
        disasm.setPrefHeight(170);
        disasm.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(FaultingFrameViewModel.DisasmLine item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("fault-line");
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                if (item.faulting()) {
                    getStyleClass().add("fault-line");
                }
                Text marker = text(item.faulting() ? "▶ " : "  ", "disasm-marker");
                Text address = text(item.address() + "  ", "disasm-address");
                Text bytes = text(String.format("%-21s", item.bytes()), "disasm-bytes");
                TextFlow flow = new TextFlow(marker, address, bytes);
                for (FaultingFrameViewModel.Token t : vm.tokens(item.text())) {
                    flow.getChildren().add(text(t.text(), t.register() ? "disasm-register" : "disasm-text"));
                }
                setText(null);
                setGraphic(flow);
            }
        });
        // Re-render when the highlighted registers change with the dump.
        vm.registers().addListener((ListChangeListener<String>) c -> disasm.refresh());

        Label provenanceTitle = new Label("Where the pointer came from");
        provenanceTitle.getStyleClass().add("section-title");
        VBox provenance = new VBox(2);
        vm.provenance().addListener((ListChangeListener<String>) c -> fill(provenance, vm));
        fill(provenance, vm);

        Label message = new Label();
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.availableProperty().not());
        message.managedProperty().bind(message.visibleProperty());
        VBox details = new VBox(6, grid, from, disasm, provenanceTitle, provenance);
        details.visibleProperty().bind(vm.availableProperty());
        details.managedProperty().bind(details.visibleProperty());
        VBox.setVgrow(disasm, Priority.ALWAYS);
        root = new VBox(6, message, details);
        VBox.setVgrow(details, Priority.ALWAYS);
        root.setPadding(new Insets(8));
    }

    private static void fill(VBox box, FaultingFrameViewModel vm) {
        box.getChildren().clear();
        if (vm.provenance().isEmpty()) {
            Label none = new Label("No register of the faulting operand was traced back.");
            none.getStyleClass().add("muted");
            box.getChildren().add(none);
        }
        for (String s : vm.provenance()) {
            Label l = new Label("• " + s);
            l.setWrapText(true);
            box.getChildren().add(l);
        }
    }

    private static Text text(String s, String style) {
        Text t = new Text(s);
        t.getStyleClass().addAll("mono-text", style);
        return t;
    }

    private static void row(GridPane grid, int row, String name, javafx.beans.value.ObservableStringValue value,
                            String id) {
        Label k = new Label(name);
        k.getStyleClass().add("field-name");
        k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label v = new Label();
        v.textProperty().bind(value);
        v.setWrapText(true);
        v.getStyleClass().add("mono");
        if (id != null) {
            v.setId(id);
        }
        grid.addRow(row, k, v);
    }

    public Node root() {
        return root;
    }
}
