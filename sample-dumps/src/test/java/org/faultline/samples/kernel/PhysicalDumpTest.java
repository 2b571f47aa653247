package org.faultline.samples.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full and bitmap dumps: runs, bitmap bits and a hand-written page walk over the written file. */
class PhysicalDumpTest {
    private static final long CR3 = MemorySamples.PML4_PFN << 12;

    @Test
    void fullDumpRunsAndPages() {
        WrittenKernelDump dump = MemorySamples.full().build();
        Le b = new Le(dump.bytes());
        assertThat(b.ascii(0, 8)).isEqualTo("PAGEDU64");
        assertThat(b.u32(0xF98)).isEqualTo(1);
        assertThat(b.u64(0x10)).isEqualTo(CR3);
        long runs = b.u32(0x88);
        long pages = b.u64(0x90);
        long sum = 0;
        long prevEnd = -1;
        for (int i = 0; i < runs; i++) {
            long base = b.u64(0x98 + 16L * i);
            long count = b.u64(0xA0 + 16L * i);
            assertThat(base).as("runs increase and do not touch").isGreaterThan(prevEnd);
            prevEnd = base + count;
            sum += count;
        }
        assertThat(sum).isEqualTo(pages);
        assertThat(runs).isEqualTo(dump.layout().pages().size());
        assertThat(b.size()).isEqualTo(0x2000 + pages * 0x1000);
        assertThat(b.u64(0xFA0)).as("RequiredDumpSpace = (pages + 2) pages").isEqualTo((pages + 2) * 0x1000);
        assertThat(b.u64(0x98)).as("first run is the PML4's").isEqualTo(MemorySamples.PML4_PFN);
        assertThat(b.u64(0x2000)).as("PML4 page first in the file; its first entry is empty").isZero();
        PhysicalView v = new PhysicalView(b);
        assertThat(v.fileOffset(0x412_345)).isEqualTo(dump.layout().fileOffsetOfPhysical(0x412_345));
        assertThat(b.ascii(v.fileOffset(0x412_345).getAsLong(), 7)).isEqualTo("two-meg");
        assertThat(b.u32(0x348 + 0x30)).isEqualTo(0x0010_001FL);
        assertThat(b.u64(0xF10)).as("exception stand-in at Rip").isEqualTo(b.u64(0x348 + 0xF8));
    }

    @Test
    void handWalkOfEveryPageSizeAndHole() {
        Le b = new Le(MemorySamples.full().toBytes());
        PhysicalView v = new PhysicalView(b);
        PhysicalView.Walk small = v.walk(CR3, MemorySamples.VA_4K + 0x10);
        assertThat(small.levels()).isEqualTo(4);
        for (int level = 0; level < 3; level++) {
            assertThat(small.entries()[level] & 0x81).as("level %d present, no PS", level).isEqualTo(1);
        }
        assertThat(small.pa()).isEqualTo(0x300_010);
        assertThat(v.virtBytes(CR3, MemorySamples.VA_4K + 0x10, 6)).isEqualTo(MemorySamples.TEXT_4K);

        PhysicalView.Walk large = v.walk(CR3, MemorySamples.VA_2M + 0x1_2345);
        assertThat(large.levels()).isEqualTo(3);
        assertThat(large.entries()[2] & 0x81).as("PDE with PS").isEqualTo(0x81);
        assertThat(large.pa()).isEqualTo(0x400_000 + 0x1_2345);
        assertThat(v.virtBytes(CR3, MemorySamples.VA_2M + 0x1_2345, 7)).isEqualTo(MemorySamples.TEXT_2M);
        assertThat(v.fileOffset(0x400_000)).as("untouched frames of the large page are absent").isEmpty();

        PhysicalView.Walk huge = v.walk(CR3, MemorySamples.VA_1G + 0x345_6789);
        assertThat(huge.levels()).isEqualTo(2);
        assertThat(huge.entries()[1] & 0x81).as("PDPTE with PS").isEqualTo(0x81);
        assertThat(huge.pa()).isEqualTo(0x4000_0000L + 0x345_6789);
        assertThat(v.virtBytes(CR3, MemorySamples.VA_1G + 0x345_6789, 7)).isEqualTo(MemorySamples.TEXT_1G);

        PhysicalView.Walk absent = v.walk(CR3, MemorySamples.VA_ABSENT);
        assertThat(absent.pa()).as("mapped").isEqualTo(0x301_000);
        assertThat(v.fileOffset(absent.pa())).as("but the frame is not in the dump").isEmpty();

        PhysicalView.Walk notPresent = v.walk(CR3, MemorySamples.VA_NOT_PRESENT);
        assertThat(notPresent.pa()).isEqualTo(-1);
        assertThat(notPresent.levels()).isEqualTo(4);
        assertThat(notPresent.entries()[3]).as("PTE names the frame without P").isEqualTo(0x302_000 | 2);

        PhysicalView.Walk unmapped = v.walk(CR3, MemorySamples.VA_UNMAPPED);
        assertThat(unmapped.pa()).isEqualTo(-1);
        assertThat(unmapped.entries()[3]).isZero();
        assertThat(v.walk(CR3, 0xFFFF_F900_0000_0000L).levels()).as("unmapped PML4 slot").isEqualTo(1);

        assertThat(v.virtBytes(CR3, MemorySamples.VA_USER + 0x800, 4)).isEqualTo(MemorySamples.TEXT_USER);
    }

