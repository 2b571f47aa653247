package org.faultline.app.cli.info;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.faultline.dump.CpuContext;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.ExceptionInfo;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.OsInfo;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.dump.kernel.KernelDumpHeader;
import org.faultline.dump.minidump.Minidump;
import org.faultline.dump.minidump.MinidumpDirectory;
import org.faultline.triage.report.Safe;

/** The text form of {@code faultline info}: everything the file holds, section by section. */
public final class InfoText {
    private InfoText() {
    }

    public static void print(PrintWriter out, String file, long size, CrashDump dump) {
        out.println("File          " + Safe.text(file) + " (" + size + " bytes)");
        out.println("Format        " + dump.format() + headerSummary(dump));
        dump.crashTime().ifPresent(t -> out.println("Time          " + Instant.ofEpochSecond(t)));
        OsInfo os = dump.os();
        out.println("System        " + os.platform() + " " + os.version()
                + (os.csd().isEmpty() ? "" : " " + Safe.text(os.csd())) + ", " + dump.architecture().id()
                + ", " + os.processors() + " processor(s)" + (os.cpuInfo().isEmpty() ? "" : ", " + os.cpuInfo()));
        if (dump instanceof Minidump m) {
            m.processId().ifPresent(p -> out.println("Process id    " + p));
            m.comment().ifPresent(c -> out.println("Comment       " + Safe.text(c)));
            m.breakpadInfo().ifPresent(b -> out.println("Breakpad      dump thread "
                    + (b.hasDumpThreadId() ? Hex.of(b.dumpThreadId()) : "-") + ", requesting thread "
                    + (b.hasRequestingThreadId() ? Hex.of(b.requestingThreadId()) : "-")));
            m.assertion().ifPresent(a -> out.println("Assertion     " + a.typeName() + ": "
                    + Safe.text(a.expression()) + " in " + Safe.text(a.function()) + " ("
                    + Safe.text(a.file()) + ":" + a.line() + ")"));
            m.crashpadInfo().ifPresent(c -> out.println("Crashpad      report " + c.reportId() + ", client "
                    + c.clientId() + ", " + c.simpleAnnotations().size() + " annotation(s)"));
            streams(out, m);
        } else if (dump instanceof KernelDump k) {
            kernel(out, k);
        }
        dump.exception().ifPresentOrElse(e -> exception(out, dump, e),
                () -> out.println(System.lineSeparator() + "Exception     none recorded"));
        threads(out, dump.threads());
        modules(out, "Modules", dump.modules());
        if (!dump.unloadedModules().isEmpty()) {
            modules(out, "Unloaded modules", dump.unloadedModules());
        }
        memory(out, dump.memory().ranges());
        List<Diagnostic> diags = dump.diagnostics();
        out.println();
        out.println("Diagnostics (" + diags.size() + ")");
        for (Diagnostic d : diags) {
            out.println("  " + Safe.text(d.toString()));
        }
    }

