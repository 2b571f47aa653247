package org.faultline.samples.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;

class DamageTest {
    private final WrittenDump clean = Samples.everything().build();

    @Test
    void truncatesAtAnyByteAndKeepsTheCleanLayout() {
        for (int cut : new int[] {0, 1, 31, 32, 0x25, (int) clean.layout().stream(4).rva() + 50}) {
            WrittenDump cutDump = Samples.everything().damage(Damage.truncate(cut)).build();
            assertThat(cutDump.bytes()).isEqualTo(Arrays.copyOf(clean.bytes(), cut));
            assertThat(cutDump.layout()).isEqualTo(clean.layout());
        }
        assertThat(Samples.everything().damage(Damage.truncate(1L << 40)).toBytes()).isEqualTo(clean.bytes());
    }

    @Test
    void flipsBitsRepeatably() {
        byte[] one = Samples.everything().damage(Damage.flipBit(0, 0)).toBytes();
        assertThat(one[0]).isEqualTo((byte) ('M' ^ 1));
        byte[] a = Samples.everything().damage(Damage.flipRandomBits(42, 10)).toBytes();
        byte[] b = Samples.everything().damage(Damage.flipRandomBits(42, 10)).toBytes();
        byte[] c = Samples.everything().damage(Damage.flipRandomBits(43, 10)).toBytes();
        assertThat(a).isEqualTo(b).isNotEqualTo(clean.bytes()).isNotEqualTo(c).hasSameSizeAs(clean.bytes());
    }

    @Test
    void danglingStreamSizeAndRva() {
        Layout.DirectoryEntry sys = clean.layout().stream(7);
        Le le = new Le(Samples.everything().damage(Damage.streamSize(7, 0xFFFF_FFF0L), Damage.streamRva(4, 0x7FFF_0000))
                .toBytes());
        assertThat(le.u32(sys.offset() + 4)).isEqualTo(0xFFFF_FFF0L);
        assertThat(le.u32(sys.offset() + 8)).isEqualTo(sys.rva());
        assertThat(le.u32(clean.layout().stream(4).offset() + 8)).isEqualTo(0x7FFF_0000);
        Le whole = new Le(Samples.everything().damage(Damage.directoryEntry(0, 3, 12, 0x10)).toBytes());
        assertThat(whole.u32(0x20)).isEqualTo(3);
        assertThat(whole.u32(0x24)).isEqualTo(12);
        assertThat(whole.u32(0x28)).isEqualTo(0x10);
    }

    @Test
    void wrongListCounts() {
        Le le = new Le(Samples.everything().damage(Damage.listCount(StreamType.THREAD_LIST, 1000),
                Damage.listCount(StreamType.MEMORY64_LIST, -1), Damage.listCount(StreamType.HANDLE_DATA, 99),
                Damage.listCount(StreamType.MEMORY_INFO_LIST, 1L << 40)).toBytes());
        Layout layout = clean.layout();
        assertThat(le.u32(layout.stream(3).rva())).isEqualTo(1000);
        assertThat(le.u64(layout.stream(9).rva())).isEqualTo(-1);
        assertThat(le.u32(layout.stream(12).rva() + 8)).isEqualTo(99);
        assertThat(le.u64(layout.stream(16).rva() + 8)).isEqualTo(1L << 40);
        assertThatThrownBy(() -> Damage.listCount(StreamType.SYSTEM_INFO, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oddAndOutOfBoundsStrings() {
        Layout.Region name = clean.layout().region("module[0].name");
        Le le = new Le(Samples.everything().damage(Damage.stringLength("module[0].name", 7),
                Damage.stringLength("systemInfo.csd", 0x7FFF_FFFE)).toBytes());
        assertThat(le.u32(name.offset())).isEqualTo(7);
        assertThat(le.u32(clean.layout().region("systemInfo.csd").offset())).isEqualTo(0x7FFF_FFFEL);
        Le moved = new Le(Samples.everything()
                .damage(Damage.putU32("module[1]", 0x14, clean.bytes().length + 100L)).toBytes());
        assertThat(moved.u32(clean.layout().region("module[1]").offset() + 0x14)).isEqualTo(clean.bytes().length + 100L);
    }

    @Test
    void wrongSignatureVersionAndHeaderFields() {
        Le le = new Le(Samples.everything().signature(0x4D444D50L).version(0x0000_A792).damage(Damage.streamCount(0x10000),
                Damage.directoryRva(0xFFFF_FF00L)).toBytes());
        assertThat(le.ascii(0, 4)).isEqualTo("PMDM");
        assertThat(le.u32(4)).isEqualTo(0xA792);
        assertThat(le.u32(8)).isEqualTo(0x10000);
        assertThat(le.u32(12)).isEqualTo(0xFFFF_FF00L);
    }

    @Test
    void duplicatedStreamTypeBothWays() {
        Layout dup = Samples.everything().duplicateEntry(StreamType.EXCEPTION).build().layout();
        assertThat(dup.directory().stream().filter(e -> e.type() == 6)).hasSize(2);
        WrittenDump two = SynthMinidump.create().systemInfo(SystemInfoSpec.x86())
                .rawStream(StreamType.SYSTEM_INFO, new byte[56]).build();
        assertThat(two.layout().directory()).extracting(Layout.DirectoryEntry::type).containsExactly(7L, 7L);
        assertThat(two.layout().directory().get(0).rva()).isNotEqualTo(two.layout().directory().get(1).rva());
    }

    @Test
    void appendAndRawPatches() {
        byte[] b = Samples.everything().damage(Damage.append(new byte[] {1, 2}), Damage.putBytes(0x18, new byte[] {-1}),
                Damage.putU64(0x18, 5)).toBytes();
        assertThat(b).hasSize(clean.bytes().length + 2).endsWith(1, 2);
        assertThat(new Le(b).u64(0x18)).isEqualTo(5);
    }

    @Test
    void patchesOutsideTheFileFail() {
        SynthMinidump b = SynthMinidump.create().damage(Damage.truncate(10), Damage.putU32(8, 1));
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> SynthMinidump.create().damage(Damage.stringLength("nope", 1)).build())
                .hasMessageContaining("no region");
    }
}
