package org.faultline.samples.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.faultline.samples.minidump.Layout.DirectoryEntry;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;

class SystemInfoTest {
    @Test
    void x86CpuInformationAndFieldOffsets() {
        WrittenDump dump = SynthMinidump.create().systemInfo(SystemInfoSpec.amd64().processor(6, 0x9E0A).processors(12)
                .productType(3).os(10, 0, 20348).csdVersion("Service Pack 1").suiteMask(0x110)
                .cpuVendor("GenuineIntel", 0x906EA, 0xBFEBFBFFL).amdExtendedFeatures(0x2C100800L)).build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(7);
        long s = e.rva();
        assertThat(e.dataSize()).isEqualTo(56);
        assertThat(le.u16(s)).isEqualTo(9);
        assertThat(le.u16(s + 2)).isEqualTo(6);
        assertThat(le.u16(s + 4)).isEqualTo(0x9E0A);
        assertThat(le.u8(s + 6)).isEqualTo(12);
        assertThat(le.u8(s + 7)).isEqualTo(3);
        assertThat(le.u32(s + 8)).isEqualTo(10);
        assertThat(le.u32(s + 0xC)).isZero();
        assertThat(le.u32(s + 0x10)).isEqualTo(20348);
        assertThat(le.u32(s + 0x14)).isEqualTo(2);
        assertThat(le.mdString(le.u32(s + 0x18))).isEqualTo("Service Pack 1");
        assertThat(le.u32(s + 0x18)).isEqualTo(dump.layout().region("systemInfo.csd").offset());
        assertThat(le.u16(s + 0x1C)).isEqualTo(0x110);
        // cpuid(0): EBX "Genu", EDX "ineI", ECX "ntel"
        assertThat(le.u32(s + 0x20)).isEqualTo(0x756E6547L);
        assertThat(le.u32(s + 0x24)).isEqualTo(0x49656E69L);
        assertThat(le.u32(s + 0x28)).isEqualTo(0x6C65746EL);
        assertThat(le.u32(s + 0x2C)).isEqualTo(0x906EA);
        assertThat(le.u32(s + 0x30)).isEqualTo(0xBFEBFBFFL);
        assertThat(le.u32(s + 0x34)).isEqualTo(0x2C100800L);
    }

    @Test
    void amdVendorAndOtherPlatforms() {
        Le le = new Le(SynthMinidump.create().systemInfo(SystemInfoSpec.x86().platformId(SystemInfoSpec.PLATFORM_LINUX)
                .cpuVendor("AuthenticAMD", 0, 0)).toBytes());
        assertThat(le.u16(0x2C)).isZero();
        assertThat(le.u32(0x2C + 0x14)).isEqualTo(0x8201);
        assertThat(le.ascii(0x2C + 0x20, 12)).isEqualTo("AuthenticAMD");
        assertThat(le.u32(0x2C + 0x20)).isEqualTo(0x68747541L); // EBX "Auth"
    }

    @Test
    void nonX86ProcessorFeaturesAndMissingCsd() {
        Le le = new Le(SynthMinidump.create().systemInfo(SystemInfoSpec.arm64().platformId(0x8101)
                .processorFeatures(0x1122_3344_5566_7788L, 0x99).csdVersion(null)).toBytes());
        long s = 0x2C;
        assertThat(le.u16(s)).isEqualTo(12);
        assertThat(le.u32(s + 0x14)).isEqualTo(0x8101);
        assertThat(le.u32(s + 0x18)).isZero();
        assertThat(le.u64(s + 0x20)).isEqualTo(0x1122_3344_5566_7788L);
        assertThat(le.u64(s + 0x28)).isEqualTo(0x99);
        assertThat(le.size()).isEqualTo(0x2C + 56);
        assertThat(le.u32(0x20 + 4)).isEqualTo(56);
    }

    @Test
    void defaultCsdIsAnEmptyString() {
        Le le = new Le(SynthMinidump.create().systemInfo(SystemInfoSpec.of(SystemInfoSpec.ARCH_ARM)).toBytes());
        assertThat(le.u16(0x2C)).isEqualTo(5);
        assertThat(le.mdString(le.u32(0x2C + 0x18))).isEmpty();
    }

    @Test
    void rejectsBadVendorAndMixedCpuForms() {
        assertThatThrownBy(() -> SystemInfoSpec.x86().cpuVendor("Intel", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SystemInfoSpec.x86().cpuVendor("GenuineIntel", 0, 0).processorFeatures(1, 2))
                .isInstanceOf(IllegalStateException.class);
    }
}