    @Test
    void writerTranslationAgreesWithTheHandWalk() {
        X64PageTables pt = MemorySamples.machineTables();
        PhysicalView v = new PhysicalView(new Le(SynthKernelDump.full(Arch.AMD64, pt.memory()).toBytes()));
        assertThat(pt.directoryTableBase()).isEqualTo(CR3);
        for (long va : new long[] {MemorySamples.VA_4K + 0x10, MemorySamples.VA_2M + 0x1_FFFF, MemorySamples.VA_1G + 0x3FFF_FFFF,
            MemorySamples.VA_ABSENT + 8, MemorySamples.VA_USER, MemorySamples.MODULES + 0x3FF8}) {
            assertThat(pt.translate(va)).as("0x%x", va).hasValue(v.walk(CR3, va).pa());
        }
        assertThat(pt.translate(MemorySamples.VA_NOT_PRESENT)).isEmpty();
        assertThat(pt.translate(MemorySamples.VA_UNMAPPED)).isEmpty();
    }

    @Test
    void bitmapHeaderBitsAndPageOrder() {
        for (boolean kernel : new boolean[] {false, true}) {
            WrittenKernelDump dump = MemorySamples.bitmap(kernel).build();
            Le b = new Le(dump.bytes());
            assertThat(b.u32(0xF98)).isEqualTo(kernel ? 6 : 5);
            assertThat(b.ascii(0x2000, 4)).isEqualTo(kernel ? "SDMP" : "FDMP");
            assertThat(b.ascii(0x2004, 4)).isEqualTo("DUMP");
            long firstPage = b.u64(0x2020);
            long present = b.u64(0x2028);
            long bits = b.u64(0x2030);
            assertThat(bits).as("highest frame + 1, whole bytes").isEqualTo(0x4_3458);
            assertThat(firstPage % 0x1000).isZero();
            assertThat(firstPage).isGreaterThanOrEqualTo(0x2038 + (bits + 7) / 8);
            long popcount = 0;
            for (long i = 0; i < (bits + 7) / 8; i++) {
                popcount += Integer.bitCount(b.u8(0x2038 + i));
            }
            assertThat(popcount).isEqualTo(present);
            assertThat(b.size()).isEqualTo(firstPage + present * 0x1000);
            // LSB-first: frame 0x412 is bit 2 of byte 0x82, frame 0x411 is absent
            assertThat(b.u8(0x2038 + 0x82) & (1 << 2)).isNotZero();
            assertThat(b.u8(0x2038 + 0x82) & (1 << 1)).isZero();
            // the PML4 (0x1AD) is the first set bit, so the first stored page
            assertThat(b.u8(0x2038 + 0x35) & 0xFF).isEqualTo(0xE0);
            assertThat(b.u64(firstPage + 8 * 0x1F0) & 1).as("PML4E of the kernel half").isEqualTo(1);
            assertThat(b.u32(0x88)).as("descriptor: one run over the bitmap").isEqualTo(1);
            assertThat(b.u64(0x90)).isEqualTo(bits);
            PhysicalView v = new PhysicalView(b);
            assertThat(v.virtBytes(CR3, MemorySamples.VA_2M + 0x1_2345, 7)).isEqualTo(MemorySamples.TEXT_2M);
            assertThat(v.fileOffset(0x4000_0000L + 0x345_6789)).isEqualTo(dump.layout().fileOffsetOfPhysical(0x4345_6789L));
        }
    }

    @Test
    void raggedBitmapEndsInAPartialByte() {
        PhysicalMemory mem = PhysicalMemory.create().present(0, 3).present(9, 2).physicalPages(11);
        Le b = new Le(SynthKernelDump.bitmap(mem, false).toBytes());
        assertThat(b.u64(0x2030)).isEqualTo(11);
        assertThat(b.u8(0x2038)).isEqualTo(0b0000_0111);
        assertThat(b.u8(0x2039)).isEqualTo(0b0000_0110);
        assertThat(b.u8(0x203A)).as("no byte beyond ceil(11 / 8)").isZero();
        assertThat(b.u64(0x2028)).isEqualTo(5);
        assertThat(b.size()).isEqualTo(0x3000 + 5 * 0x1000);
    }