    private static void kernel(PrintWriter out, KernelDump k) {
        KernelDumpHeader h = k.header();
        dump(out, k);
        out.println();
        out.println("Kernel dump header");
        row(out, "DumpType", h.dumpType() + " (" + (k.dumpType() == null ? "unknown" : k.dumpType().description()) + ")");
        row(out, "MajorVersion", Hex.of(h.majorVersion()));
        row(out, "MinorVersion", Hex.of(h.minorVersion()) + " (build " + h.minorVersion() + ")");
        row(out, "DirectoryTableBase", Hex.of(h.directoryTableBase()));
        row(out, "PfnDataBase", Hex.of(h.pfnDataBase()));
        row(out, "PsLoadedModuleList", Hex.of(h.psLoadedModuleList()));
        row(out, "PsActiveProcessHead", Hex.of(h.psActiveProcessHead()));
        row(out, "MachineImageType", Hex.of(h.machineImageType()));
        row(out, "NumberProcessors", String.valueOf(h.numberProcessors()));
        row(out, "KdDebuggerDataBlock", Hex.of(h.kdDebuggerDataBlock()));
        row(out, "RequiredDumpSpace", Hex.of(h.requiredDumpSpace()));
        row(out, "SystemUpTime", Hex.of(h.systemUpTime()));
        row(out, "MiniDumpFields", Hex.of(h.miniDumpFields()));
        row(out, "ProductType", Hex.of(h.productType()));
        row(out, "SuiteMask", Hex.of(h.suiteMask()));
        if (h.physicalMemory() != null) {
            row(out, "PhysicalMemory", h.physicalMemory().numberOfRuns() + " run(s), "
                    + Hex.of(h.physicalMemory().numberOfPages()) + " pages");
        }
        k.triage().ifPresent(t -> {
            out.println();
            out.println("Triage dump");
            row(out, "SizeOfDump", Hex.of(t.sizeOfDump()));
            row(out, "ValidOffset", Hex.of(t.validOffset()));
            row(out, "ContextOffset", Hex.of(t.contextOffset()));
            row(out, "ExceptionOffset", Hex.of(t.exceptionOffset()));
            row(out, "MmOffset", Hex.of(t.mmOffset()));
            row(out, "UnloadedDriversOffset", Hex.of(t.unloadedDriversOffset()));
            row(out, "PrcbOffset", Hex.of(t.prcbOffset()));
            row(out, "ProcessOffset", Hex.of(t.processOffset()));
            row(out, "ThreadOffset", Hex.of(t.threadOffset()));
            row(out, "CallStackOffset", Hex.of(t.callStackOffset()) + " (" + Hex.of(t.sizeOfCallStack()) + " bytes)");
            row(out, "DriverListOffset", Hex.of(t.driverListOffset()) + " (" + t.driverCount() + " drivers)");
            row(out, "StringPoolOffset", Hex.of(t.stringPoolOffset()) + " (" + Hex.of(t.stringPoolSize()) + " bytes)");
            row(out, "TriageOptions", Hex.of(t.triageOptions()));
            row(out, "TopOfStack", Hex.of(t.topOfStack()));
            row(out, "DataPage", Hex.of(t.dataPageAddress()) + " at " + Hex.of(t.dataPageOffset()) + " ("
                    + Hex.of(t.dataPageSize()) + " bytes)");
            row(out, "DebuggerDataOffset", Hex.of(t.debuggerDataOffset()) + " (" + Hex.of(t.debuggerDataSize()) + " bytes)");
            row(out, "DataBlocksOffset", Hex.of(t.dataBlocksOffset()) + " (" + t.dataBlocksCount() + " blocks)");
        });
        k.physicalMemory().ifPresent(pm -> {
            out.println();
            out.println("Physical memory");
            row(out, "Pages", pm.summary());
            row(out, "Paging", k.pageTables().map(t -> t.mode().name()).orElse("not read"));
        });
        k.debuggerData().ifPresent(d -> row(out, "KernBase", Hex.of(d.kernBase())));
        k.callStack().ifPresent(s -> row(out, "Stack", Hex.of(s.limit()) + " - " + Hex.of(s.base())
                + " (" + Hex.of(s.size()) + " bytes)"));
        k.crashingContext().ifPresent(c -> {
            out.println();
            out.println("Context at the bug check" + (k.bugcheckContext().isPresent() ? " (KPRCB.Context)" : ""));
            registers(out, c);
        });
    }

    private static void dump(PrintWriter out, KernelDump k) {
        k.bugcheck().ifPresent(b -> {
            out.println();
            StringBuilder p = new StringBuilder();
            for (Long v : b.parameters()) {
                p.append(' ').append(Hex.of(v));
            }
            out.println("Bug check     " + Hex.of(b.code()) + " (" + p.toString().trim() + ")");
        });
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf("  %-22s %s%n", name, value);
    }

    private static String headerSummary(CrashDump dump) {
        if (dump instanceof Minidump m) {
            return " (MDMP version " + Hex.of(m.header().version()) + ", " + m.header().numberOfStreams()
                    + " streams, directory at " + Hex.of(m.header().streamDirectoryRva()) + ", flags "
                    + Hex.of(m.header().flags()) + ")";
        }
        return "";
    }

