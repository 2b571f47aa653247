package org.faultline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.faultline.samples.Corpus;
import org.faultline.triage.batch.BatchOptions;
import org.faultline.triage.batch.FleetResult;
import org.faultline.triage.batch.FleetTriage;
import org.faultline.triage.report.FleetJson;

/**
 * The fleet triage benchmark (docs/performance.md): not JMH, because what counts is a whole batch in one JVM with
 * a bounded heap: dumps per second, CPU time per dump and peak memory, for a folder and for a zip.
 *
 * <pre>
 * FleetBench generate N DIR     N varied copies of the samples and corpus: DIR/dumps/ (1,000 per folder) and DIR/dumps.zip
 * FleetBench run [--jobs N] PATH…   triage PATH… as `faultline triage --format json` does (output discarded), then report
 * </pre>
 *
 * Copies are varied so no two are identical: each gets its own crash time (minidump TimeDateStamp, kernel dump
 * SystemTime) in the morning of 2024-07-19 and its own name. Corpus dumps larger than 2 MiB are left out to keep the
 * set small on disk.
 */
public final class FleetBench {
    /** 2024-07-19 04:09:00 UTC, when the channel file reached the first machines. */
    private static final long JULY_19 = 1_721_362_140L;
    private static final long MAX_CORPUS_FILE = 2L << 20;

