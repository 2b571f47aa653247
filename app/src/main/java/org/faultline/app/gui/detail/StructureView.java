package org.faultline.app.gui.detail;

import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Structure tab: the {@code info} tree; children are created when a node is first expanded. */
public final class StructureView {
    private final VBox root;

    public StructureView(StructureViewModel vm) {
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        TreeView<StructureViewModel.Node> tree = new TreeView<>();
        tree.setId("structure-tree");
        tree.getStyleClass().add("mono");
        tree.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(StructureViewModel.Node item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        vm.rootProperty().addListener((o, a, b) -> {
            if (b == null) {
                tree.setRoot(null);
            } else {
                LazyItem r = new LazyItem(b);
                r.setExpanded(true);
                tree.setRoot(r);
            }
        });
        root = new VBox(6, message, tree);
        VBox.setVgrow(tree, Priority.ALWAYS);
        root.setPadding(new Insets(8));
    }

    /** A tree item that makes its children on first use. */
    private static final class LazyItem extends TreeItem<StructureViewModel.Node> {
        private boolean built;

        LazyItem(StructureViewModel.Node node) {
            super(node);
        }

        @Override
        public boolean isLeaf() {
            return getValue().children().isEmpty();
        }

        @Override
        public ObservableList<TreeItem<StructureViewModel.Node>> getChildren() {
            if (!built) {
                built = true;
                for (StructureViewModel.Node c : getValue().children()) {
                    super.getChildren().add(new LazyItem(c));
                }
            }
            return super.getChildren();
        }
    }

    public Node root() {
        return root;
    }
}
