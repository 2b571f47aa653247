package org.faultline.app.gui.detail;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.faultline.app.gui.common.Fmt;
import org.faultline.app.gui.common.HexValue;
import org.faultline.triage.ModuleRow;
import org.faultline.triage.Report;

/** The Modules tab: every loaded module with vendor, Microsoft or third-party, minifilter altitude and group; search. */
public final class ModulesViewModel {
    /** One module as the table shows it. */
    public record Row(String name, String vendor, String origin, String altitude, String group, HexValue base,
                      HexValue size, String timestamp, String path, boolean culprit) {
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final FilteredList<Row> shown = new FilteredList<>(rows, r -> true);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");

    public ModulesViewModel() {
        search.addListener((o, a, b) -> {
            String q = b == null ? "" : b.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(q.isEmpty() ? r -> true : r -> matches(r, q));
        });
        counts.bind(Bindings.createStringBinding(() -> {
            long third = rows.stream().filter(r -> r.origin().equals("third-party")).count();
            String s = rows.size() + " modules, " + third + " third-party";
            return rows.isEmpty() ? "" : shown.size() == rows.size() ? s : shown.size() + " of " + s;
        }, rows, shown));
    }

    private static boolean matches(Row r, String q) {
        return r.name().toLowerCase(Locale.ROOT).contains(q) || r.vendor().toLowerCase(Locale.ROOT).contains(q)
                || r.group().toLowerCase(Locale.ROOT).contains(q) || r.altitude().contains(q)
                || r.path().toLowerCase(Locale.ROOT).contains(q) || r.origin().contains(q);
    }

    public void show(Report r) {
        rows.clear();
        if (r == null) {
            return;
        }
        String culprit = r.culprit() == null ? null : r.culprit().module();
        for (ModuleRow m : r.modules()) {
            rows.add(new Row(m.name(), m.vendor() == null ? "" : m.vendor(), m.microsoft() ? "Microsoft" : "third-party",
                    m.altitude() == null ? "" : m.altitude(), m.group() == null ? "" : m.group(),
                    new HexValue(m.base()), new HexValue(m.size()),
                    m.timestamp() == 0 ? "" : Fmt.time(m.timestamp()), m.path() == null ? "" : m.path(),
                    m.name().equalsIgnoreCase(culprit == null ? "" : culprit)));
        }
    }

    public void clear() {
        show(null);
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The rows matching the search. */
    public ObservableList<Row> shown() {
        return shown;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }
}
