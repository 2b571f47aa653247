package org.faultline.app.gui.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.faultline.app.analysis.LoadedDump;
import org.faultline.app.gui.dumplist.DumpListViewModel;
import org.faultline.app.gui.testing.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FleetViewModelTest {
    private static final List<LoadedDump> ALL = new ArrayList<>();

    @BeforeAll
    static void loadSamples() throws Exception {
        try (Stream<Path> s = Files.list(TestFiles.samples())) {
            s.filter(p -> p.toString().endsWith(".dmp")).sorted()
                    .forEach(p -> ALL.add(TestFiles.load(p.getFileName().toString())));
        }
    }

    @Test
    void clustersByBucketLargestFirst() {
        List<FleetClusters.Cluster> c = FleetClusters.of(ALL);
        FleetClusters.Cluster top = c.get(0);
        assertThat(top.bucket()).isEqualTo("AV_R_INVALID_csagent!unknown_function");
        assertThat(top.count()).isEqualTo(2);
        assertThat(top.share()).isEqualTo(2.0 / ALL.size());
        assertThat(top.culprit()).isEqualTo("csagent.sys");
        assertThat(top.vendor()).isEqualTo("CrowdStrike Ltd.");
        assertThat(top.verdict()).isEqualTo("READ_OUT_OF_BOUNDS");
        assertThat(c.stream().mapToInt(FleetClusters.Cluster::count).sum()).isEqualTo(ALL.size());
    }

    @Test
    void culpritsCounted() {
        List<FleetClusters.CulpritCount> c = FleetClusters.culprits(ALL);
        assertThat(c.stream().mapToInt(FleetClusters.CulpritCount::count).sum()).isEqualTo(ALL.size());
        assertThat(c).filteredOn(x -> x.culprit().equals("csagent.sys")).singleElement()
                .isEqualTo(new FleetClusters.CulpritCount("csagent.sys", "CrowdStrike Ltd.", 2));
        assertThat(c).filteredOn(x -> x.culprit().equals("contosoflt.sys")).singleElement()
                .extracting(FleetClusters.CulpritCount::count).isEqualTo(2);
    }

    @Test
    void selectingAClusterFiltersTheDumpList() {
        DumpListViewModel list = new DumpListViewModel();
        FleetViewModel vm = new FleetViewModel(list);
        ALL.forEach(d -> {
            list.add(d);
            vm.add(d);
        });
        vm.refresh();
        assertThat(vm.summaryProperty().get()).isEqualTo(ALL.size() + " dumps in " + vm.clusters().size() + " clusters");
        vm.selectedProperty().set(vm.clusters().get(0));
        assertThat(list.shown()).hasSize(2);
        list.filterByBucket(null);
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(list.shown()).hasSize(ALL.size());
    }

    @Test
    void unreadableDumpsFormTheirOwnCluster(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.dmp");
        Files.writeString(bad, "junk");
        List<LoadedDump> dumps = List.of(TestFiles.loadFile(bad), TestFiles.load(TestFiles.CSAGENT));
        assertThat(FleetClusters.of(dumps)).extracting(FleetClusters.Cluster::bucket)
                .contains(FleetClusters.UNREADABLE);
        FleetViewModel vm = new FleetViewModel(new DumpListViewModel());
        dumps.forEach(vm::add);
        assertThat(vm.summaryText()).startsWith("Fleet: 2 dumps in 2 clusters, 1 unreadable\n")
                .contains("  50.0%  AV_R_INVALID_csagent!unknown_function  (csagent.sys, CrowdStrike Ltd.)  Read out of bounds");
    }

    @Test
    void chartsSumTheTailAsOther() {
        FleetViewModel vm = new FleetViewModel(new DumpListViewModel());
        ALL.forEach(vm::add);
        vm.refresh();
        List<FleetClusters.Cluster> bars = vm.chartClusters();
        assertThat(bars).hasSizeLessThanOrEqualTo(FleetViewModel.CHART_BARS);
        assertThat(bars.stream().mapToInt(FleetClusters.Cluster::count).sum()).isEqualTo(ALL.size());
        if (vm.clusters().size() > FleetViewModel.CHART_BARS) {
            assertThat(bars.get(bars.size() - 1).bucket()).isEqualTo("other");
        }
        vm.clear();
        assertThat(vm.clusters()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEmpty();
    }
}
