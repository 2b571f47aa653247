package org.faultline.app.gui.detail;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.faultline.app.analysis.LoadedDump;

/** The Warnings tab: what went wrong while reading (diagnostics with offsets, symbol notes) or why it failed. */
public final class WarningsViewModel {
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper tabTitle = new ReadOnlyStringWrapper(this, "tabTitle", "Warnings");

    public WarningsViewModel() {
        tabTitle.bind(Bindings.createStringBinding(
                () -> warnings.isEmpty() ? "Warnings" : "Warnings (" + warnings.size() + ")", warnings));
    }

    public void show(LoadedDump d) {
        if (d == null) {
            warnings.clear();
        } else if (!d.ok()) {
            warnings.setAll("error: " + d.error());
        } else {
            warnings.setAll(d.report().warnings());
        }
    }

    public void clear() {
        warnings.clear();
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    /** {@code Warnings (3)}. */
    public ReadOnlyStringProperty tabTitleProperty() {
        return tabTitle.getReadOnlyProperty();
    }
}
