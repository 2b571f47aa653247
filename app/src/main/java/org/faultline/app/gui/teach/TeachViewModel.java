package org.faultline.app.gui.teach;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.faultline.app.analysis.DumpInput;
import org.faultline.app.gui.detail.DetailViewModel;
import org.faultline.app.gui.dumplist.DumpListViewModel;
import org.faultline.app.gui.dumplist.DumpRow;
import org.faultline.triage.Report;

/**
 * Teaching mode: opens the July 19 sample with the exercises' dumps, builds the walkthrough and the exercises
 * from their analyses, and drives the window: each step selects its dump and points the detail at the element
 * it talks about. Opening anything else ends the lesson.
 */
public final class TeachViewModel {
    private final DumpListViewModel list;
    private final DetailViewModel detail;
    private final Consumer<List<DumpInput>> open;

    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final ObservableList<Step> steps = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ReadOnlyObjectWrapper<Step> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyBooleanWrapper answerShown = new ReadOnlyBooleanWrapper(this, "answerShown", false);
    private final ReadOnlyStringWrapper counter = new ReadOnlyStringWrapper(this, "counter", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready", false);
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed", false);
    private boolean opening;
    private Report sample;

    /**
     * @param list    the window's dump list (a step selects its dump there)
     * @param detail  the detail (a step sets its highlight)
     * @param loading whether the window is loading dumps
     * @param open    opens a set of dumps in the window, replacing what is shown
     */
    public TeachViewModel(DumpListViewModel list, DetailViewModel detail, ReadOnlyBooleanProperty loading,
                          Consumer<List<DumpInput>> open) {
        this.list = list;
        this.detail = detail;
        this.open = open;
        loading.addListener((o, was, now) -> {
            if (!active.get()) {
                return;
            }
            if (!now && opening) {
                opening = false;
                build();
            } else if (now && !opening) {
                stop();
            }
        });
        counter.bind(Bindings.createStringBinding(() -> {
            int i = index.get();
            if (i < 0 || i >= steps.size()) {
                return "";
            }
            Step s = steps.get(i);
            long lesson = steps.stream().filter(x -> !x.exercise()).count();
            return s.exercise() ? "Exercise " + (i + 1 - lesson) + " of " + (steps.size() - lesson) + "  ·  step "
                    + (i + 1) + " of " + steps.size() : "Step " + (i + 1) + " of " + steps.size();
        }, index, steps));
    }

    /** The dumps a lesson opens: the July 19 sample first, then one per exercise. */
    public static List<DumpInput> inputs() {
        List<DumpInput> out = new ArrayList<>();
        out.add(DumpInput.sample());
        for (Exercise e : Exercise.values()) {
            out.add(e.input());
        }
        return out;
    }

    /** Starts the lesson: opens its dumps; the steps appear once they are analysed. */
    public void start() {
        active.set(true);
        ready.set(false);
        failed.set(false);
        sample = null;
        steps.clear();
        index.set(-1);
        current.set(null);
        message.set("Opening the July 19, 2024 sample and the exercises…");
        opening = true;
        open.accept(inputs());
    }

    private void build() {
        DumpRow july = row(DumpInput.SAMPLE);
        if (july == null || !july.ok()) {
            message.set(july == null ? "The July 19 sample did not load." : "The July 19 sample cannot be read: "
                    + july.loaded().error());
            failed.set(true);
            return;
        }
        Report r = july.loaded().report();
        sample = r;
        List<Step> all = new ArrayList<>(Lesson.july19(r, DumpInput.SAMPLE));
        int lesson = all.size();
        for (Exercise e : Exercise.values()) {
            DumpRow x = row(e.file());
            if (x != null && x.ok()) {
                all.add(e.step(all.size() + 1, x.loaded().report(), r));
            }
        }
        steps.setAll(all);
        message.set(all.size() - lesson < Exercise.values().length ? "Some exercise dumps could not be read." : "");
        ready.set(true);
        go(0);
    }

    private DumpRow row(String fileName) {
        for (DumpRow row : list.rows()) {
            if (row.loaded().input().fileName().equals(fileName)) {
                return row;
            }
        }
        return null;
    }

    /** Shows step {@code i} (0-based): selects its dump and points at its element. */
    public void go(int i) {
        if (!active.get() || steps.isEmpty()) {
            return;
        }
        int at = Math.max(0, Math.min(i, steps.size() - 1));
        Step s = steps.get(at);
        index.set(at);
        current.set(s);
        answerShown.set(false);
        DumpRow row = row(s.dump());
        if (row != null) {
            list.clearFilter();
            list.selectedProperty().set(row);
        }
        // Null first, so the same highlight again (after the user clicked elsewhere) is applied again.
        detail.highlightProperty().set(null);
        detail.highlightProperty().set(s.highlight());
    }

    public void next() {
        go(index.get() + 1);
    }

    public void previous() {
        go(index.get() - 1);
    }

    public void first() {
        go(0);
    }

    public void last() {
        go(steps.size() - 1);
    }

    /** Reveals the current exercise's answer. */
    public void showAnswer() {
        Step s = current.get();
        if (s != null && s.exercise()) {
            answerShown.set(true);
        }
    }

    /** Ends the lesson; the dumps stay open. */
    public void stop() {
        active.set(false);
        opening = false;
        detail.highlightProperty().set(null);
    }

    /** The analysis of the July 19 sample the lesson is built on, or null before it is ready. */
    public Report sampleReport() {
        return sample;
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** True once the steps are built. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** True when the lesson cannot be built: the July 19 sample did not load ({@link #messageProperty()} says why). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ObservableList<Step> steps() {
        return FXCollections.unmodifiableObservableList(steps);
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Step> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty answerShownProperty() {
        return answerShown.getReadOnlyProperty();
    }

    /** {@code Step 3 of 13}, {@code Exercise 1 of 3 · step 11 of 13}. */
    public ReadOnlyStringProperty counterProperty() {
        return counter.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
