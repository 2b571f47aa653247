package org.faultline.symbols.disasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.faultline.dump.Architecture;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.ModuleInfo;
import org.faultline.samples.Corpus;
import org.junit.jupiter.api.Test;

/**
 * Every code byte range of the real corpus dumps and of the committed samples, disassembled by us and by
 * objdump. "Code" is chosen as: a memory range that contains the exception address (swept from the
 * exception address itself, a known instruction start, to the end of the range) and every range that lies
 * inside a loaded module's image (swept from the range's start; where the two sweeps part after data,
 * instructions are compared wherever both start one at the same address). At most {@link #PER_DUMP} bytes
 * per dump, so that the full-memory dump stays quick.
 */
class CorpusDifferentialTest {
    static final int PER_DUMP = 1 << 20;

    static final List<String> CORPUS = List.of(
            "breakpad/ascii_read_av.dmp", "breakpad/ascii_read_av_block_write.dmp",
            "breakpad/ascii_read_av_clobber_write.dmp", "breakpad/ascii_read_av_conditional.dmp",
            "breakpad/ascii_read_av_xchg_write.dmp", "breakpad/ascii_write_av.dmp",
            "breakpad/ascii_write_av_arg_to_call.dmp", "breakpad/minidump2.dmp", "breakpad/null_read_av.dmp",
            "breakpad/read_av_clobber_write.dmp", "breakpad/read_av_conditional.dmp", "breakpad/stack_exhaustion.dmp",
            "breakpad/tiny-exe-fastfail.dmp", "breakpad/tiny-exe-with-cet-xsave-x86.dmp",
            "breakpad/tiny-exe-with-cet-xsave.dmp", "breakpad/write_av_non_null.dmp", "kdlibcpp/target_minidump.dmp",
            "kdlibcpp/targetapp_stacktest_wow64.cab.dmp", "kdlibcpp/targetapp_test_cv_allreg_amd64.dmp",
            "kdlibcpp/targetapp_test_cv_allreg_i386.dmp", "kdlibcpp/win10_arm64_mem.dmp", "lldb/fizzbuzz_no_heap.dmp",
            "rizin-testbins/triage_x64.dmp", "rust-minidump/invalid-parameter.dmp", "symbolicator/windows.dmp");

    @Test
    void corpusAndSampleCodeAgreesWithObjdump() throws Exception {
        List<Path> dumps = new ArrayList<>();
        for (String name : CORPUS) {
            Corpus.file(name).ifPresent(dumps::add);
        }
        Path samples = Path.of(System.getProperty("faultline.root", ".."), "sample-dumps", "dumps");
        if (Files.isDirectory(samples)) {
            try (Stream<Path> s = Files.list(samples)) {
                s.filter(p -> p.toString().endsWith(".dmp")).sorted().forEach(dumps::add);
            }
        }
        assumeTrue(!dumps.isEmpty(), Corpus.absent("*.dmp") + " and no samples");
        Differential.Report x64 = new Differential.Report("corpus amd64");
        Differential.Report x86 = new Differential.Report("corpus x86");
        Differential.Report arm = new Differential.Report("corpus arm64");
        Optional<ObjdumpOracle> ox64 = ObjdumpOracle.find(ObjdumpOracle.Machine.AMD64);
        Optional<ObjdumpOracle> ox86 = ObjdumpOracle.find(ObjdumpOracle.Machine.X86);
        Optional<ObjdumpOracle> oarm = ObjdumpOracle.find(ObjdumpOracle.Machine.ARM64);
        assumeTrue(ox64.isPresent() || oarm.isPresent(), ObjdumpOracle.absent(ObjdumpOracle.Machine.AMD64));
        int files = 0;
        for (Path p : dumps) {
            try (CrashDump dump = Dumps.open(p)) {
                Architecture a = dump.architecture();
                Differential.Report into = a == Architecture.AMD64 ? x64 : a == Architecture.X86 ? x86
                        : a == Architecture.ARM64 ? arm : null;
                Optional<ObjdumpOracle> oracle = a == Architecture.AMD64 ? ox64 : a == Architecture.X86 ? ox86 : oarm;
                Optional<Decoder> decoder = Decoder.forArchitecture(a);
                if (into == null || oracle.isEmpty() || decoder.isEmpty()) {
                    continue;
                }
                files++;
                sweepCode(dump, decoder.get(), oracle.get(), into);
            }
        }
        for (Differential.Report r : List.of(x64, x86, arm)) {
            System.out.println(r.summary(10));
            assertThat(r.agreement()).as(r.name).isGreaterThanOrEqualTo(0.999);
        }
        System.out.println(files + " dumps swept");
        assertThat(x64.total + x86.total + arm.total).isPositive();
    }

    private static void sweepCode(CrashDump dump, Decoder decoder, ObjdumpOracle oracle, Differential.Report into)
            throws IOException, InterruptedException {
        long budget = PER_DUMP;
        long crash = dump.exception().map(e -> e.address()).orElse(-1L);
        for (MemoryRange r : dump.memory().ranges()) {
            if (budget <= 0) {
                break;
            }
            long start;
            if (crash != -1 && r.contains(crash, 1)) {
                start = crash;
            } else if (insideModule(dump, r)) {
                start = r.start();
            } else {
                continue;
            }
            int length = (int) Math.min(budget, r.end() - start);
            Optional<byte[]> bytes = dump.memory().read(start, length);
            if (bytes.isEmpty()) {
                continue;
            }
            budget -= length;
            Differential.sweep(into, decoder, oracle, bytes.get(), start);
        }
    }

    private static boolean insideModule(CrashDump dump, MemoryRange r) {
        for (ModuleInfo m : dump.modules()) {
            if (m.contains(r.start()) && Long.compareUnsigned(r.end(), m.end()) <= 0) {
                return true;
            }
        }
        return false;
    }
}
