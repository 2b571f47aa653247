package org.faultline.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.samples.Corpus;
import org.faultline.symbols.store.StoreOptions;
import org.faultline.symbols.store.SymbolPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolizing real dumps with real symbol stores, against the names their projects publish. */
class SymbolizerTest {

    private static Path corpus(String relative) {
        Optional<Path> p = Corpus.file(relative);
        assumeTrue(p.isPresent(), Corpus.absent(relative));
        return p.get();
    }

    private static Path fixture(String relative) {
        Optional<Path> p = Corpus.symbolFixture(relative);
        assumeTrue(p.isPresent(), Corpus.absent(relative));
        return p.get();
    }

    @Test
    void triageX64FaultingFrameIsNamedAsRizinNamesIt(@TempDir Path cache) throws Exception {
        Path store = fixture("ms-public-symbols/symstore");
        try (CrashDump dump = Dumps.open(corpus("rizin-testbins/triage_x64.dmp"));
             Symbolizer s = Symbolizer.of(dump, SymbolPath.parse(store.toString()),
                     StoreOptions.defaults().withDefaultCache(cache))) {
            SymbolizedAddress fault = s.symbolize(dump.exception().orElseThrow().address());
            // rizin: pdb.amdppm.WriteIoMemRawEx+112
            assertThat(fault.module().name()).isEqualTo("amdppm.sys");
            assertThat(fault.offset()).isEqualTo(0x334c);
            assertThat(fault.symbol().name()).isEqualTo("WriteIoMemRawEx");
            assertThat(fault.symbol().offsetOf(fault.offset())).isEqualTo(112);
            assertThat(fault.text()).isEqualTo("amdppm!WriteIoMemRawEx+0x70");
            assertThat(fault.symbolSource()).isEqualTo("PDB amdppm.pdb");
            // rizin's frames 9-13: return addresses into amdppm.
            assertThat(s.symbolize(0xfffff8048b58313fL - 1).symbol().name()).isEqualTo("WriteGenAddrEx");
            assertThat(s.symbolize(0xfffff8048b5a0e8fL - 1).symbol().name()).isEqualTo("InitAcpiCpc");
            // A module with no symbols still gets module+offset.
            assertThat(s.symbolize(0xfffff8047bdf5a80L).text()).isEqualTo("ntoskrnl+0x3f5a80");
        }
    }

    @Test
    void noSymbolPathMeansModuleOffsetOnlyAndNoLookups() throws Exception {
        try (CrashDump dump = Dumps.open(corpus("rizin-testbins/triage_x64.dmp"));
             Symbolizer s = Symbolizer.moduleOffsetOnly(dump)) {
            SymbolizedAddress fault = s.symbolize(0xfffff8048b58334cL);
            assertThat(fault.text()).isEqualTo("amdppm+0x334c");
            assertThat(fault.symbol()).isNull();
            assertThat(s.notes()).isEmpty();
        }
    }

    @Test
    void breakpadSymbolsNameMinidump2Frames(@TempDir Path cache) throws Exception {
        Path symbols = fixture("breakpad/src/processor/testdata/symbols");
        try (CrashDump dump = Dumps.open(corpus("breakpad/minidump2.dmp"));
             Symbolizer s = Symbolizer.of(dump, SymbolPath.parse(symbols.toString()),
                     StoreOptions.defaults().withDefaultCache(cache))) {
            // Breakpad's stackwalk (minidump2.dmp.expected.stackwalk.out): frame 0
            // test_app.exe!`anonymous namespace'::CrashFunction [test_app.cc : 58 + 0x3]
            SymbolizedAddress frame0 = s.symbolize(0x40429e);
            assertThat(frame0.symbol().name()).isEqualTo("`anonymous namespace'::CrashFunction");
            assertThat(frame0.symbol().source()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(58));
            assertThat(frame0.symbolSource()).startsWith("Breakpad");
        }
    }
}