    @Test
    void moduleListInMemory() {
        Le b = new Le(MemorySamples.bitmap(false).toBytes());
        PhysicalView v = new PhysicalView(b);
        long head = b.u64(0x20);
        assertThat(head).isEqualTo(MemorySamples.MODULES);
        String[] names = {"ntoskrnl.exe", "hal.dll", "amdppm.sys"};
        long[] bases = {MemorySamples.KERNBASE, 0xFFFF_F800_0300_0000L, 0xFFFF_F800_0400_0000L};
        long[] checksums = {0xA5_938C, 0xCE9F, 0x2_D0A1};
        long prev = head;
        long e = v.virtU64(CR3, head);
        for (int i = 0; i < 3; i++) {
            assertThat(e % 16).isZero();
            assertThat(v.virtU64(CR3, e + 8)).as("Blink").isEqualTo(prev);
            assertThat(v.virtU64(CR3, e + 0x30)).as("DllBase").isEqualTo(bases[i]);
            assertThat(v.virtU64(CR3, e + 0x38)).as("EntryPoint").isEqualTo(bases[i] + 0x1000);
            assertThat(v.virtU64(CR3, e + 0x78) & 0xFFFF_FFFFL).as("CheckSum").isEqualTo(checksums[i]);
            long baseName = v.virtU64(CR3, e + 0x58);
            int length = (int) (baseName & 0xFFFF);
            assertThat((baseName >>> 16) & 0xFFFF).as("MaximumLength").isEqualTo(length + 2);
            String name = new String(v.virtBytes(CR3, v.virtU64(CR3, e + 0x60), length), StandardCharsets.UTF_16LE);
            assertThat(name).isEqualTo(names[i]);
            long fullName = v.virtU64(CR3, e + 0x48);
            String full = new String(v.virtBytes(CR3, v.virtU64(CR3, e + 0x50), (int) (fullName & 0xFFFF)),
                    StandardCharsets.UTF_16LE);
            assertThat(full).endsWith("\\" + names[i]).startsWith("\\SystemRoot\\");
            prev = e;
            e = v.virtU64(CR3, e);
        }
        assertThat(e).as("list closes at the head").isEqualTo(head);
        assertThat(v.virtU64(CR3, head + 8)).as("head Blink is the last entry").isEqualTo(prev);
        assertThat(v.virtU64(CR3, prev + 0x40) & 0xFFFF_FFFFL).isEqualTo(0x2_5000);
        assertThat(v.virtU64(CR3, prev + 0x98) >>> 32).as("TimeDateStamp @0x9C").isEqualTo(0x5F4E_1A2B);
    }

