package org.faultline.app.gui.detail;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The Faulting frame tab: where, which instruction, the disassembly around it (the faulting line marked, the
 * registers of its memory operand highlighted wherever they appear), effective vs referenced address, and
 * where the bad pointer came from.
 */
public final class FaultingFrameView {
    private final ScrollPane root;
    private final Label location = new Label();
    private final ListView<FaultingFrameViewModel.DisasmLine> disasm;
    private final FlowPane registers = new FlowPane(6, 4);
    private boolean compact;

    public FaultingFrameView(FaultingFrameViewModel vm) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(3);
        row(grid, 0, "Location", vm.locationProperty(), "fault-location", location);
        row(grid, 1, "Symbol", vm.symbolProperty(), null, new Label());
        row(grid, 2, "Instruction", vm.instructionProperty(), "fault-instruction", new Label());
        row(grid, 3, "Address", vm.addressesProperty(), "fault-addresses", new Label());
        Label from = new Label();
        from.getStyleClass().add("muted");
        from.textProperty().bind(vm.registersFromProperty().map(t -> t.isEmpty() ? t
                : t + " In bold: the faulting operand's registers and the referenced address."));

        disasm = new ListView<>(vm.lines());
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
                TextFlow flow = new TextFlow(marker, address);
                if (!compact) {
                    flow.getChildren().add(text(String.format("%-21s", item.bytes()), "disasm-bytes"));
                }
                for (FaultingFrameViewModel.Token t : vm.tokens(item.text())) {
                    flow.getChildren().add(text(t.text(), t.register() ? "disasm-register" : "disasm-text"));
                }
                setText(null);
                setGraphic(flow);
            }
        });
        // Re-render when the highlighted registers change with the dump.
        vm.registers().addListener((ListChangeListener<String>) c -> disasm.refresh());

        // The registers as a wrapping row of "name = value" chips: all of them stay readable beside a narrow tab.
        registers.setId("fault-registers");
        registers.getStyleClass().add("registers");
        vm.registerRows().addListener((ListChangeListener<FaultingFrameViewModel.RegisterRow>) c -> chips(vm));
        chips(vm);
        VBox code = new VBox(6, disasm, registers);
        VBox.setVgrow(disasm, Priority.ALWAYS);

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
        VBox details = new VBox(6, grid, from, code, provenanceTitle, provenance);
        details.visibleProperty().bind(vm.availableProperty());
        details.managedProperty().bind(details.visibleProperty());
        VBox.setVgrow(code, Priority.ALWAYS);
        VBox content = new VBox(6, message, details);
        VBox.setVgrow(details, Priority.ALWAYS);
        content.setPadding(new Insets(8));
        // Fills the tab, and scrolls instead of squeezing the disassembly when the tab is short (large fonts on a
        // projector): the list keeps room for its lines.
        disasm.getStyleClass().add("disassembly-sized");
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.setFitToHeight(true);
        root.getStyleClass().add("tab-scroll");
    }

    private void chips(FaultingFrameViewModel vm) {
        registers.getChildren().clear();
        for (FaultingFrameViewModel.RegisterRow r : vm.registerRows()) {
            Label chip = new Label(r.name() + " = " + r.value());
            chip.setId("register-" + r.name());
            chip.getStyleClass().addAll("register-chip", "mono");
            chip.setMinWidth(Region.USE_PREF_SIZE);
            if (!r.note().isEmpty()) {
                chip.getStyleClass().add("register-marked");
                chip.setTooltip(new javafx.scene.control.Tooltip(r.note()));
            }
            registers.getChildren().add(chip);
        }
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
                            String id, Label v) {
        Label k = new Label(name);
        k.getStyleClass().add("field-name");
        k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        v.textProperty().bind(value);
        v.setWrapText(true);
        v.getStyleClass().add("mono");
        if (id != null) {
            v.setId(id);
        }
        grid.addRow(row, k, v);
    }

    /**
     * Leaves the instruction bytes out of the disassembly (presenter mode's large fonts on a narrow tab: the
     * instruction text is what a class reads).
     */
    void compact(boolean on) {
        if (compact != on) {
            compact = on;
            disasm.refresh();
        }
    }

    /** The location line, a register row or a disassembly line, selected; null when absent. */
    Node spotlight(org.faultline.app.gui.common.Highlight h) {
        return switch (h.place()) {
            case FAULT_LOCATION -> location.getText().isEmpty() ? null : location;
            case REGISTER -> registers.getChildren().stream().filter(n -> n.getId().equals("register-" + h.key()))
                    .findFirst().orElse(null);
            case INSTRUCTION -> Spotlight.line(disasm, l -> l.address().equals(h.key()));
            default -> null;
        };
    }

    public Node root() {
        return root;
    }
}
