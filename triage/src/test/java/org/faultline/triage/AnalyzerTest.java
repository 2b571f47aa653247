package org.faultline.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.samples.Corpus;
import org.faultline.symbols.Symbolizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verdicts the issue names, on the July 19 sample and the real corpus. */
class AnalyzerTest {

    static Path sample(String name) {
        return Path.of(System.getProperty("faultline.root", ".."), "sample-dumps", "dumps", name);
    }

    static Path corpus(String relative) {
        Optional<Path> p = Corpus.file(relative);
        assumeTrue(p.isPresent(), Corpus.absent(relative));
        return p.get();
    }

    static Report analyze(Path file) throws Exception {
        try (CrashDump dump = Dumps.open(file); Symbolizer s = Symbolizer.moduleOffsetOnly(dump)) {
            return Analyzer.standard().analyze(dump, s, file.toString(), null, 0);
        }
    }

    @Test
    void julyNineteen() throws Exception {
        Report r = analyze(sample("crowdstrike-csagent-2024-07-19.dmp"));
        assertThat(r.verdict().category()).isEqualTo(Category.READ_OUT_OF_BOUNDS);
        assertThat(r.verdict().confidence()).isEqualTo("high");
        assertThat(r.thirdPartyFilterDriverReadOutOfBounds()).isTrue();
        assertThat(r.culprit().module()).isEqualTo("csagent.sys");
        assertThat(r.culprit().vendor()).isEqualTo("CrowdStrike Ltd.");
        assertThat(r.culprit().microsoft()).isFalse();
        assertThat(r.culprit().filter().altitude()).isEqualTo("321410");
        assertThat(r.culprit().filter().group()).isEqualTo("FSFilter Anti-Virus");
        assertThat(r.knownIssue().id()).isEqualTo("crowdstrike-channel-file-291");
        assertThat(r.faultingFrame().text()).isEqualTo("csagent+0xe14ed");
        assertThat(r.faultingFrame().instruction()).isEqualTo("mov r9d,dword ptr [r8]");
        assertThat(r.faultingFrame().effectiveAddress()).isEqualTo(0xffff840500000074L);
        assertThat(r.faultingFrame().registersFrom()).isEqualTo("the trap frame at 0xffff94058305ec20");
        assertThat(r.faultingFrame().provenance()).anySatisfy(p ->
                assertThat(p).startsWith("r8 was loaded from [rax+r11*8], index r11 = 20"));
        assertThat(r.access().kind().name()).isEqualTo("READ");
        assertThat(r.access().address()).isEqualTo(0xffff840500000074L);
        assertThat(r.bugcheck().name()).isEqualTo("PAGE_FAULT_IN_NONPAGED_AREA");
        assertThat(r.bucket()).isEqualTo("AV_R_INVALID_csagent!unknown_function");
        assertThat(r.verdict().summary()).contains("Read out of bounds").contains("csagent.sys")
                .contains("CrowdStrike Ltd.").contains("321410");
        assertThat(r.stack()).filteredOn(Frame::culprit).singleElement()
                .satisfies(f -> assertThat(f.text()).isEqualTo("csagent+0xe14ed"));
    }

    @Test
    void triageX64IsAMicrosoftDriverSoTheFlagIsOff() throws Exception {
        Report r = analyze(corpus("rizin-testbins/triage_x64.dmp"));
        assertThat(r.faultingFrame().module()).isEqualTo("amdppm.sys");
        assertThat(r.exception().code()).isEqualTo(0xC0000005L);
        assertThat(r.thirdPartyFilterDriverReadOutOfBounds()).isFalse();
        assertThat(r.stack()).anySatisfy(f -> assertThat(f.text()).isEqualTo("amdppm+0x334c"));
    }

    @ParameterizedTest
    @CsvSource({
        "breakpad/null_read_av.dmp,    NULL_POINTER_READ",
        "breakpad/ascii_read_av.dmp,   READ_OUT_OF_BOUNDS",
        "breakpad/minidump2.dmp,       NULL_POINTER_WRITE",
        "breakpad/tiny-exe-fastfail.dmp, FAST_FAIL",
        "breakpad/stack_exhaustion.dmp, STACK_OVERFLOW",
    })
    void corpusVerdicts(String file, Category expected) throws Exception {
        Report r = analyze(corpus(file));
        assertThat(r.verdict().category()).isEqualTo(expected);
    }

    @Test
    void minidump2WritesAt0x45() throws Exception {
        Report r = analyze(corpus("breakpad/minidump2.dmp"));
        assertThat(r.access().address()).isEqualTo(0x45);
        assertThat(r.access().kind().name()).isEqualTo("WRITE");
    }

    @Test
    void fastFailNamesTheCode() throws Exception {
        Report r = analyze(corpus("breakpad/tiny-exe-fastfail.dmp"));
        assertThat(r.exception().detail()).isEqualTo("FAST_FAIL_FATAL_APP_EXIT");
        assertThat(r.bucket()).startsWith("FAIL_FAST_FATAL_APP_EXIT");
    }
}
