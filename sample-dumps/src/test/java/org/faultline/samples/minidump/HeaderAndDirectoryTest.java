package org.faultline.samples.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.faultline.samples.minidump.Layout.DirectoryEntry;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;

class HeaderAndDirectoryTest {
    @Test
    void emptyDumpIsJustTheHeader() {
        Le le = new Le(SynthMinidump.create().toBytes());
        assertThat(le.size()).isEqualTo(32);
        assertThat(le.ascii(0, 4)).isEqualTo("MDMP");
        assertThat(le.u32(0)).isEqualTo(0x504D444DL);
        assertThat(le.u32(4)).isEqualTo(0xA793L);
        assertThat(le.u32(8)).isZero();
        assertThat(le.u32(12)).isEqualTo(0x20);
    }

    @Test
    void headerFields() {
        Le le = new Le(SynthMinidump.create().implementationVersion(0xA0AB).checksum(0x11).timestamp(0x5E0B_1234L)
                .flags(0x4_0000_0001L).commentA("x").toBytes());
        assertThat(le.u16(4)).isEqualTo(0xA793);
        assertThat(le.u16(6)).isEqualTo(0xA0AB);
        assertThat(le.u32(8)).isEqualTo(1);
        assertThat(le.u32(16)).isEqualTo(0x11);
        assertThat(le.u32(20)).isEqualTo(0x5E0B_1234L);
        assertThat(le.u64(24)).isEqualTo(0x4_0000_0001L);
    }

    @Test
    void directoryEntriesAreTwelveBytesFromTheDirectoryRva() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        Layout layout = dump.layout();
        long n = le.u32(8);
        assertThat(layout.directory()).hasSize((int) n);
        assertThat(layout.directoryRva()).isEqualTo(0x20);
        for (DirectoryEntry e : layout.directory()) {
            long at = 0x20 + 12L * e.index();
            assertThat(e.offset()).isEqualTo(at);
            assertThat(le.u32(at)).isEqualTo(e.type());
            assertThat(le.u32(at + 4)).isEqualTo(e.dataSize());
            assertThat(le.u32(at + 8)).isEqualTo(e.rva());
            if (e.type() != 0) {
                assertThat(e.rva() % 4).as("stream 0x%x aligned", e.type()).isZero();
                assertThat(e.rva()).isGreaterThanOrEqualTo(0x20 + 12 * n);
                assertThat(e.end()).isLessThanOrEqualTo(le.size());
            }
        }
        assertThat(layout.regions().values()).allSatisfy(r -> assertThat(r.end()).isLessThanOrEqualTo(le.size()));
    }

    @Test
    void directoryOrderFollowsConfigurationAndCanBeChanged() {
        SynthMinidump b = SynthMinidump.create().commentA("a").systemInfo(SystemInfoSpec.x86())
                .unusedEntry().thread(ThreadSpec.of(1)).unusedEntry();
        assertThat(types(b.build().layout())).containsExactly(10L, 7L, 0L, 3L, 0L);
        b.directoryOrder(StreamType.THREAD_LIST, StreamType.SYSTEM_INFO);
        Layout layout = b.build().layout();
        assertThat(types(layout)).containsExactly(3L, 7L, 10L, 0L, 0L);
        assertThat(layout.stream(3).rva()).isLessThan(layout.stream(7).rva());
        DirectoryEntry unused = layout.directory().get(4);
        assertThat(unused.dataSize()).isZero();
        assertThat(unused.rva()).isZero();
    }

    @Test
    void directoryCanMoveAndStreamsFollowIt() {
        WrittenDump dump = SynthMinidump.create().directoryRva(0x40).commentW("hi").build();
        Le le = new Le(dump.bytes());
        assertThat(le.u32(12)).isEqualTo(0x40);
        assertThat(le.bytes(0x20, 0x20)).containsOnly(0);
        assertThat(le.u32(0x40)).isEqualTo(11);
        assertThat(le.u32(0x48)).isEqualTo(0x4C);
        assertThat(le.bytes(0x4C, 6)).containsExactly('h', 0, 'i', 0, 0, 0);
    }

    @Test
    void duplicateEntryPointsAtTheFirstStreamsData() {
        Layout layout = SynthMinidump.create().systemInfo(SystemInfoSpec.arm64()).duplicateEntry(7).build().layout();
        assertThat(layout.directory()).hasSize(2);
        DirectoryEntry first = layout.directory().get(0);
        DirectoryEntry second = layout.directory().get(1);
        assertThat(second.type()).isEqualTo(7);
        assertThat(second.rva()).isEqualTo(first.rva());
        assertThat(second.dataSize()).isEqualTo(56);
    }

    @Test
    void rawStreamsMayRepeatATypeAndFixedStreamsAreReplaced() {
        Layout layout = SynthMinidump.create().rawStream(0x1234_5678, new byte[] {1}).rawStream(0x1234_5678, new byte[2])
                .commentA("one").commentA("second").build().layout();
        assertThat(types(layout)).containsExactly(0x1234_5678L, 0x1234_5678L, 10L);
        assertThat(layout.stream(10).dataSize()).isEqualTo(7);
    }

    private static List<Long> types(Layout layout) {
        return layout.directory().stream().map(DirectoryEntry::type).toList();
    }
}
