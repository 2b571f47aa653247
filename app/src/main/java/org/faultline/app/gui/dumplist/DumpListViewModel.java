package org.faultline.app.gui.dumplist;

import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.faultline.app.analysis.LoadedDump;

/**
 * The dump list: every loaded dump as a {@link DumpRow}, in loading order; the rows the table shows (narrowed
 * by a fleet cluster and by the quick filter; column filters come on top, in the view); the selection.
 */
public final class DumpListViewModel {
    private final ObservableList<DumpRow> rows = FXCollections.observableArrayList();
    private final FilteredList<DumpRow> shown = new FilteredList<>(rows, r -> true);
    private final ObjectProperty<DumpRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<DumpRow> selection = FXCollections.observableArrayList();
    /** The fleet cluster the list is narrowed to (a bucket), or null. */
    private final ObjectProperty<String> bucketFilter = new SimpleObjectProperty<>(this, "bucketFilter");
    private final StringProperty quickFilter = new SimpleStringProperty(this, "quickFilter", "");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private final ReadOnlyStringWrapper filterText = new ReadOnlyStringWrapper(this, "filterText", "");

    public DumpListViewModel() {
        bucketFilter.addListener((o, a, b) -> refilter());
        quickFilter.addListener((o, a, b) -> refilter());
        counts.bind(Bindings.createStringBinding(this::countText, rows, shown));
        filterText.bind(Bindings.createStringBinding(() -> bucketFilter.get() == null ? ""
                : "Cluster " + bucketFilter.get() + ": " + shown.size() + " of " + rows.size() + " dumps",
                bucketFilter, shown, rows));
    }

    private String countText() {
        if (rows.isEmpty()) {
            return "";
        }
        long bad = rows.stream().filter(r -> !r.ok()).count();
        String s = rows.size() == 1 ? "1 dump" : rows.size() + " dumps";
        if (bad > 0) {
            s += ", " + bad + " unreadable";
        }
        if (shown.size() != rows.size()) {
            s += " (" + shown.size() + " shown)";
        }
        return s;
    }

    private void refilter() {
        String bucket = bucketFilter.get();
        String q = quickFilter.get() == null ? "" : quickFilter.get().strip().toLowerCase(Locale.ROOT);
        Predicate<DumpRow> p = r -> (bucket == null || bucket.equals(r.bucket()))
                && (q.isEmpty() || matches(r, q));
        shown.setPredicate(p);
    }

    static boolean matches(DumpRow r, String q) {
        return contains(r.path(), q) || contains(r.bugcheckName(), q) || contains(r.causedBy(), q)
                || contains(r.vendor(), q) || contains(r.verdict(), q) || contains(r.bucket(), q)
                || r.bugcheckCode() != null && r.bugcheckCode().toString().contains(q);
    }

    private static boolean contains(String s, String q) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(q);
    }

    /** Adds a loaded dump; the first one becomes the selection. Returns its row. */
    public DumpRow add(LoadedDump d) {
        DumpRow row = new DumpRow(d);
        rows.add(row);
        if (selected.get() == null) {
            selected.set(row);
        }
        return row;
    }

    public void clear() {
        bucketFilter.set(null);
        selected.set(null);
        selection.clear();
        rows.clear();
    }

    /** Narrows the list to one fleet cluster; null shows every dump. */
    public void filterByBucket(String bucket) {
        bucketFilter.set(bucket);
    }

    public void clearFilter() {
        bucketFilter.set(null);
        quickFilter.set("");
    }

    /** Every row, in loading order. */
    public ObservableList<DumpRow> rows() {
        return rows;
    }

    /** The rows after the cluster and quick filters: what the table is given. */
    public ObservableList<DumpRow> shown() {
        return shown;
    }

    /** The focused row (the detail shows it). */
    public ObjectProperty<DumpRow> selectedProperty() {
        return selected;
    }

    /** All selected rows (exports use them). */
    public ObservableList<DumpRow> selection() {
        return selection;
    }

    public ObjectProperty<String> bucketFilterProperty() {
        return bucketFilter;
    }

    public StringProperty quickFilterProperty() {
        return quickFilter;
    }

    /** {@code 12 dumps, 1 unreadable}. */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** What the cluster filter does, or empty. */
    public ReadOnlyStringProperty filterTextProperty() {
        return filterText.getReadOnlyProperty();
    }
}
