package org.faultline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.dump.kernel.PhysicalMemory;
import org.faultline.samples.kernel.SynthKernelDump;
import org.faultline.samples.kernel.X64PageTables;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Large bitmap kernel dumps, written in {@code @Setup} as sparse files to a temporary folder by the synthetic
 * writer and memory-mapped by the reader, in a 256 MiB heap:
 *
 * <ul>
 *   <li>{@code bitmapLookup}: physical page → file offset on an 8 GiB machine whose bitmap alternates present and
 *       absent runs of 1–64 pages (about half present), at random frames;</li>
 *   <li>{@code virtualRead4k} / {@code virtualRead1g}: 8-byte virtual reads at random addresses through the dump's
 *       page tables: 65,536 4 KiB pages (128 page tables) mapped onto frames of the first 64 MiB / the first 64 MiB
 *       of one 1 GiB page. The data frames are kept within 64 MiB so the page cache, not the reader, is warmed once
 *       in {@code @Setup}: every frame is a hole of the sparse file, and first touches of holes spread over GiBs
 *       cost the kernel far more than the reader's lookup;</li>
 *   <li>{@code open}: open the 1 GiB or 8 GiB dump with every page present (map the file, read the header, index
 *       the bitmap of 32 KiB or 256 KiB, choose the page tables) and close it.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class BitmapBench {
    private static final long PAGES = 0x20_0000;
    private static final long PML4_PFN = 0x1F_0000;
    private static final long VA_4K = 0xFFFF_F800_0000_0000L;
    private static final long VA_1G = 0xFFFF_F801_0000_0000L;
    private static final int MAPPED_4K = 0x1_0000;
    private static final int MASK = 0xFFFF;
    /** Data frames of the virtual-read benchmarks lie in the first 64 MiB. */
    private static final long DATA_PAGES = 0x4000;

    private Path dir;
    private Path patterned;
    private KernelDump dump;
    private PhysicalMemory physical;
    private MemoryReader memory;
    private final long[] pfns = new long[MASK + 1];
    private final long[] vas4k = new long[MASK + 1];
    private final long[] vas1g = new long[MASK + 1];
    private int next;

    @Setup(Level.Trial)
    public void write() throws Exception {
        dir = Files.createTempDirectory("bitmap-bench");
        SplittableRandom random = new SplittableRandom(42);

        // 8 GiB machine, runs of 1..64 present then 1..64 absent frames; tables high up, all present
        X64PageTables pt = X64PageTables.create(org.faultline.samples.kernel.PhysicalMemory.create(), PML4_PFN);
        org.faultline.samples.kernel.PhysicalMemory mem = pt.memory().physicalPages(PAGES);
        List<Long> present = new ArrayList<>();
        for (long pfn = 0; pfn < PML4_PFN - 64;) {
            int run = 1 + random.nextInt(64);
            mem.present(pfn, run);
            for (int i = 0; i < run; i++) {
                present.add(pfn + i);
            }
            pfn += run + 1 + random.nextInt(64);
        }
        mem.present(PML4_PFN, PAGES - PML4_PFN);
        List<Long> low = present.subList(0, (int) present.stream().filter(p -> p < DATA_PAGES).count());
        for (int i = 0; i < MAPPED_4K; i++) {
            pt.map4k(VA_4K + ((long) i << 12), low.get(random.nextInt(low.size())));
        }
        pt.map1g(VA_1G, 0x4_0000);
        mem.present(0x4_0000, 0x4_0000);
        patterned = dir.resolve("patterned.dmp");
        SynthKernelDump.bitmap(mem, true).directoryTableBase(pt.directoryTableBase()).psLoadedModuleList(VA_4K)
                .bugCheck(0xE2).writeTo(patterned);


        dump = KernelDump.open(patterned);
        physical = dump.physicalMemory().orElseThrow();
        memory = dump.memory();
        for (int i = 0; i <= MASK; i++) {
            pfns[i] = random.nextLong(PML4_PFN);
            vas4k[i] = VA_4K + ((long) random.nextInt(MAPPED_4K) << 12) + random.nextInt(0x1000 - 8);
            vas1g[i] = VA_1G + random.nextLong((DATA_PAGES << 12) - 8);
        }
        for (int i = 0; i <= MASK; i++) {
            if (memory.read(vas4k[i], 8).isEmpty() || memory.read(vas1g[i], 8).isEmpty()) {
                throw new IllegalStateException("the benchmark's pages do not read");
            }
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        dump.close();
        Files.deleteIfExists(patterned);
        Files.deleteIfExists(dir);
    }

    /** A bitmap dump of {@code gib} GiB with every page present, for the open benchmark. */
    @State(Scope.Benchmark)
    public static class Sparse {
        @Param({"1", "8"})
        public int gib;

        Path file;

        @Setup(Level.Trial)
        public void write() throws IOException {
            long pages = gib * 0x4_0000L;
            X64PageTables pt = X64PageTables.create(org.faultline.samples.kernel.PhysicalMemory.create(), 0x1AD);
            pt.memory().physicalPages(pages).present(0, pages);
            pt.map1g(VA_1G, pages - 0x4_0000).write(VA_1G + 0x3FFF_F000L, new byte[] {1});
            file = Files.createTempFile("bitmap-bench-" + gib + "gib", ".dmp");
            SynthKernelDump.bitmap(pt.memory(), true).directoryTableBase(pt.directoryTableBase())
                    .psLoadedModuleList(VA_1G).bugCheck(0xE2).writeTo(file);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long bitmapLookup() {
        return physical.fileOffset(pfns[next++ & MASK]);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object virtualRead4k() {
        return memory.read(vas4k[next++ & MASK], 8);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object virtualRead1g() {
        return memory.read(vas1g[next++ & MASK], 8);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void open(Sparse sparse, Blackhole bh) throws Exception {
        try (KernelDump d = KernelDump.open(sparse.file)) {
            bh.consume(d.physicalMemory());
            bh.consume(d.pageTables());
        }
    }
}
