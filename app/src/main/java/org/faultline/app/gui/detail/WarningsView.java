package org.faultline.app.gui.detail;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Warnings tab: diagnostics with their offsets, symbol notes, or the reason the dump could not be read. */
public final class WarningsView {
    private final VBox root;

    public WarningsView(WarningsViewModel vm) {
        ListView<String> list = new ListView<>(vm.warnings());
        list.setId("warnings-list");
        list.getStyleClass().add("mono");
        list.setPlaceholder(new Label("No warnings: the dump read cleanly."));
        root = new VBox(list);
        VBox.setVgrow(list, Priority.ALWAYS);
        root.setPadding(new Insets(8));
    }

    public Node root() {
        return root;
    }
}
