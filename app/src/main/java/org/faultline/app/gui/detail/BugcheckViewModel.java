package org.faultline.app.gui.detail;

import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.faultline.app.gui.common.Fmt;
import org.faultline.triage.AccessFacts;
import org.faultline.triage.Report;

/** The Bugcheck tab: the code, its name and meaning, each parameter with what it means, and the access facts. */
public final class BugcheckViewModel {
    /** One parameter: {@code P1}, its value in hex, what it means. */
    public record ParameterRow(String name, String value, String meaning) {
    }

    private static final long STATUS_ACCESS_VIOLATION = 0xC000_0005L;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper meaning = new ReadOnlyStringWrapper(this, "meaning", "");
    private final ReadOnlyStringWrapper access = new ReadOnlyStringWrapper(this, "access", "");
    private final ObservableList<ParameterRow> parameters = FXCollections.observableArrayList();

    public void show(Report r) {
        clear();
        if (r == null) {
            return;
        }
        if (r.bugcheck() != null) {
            Report.BugcheckFacts b = r.bugcheck();
            title.set("Bug check " + Fmt.hex(b.code()) + (b.name() == null ? "" : " " + b.name()));
            meaning.set(b.meaning() == null ? "Faultline's catalogue does not know this bug check." : b.meaning());
            for (int i = 0; i < b.parameters().size(); i++) {
                String m = i < b.meanings().size() && b.meanings().get(i) != null ? b.meanings().get(i) : "";
                parameters.add(new ParameterRow("P" + (i + 1), Fmt.hex(b.parameters().get(i)), m));
            }
        } else if (r.exception() != null) {
            Report.ExceptionFacts e = r.exception();
            title.set("Exception " + Fmt.hex(e.code()) + (e.name() == null ? "" : " " + e.name()));
            String m = e.address() == null ? "" : "at " + Fmt.hex(e.address());
            meaning.set(e.detail() == null ? m : m + " (" + e.detail() + ")");
            for (int i = 0; i < e.parameters().size(); i++) {
                parameters.add(new ParameterRow("P" + (i + 1), Fmt.hex(e.parameters().get(i)),
                        exceptionParameterMeaning(e.code(), i, e.parameters().get(i))));
            }
        } else {
            title.set("No bug check or exception recorded");
            meaning.set("The dump does not say why it was written.");
        }
        access.set(accessText(r.access()));
    }

    static String exceptionParameterMeaning(long code, int index, long value) {
        if (code == STATUS_ACCESS_VIOLATION) {
            if (index == 0) {
                return value == 0 ? "read" : value == 1 ? "write" : value == 8 ? "execute (DEP)" : "kind of access";
            }
            if (index == 1) {
                return "the address referenced";
            }
        }
        return "ExceptionInformation[" + index + "]";
    }

    static String accessText(AccessFacts a) {
        if (a == null || a.kind() == null && a.address() == null) {
            return "";
        }
        StringBuilder s = new StringBuilder("Access: ");
        s.append(a.kind() == null ? "an access" : a.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (a.address() != null) {
            s.append(" of ").append(Fmt.hex(a.address()));
        }
        if (a.addressClass() != null) {
            s.append(" (").append(a.addressClass()).append(')');
        }
        if (a.source() != null) {
            s.append(", from the ").append(a.source());
        }
        return s.toString();
    }

    public void clear() {
        title.set("");
        meaning.set("");
        access.set("");
        parameters.clear();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty meaningProperty() {
        return meaning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty accessProperty() {
        return access.getReadOnlyProperty();
    }

    public ObservableList<ParameterRow> parameters() {
        return parameters;
    }

    /** For tests. */
    List<ParameterRow> parameterList() {
        return List.copyOf(parameters);
    }
}
