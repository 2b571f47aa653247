package org.faultline.app.gui.detail;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Stack tab: frames with how each was found; the culprit's frame and third-party frames marked. */
public final class StackView {
    private final VBox root;
    private final TableView<StackViewModel.FrameRow> table;

    public StackView(StackViewModel vm) {
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        table = new TableView<>(vm.frames());
        table.setId("stack-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.column("#", 40, StackViewModel.FrameRow::index));
        table.getColumns().add(Tables.column("", 85, StackViewModel.FrameRow::mark));
        table.getColumns().add(Tables.mono("Address", 145, StackViewModel.FrameRow::address));
        table.getColumns().add(Tables.mono("Module+offset / symbol", 200, StackViewModel.FrameRow::location));
        table.getColumns().add(Tables.column("Found by", 90, StackViewModel.FrameRow::trust));
        table.getColumns().add(Tables.column("How certain", 330, StackViewModel.FrameRow::how));
        table.setPlaceholder(new Label("No stack"));
        Tables.keepWidths(table);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(StackViewModel.FrameRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("frame-culprit", "frame-third-party");
                if (!empty && item != null) {
                    if (item.culprit()) {
                        getStyleClass().add("frame-culprit");
                    } else if (item.thirdParty()) {
                        getStyleClass().add("frame-third-party");
                    }
                }
            }
        });
        root = new VBox(6, summary, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setPadding(new Insets(8));
    }

    /** The frame whose index is the key, selected; null when absent. */
    Node spotlight(org.faultline.app.gui.common.Highlight h) {
        return Spotlight.row(table, r -> Integer.toString(r.index()).equals(h.key()));
    }

    public Node root() {
        return root;
    }
}
