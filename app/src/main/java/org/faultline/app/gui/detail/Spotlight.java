package org.faultline.app.gui.detail;

import java.util.function.Predicate;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;

/**
 * How the tabs point at one of their elements for the teaching mode: select the row or line, scroll to it and
 * return the control to mark (the mark is the {@value #STYLE_CLASS} style class, set by the detail view).
 */
final class Spotlight {
    /** The style class of the element a teaching step points at. */
    static final String STYLE_CLASS = "teach-highlight";

    private Spotlight() {
    }

    /** Selects the first row that matches and scrolls to it; returns the table, or null when no row matches. */
    static <T> Node row(TableView<T> table, Predicate<T> matches) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (matches.test(table.getItems().get(i))) {
                table.getSelectionModel().clearAndSelect(i);
                table.scrollTo(Math.max(0, i - 2));
                return table;
            }
        }
        return null;
    }

    /** Selects the first line that matches and scrolls to it; returns the list, or null when no line matches. */
    static <T> Node line(ListView<T> list, Predicate<T> matches) {
        for (int i = 0; i < list.getItems().size(); i++) {
            if (matches.test(list.getItems().get(i))) {
                list.getSelectionModel().clearAndSelect(i);
                list.scrollTo(Math.max(0, i - 1));
                return list;
            }
        }
        return null;
    }

    /** Scrolls every scroll pane around {@code n} so that its top shows (after a layout pass of the pane). */
    static void reveal(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane scroll && scroll.getContent() != null) {
                scroll.layout();
                Node content = scroll.getContent();
                Bounds inContent = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
                double free = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                if (inContent != null && free > 0) {
                    double top = Math.max(0, inContent.getMinY() - 8);
                    scroll.setVvalue(scroll.getVmin() + Math.min(1, top / free) * (scroll.getVmax() - scroll.getVmin()));
                }
            }
        }
    }
}
