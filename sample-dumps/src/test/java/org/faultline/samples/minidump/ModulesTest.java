package org.faultline.samples.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.faultline.samples.minidump.Layout.DirectoryEntry;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;

class ModulesTest {
    @Test
    void moduleEntriesAre108BytesNever112() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(4);
        assertThat(e.dataSize()).isEqualTo(4 + 2 * 108);
        assertThat(le.u32(e.rva())).isEqualTo(2);
        assertThat(dump.layout().region("module[1]").offset() - dump.layout().region("module[0]").offset()).isEqualTo(108);
        long m = e.rva() + 4;
        assertThat(le.u64(m)).isEqualTo(0x7FF6_0000_0000L);
        assertThat(le.u32(m + 8)).isEqualTo(0x8000);
        assertThat(le.u32(m + 0x10)).isEqualTo(0x6500_0000);
        assertThat(le.mdString(le.u32(m + 0x14))).isEqualTo("C:\\app\\app.exe");
        assertThat(le.u64(m + 0x5C)).isZero();
        assertThat(le.u64(m + 0x64)).isZero();
        long m1 = m + 108;
        assertThat(le.u64(m1)).isEqualTo(0x7FFA_0000_0000L);
        assertThat(le.mdString(le.u32(m1 + 0x14))).isEqualTo("C:\\Windows\\System32\\ntdll.dll");
    }

    @Test
    void fixedFileInfoOnlyWhenAVersionIsSet() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        long m = dump.layout().region("module[0]").offset();
        assertThat(le.u32(m + 0x18)).isEqualTo(0xFEEF04BDL);
        assertThat(le.u32(m + 0x1C)).isEqualTo(0x00010000L);
        assertThat(le.u32(m + 0x20)).isEqualTo(0x0001_0002L);
        assertThat(le.u32(m + 0x24)).isEqualTo(0x0003_0004L);
        assertThat(le.u32(m + 0x28)).isEqualTo(0x0001_0002L);
        assertThat(le.u32(m + 0x2C)).isZero();
        long m1 = dump.layout().region("module[1]").offset();
        assertThat(le.bytes(m1 + 0x18, 52)).containsOnly(0);

        Le other = new Le(SynthMinidump.create().module(ModuleSpec.of(0, 1, "a").productVersion(10, 0, 1, 2)
                .fileFlags(0x3F, 0x2).fileKind(0x40004, 2, 0).fileDate(0x1_0000_0002L)).toBytes());
        long o = 0x2C + 4;
        assertThat(other.u32(o + 0x18)).isEqualTo(0xFEEF04BDL);
        assertThat(other.u32(o + 0x20)).isZero();
        assertThat(other.u32(o + 0x28)).isEqualTo(0x000A_0000L);
        assertThat(other.u32(o + 0x2C)).isEqualTo(0x0001_0002L);
        assertThat(other.u32(o + 0x30)).isEqualTo(0x3F);
        assertThat(other.u32(o + 0x34)).isEqualTo(2);
        assertThat(other.u32(o + 0x38)).isEqualTo(0x40004);
        assertThat(other.u32(o + 0x3C)).isEqualTo(2);
        assertThat(other.u32(o + 0x44)).isEqualTo(1);
        assertThat(other.u32(o + 0x48)).isEqualTo(2);
    }

    @Test
    void rsdsRecordLayout() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        long m = dump.layout().region("module[0]").offset();
        long size = le.u32(m + 0x4C);
        long cv = le.u32(m + 0x50);
        assertThat(size).isEqualTo(24 + "app.pdb".length() + 1);
        assertThat(le.ascii(cv, 4)).isEqualTo("RSDS");
        assertThat(le.u32(cv)).isEqualTo(0x53445352L);
        assertThat(le.u32(cv + 4)).isEqualTo(0x971F98E5L);
        assertThat(le.u16(cv + 8)).isEqualTo(0xCE60);
        assertThat(le.u16(cv + 10)).isEqualTo(0x41FF);
        assertThat(le.bytes(cv + 12, 8)).containsExactly(0xB2, 0xD7, 0x23, 0x5B, 0xBE, 0xB3, 0x45, 0x78);
        assertThat(le.u32(cv + 0x14)).isEqualTo(1);
        assertThat(le.cString(cv + 0x18)).isEqualTo("app.pdb");
        assertThat(le.u8(cv + size - 1)).isZero();
    }

    @Test
    void guidFromUuidAndFromRegistryStringAgree() {
        byte[] a = SynthMinidump.create().module(ModuleSpec.of(0, 1, "x")
                .rsds(UUID.fromString("971f98e5-ce60-41ff-b2d7-235bbeb34578"), 7, "x.pdb")).toBytes();
        byte[] b = SynthMinidump.create().module(ModuleSpec.of(0, 1, "x")
                .rsds("{971F98E5-CE60-41FF-B2D7-235BBEB34578}", 7, "x.pdb")).toBytes();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void nb10AndMiscRecords() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        long m1 = dump.layout().region("module[1]").offset();
        long cv = le.u32(m1 + 0x50);
        assertThat(le.u32(m1 + 0x4C)).isEqualTo(16 + "ntdll.pdb".length() + 1);
        assertThat(le.ascii(cv, 4)).isEqualTo("NB10");
        assertThat(le.u32(cv + 4)).isZero();
        assertThat(le.u32(cv + 8)).isEqualTo(0x3B7D_8410L);
        assertThat(le.u32(cv + 0xC)).isEqualTo(2);
        assertThat(le.cString(cv + 0x10)).isEqualTo("ntdll.pdb");
        assertThat(le.u32(m1 + 0x54)).isZero();
        assertThat(le.u32(m1 + 0x58)).isZero();

        long m0 = dump.layout().region("module[0]").offset();
        long misc = le.u32(m0 + 0x58);
        assertThat(le.u32(m0 + 0x54)).isEqualTo(20);
        assertThat(le.u32(misc)).isEqualTo(1);
        assertThat(le.u32(misc + 4)).isEqualTo(20);
        assertThat(le.u8(misc + 8)).isZero();
        assertThat(le.cString(misc + 0xC)).isEqualTo("app.exe");
    }

    @Test
    void moduleListPaddingQuirk() {
        WrittenDump dump = SynthMinidump.create().moduleListPadding().module(ModuleSpec.of(0x1000, 0x100, "m")).build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(4);
        assertThat(e.dataSize()).isEqualTo(8 + 108);
        assertThat(le.u64(e.rva() + 8)).isEqualTo(0x1000);
    }

    @Test
    void unloadedModuleList() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(14);
        long s = e.rva();
        assertThat(e.dataSize()).isEqualTo(12 + 24);
        assertThat(le.u32(s)).isEqualTo(12);
        assertThat(le.u32(s + 4)).isEqualTo(24);
        assertThat(le.u32(s + 8)).isEqualTo(1);
        assertThat(le.u64(s + 12)).isEqualTo(0x7FFB_0000_0000L);
        assertThat(le.u32(s + 12 + 8)).isEqualTo(0x3000);
        assertThat(le.u32(s + 12 + 0xC)).isEqualTo(7);
        assertThat(le.u32(s + 12 + 0x10)).isEqualTo(0x1234);
        assertThat(le.mdString(le.u32(s + 12 + 0x14))).isEqualTo("gone.dll");
    }
}
