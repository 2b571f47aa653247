package org.faultline.app.gui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.faultline.app.analysis.DumpInput;
import org.faultline.app.analysis.OpenedDump;
import org.faultline.app.gui.testing.TestFiles;
import org.faultline.triage.Report;
import org.junit.jupiter.api.Test;

/** The per-tab view models: Bugcheck, Faulting frame, Stack, Modules, Threads, Structure, Warnings. */
class TabViewModelsTest {
    private static final Report CSAGENT = TestFiles.load(TestFiles.CSAGENT).report();

    @Test
    void bugcheckParametersWithTheirMeanings() {
        BugcheckViewModel vm = new BugcheckViewModel();
        vm.show(CSAGENT);
        assertThat(vm.titleProperty().get()).isEqualTo("Bug check 0x50 PAGE_FAULT_IN_NONPAGED_AREA");
        assertThat(vm.meaningProperty().get()).isNotBlank();
        assertThat(vm.parameterList()).extracting(BugcheckViewModel.ParameterRow::name)
                .containsExactly("P1", "P2", "P3", "P4");
        assertThat(vm.parameterList().get(0).meaning()).isEqualTo("Memory address referenced");
        assertThat(vm.parameterList().get(2).value()).isEqualTo("0xfffff806715114ed");
        assertThat(vm.accessProperty().get())
                .isEqualTo("Access: read of 0xffff840500000074 (kernel-invalid), from the bug check 0x50 parameters");
    }

    @Test
    void userModeExceptionParameters() {
        BugcheckViewModel vm = new BugcheckViewModel();
        vm.show(TestFiles.load(TestFiles.USERMODE).report());
        assertThat(vm.titleProperty().get()).isEqualTo("Exception 0xc0000005 STATUS_ACCESS_VIOLATION");
        assertThat(vm.parameterList().get(0).meaning()).isEqualTo("read");
        assertThat(vm.parameterList().get(1).meaning()).isEqualTo("the address referenced");
        vm.clear();
        assertThat(vm.parameters()).isEmpty();
    }

    @Test
    void faultingFrameMarksTheInstructionAndItsRegisters() {
        FaultingFrameViewModel vm = new FaultingFrameViewModel();
        vm.show(CSAGENT);
        assertThat(vm.availableProperty().get()).isTrue();
        assertThat(vm.locationProperty().get()).isEqualTo("csagent+0xe14ed (0xfffff806715114ed)");
        assertThat(vm.instructionProperty().get()).isEqualTo("mov r9d,dword ptr [r8]   [45 8b 08]");
        assertThat(vm.registers()).containsExactly("r8");
        assertThat(vm.lines()).filteredOn(FaultingFrameViewModel.DisasmLine::faulting).singleElement()
                .isEqualTo(new FaultingFrameViewModel.DisasmLine("fffff806715114ed", "45 8b 08",
                        "mov r9d,dword ptr [r8]", true));
        assertThat(vm.lines()).hasSize(7);
        assertThat(vm.addressesProperty().get()).isEqualTo("Effective address 0xffff840500000074 = referenced address"
                + " 0xffff840500000074: this instruction made the bad access");
        assertThat(vm.registersFromProperty().get()).isEqualTo("Registers from the trap frame at 0xffff94058305ec20.");
        // The trap frame's registers as Microsoft's WinDbg analysis printed them (../shared/docs/july-19-facts.md).
        assertThat(vm.registerRows()).extracting(FaultingFrameViewModel.RegisterRow::name)
                .startsWith("rax", "rbx", "rcx", "rdx").doesNotContain("r12", "r13", "r14", "r15", "cs", "dr7");
        assertThat(vm.registerRows()).contains(
                new FaultingFrameViewModel.RegisterRow("r8", "0xffff840500000074", "in the faulting operand, = the referenced address"),
                new FaultingFrameViewModel.RegisterRow("r11", "0x14", ""),
                new FaultingFrameViewModel.RegisterRow("rax", "0xffff94058305f200", ""),
                new FaultingFrameViewModel.RegisterRow("rip", "0xfffff806715114ed", ""));
        assertThat(vm.provenance()).containsExactly("r8 was loaded from [rax+r11*8], index r11 = 20 (slot 20, the 21st entry)");
        assertThat(vm.tokens("mov r8,qword ptr [rax+r11*8]")).containsExactly(
                new FaultingFrameViewModel.Token("mov ", false), new FaultingFrameViewModel.Token("r8", true),
                new FaultingFrameViewModel.Token(",qword ptr [rax+r11*8]", false));
    }

    @Test
    void operandRegistersOfSeveralArchitectures() {
        assertThat(FaultingFrameViewModel.operandRegisters("mov r8d,dword ptr [rcx+r9*4]")).containsExactly("rcx", "r9");
        assertThat(FaultingFrameViewModel.operandRegisters("ldr w9, [x8]")).containsExactly("x8");
        assertThat(FaultingFrameViewModel.operandRegisters("mov eax,dword ptr [esi+0x10]")).containsExactly("esi");
        assertThat(FaultingFrameViewModel.operandRegisters("ret")).isEmpty();
        assertThat(FaultingFrameViewModel.addressText(1L, 2L)).contains("≠");
        assertThat(FaultingFrameViewModel.addressText(null, 2L)).startsWith("Referenced address 0x2");
    }