    private static void streams(PrintWriter out, Minidump m) {
        out.println();
        out.println("Streams (" + m.directory().size() + ")");
        out.printf("  %3s  %-10s  %-32s  %-10s  %s%n", "#", "type", "name", "offset", "size");
        for (MinidumpDirectory d : m.directory()) {
            out.printf("  %3d  %-10s  %-32s  %-10s  %d%n", d.index(), Hex.of(d.streamType()), d.name(),
                    Hex.of(d.rva()), d.dataSize());
        }
    }

    private static void exception(PrintWriter out, CrashDump dump, ExceptionInfo e) {
        out.println();
        out.println("Exception");
        out.println("  code          " + Hex.of(e.code()) + (e.flags() != 0 ? " (flags " + Hex.of(e.flags()) + ")" : ""));
        out.println("  address       " + Hex.of(e.address()) + dump.moduleAt(e.address())
                .map(m -> " (" + Safe.text(m.name()) + "+" + Hex.of(e.address() - m.base()) + ")").orElse(""));
        out.println("  thread        " + Hex.of(e.threadId()) + " (" + e.threadId() + ")");
        StringBuilder p = new StringBuilder();
        for (Long v : e.parameters()) {
            p.append(' ').append(Hex.of(v));
        }
        out.println("  parameters   " + (p.length() == 0 ? " none" : p));
        if (e.context() != null) {
            out.println("  context");
            registers(out, e.context());
        }
    }

    private static void registers(PrintWriter out, CpuContext c) {
        StringBuilder line = new StringBuilder("   ");
        int n = 0;
        for (Map.Entry<String, Long> r : c.registers().entrySet()) {
            line.append(String.format(" %6s=%-18s", r.getKey(), Hex.of(r.getValue())));
            if (++n % 4 == 0) {
                out.println(line);
                line = new StringBuilder("   ");
            }
        }
        if (n % 4 != 0) {
            out.println(line);
        }
    }

    private static void threads(PrintWriter out, List<ThreadInfo> threads) {
        out.println();
        out.println("Threads (" + threads.size() + ")");
        out.printf("  %-10s  %-20s  %-20s  %-10s  %-20s  %s%n", "id", "pc", "sp", "stack size", "stack start", "name");
        for (ThreadInfo t : threads) {
            CpuContext c = t.context();
            out.printf("  %-10s  %-20s  %-20s  %-10s  %-20s  %s%n", Hex.of(t.id()),
                    c == null ? "-" : Hex.of(c.instructionPointer()), c == null ? "-" : Hex.of(c.stackPointer()),
                    Hex.of(t.stackSize()), Hex.of(t.stackStart()), t.name() == null ? "" : Safe.text(t.name()));
        }
    }

    private static void modules(PrintWriter out, String title, List<ModuleInfo> modules) {
        out.println();
        out.println(title + " (" + modules.size() + ")");
        out.printf("  %-18s  %-10s  %-16s  %-28s  %s%n", "base", "size", "version", "name", "debug file / id");
        for (ModuleInfo m : modules) {
            String debug = m.debugFile() == null ? "" : Safe.text(m.debugFile()) + " " + m.debugId();
            out.printf("  %-18s  %-10s  %-16s  %-28s  %s%n", Hex.of(m.base()), Hex.of(m.size()),
                    m.version() == null ? "" : m.version(), Safe.text(m.name()), debug);
        }
    }

    private static void memory(PrintWriter out, List<MemoryRange> ranges) {
        long total = 0;
        for (MemoryRange r : ranges) {
            total += r.size();
        }
        out.println();
        out.println("Memory ranges (" + ranges.size() + ", " + Hex.of(total) + " bytes)");
        int shown = 0;
        for (MemoryRange r : ranges) {
            if (shown++ == 64) {
                out.println("  … " + (ranges.size() - 64) + " more");
                break;
            }
            out.printf("  %-18s - %-18s  %-10s  at file %s%s%n", Hex.of(r.start()), Hex.of(r.end()),
                    Hex.of(r.size()), Hex.of(r.fileOffset()),
                    r.declared() != r.size() ? " (declared " + Hex.of(r.declared()) + ", truncated)" : "");
        }
    }
}
