package org.faultline.app.gui.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.faultline.app.analysis.LoadedDump;
import org.faultline.app.gui.common.Fmt;
import org.faultline.app.gui.dumplist.DumpListViewModel;

/**
 * The fleet view: the clusters of the loaded dumps (by bucket) with counts and shares, and dumps per culprit
 * for the charts. Selecting a cluster narrows the dump list to it. Recomputed after each batch of new dumps.
 */
public final class FleetViewModel {
    /** Most bars in a chart; the rest are summed into "other". */
    public static final int CHART_BARS = 10;

    private final DumpListViewModel dumpList;
    private final List<LoadedDump> dumps = new ArrayList<>();
    private final ObservableList<FleetClusters.Cluster> clusters = FXCollections.observableArrayList();
    private final ObservableList<FleetClusters.CulpritCount> culprits = FXCollections.observableArrayList();
    private final ObjectProperty<FleetClusters.Cluster> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private boolean dirty;

    public FleetViewModel(DumpListViewModel dumpList) {
        this.dumpList = dumpList;
        selected.addListener((o, a, b) -> dumpList.filterByBucket(b == null ? null : b.bucket()));
        dumpList.bucketFilterProperty().addListener((o, a, b) -> {
            if (b == null) {
                selected.set(null);
            }
        });
    }

    /** Adds a dump; {@link #refresh()} recomputes (the main view model calls it once per batch). */
    public void add(LoadedDump d) {
        dumps.add(d);
        dirty = true;
    }

    /** Recomputes clusters and culprits if dumps were added since the last time. */
    public void refresh() {
        if (!dirty) {
            return;
        }
        dirty = false;
        String keep = selected.get() == null ? null : selected.get().bucket();
        List<FleetClusters.Cluster> c = FleetClusters.of(dumps);
        clusters.setAll(c);
        culprits.setAll(FleetClusters.culprits(dumps));
        if (keep != null) {
            c.stream().filter(x -> x.bucket().equals(keep)).findFirst().ifPresent(selected::set);
        }
        long bad = dumps.stream().filter(d -> !d.ok()).count();
        summary.set(dumps.isEmpty() ? "" : dumps.size() + (dumps.size() == 1 ? " dump" : " dumps") + " in "
                + c.size() + (c.size() == 1 ? " cluster" : " clusters") + (bad > 0 ? ", " + bad + " unreadable" : ""));
    }

    public void clear() {
        dumps.clear();
        dirty = false;
        selected.set(null);
        clusters.clear();
        culprits.clear();
        summary.set("");
    }

    /** The plain-text fleet summary "Copy fleet summary" puts on the clipboard. */
    public String summaryText() {
        refresh();
        StringBuilder s = new StringBuilder("Fleet: ").append(summary.get()).append('\n');
        for (FleetClusters.Cluster c : clusters) {
            s.append(String.format(Locale.ROOT, "%6d  %5.1f%%  %s", c.count(), c.share() * 100, c.bucket()));
            if (!c.culprit().isEmpty()) {
                s.append("  (").append(c.culprit());
                if (!c.vendor().isEmpty()) {
                    s.append(", ").append(c.vendor());
                }
                s.append(')');
            }
            if (!c.verdict().isEmpty()) {
                s.append("  ").append(Fmt.words(c.verdict()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** Largest clusters for a chart, the rest summed as "other". */
    public List<FleetClusters.Cluster> chartClusters() {
        if (clusters.size() <= CHART_BARS) {
            return List.copyOf(clusters);
        }
        List<FleetClusters.Cluster> top = new ArrayList<>(clusters.subList(0, CHART_BARS - 1));
        int rest = clusters.subList(CHART_BARS - 1, clusters.size()).stream().mapToInt(FleetClusters.Cluster::count).sum();
        top.add(new FleetClusters.Cluster("other", rest, 0, "", "", "", ""));
        return top;
    }

    /** Largest culprits for a chart, the rest summed as "other". */
    public List<FleetClusters.CulpritCount> chartCulprits() {
        if (culprits.size() <= CHART_BARS) {
            return List.copyOf(culprits);
        }
        List<FleetClusters.CulpritCount> top = new ArrayList<>(culprits.subList(0, CHART_BARS - 1));
        int rest = culprits.subList(CHART_BARS - 1, culprits.size()).stream()
                .mapToInt(FleetClusters.CulpritCount::count).sum();
        top.add(new FleetClusters.CulpritCount("other", "", rest));
        return top;
    }

    public ObservableList<FleetClusters.Cluster> clusters() {
        return clusters;
    }

    public ObservableList<FleetClusters.CulpritCount> culprits() {
        return culprits;
    }

    /** The selected cluster; setting it narrows the dump list. */
    public ObjectProperty<FleetClusters.Cluster> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    DumpListViewModel dumpList() {
        return dumpList;
    }
}