    @Test
    void noFaultingFrameSaysWhy() {
        FaultingFrameViewModel vm = new FaultingFrameViewModel();
        vm.show(TestFiles.load("dpc-watchdog-violation.dmp").report());
        assertThat(vm.availableProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("The dump names no faulting instruction");
    }

    @Test
    void stackMarksCulpritAndThirdPartyFrames() {
        StackViewModel vm = new StackViewModel();
        vm.show(CSAGENT);
        assertThat(vm.frames()).hasSize(12);
        StackViewModel.FrameRow culprit = vm.frames().get(4);
        assertThat(culprit.culprit()).isTrue();
        assertThat(culprit.mark()).isEqualTo("culprit");
        assertThat(culprit.location()).isEqualTo("csagent+0xe14ed");
        assertThat(culprit.trust()).isEqualTo("trap-frame");
        assertThat(culprit.address()).isEqualTo("fffff806715114ed");
        assertThat(vm.frames().get(5).mark()).isEqualTo("third-party");
        assertThat(vm.frames().get(0).mark()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo("12 frames, 6 in third-party code; culprit csagent.sys");
        assertThat(StackViewModel.how("scan")).contains("may be stale");
        assertThat(StackViewModel.how("context")).contains("certain");
    }

    @Test
    void modulesWithVendorOriginAltitudeAndSearch() {
        ModulesViewModel vm = new ModulesViewModel();
        vm.show(CSAGENT);
        assertThat(vm.rows()).hasSize(162);
        ModulesViewModel.Row cs = vm.rows().stream().filter(r -> r.name().equals("csagent.sys")).findFirst().orElseThrow();
        assertThat(cs.vendor()).isEqualTo("CrowdStrike Ltd.");
        assertThat(cs.origin()).isEqualTo("third-party");
        assertThat(cs.altitude()).isEqualTo("321410");
        assertThat(cs.group()).isEqualTo("FSFilter Anti-Virus");
        assertThat(cs.culprit()).isTrue();
        vm.searchProperty().set("anti-virus");
        assertThat(vm.shown()).extracting(ModulesViewModel.Row::name).contains("csagent.sys");
        assertThat(vm.countsProperty().get()).matches("\\d+ of 162 modules, \\d+ third-party");
        vm.searchProperty().set("");
        assertThat(vm.shown()).hasSize(162);
    }

    @Test
    void threadsOfAMinidump() throws Exception {
        try (OpenedDump d = OpenedDump.open(DumpInput.FileInput.of(TestFiles.sample(TestFiles.USERMODE)))) {
            List<ThreadsViewModel.Row> rows = ThreadsViewModel.rowsOf(d.dump());
            assertThat(rows).hasSize(3);
            assertThat(rows).anyMatch(ThreadsViewModel.Row::crashed);
            ThreadsViewModel vm = new ThreadsViewModel();
            vm.show(rows);
            assertThat(vm.rows()).hasSize(3);
            assertThat(vm.messageProperty().get()).isEmpty();
            vm.show(List.of());
            assertThat(vm.messageProperty().get()).isEqualTo("The dump records no threads.");
        }
    }

    @Test
    void structureIsTheInfoTree() throws Exception {
        try (OpenedDump d = OpenedDump.open(DumpInput.FileInput.of(TestFiles.sample(TestFiles.USERMODE)))) {
            StructureViewModel.Node root = StructureViewModel.treeOf(d);
            assertThat(root.key()).isEqualTo(TestFiles.USERMODE);
            assertThat(root.children()).extracting(StructureViewModel.Node::label)
                    .contains("format: minidump", "architecture: amd64");
            StructureViewModel.Node modules = root.children().stream().filter(n -> n.key().equals("modules"))
                    .findFirst().orElseThrow();
            assertThat(modules.children().get(0).key()).startsWith("[0] ");
        }
    }

    @Test
    void structureCapsHugeArrays() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < StructureViewModel.MAX_CHILDREN + 3; i++) {
            json.append(i == 0 ? "" : ",").append(i);
        }
        StructureViewModel.Node n = StructureViewModel.node("ranges", new ObjectMapper().readTree(json + "]"));
        assertThat(n.children()).hasSize(StructureViewModel.MAX_CHILDREN + 1);
        assertThat(n.children().get(StructureViewModel.MAX_CHILDREN).key()).isEqualTo("… 3 more");
        assertThat(n.label()).isEqualTo("ranges (" + (StructureViewModel.MAX_CHILDREN + 1) + ")");
    }

    @Test
    void warningsOfATruncatedDump() {
        WarningsViewModel vm = new WarningsViewModel();
        vm.show(TestFiles.load("crowdstrike-csagent-2024-07-19-truncated.dmp"));
        assertThat(vm.warnings()).isNotEmpty();
        assertThat(vm.warnings()).anyMatch(w -> w.contains("@0x"));
        assertThat(vm.tabTitleProperty().get()).isEqualTo("Warnings (" + vm.warnings().size() + ")");
        vm.show(TestFiles.load(TestFiles.CSAGENT));
        assertThat(vm.tabTitleProperty().get()).isEqualTo("Warnings");
    }
}
