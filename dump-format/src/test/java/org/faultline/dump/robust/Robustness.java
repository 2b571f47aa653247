package org.faultline.dump.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.Dumps;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.dump.kernel.PagedMemoryReader;
import org.faultline.dump.kernel.PhysicalMemory;

/**
 * The hostile-input contract, as one check: any byte sequence either opens (and then every accessor answers,
 * with damage reported as diagnostics) or fails with the typed error whose offset lies inside the file.
 * Anything else (an unchecked exception, an error) escapes and fails the calling test.
 */
public final class Robustness {
    private Robustness() {
    }

    /** What happened to one input. */
    public enum Outcome { PARSED, REJECTED }

    public static Outcome exercise(byte[] bytes) {
        return check(bytes).isPresent() ? Outcome.PARSED : Outcome.REJECTED;
    }

    /** Like {@link #exercise}: the diagnostics of a dump that opened, or empty when it was rejected. */
    public static Optional<List<Diagnostic>> check(byte[] bytes) {
        ArrayByteSource source = new ArrayByteSource(bytes, "fuzz");
        CrashDump dump;
        try {
            dump = Dumps.open(source);
        } catch (DumpFormatException e) {
            assertThat(e.offset()).as("offset of %s", e.getMessage()).isBetween(0L, (long) bytes.length);
            assertThat(e.getMessage()).contains("@0x");
            return Optional.empty();
        }
        List<Diagnostic> diagnostics;
        try (dump) {
            dump.format();
            dump.architecture();
            dump.os().cpuInfo();
            dump.modules().forEach(m -> dump.moduleAt(m.base()));
            dump.unloadedModules();
            for (ThreadInfo t : dump.threads()) {
                if (t.context() != null) {
                    t.context().instructionPointer();
                    dump.memory().read(t.context().stackPointer(), 64);
                }
            }
            dump.exception().ifPresent(e -> dump.memory().read(e.address(), 16));
            for (MemoryRange r : dump.memory().ranges()) {
                dump.memory().read(r.start(), (int) Math.min(r.size(), 4096));
                dump.memory().readableFrom(r.start(), Long.MAX_VALUE);
            }
            dump.crashTime();
            if (dump instanceof KernelDump kernel) {
                exerciseKernel(kernel);
            }
            diagnostics = dump.diagnostics();
            diagnostics.forEach(d -> {
                assertThat(d.structure()).isNotBlank();
                assertThat(d.message()).isNotBlank();
            });
        }
        return Optional.of(diagnostics);
    }

    /** The kernel reader's own parts, beyond the shared model: triage lists, physical pages, page tables. */
    private static void exerciseKernel(KernelDump k) {
        k.triage();
        k.drivers();
        k.unloadedDrivers();
        k.callStack();
        k.dataBlocks();
        k.prcb();
        k.process();
        k.thread();
        k.debuggerData();
        k.buildLab();
        k.triageContext();
        k.headerContext();
        k.triageException();
        k.bugcheckContext();
        k.crashingContext();
        k.physicalMemory().ifPresent(p -> {
            long covered = p.coveredPages();
            for (long pfn = 0; pfn < Math.min(covered, 64); pfn++) {
                p.fileOffset(pfn);
            }
            p.fileOffset(covered - 1);
            p.fileOffset(covered);
            p.summary();
        });
        k.pageTables().ifPresent(t -> {
            t.translate(k.header().psLoadedModuleList());
            t.translate(k.header().kdDebuggerDataBlock());
        });
        if (k.memory() instanceof PagedMemoryReader paged) {
            paged.readPhysical(0, 16);
            paged.readPhysical(k.header().directoryTableBase(), (int) PhysicalMemory.PAGE);
            paged.read(k.header().psActiveProcessHead(), 16);
            paged.readableFrom(k.header().pfnDataBase(), 0x4000);
        }
        k.loadedModuleList();
    }
}
