package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.MemoryReader;
import org.faultline.samples.minidump.Layout;
import org.faultline.samples.minidump.MemoryInfoSpec;
import org.faultline.samples.minidump.StreamType;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.WrittenDump;
import org.junit.jupiter.api.Test;

/** MemoryList, Memory64List and MemoryInfoList, read through the shared {@link MemoryReader}. */
class SynthMemoryTest {
    private static final byte[] A = Synth.pattern(16, 0x00);
    private static final byte[] B = Synth.pattern(16, 0x40);
    private static final byte[] C = {0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, (byte) 0xFF};

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + p.length);
            System.arraycopy(p, 0, out, at, p.length);
        }
        return out;
    }

    /** Checks the reads every layout below must answer the same way: A at 0x1000, B at 0x1010, C at 0x3000. */
    private static void assertReads(MemoryReader m) {
        assertThat(m.ranges()).extracting(MemoryRange::start).containsExactly(0x1000L, 0x1010L, 0x3000L);
        assertThat(m.read(0x1000, 16)).hasValueSatisfying(b -> assertThat(b).isEqualTo(A));
        assertThat(m.read(0x1010, 16)).hasValueSatisfying(b -> assertThat(b).isEqualTo(B));
        // Across the boundary of two adjacent ranges.
        assertThat(m.read(0x1008, 16)).hasValueSatisfying(b -> assertThat(b)
                .isEqualTo(concat(Arrays.copyOfRange(A, 8, 16), Arrays.copyOfRange(B, 0, 8))));
        assertThat(m.read(0x1000, 32)).hasValueSatisfying(b -> assertThat(b).isEqualTo(concat(A, B)));
        assertThat(m.readableFrom(0x1000, 1000)).isEqualTo(32);
        assertThat(m.readableFrom(0x1004, 1000)).isEqualTo(28);
        assertThat(m.readableFrom(0x1000, 20)).isEqualTo(20);
        assertThat(m.readableFrom(0x3000, Long.MAX_VALUE)).isEqualTo(9);
        assertThat(m.readU64(0x3000)).hasValue(0x0102_0304_0506_0708L);
        assertThat(m.readU32(0x3004)).hasValue(0x0102_0304L);
        assertThat(m.readU64(0x1008)).hasValue(0x0F0E_0D0C_0B0A_0908L);
        assertThat(m.readU64(0x100C)).hasValue(0x4342_4140_0F0E_0D0CL);
        // Missing memory is reported missing, never zero-filled: before, between, after and partly outside.
        assertThat(m.read(0x0FFF, 1)).isEmpty();
        assertThat(m.read(0x0FFF, 2)).isEmpty();
        assertThat(m.read(0x1018, 9)).isEmpty();
        assertThat(m.read(0x1020, 1)).isEmpty();
        assertThat(m.read(0x2000, 8)).isEmpty();
        assertThat(m.readU64(0x3004)).isEmpty();
        assertThat(m.readU32(0x3008)).isEmpty();
        assertThat(m.read(0xFFFF_FFFF_FFFF_FFF8L, 8)).isEmpty();
        assertThat(m.readableFrom(0x1020, 100)).isZero();
        assertThat(m.readableFrom(0x0FFF, 100)).isZero();
        assertThat(m.read(0x1000, 0)).hasValueSatisfying(b -> assertThat(b).isEmpty());
    }

    @Test
    void memoryList() {
        WrittenDump w = SynthMinidump.create().memory(0x3000, C).memory(0x1010, B).memory(0x1000, A).build();
        Minidump dump = Synth.read(w);
        assertReads(dump.memory());
        Layout layout = w.layout();
        // Raw ranges in list order, with their bytes where the writer put them.
        assertThat(dump.memoryRanges()).containsExactly(
                new MemoryRange(0x3000, 9, layout.region("memory[0]").offset(), 9),
                new MemoryRange(0x1010, 16, layout.region("memory[1]").offset(), 16),
                new MemoryRange(0x1000, 16, layout.region("memory[2]").offset(), 16));
        assertThat(layout.stream(StreamType.MEMORY_LIST).dataSize()).isEqualTo(4 + 3 * 16);
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void memoryListPaddingQuirk() {
        WrittenDump w = SynthMinidump.create().memoryListPadding().memory(0x1000, A).memory(0x1010, B)
                .memory(0x3000, C).build();
        assertThat(w.layout().stream(StreamType.MEMORY_LIST).dataSize()).isEqualTo(8 + 3 * 16);
        Minidump dump = Synth.read(w);
        assertReads(dump.memory());
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void memory64List() {
        WrittenDump w = SynthMinidump.create().memory64(0x1000, A).memory64(0x1010, B).memory64(0x3000, C).build();
        Minidump dump = Synth.read(w);
        assertReads(dump.memory());
        Layout layout = w.layout();
        assertThat(layout.stream(StreamType.MEMORY64_LIST).dataSize()).isEqualTo(16 + 3 * 16);
        assertThat(dump.memoryRanges()).containsExactly(
                new MemoryRange(0x1000, 16, layout.region("memory64[0]").offset(), 16),
                new MemoryRange(0x1010, 16, layout.region("memory64[1]").offset(), 16),
                new MemoryRange(0x3000, 9, layout.region("memory64[2]").offset(), 9));
        // Back to back from BaseRva.
        assertThat(layout.region("memory64[1]").offset()).isEqualTo(layout.region("memory64[0]").end());
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void bothListsTogether() {
        Minidump dump = Synth.read(SynthMinidump.create().memory64(0x1010, B).memory(0x1000, A).memory64(0x3000, C));
        assertReads(dump.memory());
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void highAddresses() {
        long top = 0xFFFF_FFFF_FFFF_FFF0L;
        Minidump dump = Synth.read(SynthMinidump.create().memory64(top, B).memory(0x8000_0000_0000_0000L, A));
        MemoryReader m = dump.memory();
        assertThat(m.ranges()).extracting(MemoryRange::start).containsExactly(0x8000_0000_0000_0000L, top);
        assertThat(m.read(top, 16)).hasValueSatisfying(b -> assertThat(b).isEqualTo(B));
        assertThat(m.readU64(top + 8)).hasValue(0x4F4E_4D4C_4B4A_4948L);
        assertThat(m.readableFrom(top + 4, 100)).isEqualTo(12);
        assertThat(m.read(0x8000_0000_0000_0008L, 8)).hasValueSatisfying(b -> assertThat(b)
                .isEqualTo(Arrays.copyOfRange(A, 8, 16)));
        assertThat(m.read(0x7FFF_FFFF_FFFF_FFFFL, 2)).isEmpty();
    }

    @Test
    void emptyRangesAreListedButHoldNothing() {
        Minidump dump = Synth.read(SynthMinidump.create().memory(0x5000, new byte[0]).memory(0x1000, A));
        assertThat(dump.memoryRanges()).hasSize(2);
        assertThat(dump.memory().ranges()).extracting(MemoryRange::start).containsExactly(0x1000L);
        assertThat(dump.memory().read(0x5000, 1)).isEmpty();
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void memoryInfoList() {
        Minidump dump = Synth.read(SynthMinidump.create()
                .memoryInfo(new MemoryInfoSpec(0x10_0000, 0x10_0000, 0x04, 0x1000, 0x1000, 0x04, 0x2_0000))
                .memoryInfo(new MemoryInfoSpec(0x7FF6_0000_0000L, 0x7FF6_0000_0000L, 0x80, 0x8000, 0x1000, 0x20,
                        0x100_0000))
                .memoryInfo(new MemoryInfoSpec(0x7FFE_0000_0000L, 0, 0, 0x1_0000_0000L, 0x1_0000, 0x01, 0))
                .memoryInfo(new MemoryInfoSpec(0x20_0000, 0x20_0000, 0x04, 0x2000, 0x2000, 0x104, 0x4_0000)));
        assertThat(dump.memoryInfoList()).containsExactly(
                new MinidumpMemoryInfo(0x10_0000, 0x10_0000, 0x04, 0x1000, 0x1000, 0x04, 0x2_0000),
                new MinidumpMemoryInfo(0x7FF6_0000_0000L, 0x7FF6_0000_0000L, 0x80, 0x8000, 0x1000, 0x20, 0x100_0000),
                new MinidumpMemoryInfo(0x7FFE_0000_0000L, 0, 0, 0x1_0000_0000L, 0x1_0000, 0x01, 0),
                new MinidumpMemoryInfo(0x20_0000, 0x20_0000, 0x04, 0x2000, 0x2000, 0x104, 0x4_0000));
        assertThat(dump.memoryInfoList()).extracting(MinidumpMemoryInfo::stateName)
                .containsExactly("MEM_COMMIT", "MEM_COMMIT", "MEM_FREE", "MEM_RESERVE");
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void overlappingRangesKeepTheFirstListed() {
        // RangeMemoryReader: "Ranges may come in any order; overlapping ones keep the first listed."
        Minidump dump = Synth.read(SynthMinidump.create().memory(0x2000, Synth.filled(16, 0xAA))
                .memory(0x1FF8, Synth.filled(32, 0xBB)));
        assertThat(dump.memory().read(0x2000, 1)).hasValueSatisfying(b -> assertThat(b[0]).isEqualTo((byte) 0xAA));
    }

    @Test
    void partlyOverlappingRangeStillProvidesItsOtherBytes() {
        Minidump dump = Synth.read(SynthMinidump.create().memory(0x1000, Synth.filled(16, 0xAA))
                .memory(0x1008, Synth.filled(24, 0xBB)));
        assertThat(dump.memory().read(0x1010, 16)).hasValueSatisfying(b -> assertThat(b).isEqualTo(Synth.filled(16, 0xBB)));
        assertThat(dump.memory().readableFrom(0x1000, 100)).isEqualTo(0x20);
    }

    @Test
    void readsDoNotWrapAroundTheAddressSpace() {
        long top = 0xFFFF_FFFF_FFFF_FFF0L;
        Minidump dump = Synth.read(SynthMinidump.create().memory64(top, B).memory(0, A));
        assertThat(dump.memory().readableFrom(top, 100)).isEqualTo(16);
        assertThat(dump.memory().read(top, 32)).isEmpty();
    }
}
