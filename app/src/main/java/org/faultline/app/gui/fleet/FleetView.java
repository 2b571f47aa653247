package org.faultline.app.gui.fleet;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;

/**
 * The fleet view: the clusters (by bucket) with counts, share, culprit and vendor, and a chart of dumps per
 * bucket or per culprit (a segmented button switches). Selecting a cluster (in the table or by clicking its bar) narrows the dump list.
 */
public final class FleetView {
    private final SplitPane root;
    private final FleetViewModel vm;
    private final TableView<FleetClusters.Cluster> table;
    private final BarChart<Number, String> byBucket;
    private final BarChart<Number, String> byCulprit;
    private boolean syncing;

    public FleetView(FleetViewModel vm) {
        this.vm = vm;
        Label summary = new Label();
        summary.getStyleClass().add("section-title");
        summary.textProperty().bind(vm.summaryProperty());
        Label hint = new Label("Select a cluster to show only its dumps in the list.");
        hint.getStyleClass().add("muted");
        table = new TableView<>(vm.clusters());
        table.setId("cluster-table");
        table.getColumns().add(column("Dumps", 60, FleetClusters.Cluster::count));
        table.getColumns().add(column("Share", 65,
                c -> String.format(Locale.ROOT, "%.1f %%", c.share() * 100)));
        table.getColumns().add(column("Bucket", 300, FleetClusters.Cluster::bucket));
        table.getColumns().add(column("Culprit", 120, FleetClusters.Cluster::culprit));
        table.getColumns().add(column("Vendor", 140, FleetClusters.Cluster::vendor));
        table.getColumns().add(column("Verdict", 170, c -> words(c.verdict())));
        table.setPlaceholder(new Label("No dumps loaded"));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!syncing) {
                syncing = true;
                vm.selectedProperty().set(b);
                syncing = false;
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (!syncing) {
                syncing = true;
                if (b == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(b);
                }
                syncing = false;
            }
        });
        VBox left = new VBox(6, summary, hint, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        left.setPadding(new Insets(8));

        byBucket = chart();
        byCulprit = chart();
        ToggleButton bucketButton = new ToggleButton("Dumps by bucket");
        ToggleButton culpritButton = new ToggleButton("Dumps by culprit");
        bucketButton.setSelected(true);
        SegmentedButton which = new SegmentedButton(bucketButton, culpritButton);
        which.setId("fleet-chart-choice");
        byBucket.visibleProperty().bind(bucketButton.selectedProperty());
        byCulprit.visibleProperty().bind(culpritButton.selectedProperty());
        // Keep one button pressed.
        which.getToggleGroup().selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null && a != null) {
                a.setSelected(true);
            }
        });
        StackPane chartArea = new StackPane(byBucket, byCulprit);
        VBox charts = new VBox(4, which, chartArea);
        VBox.setVgrow(chartArea, Priority.ALWAYS);
        charts.setPadding(new Insets(6));
        vm.clusters().addListener((ListChangeListener<FleetClusters.Cluster>) c -> redraw());
        root = new SplitPane(left, charts);
        root.setDividerPositions(0.55);
        root.setId("fleet-view");
    }

    private static String words(String constant) {
        return org.faultline.app.gui.common.Fmt.words(constant);
    }

    private static BarChart<Number, String> chart() {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(true);
        x.setMinorTickVisible(false);
        CategoryAxis y = new CategoryAxis();
        BarChart<Number, String> chart = new BarChart<>(x, y);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCategoryGap(3);
        chart.setBarGap(0);
        chart.getStyleClass().add("fleet-chart");
        return chart;
    }

    private void redraw() {
        XYChart.Series<Number, String> buckets = new XYChart.Series<>();
        List<FleetClusters.Cluster> top = vm.chartClusters();
        // Largest at the top: a category axis draws its first category at the bottom.
        for (int i = top.size() - 1; i >= 0; i--) {
            FleetClusters.Cluster c = top.get(i);
            XYChart.Data<Number, String> d = new XYChart.Data<>(c.count(), shorten(c.bucket()));
            buckets.getData().add(d);
            d.nodeProperty().addListener((o, a, node) -> {
                if (node != null) {
                    Tooltip.install(node, new Tooltip(c.bucket() + ": " + c.count()));
                    node.setOnMouseClicked(e -> vm.clusters().stream().filter(x -> x.bucket().equals(c.bucket()))
                            .findFirst().ifPresent(vm.selectedProperty()::set));
                }
            });
        }
        byBucket.getData().setAll(List.of(buckets));
        XYChart.Series<Number, String> culprits = new XYChart.Series<>();
        List<FleetClusters.CulpritCount> cs = vm.chartCulprits();
        for (int i = cs.size() - 1; i >= 0; i--) {
            FleetClusters.CulpritCount c = cs.get(i);
            culprits.getData().add(new XYChart.Data<>(c.count(), c.culprit()));
        }
        byCulprit.getData().setAll(List.of(culprits));
    }

    /** Bucket names are long; the chart shows their end, the tooltip all of it. */
    static String shorten(String bucket) {
        return bucket.length() <= 36 ? bucket : "…" + bucket.substring(bucket.length() - 35);
    }

    private static <T> TableColumn<FleetClusters.Cluster, T> column(String title, double width,
                                                                    Function<FleetClusters.Cluster, T> value) {
        TableColumn<FleetClusters.Cluster, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    public Node root() {
        return root;
    }
}
