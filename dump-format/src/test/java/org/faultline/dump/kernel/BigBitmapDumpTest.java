package org.faultline.dump.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.MappedByteSource;
import org.faultline.samples.kernel.KernelDamage;
import org.faultline.samples.kernel.KernelLayout;
import org.faultline.samples.kernel.SynthKernelDump;
import org.faultline.samples.kernel.X64PageTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An 8 GiB bitmap dump, written as a sparse file by the independent writer, opens memory-mapped and its pages
 * read back with a 256 MiB heap (dump-format's surefire {@code argLine}). Opening reads the header and the bitmap
 * (to build the rank index) and nothing else: the bytes read at open differ between a 1 GiB and an 8 GiB dump by
 * exactly the difference in bitmap size. The time to open is measured by {@code BitmapBench} (benchmarks module),
 * not asserted here.
 */
class BigBitmapDumpTest {
    private static final long GIB_PAGES = 0x4_0000;
    private static final long PAGES = 8 * GIB_PAGES;
    private static final long VA = 0xFFFF_F800_0000_0000L;
    private static final long LAST_GIB_PFN = 7 * GIB_PAGES;
    private static final byte[] LAST_PAGE = "last page".getBytes(StandardCharsets.US_ASCII);
    /** Frames with a marker written into them: their own number, as text. */
    private static final long[] MARKED = {0x10, 0x1000, 0x7_FFFF, 0x8_0000, 0x12_3457, 0x1B_FFFF, 0x1F_FFF0};

    @TempDir
    static Path dir;
    private static Path eightGib;
    private static Path oneGib;
    private static KernelLayout layout;

    /** Every frame present; the last GiB mapped by one 1 GiB page at {@link #VA}; markers in a few frames. */
    private static SynthKernelDump machine(long pages) {
        X64PageTables pt = X64PageTables.create(org.faultline.samples.kernel.PhysicalMemory.create(), 0x1AD);
        pt.memory().physicalPages(pages).present(0, pages);
        pt.map1g(VA, pages - GIB_PAGES).write(VA + 0x3FFF_F000L, LAST_PAGE);
        for (long pfn : MARKED) {
            if (pfn < pages) {
                pt.memory().write(pfn << 12, marker(pfn));
            }
        }
        return SynthKernelDump.bitmap(pt.memory(), true).directoryTableBase(pt.directoryTableBase())
                .psLoadedModuleList(VA).bugCheck(0xE2).headerContext(SynthKernelSamples.Machine.context());
    }

    private static byte[] marker(long pfn) {
        return ("frame " + Long.toHexString(pfn)).getBytes(StandardCharsets.US_ASCII);
    }

    @BeforeAll
    static void writeSparseFiles() {
        eightGib = dir.resolve("eight.dmp");
        layout = machine(PAGES).writeTo(eightGib);
        oneGib = dir.resolve("one.dmp");
        machine(GIB_PAGES).writeTo(oneGib);
    }

    @Test
    void theHeapIsSmall() {
        assertThat(Runtime.getRuntime().maxMemory()).as("dump-format's surefire argLine sets -Xmx256m")
                .isLessThanOrEqualTo(256L << 20);
    }

    @Test
    void eightGibOpensAndItsPagesRead() throws Exception {
        long firstPage = 0x2000 + ((0x38 + PAGES / 8 + 0xFFF) & ~0xFFFL);
        assertThat(Files.size(eightGib)).isEqualTo(firstPage + PAGES * 0x1000).isEqualTo(layout.fileSize());
        try (KernelDump dump = KernelDump.open(eightGib)) {
            BitmapPhysicalMemory physical = (BitmapPhysicalMemory) dump.physicalMemory().orElseThrow();
            assertThat(physical.coveredPages()).isEqualTo(PAGES);
            assertThat(physical.countedPresent()).isEqualTo(PAGES).isEqualTo(physical.declaredPresent());
            assertThat(physical.endOfPages()).isEqualTo(Files.size(eightGib));
            assertThat(physical.fileOffset(PAGES - 1)).isEqualTo(firstPage + (PAGES - 1) * 0x1000);
            assertThat(physical.fileOffset(PAGES)).isEqualTo(-1);

            assertThat(dump.memory().read(VA + 0x3FFF_F000L, LAST_PAGE.length)).hasValue(LAST_PAGE);
            assertThat(dump.pageTables().orElseThrow().translate(VA + 0x3FFF_F000L)).isEqualTo((PAGES - 1) << 12);
            PagedMemoryReader paged = (PagedMemoryReader) dump.memory();
            for (long pfn : MARKED) {
                assertThat(paged.readPhysical(pfn << 12, marker(pfn).length)).as("frame 0x%x", pfn).hasValue(marker(pfn));
                assertThat(physical.fileOffset(pfn)).isEqualTo(layout.fileOffsetOfPhysical(pfn << 12).orElseThrow());
            }
            // a present frame never written is a hole of the sparse file: zeros, and present
            assertThat(paged.readPhysical(0x15_5555L << 12, 16)).hasValue(new byte[16]);
            assertThat(paged.readPhysical(PAGES << 12, 16)).as("past the bitmap").isEmpty();
            // whole GiB windows: a read across the 1 GiB mapping boundaries of the file
            long acrossWindow = (MappedByteSource.WINDOW - firstPage) / 0x1000;
            assertThat(paged.readPhysical((acrossWindow << 12) - 8, 16)).hasValue(new byte[16]);
            assertThat(dump.loadedModuleList()).isEmpty();
            List<Diagnostic> diagnostics = dump.diagnostics();
            assertThat(diagnostics).extracting(Diagnostic::structure).containsOnly("KLDR_DATA_TABLE_ENTRY");
        }
    }

    @Test
    void openingReadsTheHeaderAndTheBitmapOnly() throws Exception {
        long eight = bytesReadToOpen(eightGib);
        long one = bytesReadToOpen(oneGib);
        assertThat(eight - one).as("only the bitmap grows").isEqualTo((PAGES - GIB_PAGES) / 8);
        assertThat(one).as("header, bitmap header, bitmap, a few table entries")
                .isLessThanOrEqualTo(0x2000 + 0x38 + GIB_PAGES / 8 + 0x100);
    }

    /** Bytes read to open the dump, index its bitmap and choose its page tables. */
    private static long bytesReadToOpen(Path file) throws Exception {
        try (MappedByteSource mapped = MappedByteSource.open(file)) {
            CountingSource counting = new CountingSource(mapped);
            KernelDump dump = KernelDump.read(counting);
            dump.physicalMemory().orElseThrow();
            dump.pageTables().orElseThrow();
            long read = counting.read;
            dump.memory().read(VA + 0x3FFF_F000L, LAST_PAGE.length).orElseThrow();
            assertThat(counting.read - read).as("one small read: table entries, a few bitmap words, the bytes")
                    .isLessThanOrEqualTo(1024);
            return read;
        }
    }

    @Test
    void aTruncatedEightGibDumpReportsItsMissingPages() throws Exception {
        Path cut = dir.resolve("eight-cut.dmp");
        machine(PAGES).damage(KernelDamage.truncateBy(0x1800)).writeTo(cut);
        try (KernelDump dump = KernelDump.open(cut)) {
            KernelAsserts.only(dump, "TRUNCATED", "dump body", 0x2000);
            assertThat(dump.memory().read(VA + 0x3FFF_F000L, LAST_PAGE.length)).as("cut: missing, not zeros").isEmpty();
            assertThat(((PagedMemoryReader) dump.memory()).readPhysical((PAGES - 2) << 12, 8)).as("half cut").isEmpty();
            assertThat(((PagedMemoryReader) dump.memory()).readPhysical(0x1000L << 12, marker(0x1000).length))
                    .hasValue(marker(0x1000));
        } finally {
            Files.deleteIfExists(cut);
        }
    }

    /** Counts the bytes read through it. */
    private static final class CountingSource implements ByteSource {
        private final ByteSource inner;
        long read;

        CountingSource(ByteSource inner) {
            this.inner = inner;
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void copy(long offset, byte[] dst, int dstOffset, int length) {
            read += length;
            inner.copy(offset, dst, dstOffset, length);
        }

        @Override
        public int byteAt(long offset) {
            read += 1;
            return inner.byteAt(offset);
        }

        @Override
        public int u16At(long offset) {
            read += 2;
            return inner.u16At(offset);
        }

        @Override
        public long u32At(long offset) {
            read += 4;
            return inner.u32At(offset);
        }

        @Override
        public long u64At(long offset) {
            read += 8;
            return inner.u64At(offset);
        }
    }
}
