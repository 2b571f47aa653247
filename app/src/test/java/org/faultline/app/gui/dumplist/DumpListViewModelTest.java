package org.faultline.app.gui.dumplist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.faultline.app.analysis.LoadedDump;
import org.faultline.app.gui.common.HexValue;
import org.faultline.app.gui.common.Severity;
import org.faultline.app.gui.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpListViewModelTest {

    @Test
    void rowHasTheBlueScreenViewColumns() {
        DumpRow r = new DumpRow(TestFiles.load(TestFiles.CSAGENT));
        assertThat(r.file()).isEqualTo(TestFiles.CSAGENT);
        assertThat(r.crashTime()).hasToString("2024-07-19 04:41:17 UTC");
        assertThat(r.bugcheckName()).isEqualTo("PAGE_FAULT_IN_NONPAGED_AREA");
        assertThat(r.bugcheckCode()).isEqualTo(new HexValue(0x50));
        assertThat(r.parameter(0)).isEqualTo("0xffff840500000074");
        assertThat(r.parameter(1)).isEqualTo("0x0");
        assertThat(r.parameter(2)).isEqualTo("0xfffff806715114ed");
        assertThat(r.parameter(3)).isEqualTo("0x2");
        assertThat(r.causedBy()).isEqualTo("csagent.sys");
        assertThat(r.vendor()).isEqualTo("CrowdStrike Ltd.");
        assertThat(r.verdict()).isEqualTo("Read out of bounds");
        assertThat(r.flag()).isEqualTo("3rd-party filter OOB read");
        assertThat(r.osBuild()).isEqualTo("19045");
        assertThat(r.size().bytes()).isEqualTo(112604);
        assertThat(r.size()).hasToString("110 KiB");
        assertThat(r.bucket()).isEqualTo("AV_R_INVALID_csagent!unknown_function");
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void userModeRowShowsTheException() {
        DumpRow r = new DumpRow(TestFiles.load(TestFiles.USERMODE));
        assertThat(r.bugcheckName()).isEqualTo("STATUS_ACCESS_VIOLATION");
        assertThat(r.bugcheckCode()).hasToString("0xc0000005");
        assertThat(r.causedBy()).isEqualTo("contosoparse.dll");
    }

    @Test
    void unreadableRowSaysWhy(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.dmp");
        Files.writeString(bad, "not a dump at all");
        DumpRow r = new DumpRow(TestFiles.loadFile(bad));
        assertThat(r.ok()).isFalse();
        assertThat(r.verdict()).startsWith("Unreadable: ").contains("offset");
        assertThat(r.severity()).isEqualTo(Severity.ERROR);
        assertThat(r.crashTime()).isNull();
        assertThat(r.bugcheckCode()).isNull();
    }

    @Test
    void typedValuesSortAsWhatTheyAre() {
        assertThat(new HexValue(0x1000007EL).compareTo(new HexValue(0x50))).isPositive();
        assertThat(new HexValue(-1L).compareTo(new HexValue(1))).isPositive();
    }

    @Test
    void firstRowBecomesTheSelectionAndCountsFollow(@TempDir Path dir) throws Exception {
        DumpListViewModel vm = new DumpListViewModel();
        LoadedDump a = TestFiles.load(TestFiles.CSAGENT);
        DumpRow first = vm.add(a);
        vm.add(TestFiles.load(TestFiles.USERMODE));
        Path bad = dir.resolve("bad.dmp");
        Files.writeString(bad, "MDMP");
        vm.add(TestFiles.loadFile(bad));
        assertThat(vm.selectedProperty().get()).isSameAs(first);
        assertThat(vm.rows()).hasSize(3);
        assertThat(vm.countsProperty().get()).isEqualTo("3 dumps, 1 unreadable");
    }

    @Test
    void clusterAndQuickFiltersNarrowTheRows() {
        DumpListViewModel vm = new DumpListViewModel();
        vm.add(TestFiles.load(TestFiles.CSAGENT));
        vm.add(TestFiles.load("crowdstrike-csagent-2024-07-19-kernel-bitmap.dmp"));
        vm.add(TestFiles.load(TestFiles.USERMODE));
        vm.filterByBucket("AV_R_INVALID_csagent!unknown_function");
        assertThat(vm.shown()).hasSize(2);
        assertThat(vm.filterTextProperty().get()).isEqualTo("Cluster AV_R_INVALID_csagent!unknown_function: 2 of 3 dumps");
        assertThat(vm.countsProperty().get()).isEqualTo("3 dumps (2 shown)");
        vm.quickFilterProperty().set("bitmap");
        assertThat(vm.shown()).extracting(DumpRow::file).containsExactly("crowdstrike-csagent-2024-07-19-kernel-bitmap.dmp");
        vm.clearFilter();
        assertThat(vm.shown()).hasSize(3);
        vm.quickFilterProperty().set("contoso");
        assertThat(vm.shown()).hasSize(1);
        vm.quickFilterProperty().set("0xc0000005");
        assertThat(vm.shown()).hasSize(1);
    }

    @Test
    void clearEmptiesEverything() {
        DumpListViewModel vm = new DumpListViewModel();
        vm.add(TestFiles.load(TestFiles.CSAGENT));
        vm.filterByBucket("x");
        vm.clear();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.bucketFilterProperty().get()).isNull();
        assertThat(vm.countsProperty().get()).isEmpty();
    }
}
