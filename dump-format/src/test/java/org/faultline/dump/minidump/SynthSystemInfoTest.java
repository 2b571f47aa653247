package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import org.faultline.dump.Architecture;
import org.faultline.dump.OsInfo;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.SystemInfoSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MINIDUMP_SYSTEM_INFO: architecture, OS versions, CSD, platform and CPU read back as written. */
class SynthSystemInfoTest {

    @Test
    void x86WindowsXpWithIntelCpu() {
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.x86().processor(6, 0x0D08)
                .processors(2).productType(SystemInfoSpec.PRODUCT_WORKSTATION).os(5, 1, 2600)
                .csdVersion("Service Pack 2").suiteMask(0x0300)
                .cpuVendor("GenuineIntel", 0x6D8, 0xAFE9_FBFFL).amdExtendedFeatures(0x1234)));
        MinidumpSystemInfo s = dump.systemInfo().orElseThrow();
        assertThat(s.processorArchitecture()).isZero();
        assertThat(s.architectureName()).isEqualTo("x86");
        assertThat(s.processorLevel()).isEqualTo(6);
        assertThat(s.processorRevision()).isEqualTo(0x0D08);
        assertThat(s.numberOfProcessors()).isEqualTo(2);
        assertThat(s.productType()).isEqualTo(1);
        assertThat(s.majorVersion()).isEqualTo(5);
        assertThat(s.minorVersion()).isEqualTo(1);
        assertThat(s.buildNumber()).isEqualTo(2600);
        assertThat(s.platformId()).isEqualTo(2);
        assertThat(s.suiteMask()).isEqualTo(0x0300);
        assertThat(s.csdVersion()).isEqualTo("Service Pack 2");
        // cpuid(0) EBX, EDX, ECX spell "Genu" "ineI" "ntel"; then cpuid(1) EAX, EDX and the AMD word.
        assertThat(s.cpuWords()).containsExactly(0x756E_6547L, 0x4965_6E69L, 0x6C65_746EL, 0x6D8L, 0xAFE9_FBFFL, 0x1234L);
        assertThat(s.cpuVendor()).isEqualTo("GenuineIntel");

        assertThat(dump.architecture()).isEqualTo(Architecture.X86);
        OsInfo os = dump.os();
        assertThat(os).isEqualTo(new OsInfo("Windows NT", 2, 5, 1, 2600, "Service Pack 2", 1, 2, "GenuineIntel", 6, 13, 8));
        assertThat(os.version()).isEqualTo("5.1.2600");
        assertThat(os.cpuInfo()).isEqualTo("GenuineIntel family 6 model 13 stepping 8");
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void amd64LinuxWithProcessorFeatures() {
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.amd64().processor(6, 0x9E0A)
                .processors(16).productType(0).os(5, 15, 0).csdVersion("Linux 5.15.0-91-generic #101-Ubuntu SMP")
                .platformId(SystemInfoSpec.PLATFORM_LINUX)
                .processorFeatures(0x1122_3344_5566_7788L, 0x99AA_BBCC_DDEE_FF00L)));
        MinidumpSystemInfo s = dump.systemInfo().orElseThrow();
        assertThat(s.processorArchitecture()).isEqualTo(9);
        assertThat(s.architectureName()).isEqualTo("AMD64");
        assertThat(s.platformId()).isEqualTo(0x8201);
        assertThat(s.platformName()).isEqualTo("Linux");
        assertThat(s.cpuWords()).containsExactly(0x5566_7788L, 0x1122_3344L, 0xDDEE_FF00L, 0x99AA_BBCCL, 0L, 0L);
        assertThat(s.cpuVendor()).isEmpty();
        assertThat(dump.architecture()).isEqualTo(Architecture.AMD64);
        assertThat(dump.os()).isEqualTo(new OsInfo("Linux", 0x8201, 5, 15, 0, "Linux 5.15.0-91-generic #101-Ubuntu SMP",
                0, 16, "", 6, 158, 10));
        assertThat(dump.os().cpuInfo()).isEqualTo("family 6 model 158 stepping 10");
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void arm64MacOsHasNoX86Model() {
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.arm64().processor(0, 0)
                .processors(10).os(14, 2, 23202).csdVersion("Darwin 23.2.0").platformId(SystemInfoSpec.PLATFORM_MACOS)));
        assertThat(dump.architecture()).isEqualTo(Architecture.ARM64);
        assertThat(dump.systemInfo().orElseThrow().architectureName()).isEqualTo("ARM64");
        OsInfo os = dump.os();
        assertThat(os.platform()).isEqualTo("macOS");
        assertThat(os.platformId()).isEqualTo(0x8101);
        assertThat(os.version()).isEqualTo("14.2.23202");
        assertThat(os.csd()).isEqualTo("Darwin 23.2.0");
        assertThat(os.processors()).isEqualTo(10);
        assertThat(os.cpuVendor()).isEmpty();
        assertThat(os.cpuFamily()).isEqualTo(-1);
        assertThat(os.cpuInfo()).isEmpty();
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void windowsServerOnArm64() {
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.arm64().os(10, 0, 22631)
                .productType(SystemInfoSpec.PRODUCT_SERVER).processors(255)));
        OsInfo os = dump.os();
        assertThat(os.platform()).isEqualTo("Windows NT");
        assertThat(os.version()).isEqualTo("10.0.22631");
        assertThat(os.productType()).isEqualTo(3);
        assertThat(os.processors()).isEqualTo(255);
        assertThat(os.csd()).isEmpty();
    }

    @Test
    void missingCsdStringIsEmpty() {
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.amd64().csdVersion(null)));
        assertThat(dump.systemInfo().orElseThrow().csdVersionRva()).isZero();
        assertThat(dump.os().csd()).isEmpty();
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void csdRvaPointsAtTheWrittenString() {
        var w = SynthMinidump.create().systemInfo(SystemInfoSpec.x86().csdVersion("Service Pack 3")).build();
        assertThat(Synth.read(w).systemInfo().orElseThrow().csdVersionRva())
                .isEqualTo(w.layout().region("systemInfo.csd").offset());
    }

    @ParameterizedTest
    @CsvSource({"0, X86", "5, ARM", "9, AMD64", "12, ARM64", "6, UNKNOWN", "0x8003, UNKNOWN", "0xFFFF, UNKNOWN"})
    void architectureFromProcessorArchitecture(String raw, Architecture expected) {
        int value = Integer.decode(raw);
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.of(value)));
        assertThat(dump.systemInfo().orElseThrow().processorArchitecture()).isEqualTo(value);
        assertThat(dump.architecture()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, Win32s", "1, Windows 9x", "2, Windows NT", "3, Windows CE", "0x8000, Unix", "0x8101, macOS",
        "0x8102, iOS", "0x8201, Linux", "0x8203, Android", "0x8206, Fuchsia", "0x9999, unknown (0x9999)"})
    void platformNames(String raw, String name) {
        long id = Long.decode(raw);
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.amd64().platformId(id)));
        assertThat(dump.os().platform()).isEqualTo(name);
        assertThat(dump.os().platformId()).isEqualTo(id);
    }
}
