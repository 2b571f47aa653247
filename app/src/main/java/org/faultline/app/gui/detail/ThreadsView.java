package org.faultline.app.gui.detail;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Threads tab. */
public final class ThreadsView {
    private final VBox root;

    public ThreadsView(ThreadsViewModel vm) {
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        TableView<ThreadsViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("threads-table");
        table.getColumns().add(Tables.column("Thread id", 80, ThreadsViewModel.Row::id));
        table.getColumns().add(Tables.column("Name", 160, ThreadsViewModel.Row::name));
        table.getColumns().add(Tables.mono("Instruction pointer", 160, ThreadsViewModel.Row::instructionPointer));
        table.getColumns().add(Tables.mono("Where", 200, ThreadsViewModel.Row::where));
        table.getColumns().add(Tables.mono("Stack", 240, ThreadsViewModel.Row::stack));
        table.getColumns().add(Tables.mono("TEB", 150, ThreadsViewModel.Row::teb));
        table.setPlaceholder(new Label("No threads"));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ThreadsViewModel.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("frame-culprit");
                if (!empty && item != null && item.crashed()) {
                    getStyleClass().add("frame-culprit");
                }
            }
        });
        root = new VBox(6, message, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setPadding(new Insets(8));
    }

    public Node root() {
        return root;
    }
}
