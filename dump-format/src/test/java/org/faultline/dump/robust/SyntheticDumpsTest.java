package org.faultline.dump.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;
import org.faultline.dump.Architecture;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.samples.minidump.WrittenDump;
import org.junit.jupiter.api.Test;

/** The samples the mutation properties and fuzz seeds start from are what they claim to be. */
class SyntheticDumpsTest {

    @Test
    void healthySamplesParseWithoutDiagnosticsAndAreSmall() throws Exception {
        Map<String, Architecture> arch = Map.of("x86-crash", Architecture.X86, "amd64-full", Architecture.AMD64,
                "arm64-windows", Architecture.ARM64, "amd64-memory64", Architecture.AMD64, "arm64-linux",
                Architecture.ARM64, "x86-padded-lists", Architecture.X86, "amd64-macos-crashpad", Architecture.AMD64,
                "amd64-damaged", Architecture.AMD64);
        for (Map.Entry<String, Supplier<WrittenDump>> e : SyntheticDumps.all().entrySet()) {
            byte[] bytes = e.getValue().get().bytes();
            assertThat(bytes.length).as(e.getKey()).isLessThan(64 * 1024);
            assertThat(Robustness.exercise(bytes)).isEqualTo(Robustness.Outcome.PARSED);
            try (CrashDump dump = Dumps.open(new ArrayByteSource(bytes))) {
                assertThat(dump.architecture()).as(e.getKey()).isEqualTo(arch.get(e.getKey()));
                assertThat(dump.threads()).as(e.getKey()).isNotEmpty();
                assertThat(dump.modules()).as(e.getKey()).isNotEmpty();
                if (e.getKey().equals("amd64-damaged")) {
                    assertThat(dump.diagnostics()).as(e.getKey()).hasSizeGreaterThanOrEqualTo(5);
                } else {
                    assertThat(dump.diagnostics()).as(e.getKey()).isEmpty();
                    assertThat(dump.threads()).as(e.getKey()).allSatisfy(t -> assertThat(t.context()).isNotNull());
                }
            }
        }
    }

    @Test
    void samplesAreDeterministic() {
        for (Supplier<WrittenDump> s : SyntheticDumps.all().values()) {
            assertThat(s.get().bytes()).isEqualTo(s.get().bytes());
        }
    }
}
