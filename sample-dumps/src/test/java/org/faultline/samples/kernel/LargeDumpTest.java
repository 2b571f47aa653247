package org.faultline.samples.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An 8 GiB bitmap dump streamed to a sparse file, never held in memory. */
class LargeDumpTest {
    private static final long PAGES = 0x20_0000; // 8 GiB
    private static final long VA = 0xFFFF_F800_0000_0000L;
    private static final long LAST_GIB_PFN = 0x1C_0000;

    private static SynthKernelDump eightGib() {
        X64PageTables pt = X64PageTables.create(PhysicalMemory.create(), 0x1AD);
        pt.memory().physicalPages(PAGES).present(0, PAGES);
        pt.map1g(VA, LAST_GIB_PFN).write(VA + 0x3FFF_F000L, "last page".getBytes(StandardCharsets.US_ASCII));
        return SynthKernelDump.bitmap(pt.memory(), true).directoryTableBase(pt.directoryTableBase()).bugCheck(0xE2)
                .headerContext(MemorySamples.context());
    }

    @Test
    void eightGibSparseBitmapDump(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.dmp");
        KernelLayout layout = eightGib().writeTo(file);
        long firstPage = 0x2000 + ((0x38 + PAGES / 8 + 0xFFF) & ~0xFFFL);
        assertThat(Files.size(file)).isEqualTo(firstPage + PAGES * 0x1000).isEqualTo(layout.fileSize());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            assertThat(ascii(raf, 0, 8)).isEqualTo("PAGEDU64");
            assertThat(ascii(raf, 0x2000, 8)).isEqualTo("SDMPDUMP");
            assertThat(u64(raf, 0x2020)).isEqualTo(firstPage);
            assertThat(u64(raf, 0x2028)).isEqualTo(PAGES);
            assertThat(u64(raf, 0x2030)).isEqualTo(PAGES);
            raf.seek(0x2038 + PAGES / 8 - 4);
            assertThat(raf.readInt()).as("all bits set up to the end").isEqualTo(-1);
            // every frame is present, so frame n sits at FirstPage + n pages; walk PML4 → PDPTE (1 GiB)
            long cr3 = u64(raf, 0x10);
            long pml4e = u64(raf, firstPage + cr3 + 8 * ((VA >>> 39) & 511));
            long pdpte = u64(raf, firstPage + (pml4e & 0xF_FFFF_FFFF_F000L) + 8 * ((VA >>> 30) & 511));
            assertThat(pdpte & 0x81).isEqualTo(0x81);
            long pa = (pdpte & 0xF_FFFF_FFFF_F000L) + 0x3FFF_F000L;
            assertThat(pa).isEqualTo(PAGES * 0x1000 - 0x1000);
            assertThat(ascii(raf, firstPage + pa, 9)).isEqualTo("last page");
            assertThat(layout.fileOffsetOfPhysical(pa)).hasValue(firstPage + pa);
        }
    }

    @Test
    void damageIsAppliedInPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big-damaged.dmp");
        KernelLayout layout = eightGib().damage(KernelDamage.truncateBy(0x1800), KernelDamage.bitmapPresentPages(7))
                .writeTo(file);
        assertThat(Files.size(file)).isEqualTo(layout.fileSize() - 0x1800);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            assertThat(u64(raf, 0x2028)).isEqualTo(7);
        }
    }

    @Test
    void streamsToAnOutputStreamWithZeroHoles() {
        long[] count = {0};
        long[] nonZero = {0};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
                for (int i = off; i < off + len; i++) {
                    nonZero[0] += b[i] != 0 ? 1 : 0;
                }
            }
        };
        PhysicalMemory mem = PhysicalMemory.create().present(0, 0x4_0000).write(0x3_FFFF_000L, new byte[] {1, 2});
        KernelLayout layout = SynthKernelDump.full(Arch.AMD64, mem).writeTo(sink);
        assertThat(count[0]).isEqualTo(layout.fileSize()).isEqualTo(0x2000 + 0x4000_0000L);
        assertThat(nonZero[0]).as("header bytes plus the two written").isLessThan(0x2000 + 2 + 1);
    }

    private static String ascii(RandomAccessFile raf, long at, int n) throws IOException {
        byte[] b = new byte[n];
        raf.seek(at);
        raf.readFully(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static long u64(RandomAccessFile raf, long at) throws IOException {
        raf.seek(at);
        return Long.reverseBytes(raf.readLong());
    }
}
