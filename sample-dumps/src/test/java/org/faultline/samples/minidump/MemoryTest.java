package org.faultline.samples.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import org.faultline.samples.minidump.Layout.DirectoryEntry;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;

class MemoryTest {
    @Test
    void memoryListDescriptorsAndSharedStacks() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(5);
        long s = e.rva();
        assertThat(le.u32(s)).isEqualTo(2);
        assertThat(e.dataSize()).isEqualTo(4 + 2 * 16);
        assertThat(le.u64(s + 4)).isEqualTo(0x7FF6_0000_1200L);
        assertThat(le.u32(s + 4 + 8)).isEqualTo(3);
        assertThat(le.bytes(le.u32(s + 4 + 12), 3)).containsExactly(0xCC, 0x90, 0x48);
        // the thread stack is listed too, pointing at the same bytes as the thread entry
        assertThat(le.u64(s + 20)).isEqualTo(0xE0_0000_F000L);
        assertThat(le.u32(s + 20 + 8)).isEqualTo(0x40);
        long threadStackRva = le.u32(dump.layout().region("thread[0]").offset() + 0x24);
        assertThat(le.u32(s + 20 + 12)).isEqualTo(threadStackRva);
    }

    @Test
    void memoryListWithoutStacksAndWithPadding() {
        WrittenDump dump = SynthMinidump.create().memoryListPadding().memory(0x1000, new byte[] {1})
                .memory(0x2000, new byte[] {2, 2}).build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(5);
        assertThat(e.dataSize()).isEqualTo(8 + 2 * 16);
        assertThat(le.u32(e.rva())).isEqualTo(2);
        assertThat(le.u64(e.rva() + 8)).isEqualTo(0x1000);
        assertThat(le.u32(e.rva() + 8 + 16 + 8)).isEqualTo(2);
        long rva = le.u32(e.rva() + 8 + 16 + 12);
        assertThat(rva % 4).isZero();
        assertThat(le.bytes(rva, 2)).containsExactly(2, 2);
    }

    @Test
    void memory64RangesAreBackToBackFromBaseRva() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(9);
        long s = e.rva();
        assertThat(le.u64(s)).isEqualTo(2);
        assertThat(e.dataSize()).isEqualTo(16 + 16 * 2);
        long base = le.u64(s + 8);
        assertThat(le.u64(s + 16)).isEqualTo(0x10_0000);
        assertThat(le.u64(s + 24)).isEqualTo(5);
        assertThat(le.u64(s + 32)).isEqualTo(0x20_0000);
        assertThat(le.u64(s + 40)).isEqualTo(3);
        assertThat(le.bytes(base, 8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(dump.layout().region("memory64[1]").offset()).isEqualTo(base + 5);
        assertThat(base + 8).as("Memory64 data ends the file").isEqualTo(le.size());
    }

    @Test
    void memoryInfoList() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(16);
        long s = e.rva();
        assertThat(e.dataSize()).isEqualTo(16 + 48);
        assertThat(le.u32(s)).isEqualTo(16);
        assertThat(le.u32(s + 4)).isEqualTo(48);
        assertThat(le.u64(s + 8)).isEqualTo(1);
        long m = s + 16;
        assertThat(le.u64(m)).isEqualTo(0x10_0000);
        assertThat(le.u64(m + 8)).isEqualTo(0x10_0000);
        assertThat(le.u32(m + 0x10)).isEqualTo(4);
        assertThat(le.u64(m + 0x18)).isEqualTo(0x1000);
        assertThat(le.u32(m + 0x20)).isEqualTo(0x1000);
        assertThat(le.u32(m + 0x24)).isEqualTo(4);
        assertThat(le.u32(m + 0x28)).isEqualTo(0x20000);
    }
}
