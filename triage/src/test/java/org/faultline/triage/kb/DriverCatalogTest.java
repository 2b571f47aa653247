package org.faultline.triage.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.samples.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DriverCatalogTest {
    private final DriverCatalog catalog = DriverCatalog.standard();

    @Test
    void inboxNames() {
        assertThat(catalog.isWindowsInbox("ntoskrnl.exe")).isTrue();
        assertThat(catalog.isWindowsInbox("FLTMGR.SYS")).isTrue();
        assertThat(catalog.isWindowsInbox("\\SystemRoot\\System32\\drivers\\fltmgr.sys")).isTrue();
        assertThat(catalog.isWindowsInbox("hal.dll")).isTrue();
        assertThat(catalog.isWindowsInbox("Wdf01000.sys")).isTrue();
        assertThat(catalog.isWindowsInbox("amdppm.sys")).isTrue();
        assertThat(catalog.isWindowsInbox("dump_stornvme.sys")).isTrue();
        assertThat(catalog.isWindowsInbox("csagent.sys")).isFalse();
        assertThat(catalog.isWindowsInbox("nvlddmkm.sys")).isFalse();
        assertThat(catalog.inboxCount()).isGreaterThan(300);
    }

    @Test
    void vendors() {
        assertThat(catalog.vendor("csagent.sys")).contains(
                new VendorMatch("CrowdStrike Ltd.", "allocated minifilter altitude of CrowdStrike Ltd."));
        assertThat(catalog.vendorOf("im.sys")).contains("CrowdStrike");
        assertThat(catalog.vendorOf("nvlddmkm.sys")).contains("NVIDIA");
        assertThat(catalog.vendorOf("amdkmdag.sys")).contains("AMD");
        assertThat(catalog.vendorOf("atikmdag.sys")).contains("AMD");
        assertThat(catalog.vendorOf("igdkmd64.sys")).contains("Intel");
        assertThat(catalog.vendorOf("e1d65x64.sys")).contains("Intel");
        assertThat(catalog.vendorOf("rt640x64.sys")).contains("Realtek");
        assertThat(catalog.vendor("nvlddmkm.sys").orElseThrow().evidence())
                .startsWith("name in list of known third-party drivers");
        assertThat(catalog.vendor("ntoskrnl.exe")).contains(new VendorMatch("Microsoft", DriverCatalog.INBOX_EVIDENCE));
        assertThat(catalog.vendorOf("no-such-driver.sys")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {".*", "(", "[", "\\", "/", "", " ", "..", "ntoskrnl.exe\u0000", "*.sys", "nt.*",
        "%n", "\\Q\\E", "ntoskrnl.exe/", "dump_", "hiber_"})
    void hostileNamesAreNeitherInboxNorKnown(String name) {
        assertThat(catalog.isWindowsInbox(name)).isFalse();
        assertThat(catalog.vendor(name)).isEmpty();
    }

    @Test
    void nullIsUnknown() {
        assertThat(catalog.isWindowsInbox(null)).isFalse();
        assertThat(catalog.vendor(null)).isEmpty();
    }

    /**
     * Every driver of the two real kernel triage dumps is either in the inbox list or has a known vendor, except a
     * few whose maker the name alone does not settle (documented in README-drivers.md).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rizin-testbins/triage_x64.dmp", "kdlibcpp/win10_arm64_mem.dmp"})
    void corpusDumpDriversAreClassified(String relative) throws Exception {
        Optional<Path> file = Corpus.file(relative);
        assumeTrue(file.isPresent(), Corpus.absent(relative));
        List<String> unknown = new ArrayList<>();
        try (KernelDump dump = KernelDump.open(file.get())) {
            assertThat(dump.modules()).isNotEmpty();
            for (ModuleInfo m : dump.modules()) {
                if (!catalog.isWindowsInbox(m.name()) && catalog.vendor(m.name()).isEmpty()) {
                    unknown.add(m.name());
                }
            }
        }
        assertThat(unknown).isSubsetOf(List.of("aftap0901.sys", "IntelTA.sys", "loop.sys", "UcmCxUcsiNvppc.sys",
                "HalExtQCWdogTimer.dll"));
    }
}
