package org.faultline.triage.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.faultline.dump.Bugcheck;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.samples.Corpus;
import org.junit.jupiter.api.Test;

/** The catalogs read against the bug checks of the real kernel dumps (facts quoted by corpus/PROVENANCE.md). */
class CorpusBugcheckTest {

    @Test
    void triageX64IsASystemThreadAccessViolation() throws Exception {
        String relative = "rizin-testbins/triage_x64.dmp";
        Optional<Path> file = Corpus.file(relative);
        assumeTrue(file.isPresent(), Corpus.absent(relative));
        try (KernelDump dump = KernelDump.open(file.get())) {
            Bugcheck bc = dump.bugcheck().orElseThrow();
            BugcheckInfo info = BugcheckCatalog.standard().of(bc.code()).orElseThrow();
            assertThat(info.name()).isEqualTo("SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M");
            AccessLayout a = info.access().orElseThrow();
            List<Long> p = bc.parameters();
            assertThat(StatusCatalog.standard().name(p.get(a.exceptionCode().getAsInt() - 1)))
                    .contains("STATUS_ACCESS_VIOLATION");
            assertThat(a.instructionAddress(p)).hasValue(0xfffff8048b58334cL);
            assertThat(p.get(a.exceptionRecord().getAsInt() - 1)).isEqualTo(0xffff850429891ee8L);
            assertThat(p.get(a.contextRecord().getAsInt() - 1)).isEqualTo(0xffff850429891720L);
        }
    }

    @Test
    void arm64DumpIsAManualCrash() throws Exception {
        String relative = "kdlibcpp/win10_arm64_mem.dmp";
        Optional<Path> file = Corpus.file(relative);
        assumeTrue(file.isPresent(), Corpus.absent(relative));
        try (KernelDump dump = KernelDump.open(file.get())) {
            long code = dump.bugcheck().orElseThrow().code();
            assertThat(BugcheckCatalog.standard().of(code).orElseThrow().name()).isEqualTo("MANUALLY_INITIATED_CRASH");
        }
    }
}
