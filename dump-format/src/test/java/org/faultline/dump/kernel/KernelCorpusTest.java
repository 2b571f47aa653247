package org.faultline.dump.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.Dumps;
import org.faultline.dump.ExceptionInfo;
import org.faultline.dump.KernelDumpType;
import org.faultline.dump.ModuleInfo;
import org.faultline.samples.Corpus;
import org.junit.jupiter.api.Test;

/** Kernel dumps from the corpus, held against rizin's expected output and the facts in PROVENANCE.md. */
class KernelCorpusTest {

    private static Path corpus(String relative) {
        Optional<Path> p = Corpus.file(relative);
        if (p.isEmpty()) {
            System.err.println(Corpus.absent(relative));
        }
        assumeTrue(p.isPresent(), Corpus.absent(relative));
        return p.get();
    }

    /** rizin's EXPECT block for the triage dump: "Name : 0x…" header fields and "reg = 0x…" registers. */
    private static Map<String, Long> rizinExpected(Path dump) throws Exception {
        List<String> lines = Files.readAllLines(dump.resolveSibling(dump.getFileName() + ".expected.rizin-db-formats-dmp.txt"));
        int start = lines.indexOf("NAME=: Triage Dump Debug x64");
        assertThat(start).isPositive();
        Map<String, Long> out = new LinkedHashMap<>();
        Pattern field = Pattern.compile("^\\s+(\\w+) : (0x[0-9a-f]+).*$");
        Pattern register = Pattern.compile("^(\\w+) = (0x[0-9a-f]+)$");
        for (String line : lines.subList(start, lines.size())) {
            if (line.equals("RUN")) {
                break;
            }
            Matcher m = field.matcher(line);
            Matcher r = register.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), Long.parseUnsignedLong(m.group(2).substring(2), 16));
            } else if (r.matches()) {
                out.put("reg." + r.group(1), Long.parseUnsignedLong(r.group(2).substring(2), 16));
            }
        }
        return out;
    }

    @Test
    void triageX64HeaderAndTriageFieldsMatchRizin() throws Exception {
        Path file = corpus("rizin-testbins/triage_x64.dmp");
        Map<String, Long> want = rizinExpected(file);
        assertThat(want).hasSizeGreaterThan(40);
        try (KernelDump dump = KernelDump.open(file)) {
            KernelDumpHeader h = dump.header();
            assertThat(h.majorVersion()).isEqualTo(want.get("MajorVersion"));
            assertThat(h.minorVersion()).isEqualTo(want.get("MinorVersion")).isEqualTo(19041);
            assertThat(h.directoryTableBase()).isEqualTo(want.get("DirectoryTableBase"));
            assertThat(h.pfnDataBase()).isEqualTo(want.get("PfnDataBase"));
            assertThat(h.psLoadedModuleList()).isEqualTo(want.get("PsLoadedModuleList"));
            assertThat(h.psActiveProcessHead()).isEqualTo(want.get("PsActiveProcessHead"));
            assertThat(h.machineImageType()).isEqualTo(want.get("MachineImageType"));
            assertThat(h.numberProcessors()).isEqualTo(want.get("NumberProcessors")).isEqualTo(16);
            assertThat(h.bugCheckCode()).isEqualTo(want.get("BugCheckCode")).isEqualTo(0x1000007EL);
            for (int i = 0; i < 4; i++) {
                assertThat(h.bugCheckParameters().get(i)).isEqualTo(want.get("BugCheckParameter" + (i + 1)));
            }
            assertThat(h.kdDebuggerDataBlock()).isEqualTo(want.get("KdDebuggerDataBlock"));
            assertThat(h.secondaryDataState()).isEqualTo(want.get("SecondaryDataState"));
            assertThat(h.productType()).isEqualTo(want.get("ProductType"));
            assertThat(h.suiteMask()).isEqualTo(want.get("SuiteMask"));
            assertThat(dump.dumpType()).isEqualTo(KernelDumpType.TRIAGE);

            TriageDumpHeader t = dump.triage().orElseThrow();
            assertThat(t.servicePackBuild()).isEqualTo(want.get("ServicePackBuild"));
            assertThat(t.sizeOfDump()).isEqualTo(want.get("SizeOfDump"));
            assertThat(t.validOffset()).isEqualTo(want.get("ValidOffset"));
            assertThat(t.contextOffset()).isEqualTo(want.get("ContextOffset"));
            assertThat(t.exceptionOffset()).isEqualTo(want.get("ExceptionOffset"));
            assertThat(t.mmOffset()).isEqualTo(want.get("MmOffset"));
            assertThat(t.unloadedDriversOffset()).isEqualTo(want.get("UnloadedDriversOffset"));
            assertThat(t.prcbOffset()).isEqualTo(want.get("PrcbOffset"));
            assertThat(t.processOffset()).isEqualTo(want.get("ProcessOffset"));
            assertThat(t.threadOffset()).isEqualTo(want.get("ThreadOffset"));
            assertThat(t.callStackOffset()).isEqualTo(want.get("CallStackOffset"));
            assertThat(t.sizeOfCallStack()).isEqualTo(want.get("SizeOfCallStack"));
            assertThat(t.driverListOffset()).isEqualTo(want.get("DriverListOffset"));
            assertThat(t.driverCount()).isEqualTo(want.get("DriverCount")).isEqualTo(151);
            assertThat(t.stringPoolOffset()).isEqualTo(want.get("StringPoolOffset"));
            assertThat(t.stringPoolSize()).isEqualTo(want.get("StringPoolSize"));
            assertThat(t.brokenDriverOffset()).isEqualTo(want.get("BrokenDriverOffset"));
            assertThat(t.triageOptions()).isEqualTo(want.get("TriageOptions"));
            assertThat(t.topOfStack()).isEqualTo(want.get("TopOfStack"));
            assertThat(t.dataPageAddress()).isEqualTo(want.get("DataPageAddress"));
            assertThat(t.dataPageOffset()).isEqualTo(want.get("DataPageOffset"));
            assertThat(t.dataPageSize()).isEqualTo(want.get("DataPageSize"));
            assertThat(t.debuggerDataOffset()).isEqualTo(want.get("DebuggerDataOffset"));
            assertThat(t.debuggerDataSize()).isEqualTo(want.get("DebuggerDataSize"));
            assertThat(t.dataBlocksOffset()).isEqualTo(want.get("DataBlocksOffset"));
            assertThat(t.dataBlocksCount()).isEqualTo(want.get("DataBlocksCount"));

            // The registers rizin shows are the KPRCB.Context ones, at KeBugCheckEx.
            CpuContext c = dump.bugcheckContext().orElseThrow();
            int registers = 0;
            for (Map.Entry<String, Long> e : want.entrySet()) {
                if (e.getKey().startsWith("reg.")) {
                    String name = e.getKey().substring(4);
                    String ours = name.equals("rflags") ? "eflags" : name;
                    assertThat(c.get(ours)).as(name).hasValue(e.getValue());
                    registers++;
                }
            }
            assertThat(registers).isEqualTo(19);
            assertThat(dump.threads().get(0).context()).isEqualTo(c);
            assertThat(dump.diagnostics()).isEmpty();
        }
    }

    @Test
    void triageX64DriversStackAndTheFault() throws Exception {
        try (KernelDump dump = KernelDump.open(corpus("rizin-testbins/triage_x64.dmp"))) {
            assertThat(dump.format()).isEqualTo("kernel-triage");
            assertThat(dump.architecture()).isEqualTo(Architecture.AMD64);
            assertThat(dump.os().build()).isEqualTo(19041);
            assertThat(dump.os().processors()).isEqualTo(16);
            assertThat(dump.modules()).hasSize(151);
            assertThat(dump.modules().get(0).name()).isEqualTo("ntoskrnl.exe");
            assertThat(dump.modules().get(0).base()).isEqualTo(dump.debuggerData().orElseThrow().kernBase());
            ModuleInfo culprit = dump.moduleAt(0xfffff8048b58334cL).orElseThrow();
            assertThat(culprit.name()).isEqualTo("amdppm.sys");
            assertThat(dump.bugcheck().orElseThrow().code()).isEqualTo(0x1000007EL);
            // The stack range begins at TopOfStack, where the bugcheck context's rsp points.
            StackRange stack = dump.callStack().orElseThrow();
            assertThat(stack.limit()).isEqualTo(0xffff850429890ee8L);
            assertThat(stack.size()).isEqualTo(0x2118);
            assertThat(stack.base() & 0xFFF).isZero();
            // Parameter 3 points at the real 0xC0000005 record inside the saved stack; parameter 4 at its CONTEXT.
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.code()).isEqualTo(0xC0000005L);
            assertThat(e.address()).isEqualTo(0xfffff8048b58334cL);
            assertThat(e.context().instructionPointer()).isEqualTo(0xfffff8048b58334cL);
            // rizin's stack walk puts frame 8 (amdppm!WriteIoMemRawEx+112) at this stack pointer.
            assertThat(e.context().stackPointer()).isEqualTo(0xffff850429892120L);
            // The header's own exception record is a stand-in breakpoint, not the fault.
            assertThat(dump.header().exception().code()).isEqualTo(0x80000003L);
            // Code bytes around the fault come from the data blocks.
            assertThat(dump.memory().read(e.address(), 16)).isPresent();
            assertThat(dump.buildLab()).hasValueSatisfying(b -> assertThat(b).startsWith("19041."));
            assertThat(dump.dataBlocks()).hasSize(0x727);
        }
    }

    @Test
    void arm64TriageDump() throws Exception {
        try (KernelDump dump = KernelDump.open(corpus("kdlibcpp/win10_arm64_mem.dmp"))) {
            assertThat(dump.architecture()).isEqualTo(Architecture.ARM64);
            assertThat(dump.format()).isEqualTo("kernel-triage");
            assertThat(dump.os().build()).isEqualTo(17134);
            assertThat(dump.os().processors()).isEqualTo(8);
            assertThat(dump.bugcheck().orElseThrow().code()).isEqualTo(0xE2);
            assertThat(dump.bugcheck().orElseThrow().parameters()).containsExactly(0L, 0L, 0L, 0L);
            assertThat(dump.modules()).hasSize(228);
            assertThat(dump.modules()).extracting(ModuleInfo::name).contains("clipsp.sys");
            CpuContext c = dump.bugcheckContext().orElseThrow();
            assertThat(c.stackPointer()).isEqualTo(dump.triage().orElseThrow().topOfStack());
            // At KeBugCheck2 on ARM64 the link register is 0 (kernel-dump.md §12).
            assertThat(c.get("lr")).hasValue(0);
            assertThat(dump.exception()).isEmpty();
            assertThat(dump.diagnostics()).isEmpty();
        }
    }

    @Test
    void truncatedFullDumpIsReadAsFarAsItGoesWithADiagnostic() throws Exception {
        try (var dump = Dumps.open(org.faultline.dump.io.MappedByteSource.open(corpus("ImHex-Patterns/dmp64.hexpat.bin")))) {
            KernelDump k = (KernelDump) dump;
            assertThat(k.dumpType()).isEqualTo(KernelDumpType.FULL);
            assertThat(k.format()).isEqualTo("kernel-full");
            assertThat(k.header().minorVersion()).isEqualTo(19045);
            assertThat(k.header().numberProcessors()).isEqualTo(4);
            assertThat(k.header().bugCheckCode()).isEqualTo(0x5454414DL);
            assertThat(k.header().bugCheckParameters()).containsExactly(0x4e4f4f4dL, 0x534c4f53L, 0x4e4f4f4dL, 0x534c4f53L);
            assertThat(k.header().physicalMemory().numberOfRuns()).isEqualTo(5);
            assertThat(k.header().physicalMemory().numberOfPages()).isEqualTo(0x7FE86);
            CpuContext c = k.headerContext().orElseThrow();
            assertThat(c.flags()).isEqualTo(0x0010000FL);
            assertThat(c.instructionPointer()).isEqualTo(k.header().exception().address());
            assertThat(k.header().exception().code()).isEqualTo(0x80000003L);
            // The body is cut after two pages: the run list describes 0x7FE86 pages, so almost all are missing.
            assertThat(k.physicalMemory().orElseThrow().presentPages()).isEqualTo(0x7FE86);
            assertThat(k.physicalMemory().orElseThrow().fileOffset(k.header().physicalMemory().runs().get(0).basePage()))
                    .isEqualTo(0x2000);
            assertThat(k.diagnostics()).anySatisfy(d -> {
                assertThat(d.code()).isEqualTo("TRUNCATED");
                assertThat(d.message()).contains("pages past the end are missing");
            });
            assertThat(k.memory().read(k.header().psLoadedModuleList(), 8)).isEmpty();
        }
    }
}
