package org.faultline.dump.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faultline.dump.kernel.KernelAsserts.assertContext;
import static org.faultline.dump.kernel.KernelAsserts.lines;
import static org.faultline.dump.kernel.KernelAsserts.open;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.faultline.dump.Architecture;
import org.faultline.dump.KernelDumpType;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.kernel.SynthKernelSamples.Machine;
import org.faultline.samples.kernel.Arch;
import org.faultline.samples.kernel.KernelLayout;
import org.faultline.samples.kernel.KernelModuleList;
import org.faultline.samples.kernel.SynthKernelDump;
import org.faultline.samples.kernel.WrittenKernelDump;
import org.faultline.samples.kernel.X64PageTables;
import org.faultline.samples.minidump.Arm64Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Synthetic full (DumpType 1) and bitmap (5 and 6) dumps from the independent writer: virtual reads through the
 * dump's own page tables give back what was written through the writer's tables (4 KiB, 2 MiB and 1 GiB pages,
 * transition PTEs, 5-level paging, hand-built ARM64 tables); pages the dump lacks are missing, never zero-filled;
 * the module list walked from PsLoadedModuleList is the one written.
 *
 * <p>Cross-checked once by hand with kdmp-parser 0.7.4 (built from source, not part of the build): the full, FDMP
 * and SDMP dumps of {@link SynthKernelSamples.Machine} and the compact ones were written to files, and a small
 * program over kdmp-parser's {@code KernelDumpParser} printed the dump type, DirectoryTableBase, bug check, context
 * rip/rsp, present page count, {@code VirtTranslate} and the first 16 bytes at 13 addresses (4 KiB, 2 MiB and
 * 1 GiB pages, a user page, a page edge, the module list, and the absent, not-present, unmapped and untouched
 * large-page cases) and the PsLoadedModuleList walk; its output was identical, line for line, to the same report
 * printed from this reader. kdmp-parser walks 4-level tables only and knows no transition PTEs, so the 5-level,
 * transition and ARM64 cases rest on the writer's tables alone.
 */
class SynthMemoryDumpTest {

