package org.faultline.app.gui.about;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The About box. */
public final class AboutView {
    private final Dialog<Void> dialog = new Dialog<>();

    public AboutView(AboutViewModel vm, Window owner) {
        dialog.initOwner(owner);
        dialog.setTitle("About Faultline");
        dialog.setHeaderText(vm.title());
        Label tagline = new Label(vm.tagline());
        tagline.setWrapText(true);
        Label runtime = new Label(vm.runtime());
        runtime.getStyleClass().add("muted");
        Label licence = new Label(vm.licence());
        Label thirdTitle = new Label("Third-party software");
        thirdTitle.getStyleClass().add("section-title");
        GridPane third = new GridPane();
        third.setHgap(12);
        third.setVgap(2);
        int r = 0;
        for (AboutViewModel.Licence l : vm.thirdParty()) {
            third.addRow(r++, new Label(l.component()), new Label(l.licence()));
        }
        Label dataTitle = new Label("Data attributions (CC BY 4.0)");
        dataTitle.getStyleClass().add("section-title");
        TextArea data = new TextArea(vm.attributions());
        data.setId("about-attributions");
        data.setWrapText(true);
        data.setEditable(false);
        data.setPrefRowCount(8);
        VBox box = new VBox(8, tagline, runtime, licence, thirdTitle, third, dataTitle, data);
        box.setPadding(new Insets(10));
        box.setPrefWidth(620);
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    public Dialog<Void> dialog() {
        return dialog;
    }
}