    @Test
    void outputsAgreeAndAreDeterministic(@TempDir Path dir) throws Exception {
        SynthKernelDump s = MemorySamples.bitmap(true);
        byte[] bytes = s.toBytes();
        assertThat(MemorySamples.bitmap(true).toBytes()).isEqualTo(bytes);
        Path file = dir.resolve("bitmap.dmp");
        KernelLayout layout = s.writeTo(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(layout).isEqualTo(s.layout());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeTo(out);
        assertThat(out.toByteArray()).isEqualTo(bytes);
        SynthKernelDump full = MemorySamples.full();
        full.writeTo(file);
        assertThat(Files.readAllBytes(file)).as("file replaced").isEqualTo(full.toBytes());
    }

    @Test
    void damage() {
        WrittenKernelDump clean = MemorySamples.bitmap(false).build();
        Le popcount = new Le(MemorySamples.bitmap(false).damage(KernelDamage.bitmapPresentPages(1)).toBytes());
        assertThat(popcount.u64(0x2028)).isEqualTo(1);
        Le phantom = new Le(MemorySamples.bitmap(false).damage(KernelDamage.flipBitmapBit(0x1000)).toBytes());
        assertThat(phantom.u8(0x2038 + 0x200)).isEqualTo(1);
        assertThat(phantom.u64(0x2028)).as("count now disagrees").isEqualTo(new Le(clean.bytes()).u64(0x2028));
        assertThat(MemorySamples.bitmap(false).damage(KernelDamage.truncateBy(0x1800)).toBytes())
                .hasSize(clean.bytes().length - 0x1800);
        Le pages = new Le(MemorySamples.bitmap(false).damage(KernelDamage.bitmapPages(1L << 40),
                KernelDamage.bitmapFirstPage(0x7FFF_FFFF_0000L)).toBytes());
        assertThat(pages.u64(0x2030)).isEqualTo(1L << 40);
        assertThat(pages.u64(0x2020)).isEqualTo(0x7FFF_FFFF_0000L);

        Le runs = new Le(MemorySamples.full().damage(KernelDamage.runPageCount(1, 0x10_0000),
                KernelDamage.numberOfPages(3)).toBytes());
        assertThat(runs.u64(0x98 + 16 + 8)).as("run 1 now reaches past the end").isEqualTo(0x10_0000);
        assertThat(runs.u64(0x90)).isEqualTo(3);
        assertThat(new Le(MemorySamples.full().damage(KernelDamage.numberOfRuns(0x100)).toBytes()).u32(0x88)).isEqualTo(0x100);
        assertThat(new Le(MemorySamples.full().damage(KernelDamage.unset(HeaderField.PHYSICAL_MEMORY_BLOCK)).toBytes())
                .ascii(0x88, 8)).isEqualTo("PAGEPAGE");
        assertThatThrownBy(() -> MemorySamples.full().damage(KernelDamage.truncate(1)).writeTo(new ByteArrayOutputStream()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void x86FullDumpDescriptor() {
        PhysicalMemory mem = PhysicalMemory.create().present(0x10, 2).write(0x2_0004, new byte[] {7});
        Le b = new Le(SynthKernelDump.full(Arch.X86, mem).toBytes());
        assertThat(b.ascii(0, 8)).isEqualTo("PAGEDUMP");
        assertThat(b.u32(0xF88)).isEqualTo(1);
        assertThat(b.u32(0x64)).isEqualTo(2);
        assertThat(b.u32(0x68)).isEqualTo(3);
        assertThat(b.u32(0x6C)).isEqualTo(0x10);
        assertThat(b.u32(0x70)).isEqualTo(2);
        assertThat(b.u32(0x74)).isEqualTo(0x20);
        assertThat(b.u32(0x78)).isEqualTo(1);
        assertThat(b.size()).isEqualTo(0x1000 + 3 * 0x1000);
        assertThat(b.u8(0x1000 + 2 * 0x1000 + 4)).isEqualTo(7);
    }

    @Test
    void misuseFails() {
        PhysicalMemory many = PhysicalMemory.create();
        for (int i = 0; i < 44; i++) {
            many.present(2L * i, 1);
        }
        assertThatThrownBy(() -> SynthKernelDump.full(Arch.AMD64, many).toBytes()).hasMessageContaining("43");
        assertThat(SynthKernelDump.bitmap(many, false).toBytes()).isNotEmpty();
        assertThatThrownBy(() -> SynthKernelDump.bitmap(PhysicalMemory.create().present(10, 1).physicalPages(5), true).build())
                .hasMessageContaining("beyond");
        X64PageTables pt = X64PageTables.create(PhysicalMemory.create(), 1);
        assertThatThrownBy(() -> pt.map2m(0xFFFF_F800_0010_0000L, 0x200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pt.map4k(0x0000_8000_0000_0000L, 1)).hasMessageContaining("non-canonical");
        pt.map2m(0xFFFF_F800_0000_0000L, 0x200);
        assertThatThrownBy(() -> pt.map4k(0xFFFF_F800_0000_1000L, 0x5)).hasMessageContaining("large page");
        assertThatThrownBy(() -> pt.map2m(0xFFFF_F800_0000_0000L, 0x400)).hasMessageContaining("mapped already");
        assertThatThrownBy(() -> pt.write(0xFFFF_F900_0000_0000L, new byte[1])).hasMessageContaining("not mapped");
        assertThatThrownBy(() -> SynthKernelDump.full(Arch.AMD64, PhysicalMemory.create()).callStack(0, 8))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void physicalMemoryRunsMergeAndSplit() {
        PhysicalMemory m = PhysicalMemory.create().present(10, 5).present(15, 5).present(30, 1).present(12, 20);
        assertThat(m.runs()).containsExactly(new PhysicalMemory.Run(10, 22));
        m.absent(12, 3).absent(31, 10).absent(0, 11);
        assertThat(m.runs()).containsExactly(new PhysicalMemory.Run(11, 1), new PhysicalMemory.Run(15, 16));
        assertThat(m.presentPages()).isEqualTo(17);
        m.write(0x5_0FFE, new byte[] {1, 2, 3, 4});
        assertThat(m.runs()).contains(new PhysicalMemory.Run(0x50, 2));
        assertThat(m.read(0x5_0FFE, 4)).containsExactly(1, 2, 3, 4);
        m.absent(0x51, 1);
        assertThat(m.isPresent(0x51)).isFalse();
        assertThat(m.hasContent(0x51)).isTrue();
        assertThat(m.physicalPages()).isEqualTo(0x58);
        assertThat(m.physicalPages(0x43).physicalPages()).isEqualTo(0x43);
    }
}
