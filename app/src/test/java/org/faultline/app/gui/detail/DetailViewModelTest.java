package org.faultline.app.gui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.faultline.app.gui.common.Severity;
import org.faultline.app.gui.testing.DirectTasks;
import org.faultline.app.gui.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetailViewModelTest {

    @Test
    void sampleBannerNamesTheDriverAndTheReadOutOfBounds() {
        DetailViewModel vm = new DetailViewModel(DirectTasks.immediate());
        vm.show(TestFiles.load(TestFiles.CSAGENT));
        assertThat(vm.headlineProperty().get()).isEqualTo("Read out of bounds in third-party file-system filter driver"
                + " csagent.sys — CrowdStrike Ltd., FSFilter Anti-Virus, altitude 321410");
        assertThat(vm.sublineProperty().get())
                .isEqualTo("mov r9d,dword ptr [r8] at csagent+0xe14ed accessed 0xffff840500000074.");
        assertThat(vm.severityProperty().get()).isEqualTo(Severity.CRITICAL);
        assertThat(vm.confidenceProperty().get()).isEqualTo("high confidence");
        assertThat(vm.factsProperty().get()).contains("kernel-triage", "amd64", "2024-07-19 04:41:17 UTC",
                "AV_R_INVALID_csagent!unknown_function");
    }

    @Test
    void knownIssueWithRemediationAndEvidence() {
        DetailViewModel vm = new DetailViewModel(DirectTasks.immediate());
        vm.show(TestFiles.load(TestFiles.CSAGENT));
        assertThat(vm.hasKnownIssueProperty().get()).isTrue();
        assertThat(vm.knownIssueTitleProperty().get()).contains("Channel File 291");
        assertThat(vm.remediation()).hasSize(6);
        assertThat(vm.remediation().get(0)).contains("Safe Mode");
        assertThat(vm.sources()).isNotEmpty();
        assertThat(vm.evidence()).anyMatch(e -> e.contains("third-party (CrowdStrike Ltd.)"));
    }

    @Test
    void opensTheDumpForThreadsStructureAndMemory() {
        DetailViewModel vm = new DetailViewModel(DirectTasks.immediate());
        vm.show(TestFiles.load(TestFiles.CSAGENT));
        assertThat(vm.sessionReadyProperty().get()).isTrue();
        assertThat(vm.threads().rows()).hasSize(1);
        assertThat(vm.structure().rootProperty().get().children()).extracting(StructureViewModel.Node::label)
                .contains("format: kernel-triage");
        assertThat(vm.memory().regionProperty().get().label()).startsWith("fffff80671511000");
        assertThat(vm.memory().highlightProperty().get()).isEqualTo(0xfffff806715114edL);
    }

    @Test
    void unreadableDumpShowsItsErrorNotATrace(@TempDir Path dir) throws Exception {
        Path bad = TestFiles.corrupt(dir);
        DetailViewModel vm = new DetailViewModel(DirectTasks.immediate());
        vm.show(TestFiles.loadFile(bad));
        assertThat(vm.severityProperty().get()).isEqualTo(Severity.ERROR);
        assertThat(vm.headlineProperty().get()).isEqualTo("Cannot read corrupt.dmp");
        assertThat(vm.sublineProperty().get()).startsWith("not a crash dump: ").contains("offset 0x")
                .doesNotContain("Exception", "\tat ");
        assertThat(vm.hasKnownIssueProperty().get()).isFalse();
        assertThat(vm.warnings().warnings()).singleElement().asString().startsWith("error: not a crash dump");
        assertThat(vm.threads().messageProperty().get()).startsWith("not a crash dump");
        assertThat(vm.ticketSummary()).startsWith("Crash dump corrupt.dmp could not be read: not a crash dump");
    }

    @Test
    void switchingDumpsResetsTheKnownIssue() {
        DetailViewModel vm = new DetailViewModel(DirectTasks.immediate());
        vm.show(TestFiles.load(TestFiles.CSAGENT));
        vm.show(TestFiles.load("dpc-watchdog-violation.dmp"));
        assertThat(vm.hasKnownIssueProperty().get()).isFalse();
        assertThat(vm.remediation()).isEmpty();
        assertThat(vm.headlineProperty().get()).isEqualTo("DPC_WATCHDOG_VIOLATION");
        assertThat(vm.severityProperty().get()).isEqualTo(Severity.WARNING);
        vm.show(null);
        assertThat(vm.severityProperty().get()).isEqualTo(Severity.NONE);
        assertThat(vm.headlineProperty().get()).isEqualTo("Open a crash dump");
    }

    @Test
    void aSlowOpenForAnEarlierSelectionIsDropped() {
        DirectTasks tasks = DirectTasks.queued();
        DetailViewModel vm = new DetailViewModel(tasks);
        vm.show(TestFiles.load(TestFiles.CSAGENT));
        vm.show(TestFiles.load(TestFiles.USERMODE));
        tasks.runAll();
        assertThat(vm.threads().rows()).hasSize(3);
        assertThat(vm.structure().rootProperty().get().label()).startsWith(TestFiles.USERMODE);
    }

    @Test
    void ticketSummaryIsReadyForATicket() {
        DetailViewModel vm = new DetailViewModel(DirectTasks.immediate());
        vm.show(TestFiles.load(TestFiles.CSAGENT));
        String s = vm.ticketSummary();
        assertThat(s).startsWith("Crash dump crowdstrike-csagent-2024-07-19.dmp — Windows NT 10.0.19045 (amd64,"
                + " kernel-triage), crashed 2024-07-19 04:41:17 UTC\n");
        assertThat(s).contains("Verdict (high confidence): Read out of bounds in third-party file-system filter driver"
                + " csagent.sys");
        assertThat(s).contains("Bug check: 0x50 PAGE_FAULT_IN_NONPAGED_AREA (0xffff840500000074, 0x0,"
                + " 0xfffff806715114ed, 0x2)");
        assertThat(s).contains("Caused by: csagent.sys (CrowdStrike Ltd., third-party), at csagent+0xe14ed");
        assertThat(s).contains("Known issue: CrowdStrike Falcon Channel File 291", "What to do:\n  1. Boot into Safe Mode");
        assertThat(s).contains("Bucket: AV_R_INVALID_csagent!unknown_function",
                "SHA-256: 7a2505f4627b2b8685c15b8580720bc1bcf934b4b8f0ca2d3ff97371807c8a16");
    }

    @Test
    void summaryIsSplitAtTheFirstColon() {
        assertThat(DetailViewModel.splitSummary("A in b: mov x at y.")).containsExactly("A in b", "mov x at y.");
        assertThat(DetailViewModel.splitSummary("Read out of bounds at 0x1.")).containsExactly("Read out of bounds at 0x1", "");
    }
}