    /** One dump of the x64 machine, with the writer's page tables and layout to compare with. */
    record Sample(String name, X64PageTables tables, WrittenKernelDump written, KernelDumpType type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> machines() {
        X64PageTables full = Machine.tables();
        X64PageTables fdmp = Machine.tables();
        X64PageTables sdmp = Machine.tables();
        return Stream.of(
                new Sample("full", full, Machine.configure(SynthKernelDump.full(Arch.AMD64, full.memory()),
                        full.directoryTableBase()).build(), KernelDumpType.FULL),
                new Sample("bitmap FDMP", fdmp, Machine.configure(SynthKernelDump.bitmap(fdmp.memory(), false),
                        fdmp.directoryTableBase()).build(), KernelDumpType.BITMAP_FULL),
                new Sample("bitmap SDMP", sdmp, Machine.configure(SynthKernelDump.bitmap(sdmp.memory(), true),
                        sdmp.directoryTableBase()).build(), KernelDumpType.BITMAP_KERNEL))
                .map(Arguments::of);
    }

    private static void assertReads(MemoryReader memory, long va, byte[] want) {
        assertThat(memory.read(va, want.length)).as("0x%x", va).hasValueSatisfying(b -> assertThat(b).isEqualTo(want));
    }

    private static void assertMissing(MemoryReader memory, long va, int length) {
        assertThat(memory.read(va, length)).as("0x%x is missing", va).isEmpty();
        assertThat(memory.readableFrom(va, length)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void headerAndPhysicalMemory(Sample s) throws Exception {
        KernelLayout layout = s.written().layout();
        org.faultline.samples.kernel.PhysicalMemory mem = s.tables().memory();
        try (KernelDump dump = open(s.written())) {
            assertThat(dump.dumpType()).isEqualTo(s.type());
            assertThat(dump.carriesMemory()).isTrue();
            assertThat(dump.format()).isEqualTo(s.type() == KernelDumpType.FULL ? "kernel-full" : "kernel-bitmap");
            assertThat(dump.architecture()).isEqualTo(Architecture.AMD64);
            KernelDumpHeader h = dump.header();
            assertThat(h.directoryTableBase()).isEqualTo(Machine.CR3);
            assertThat(h.psLoadedModuleList()).isEqualTo(Machine.MODULES);
            assertThat(h.psActiveProcessHead()).isEqualTo(0xFFFF_F800_0002_0000L);
            assertThat(h.pfnDataBase()).isEqualTo(0xFFFF_FA80_0000_0000L);
            assertThat(h.kdDebuggerDataBlock()).isEqualTo(0xFFFF_F800_0003_0000L);
            assertThat(h.minorVersion()).isEqualTo(19045);
            assertThat(h.numberProcessors()).isEqualTo(4);
            assertThat(h.bugCheckCode()).isEqualTo(0xE2);
            assertThat(h.bugCheckParameters()).containsExactly(1L, 2L, 3L, 4L);
            assertThat(h.requiredDumpSpace()).isEqualTo(s.written().bytes().length);
            PhysicalMemoryDescriptor pmd = h.physicalMemory();
            if (s.type() == KernelDumpType.FULL) {
                assertThat(pmd.runs()).extracting(PhysicalMemoryDescriptor.Run::basePage, PhysicalMemoryDescriptor.Run::pageCount)
                        .containsExactlyElementsOf(mem.runs().stream()
                                .map(r -> org.assertj.core.groups.Tuple.tuple(r.firstPfn(), r.count())).toList());
            } else {
                assertThat(pmd.runs()).containsExactly(new PhysicalMemoryDescriptor.Run(0, mem.physicalPages()));
            }
            assertThat(pmd.numberOfPages()).isEqualTo(pmd.runs().stream().mapToLong(PhysicalMemoryDescriptor.Run::pageCount).sum());

            PhysicalMemory physical = dump.physicalMemory().orElseThrow();
            assertThat(physical.presentPages()).isEqualTo(mem.presentPages());
            assertThat(physical.coveredPages()).isEqualTo(s.type() == KernelDumpType.FULL
                    ? mem.runs().get(mem.runs().size() - 1).firstPfn() + mem.runs().get(mem.runs().size() - 1).count()
                    : mem.physicalPages());
            assertThat(physical.endOfPages()).isEqualTo(s.written().bytes().length);
            if (physical instanceof BitmapPhysicalMemory b) {
                assertThat(b.countedPresent()).isEqualTo(b.declaredPresent()).isEqualTo(mem.presentPages());
            }
            // Every present frame, and the frames either side of each run, sit where the writer put them.
            for (org.faultline.samples.kernel.PhysicalMemory.Run r : mem.runs()) {
                for (long pfn = r.firstPfn() - 1; pfn <= r.firstPfn() + r.count(); pfn++) {
                    OptionalLong want = layout.fileOffsetOfPhysical(pfn << 12);
                    assertThat(physical.fileOffset(pfn)).as("pfn 0x%x", pfn).isEqualTo(want.orElse(-1));
                }
            }
            assertThat(physical.fileOffset(-1)).isEqualTo(-1);
            assertThat(physical.fileOffset(Long.MAX_VALUE)).isEqualTo(-1);
            assertThat(lines(dump.diagnostics())).as("a clean dump").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void virtualReadsGiveBackWhatWasWritten(Sample s) throws Exception {
        X64PageTables pt = s.tables();
        try (KernelDump dump = open(s.written())) {
            PageTables tables = dump.pageTables().orElseThrow();
            assertThat(tables.mode()).isEqualTo(PageTables.Mode.X64_4_LEVEL);
            MemoryReader memory = dump.memory();
            assertThat(memory).isInstanceOf(PagedMemoryReader.class);
            assertThat(memory.ranges()).isEmpty();

            assertReads(memory, Machine.VA_4K + 0x10, Machine.TEXT_4K);
            assertReads(memory, Machine.VA_2M + 0x1_2345, Machine.TEXT_2M);
            assertReads(memory, Machine.VA_1G + 0x345_6789, Machine.TEXT_1G);
            assertReads(memory, Machine.VA_USER + 0x800, Machine.TEXT_USER);
            assertReads(memory, Machine.VA_EDGE + 0xFFC, Machine.TEXT_EDGE);
            // whole pages: every byte as written (zero where nothing was)
            for (long va : new long[] {Machine.VA_4K, Machine.VA_2M + 0x1_2000, Machine.VA_1G + 0x345_6000,
                Machine.MODULES}) {
                byte[] want = pt.memory().read(pt.translate(va).orElseThrow(), 0x1000);
                assertReads(memory, va, want);
            }
            // translation agrees with the writer's own walk, to the byte
            for (long va : new long[] {Machine.VA_4K + 0x10, Machine.VA_2M + 0x1_FFFF, Machine.VA_1G + 0x3FFF_FFFF,
                Machine.VA_ABSENT + 8, Machine.VA_USER, Machine.MODULES + 0x3FF8, Machine.VA_2M, Machine.VA_1G}) {
                assertThat(tables.translate(va)).as("0x%x", va).isEqualTo(pt.translate(va).orElseThrow());
            }
            assertThat(tables.translate(Machine.VA_UNMAPPED)).isEqualTo(-1);
            assertThat(tables.translate(Machine.VA_NOT_PRESENT)).isEqualTo(-1);
            assertThat(tables.translate(0xFFFF_F900_0000_0000L)).as("empty PML4 slot").isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void missingPagesAreMissingNotZeros(Sample s) throws Exception {
        try (KernelDump dump = open(s.written())) {
            MemoryReader memory = dump.memory();
            assertMissing(memory, Machine.VA_ABSENT, 8);
            assertMissing(memory, Machine.VA_NOT_PRESENT, 8);
            assertMissing(memory, Machine.VA_UNMAPPED, 8);
            assertMissing(memory, 0xFFFF_F900_0000_0000L, 8);
            // the frames of a large page that were never written are not in the dump
            assertMissing(memory, Machine.VA_2M, 8);
            assertMissing(memory, Machine.VA_2M + 0x1_3000, 8);
            assertMissing(memory, Machine.VA_1G, 8);
            // mapped, never written: the frame is not in the dump
            assertMissing(memory, Machine.MODULES + 0x1000, 8);
            // a read that runs from a stored page into a missing one fails whole; readableFrom says where it stops
            assertThat(memory.read(Machine.VA_EDGE + 0xFFC, 8)).isEmpty();
            assertThat(memory.readableFrom(Machine.VA_EDGE + 0xFFC, 8)).isEqualTo(4);
            assertThat(memory.readableFrom(Machine.VA_EDGE, 0x10000)).isEqualTo(0x1000);
            PagedMemoryReader paged = (PagedMemoryReader) memory;
            assertThat(paged.fileOffsetOf(Machine.VA_ABSENT)).isEqualTo(-1);
            assertThat(paged.readPhysical(0x301_000, 8)).as("absent frame").isEmpty();
            assertThat(paged.readPhysical(0x400_000, 8)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void transitionPtesAreReadablePrototypePtesAreNot(Sample s) throws Exception {
        try (KernelDump dump = open(s.written())) {
            PageTables tables = dump.pageTables().orElseThrow();
            assertThat(tables.translate(Machine.VA_TRANSITION + 0x20)).isEqualTo((Machine.PFN_TRANSITION << 12) + 0x20);
            assertReads(dump.memory(), Machine.VA_TRANSITION + 0x20, Machine.TEXT_TRANSITION);
            assertThat(tables.translate(Machine.VA_PROTOTYPE)).isEqualTo(-1);
            assertMissing(dump.memory(), Machine.VA_PROTOTYPE + 0x30, 9);
            assertThat(((PagedMemoryReader) dump.memory()).readPhysical((Machine.PFN_PROTOTYPE << 12) + 0x30, 9))
                    .as("the frame itself is in the dump").hasValue(Machine.TEXT_PROTOTYPE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void physicalReadsGiveBackEveryPresentFrame(Sample s) throws Exception {
        org.faultline.samples.kernel.PhysicalMemory mem = s.tables().memory();
        try (KernelDump dump = open(s.written())) {
            PagedMemoryReader paged = (PagedMemoryReader) dump.memory();
            for (org.faultline.samples.kernel.PhysicalMemory.Run r : mem.runs()) {
                for (long pfn = r.firstPfn(); pfn < r.firstPfn() + r.count(); pfn++) {
                    long pa = pfn << 12;
                    assertThat(paged.readPhysical(pa, 0x1000)).as("pfn 0x%x", pfn).hasValue(mem.read(pa, 0x1000));
                }
                assertThat(paged.readPhysical((r.firstPfn() << 12) - 8, 16)).as("across the run's start").isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void moduleListWalkedFromPsLoadedModuleList(Sample s) throws Exception {
        try (KernelDump dump = open(s.written())) {
            List<ModuleInfo> modules = dump.loadedModuleList();
            assertThat(modules).hasSize(Machine.MODULE_LIST.length);
            for (int i = 0; i < modules.size(); i++) {
                KernelModuleList.Module want = Machine.MODULE_LIST[i];
                ModuleInfo got = modules.get(i);
                assertThat(got.path()).isEqualTo(want.fullName());
                assertThat(got.name()).isEqualTo(want.baseName());
                assertThat(got.base()).isEqualTo(want.base());
                assertThat(got.size()).isEqualTo(want.size());
                assertThat(got.checksum()).isEqualTo(want.checksum());
                assertThat(got.timestamp()).isEqualTo(want.timestamp());
                assertThat(got.codeId()).isEqualTo(String.format("%08X%x", want.timestamp(), want.size()));
            }
            assertThat(dump.modules()).isEqualTo(modules);
            assertThat(dump.moduleAt(Machine.KERNBASE + 0x3F_5A80).orElseThrow().name()).isEqualTo("ntoskrnl.exe");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void theCrashingThreadHasTheHeaderContextAndTheReadableStack(Sample s) throws Exception {
        try (KernelDump dump = open(s.written())) {
            assertThat(dump.triage()).isEmpty();
            assertThat(dump.drivers()).isEmpty();
            assertContext(dump.crashingContext().orElseThrow(), Machine.context());
            ThreadInfo t = dump.threads().get(0);
            assertContext(t.context(), Machine.context());
            // rsp is 0xF00 into the 4 KiB page; the next page is unmapped
            assertThat(t.stackStart()).isEqualTo(Machine.VA_4K + 0xF00);
            assertThat(t.stackSize()).isEqualTo(0x100);
            assertThat(dump.bugcheck().orElseThrow().code()).isEqualTo(0xE2);
            assertThat(dump.crashTime()).contains(1_700_000_000L);
            assertThat(dump.exception()).isEmpty();
        }
    }

    @Test
    void bitmapPagesMissingFromTheBitmapAreMissing() throws Exception {
        X64PageTables pt = Machine.tables();
        // Frame 0x300 (the 4 KiB page) leaves the dump; its contents stay in the writer's model only.
        pt.memory().absent(Machine.PFN_4K, 1);
        WrittenKernelDump w = Machine.configure(SynthKernelDump.bitmap(pt.memory(), true), pt.directoryTableBase()).build();
        try (KernelDump dump = open(w)) {
            assertThat(dump.physicalMemory().orElseThrow().fileOffset(Machine.PFN_4K)).isEqualTo(-1);
            assertThat(dump.pageTables().orElseThrow().translate(Machine.VA_4K + 0x10)).isEqualTo((Machine.PFN_4K << 12) + 0x10);
            assertMissing(dump.memory(), Machine.VA_4K + 0x10, 6);
            assertReads(dump.memory(), Machine.VA_2M + 0x1_2345, Machine.TEXT_2M);
            assertThat(dump.threads().get(0).stackSize()).as("the stack page went with it").isZero();
            assertThat(lines(dump.diagnostics())).isEmpty();
        }
    }

    @Test
    void aRaggedBitmapEndsInAPartialByte() throws Exception {
        org.faultline.samples.kernel.PhysicalMemory mem = org.faultline.samples.kernel.PhysicalMemory.create()
                .present(0, 3).present(9, 2).physicalPages(11);
        mem.write(0xA000, new byte[] {1, 2, 3});
        byte[] bytes = SynthKernelDump.bitmap(mem, false).toBytes();
        try (KernelDump dump = open(bytes)) {
            BitmapPhysicalMemory b = (BitmapPhysicalMemory) dump.physicalMemory().orElseThrow();
            assertThat(b.coveredPages()).isEqualTo(11);
            assertThat(b.countedPresent()).isEqualTo(5);
            assertThat(b.fileOffset(2)).isEqualTo(0x3000 + 2 * 0x1000);
            assertThat(b.fileOffset(3)).isEqualTo(-1);
            assertThat(b.fileOffset(10)).isEqualTo(0x3000 + 4 * 0x1000);
            assertThat(b.fileOffset(11)).as("past the last bit").isEqualTo(-1);
            assertThat(Arrays.copyOfRange(bytes, (int) b.fileOffset(10), (int) b.fileOffset(10) + 3)).containsExactly(1, 2, 3);
        }
    }

    @Test
    void manyRunsAreLookedUpByBinarySearch() throws Exception {
        org.faultline.samples.kernel.PhysicalMemory mem = org.faultline.samples.kernel.PhysicalMemory.create();
        for (int i = 0; i < 43; i++) {
            mem.present(3L * i * i, i % 3 + 1);
            mem.write((3L * i * i) << 12, new byte[] {(byte) i, (byte) (i >> 8), 0x5A});
        }
        WrittenKernelDump w = SynthKernelDump.full(Arch.AMD64, mem).build();
        try (KernelDump dump = open(w)) {
            PhysicalMemory p = dump.physicalMemory().orElseThrow();
            assertThat(p).isInstanceOf(RunPhysicalMemory.class);
            for (long pfn = 0; pfn < 3L * 43 * 43; pfn++) {
                assertThat(p.fileOffset(pfn)).as("pfn %d", pfn).isEqualTo(w.layout().fileOffsetOfPhysical(pfn << 12).orElse(-1));
            }
            assertThat(dump.header().physicalMemory().runs()).as("all 43 runs, the last one ending in the padding")
                    .hasSize(43);
            assertThat(lines(dump.diagnostics())).as("no page tables in this one")
                    .containsExactly("OUT_OF_BOUNDS PsLoadedModuleList @0x20");
        }
    }

    @Test
    void fiveLevelPagingFromAPml5() throws Exception {
        X64PageTables pt = Machine.tables();
        long pml5Pfn = 0x1A0;
        // PML5[0x1FF] → the writer's PML4 (kernel half), PML5[0] → the same PML4 for the user page.
        pt.memory().write(pml5Pfn << 12, new byte[0x1000]);
        pt.memory().writeU64((pml5Pfn << 12) + 8 * 0x1FF, pt.directoryTableBase() | X64PageTables.P | X64PageTables.RW);
        pt.memory().writeU64(pml5Pfn << 12, pt.directoryTableBase() | X64PageTables.P | X64PageTables.RW);
        for (boolean bitmap : new boolean[] {false, true}) {
            SynthKernelDump s = bitmap ? SynthKernelDump.bitmap(pt.memory(), true) : SynthKernelDump.full(Arch.AMD64, pt.memory());
            WrittenKernelDump w = Machine.configure(s, pml5Pfn << 12).build();
            try (KernelDump dump = open(w)) {
                assertThat(dump.pageTables().orElseThrow().mode()).isEqualTo(PageTables.Mode.X64_5_LEVEL);
                assertReads(dump.memory(), Machine.VA_4K + 0x10, Machine.TEXT_4K);
                assertReads(dump.memory(), Machine.VA_2M + 0x1_2345, Machine.TEXT_2M);
                assertReads(dump.memory(), Machine.VA_1G + 0x345_6789, Machine.TEXT_1G);
                assertReads(dump.memory(), Machine.VA_USER + 0x800, Machine.TEXT_USER);
                assertReads(dump.memory(), Machine.VA_TRANSITION + 0x20, Machine.TEXT_TRANSITION);
                assertMissing(dump.memory(), Machine.VA_ABSENT, 8);
                // a 57-bit address whose PML5 slot is empty
                assertMissing(dump.memory(), 0xFF00_F800_0000_1000L, 8);
                assertThat(dump.loadedModuleList()).extracting(ModuleInfo::name)
                        .containsExactly("ntoskrnl.exe", "hal.dll", "amdppm.sys");
                assertThat(lines(dump.diagnostics())).isEmpty();
            }
        }
    }

    /**
     * ARM64 translation tables built by hand in the writer's physical memory (4 KiB granule, 48-bit VA; valid = bit
     * 0, table/page = bit 1, output address bits 47:12): L0 → L1 → L2 → L3 page, an L2 2 MiB block and an L1 1 GiB
     * block, plus invalid and reserved descriptors.
     */
    static final class Arm64Tables {
        static final long L0 = 0x80_000;
        static final long L1 = 0x81_000;
        static final long L2 = 0x82_000;
        static final long L3 = 0x83_000;
        static final long VA_PAGE = 0xFFFF_8000_0000_5000L;
        static final long PA_PAGE = 0x90_000;
        static final long VA_2M = 0xFFFF_8000_0040_0000L;
        static final long PA_2M = 0x20_0000 * 3;
        static final long VA_1G = 0xFFFF_8000_4000_0000L;
        static final long PA_1G = 0x4000_0000L;
        static final long VA_ABSENT = VA_PAGE + 0x1000;
        static final long VA_INVALID = VA_PAGE + 0x2000;
        static final long VA_RESERVED_L3 = VA_PAGE + 0x3000;
        static final long VA_L0_BLOCK = 0xFFFF_8080_0000_0000L;
        static final long VA_EMPTY_L0 = 0xFFFF_8100_0000_0000L;
        /** Access flag, inner shareable, and UXN/PXN in the upper attributes: must not leak into the address. */
        static final long ATTRS = (1L << 10) | (3L << 8) | (3L << 53);

        final org.faultline.samples.kernel.PhysicalMemory mem = org.faultline.samples.kernel.PhysicalMemory.create();

        Arm64Tables() {
            for (long t : new long[] {L0, L1, L2, L3}) {
                mem.write(t, new byte[0x1000]);
            }
            table(L0, VA_PAGE, 39, L1);
            table(L1, VA_PAGE, 30, L2);
            table(L2, VA_PAGE, 21, L3);
            mem.writeU64(L3 + 8 * index(VA_PAGE, 12), PA_PAGE | 0b11 | ATTRS);
            mem.writeU64(L3 + 8 * index(VA_ABSENT, 12), (PA_PAGE + 0x1000) | 0b11 | ATTRS);
            mem.writeU64(L3 + 8 * index(VA_INVALID, 12), (PA_PAGE + 0x2000) | 0b10 | ATTRS);
            mem.writeU64(L3 + 8 * index(VA_RESERVED_L3, 12), (PA_PAGE + 0x3000) | 0b01 | ATTRS);
            mem.writeU64(L2 + 8 * index(VA_2M, 21), PA_2M | 0b01 | ATTRS);
            mem.writeU64(L1 + 8 * index(VA_1G, 30), PA_1G | 0b01 | ATTRS);
            mem.writeU64(L0 + 8 * index(VA_L0_BLOCK, 39), PA_1G | 0b01 | ATTRS);
            mem.write(PA_PAGE + 0x123, "arm64 page".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            mem.write(PA_2M + 0x1_5678, "arm64 block 2M".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            mem.write(PA_1G + 0x2345_6789, "arm64 block 1G".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            mem.write(PA_PAGE + 0x2000, new byte[] {1});
            mem.write(PA_PAGE + 0x3000, new byte[] {1});
        }

        private void table(long table, long va, int shift, long next) {
            mem.writeU64(table + 8 * index(va, shift), next | 0b11);
        }

        static long index(long va, int shift) {
            return (va >>> shift) & 0x1FF;
        }
    }

    @Test
    void arm64FullDumpThroughHandBuiltTables() throws Exception {
        Arm64Tables t = new Arm64Tables();
        WrittenKernelDump w = SynthKernelDump.full(Arch.ARM64, t.mem).directoryTableBase(Arm64Tables.L0)
                .psLoadedModuleList(0xFFFF_8000_0000_0000L).bugCheck(0xEF)
                .headerContext(Arm64Context.create().pc(0xFFFF_8000_0040_1000L).sp(Arm64Tables.VA_PAGE + 0x800))
                .build();
        try (KernelDump dump = open(w)) {
            assertThat(dump.architecture()).isEqualTo(Architecture.ARM64);
            assertThat(dump.format()).isEqualTo("kernel-full");
            PageTables tables = dump.pageTables().orElseThrow();
            assertThat(tables.mode()).isEqualTo(PageTables.Mode.ARM64_4_LEVEL);
            MemoryReader memory = dump.memory();
            assertThat(tables.translate(Arm64Tables.VA_PAGE + 0x123)).isEqualTo(Arm64Tables.PA_PAGE + 0x123);
            assertReads(memory, Arm64Tables.VA_PAGE + 0x123, "arm64 page".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(tables.translate(Arm64Tables.VA_2M + 0x1_5678)).isEqualTo(Arm64Tables.PA_2M + 0x1_5678);
            assertReads(memory, Arm64Tables.VA_2M + 0x1_5678, "arm64 block 2M".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(tables.translate(Arm64Tables.VA_1G + 0x2345_6789)).isEqualTo(Arm64Tables.PA_1G + 0x2345_6789);
            assertReads(memory, Arm64Tables.VA_1G + 0x2345_6789, "arm64 block 1G".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // holes: a page whose frame is not in the dump, an untouched frame of a block, invalid descriptors
            assertThat(tables.translate(Arm64Tables.VA_ABSENT)).isEqualTo(Arm64Tables.PA_PAGE + 0x1000);
            assertMissing(memory, Arm64Tables.VA_ABSENT, 8);
            assertMissing(memory, Arm64Tables.VA_2M, 8);
            assertMissing(memory, Arm64Tables.VA_1G, 8);
            assertThat(tables.translate(Arm64Tables.VA_INVALID)).as("valid bit clear").isEqualTo(-1);
            assertThat(tables.translate(Arm64Tables.VA_RESERVED_L3)).as("L3 descriptor without bit 1").isEqualTo(-1);
            assertThat(tables.translate(Arm64Tables.VA_L0_BLOCK)).as("no blocks at level 0").isEqualTo(-1);
            assertThat(tables.translate(Arm64Tables.VA_EMPTY_L0)).isEqualTo(-1);
            assertMissing(memory, Arm64Tables.VA_INVALID, 1);
            assertMissing(memory, Arm64Tables.VA_RESERVED_L3, 1);
            assertThat(dump.threads()).singleElement().satisfies(th -> {
                assertThat(th.stackStart()).isEqualTo(Arm64Tables.VA_PAGE + 0x800);
                assertThat(th.stackSize()).isEqualTo(0x800);
            });
            assertThat(dump.loadedModuleList()).as("the list head is not mapped").isEmpty();
            assertThat(KernelAsserts.about(dump, "PsLoadedModuleList")).hasSize(1);
        }
    }

    @Test
    void x86FullDumpsAreReportedAsHeaderOnly() throws Exception {
        org.faultline.samples.kernel.PhysicalMemory mem = org.faultline.samples.kernel.PhysicalMemory.create()
                .present(0x10, 2).write(0x1_0004, new byte[] {7});
        try (KernelDump dump = open(SynthKernelDump.full(Arch.X86, mem).bugCheck(0xD1, 1, 2, 0, 4).build())) {
            assertThat(dump.header().physicalMemory().runs()).containsExactly(new PhysicalMemoryDescriptor.Run(0x10, 2));
            assertThat(dump.physicalMemory()).isEmpty();
            assertThat(dump.bugcheck().orElseThrow().code()).isEqualTo(0xD1);
            KernelAsserts.only(dump, "UNSUPPORTED", "DUMP_HEADER32", 0xF88);
        }
    }

    @Test
    void compactSamplesAreSmallAndClean() throws Exception {
        for (SynthKernelDump s : new SynthKernelDump[] {Machine.compactFull(), Machine.compactBitmap()}) {
            WrittenKernelDump w = s.build();
            assertThat(w.bytes().length).isLessThanOrEqualTo(0xC000);
            try (KernelDump dump = open(w)) {
                assertReads(dump.memory(), Machine.VA_4K + 0x10, Machine.TEXT_4K);
                assertReads(dump.memory(), Machine.VA_2M + 0x1_2345, Machine.TEXT_2M);
                assertReads(dump.memory(), Machine.VA_TRANSITION + 0x20, Machine.TEXT_TRANSITION);
                assertMissing(dump.memory(), Machine.VA_ABSENT, 8);
                assertThat(dump.loadedModuleList()).hasSize(3);
                assertThat(lines(dump.diagnostics())).isEmpty();
            }
        }
        assertThat(Optional.of(Machine.compactFull().layout().pages().size())).contains(3);
    }
}