    private FleetBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("generate")) {
            generate(Integer.parseInt(args[1]), Path.of(args[2]));
        } else if (args.length >= 2 && args[0].equals("run")) {
            int jobs = Runtime.getRuntime().availableProcessors();
            int first = 1;
            if (args[1].equals("--jobs")) {
                jobs = Integer.parseInt(args[2]);
                first = 3;
            }
            List<Path> paths = new ArrayList<>();
            for (int i = first; i < args.length; i++) {
                paths.add(Path.of(args[i]));
            }
            run(paths, jobs);
        } else {
            System.err.println("usage: FleetBench generate N DIR | FleetBench run [--jobs N] PATH...");
            System.exit(2);
        }
    }

    // ---- generate -------------------------------------------------------------------------------------------

    /** The source dumps: the committed samples, then the corpus dumps up to 2 MiB. */
    static List<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>();
        Path samples = Path.of(System.getProperty("faultline.root", "."), "sample-dumps", "dumps");
        try (Stream<Path> s = Files.list(samples)) {
            s.filter(p -> p.toString().endsWith(".dmp")).sorted().forEach(out::add);
        }
        if (out.isEmpty()) {
            throw new IOException("no samples in " + samples.toAbsolutePath() + " (run from the checkout's root)");
        }
        if (Corpus.shared().isPresent()) {
            try (Stream<Path> s = Files.walk(Corpus.shared().get().resolve("corpus"))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".dmp")).sorted().toList()) {
                    if (Files.size(p) <= MAX_CORPUS_FILE) {
                        out.add(p);
                    }
                }
            }
        } else {
            System.err.println("corpus not found (../shared): samples only");
        }
        return out;
    }

    static void generate(int n, Path dir) throws IOException {
        List<Path> sources = sources();
        List<byte[]> bytes = new ArrayList<>();
        for (Path p : sources) {
            bytes.add(Files.readAllBytes(p));
        }
        Path folder = dir.resolve("dumps");
        Files.createDirectories(folder);
        long total = 0;
        try (OutputStream zipFile = Files.newOutputStream(dir.resolve("dumps.zip"));
             ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(zipFile, 1 << 20))) {
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            for (int i = 0; i < n; i++) {
                int k = i % sources.size();
                byte[] copy = vary(bytes.get(k), JULY_19 + i % 4680);
                String base = sources.get(k).getFileName().toString().replace(".dmp", "");
                String name = String.format(Locale.ROOT, "batch-%03d/host-%06d-%s.dmp", i / 1000, i, base);
                Path file = folder.resolve(name);
                Files.createDirectories(file.getParent());
                Files.write(file, copy);
                zip.putNextEntry(new ZipEntry(name));
                zip.write(copy);
                zip.closeEntry();
                total += copy.length;
            }
        }
        System.out.printf(Locale.ROOT, "%,d dumps (%,d bytes) from %d sources in %s and %s (%,d bytes)%n", n, total,
                sources.size(), folder, dir.resolve("dumps.zip"), Files.size(dir.resolve("dumps.zip")));
    }

    /** A copy with its own crash time: MINIDUMP_HEADER.TimeDateStamp, or DUMP_HEADER64/32.SystemTime. */
    static byte[] vary(byte[] dump, long unixSeconds) {
        byte[] b = dump.clone();
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        String sig = new String(b, 0, Math.min(8, b.length), StandardCharsets.US_ASCII);
        long fileTime = (unixSeconds + 11_644_473_600L) * 10_000_000L;
        if (sig.startsWith("MDMP") && b.length >= 0x20) {
            le.putInt(0x14, (int) unixSeconds);
        } else if (sig.equals("PAGEDU64") && b.length >= 0xFB0) {
            le.putLong(0xFA8, fileTime);
        } else if (sig.equals("PAGEDUMP") && b.length >= 0xFC8) {
            le.putLong(0xFC0, fileTime);
        }
        return b;
    }

    // ---- run ------------------------------------------------------------------------------------------------

    static void run(List<Path> paths, int jobs) throws Exception {
        GcWatch gc = new GcWatch();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        // The second half of the input (by bytes read) shows the rate once the JIT has warmed up.
        long[] half = {0, 0};
        FleetResult r = FleetTriage.standard().run(paths, BatchOptions.defaults().withJobs(jobs).withListener(p -> {
            if (half[0] == 0 && p.bytesTotal() > 0 && 2 * p.bytesRead() >= p.bytesTotal()) {
                half[0] = System.nanoTime();
                half[1] = p.dumps();
            }
        }), new FleetJson(Writer.nullWriter(), false));
        long t1 = System.nanoTime();
        double seconds = (t1 - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peakHeap += p.getPeakUsage().getUsed();
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += g.getCollectionCount();
            gcMillis += g.getCollectionTime();
        }
        long dumps = r.summary().dumps();
        System.out.printf(Locale.ROOT, "paths      %s%n", paths);
        System.out.printf(Locale.ROOT, "dumps      %,d (%,d failed, %,d skipped), %d clusters%n", dumps,
                r.summary().failed(), r.summary().skipped(), r.clusters().size());
        System.out.printf(Locale.ROOT, "jobs       %d on %d processors, heap max %,d MiB%n", jobs,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "wall       %.2f s  -> %,.0f dumps/s%n", seconds, dumps / seconds);
        if (half[0] > 0 && t1 > half[0]) {
            System.out.printf(Locale.ROOT, "2nd half   %,.0f dumps/s (the second half of the input, JIT warm)%n",
                    (dumps - half[1]) / ((t1 - half[0]) / 1e9));
        }
        System.out.printf(Locale.ROOT, "cpu        %.2f s  -> %.3f ms/dump, %,.0f dumps per CPU-second%n", cpu,
                cpu * 1000 / dumps, dumps / cpu);
        System.out.printf(Locale.ROOT, "heap       peak %,d MiB (sum of pool peaks), live after GC at most %,d MiB%n",
                peakHeap >> 20, gc.maxAfter >> 20);
        System.out.printf(Locale.ROOT, "gc         %d collections, %,d ms%n", gcCount, gcMillis);
        System.out.printf(Locale.ROOT, "rss        peak %s%n", vmHwm());
        System.out.printf(Locale.ROOT, "headline   %s%n", r.headline());
    }

    /** Peak resident set size from /proc (Linux), or "n/a". */
    static String vmHwm() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "n/a";
    }

    /** The largest heap in use right after a collection: the live set, what -Xmx must hold. */
    static final class GcWatch {
        volatile long maxAfter;

        GcWatch() {
            for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (g instanceof NotificationEmitter e) {
                    e.addNotificationListener((n, handback) -> {
                        if (n.getUserData() instanceof CompositeData cd && cd.containsKey("gcInfo")) {
                            CompositeData info = (CompositeData) cd.get("gcInfo");
                            long used = 0;
                            for (Object v : ((javax.management.openmbean.TabularData) info.get("memoryUsageAfterGc")).values()) {
                                CompositeData row = (CompositeData) v;
                                MemoryUsage u = MemoryUsage.from((CompositeData) row.get("value"));
                                String pool = (String) row.get("key");
                                if (!pool.contains("Metaspace") && !pool.contains("Code") && !pool.contains("Class")) {
                                    used += u.getUsed();
                                }
                            }
                            maxAfter = Math.max(maxAfter, used);
                        }
                    }, null, null);
                }
            }
        }
    }
}
