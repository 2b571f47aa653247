package org.faultline.app.gui.detail;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

/** Small helpers for the detail tabs' tables. */
final class Tables {
    private Tables() {
    }

    static <S, T> TableColumn<S, T> column(String title, double width, Function<S, T> value) {
        TableColumn<S, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue() == null ? null : value.apply(cd.getValue())));
        return c;
    }

    /** Keeps every column but the last at least as wide as asked (the last one takes the rest). */
    static void keepWidths(javafx.scene.control.TableView<?> table) {
        var cols = table.getColumns();
        for (int i = 0; i < cols.size() - 1; i++) {
            cols.get(i).setMinWidth(cols.get(i).getPrefWidth());
        }
    }

    /** A column whose cells use the monospaced font. */
    static <S, T> TableColumn<S, T> mono(String title, double width, Function<S, T> value) {
        TableColumn<S, T> c = column(title, width, value);
        c.getStyleClass().add("mono");
        return c;
    }
}
