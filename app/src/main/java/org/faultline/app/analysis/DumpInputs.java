package org.faultline.app.analysis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.faultline.triage.batch.Limits;

/**
 * Turns what the user opened (files, folders, archives) into the dumps to load. Folders are searched for dump
 * and archive files; archives ({@code .zip}, {@code .tar}, {@code .tar.gz}, {@code .tgz}, {@code .gz}) are
 * extracted into a scratch folder, keeping only entries that are crash dumps by name or signature. A file the
 * user named explicitly is always kept, whatever its name, so a bad file shows its error in the list.
 * Entry names from archives never choose where a file is written (no path traversal).
 */
public final class DumpInputs {
    /** Folder depth searched below an opened folder. */
    static final int MAX_DEPTH = 12;

    private static final List<String> DUMP_EXTENSIONS = List.of(".dmp", ".mdmp", ".hdmp");
    private static final List<String> ARCHIVE_EXTENSIONS = List.of(".zip", ".tar", ".tar.gz", ".tgz", ".gz");
    /** First bytes of the dump kinds Faultline reads (and the ones it names as unsupported). */
    private static final List<String> SIGNATURES = List.of("MDMP", "PAGE", "USER");

    private final Path scratch;
    private final AtomicInteger counter = new AtomicInteger();

    /** @param scratch where archive entries are extracted (created on first use) */
    public DumpInputs(Path scratch) {
        this.scratch = scratch;
    }

    /**
     * What a set of opened paths holds.
     *
     * @param inputs   the dumps, in order: each opened path in turn, folders sorted by name
     * @param problems one line per archive or folder that could not be read
     */
    public record Expansion(List<DumpInput> inputs, List<String> problems) {
        public Expansion {
            inputs = List.copyOf(inputs);
            problems = List.copyOf(problems);
        }
    }

    /** Expands {@code paths}; stops early (returning what it has) when {@code cancelled} turns true. */
    public Expansion expand(List<Path> paths, BooleanSupplier cancelled) {
        List<DumpInput> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : paths) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            if (Files.isDirectory(p)) {
                walk(p, p, 0, out, problems, cancelled);
            } else if (isArchive(p)) {
                extract(p, p.toString(), out, problems, cancelled);
            } else {
                out.add(DumpInput.FileInput.of(p));
            }
        }
        return new Expansion(out, problems);
    }

    /** Whether the name says crash dump. */
    public static boolean isDumpName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return DUMP_EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /** Whether the name says an archive Faultline can open. */
    public static boolean isArchive(Path p) {
        Path name = p.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        return ARCHIVE_EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private void walk(Path root, Path dir, int depth, List<DumpInput> out, List<String> problems,
                      BooleanSupplier cancelled) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        } catch (IOException | SecurityException e) {
            problems.add(dir + ": cannot list the folder (" + e.getMessage() + ")");
            return;
        }
        children.sort(null);
        for (Path child : children) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                if (depth < MAX_DEPTH) {
                    walk(root, child, depth + 1, out, problems, cancelled);
                }
            } else if (Files.isRegularFile(child)) {
                String name = child.getFileName().toString();
                if (isDumpName(name)) {
                    out.add(DumpInput.FileInput.of(child));
                } else if (isArchive(child)) {
                    extract(child, child.toString(), out, problems, cancelled);
                }
            }
        }
    }

    private void extract(Path archive, String display, List<DumpInput> out, List<String> problems,
                         BooleanSupplier cancelled) {
        String n = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            Budget budget = Budget.of(Files.size(archive), Limits.defaults());
            if (n.endsWith(".zip")) {
                extractZip(archive, display, out, cancelled, budget);
            } else if (n.endsWith(".tar")) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
                    extractTar(in, display, out, cancelled, budget);
                }
            } else if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
                    extractTar(in, display, out, cancelled, budget);
                }
            } else if (n.endsWith(".gz")) {
                String inner = archive.getFileName().toString();
                inner = inner.substring(0, inner.length() - 3);
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
                    Path target = saveIfDump(in, inner, true, budget);
                    if (target != null) {
                        out.add(new DumpInput.FileInput(target, display + "!/" + inner));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(display + ": cannot read the archive (" + e.getMessage() + ")");
        }
    }

    private void extractZip(Path archive, String display, List<DumpInput> out, BooleanSupplier cancelled,
                            Budget budget) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements() && !cancelled.getAsBoolean()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    Path target = saveIfDump(in, e.getName(), false, budget);
                    if (target != null) {
                        out.add(new DumpInput.FileInput(target, display + "!/" + e.getName()));
                    }
                }
            }
        }
    }

    private void extractTar(InputStream raw, String display, List<DumpInput> out, BooleanSupplier cancelled,
                            Budget budget) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null && !cancelled.getAsBoolean()) {
                if (!e.isFile()) {
                    continue;
                }
                Path target = saveIfDump(tar, e.getName(), false, budget);
                if (target != null) {
                    out.add(new DumpInput.FileInput(target, display + "!/" + e.getName()));
                }
            }
        }
    }

    /**
     * Copies one entry into the scratch folder when its name or its first bytes say crash dump; returns where,
     * or null when skipped. The file name on disk is a counter plus a cleaned-up last name part.
     */
    private Path saveIfDump(InputStream in, String entryName, boolean keepAnyway, Budget budget) throws IOException {
        budget.entry();
        byte[] head = in.readNBytes(4);
        String sig = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!keepAnyway && !isDumpName(entryName) && !SIGNATURES.contains(sig)) {
            return null;
        }
        Files.createDirectories(scratch);
        Path target = scratch.resolve(String.format("%06d-%s", counter.incrementAndGet(), safeName(entryName)));
        try (OutputStream o = Files.newOutputStream(target)) {
            o.write(head);
            budget.take(head.length);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                budget.take(n);
                o.write(buffer, 0, n);
            }
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return target;
    }

    /**
     * What one archive may write to the scratch folder: fleet triage's default limits ({@link Limits#defaults()}),
     * counted on the bytes actually extracted, so a zip bomb is stopped before it fills the disk.
     */
    static final class Budget {
        private final long maxBytes;
        private final long maxEntries;
        private final String why;
        private long bytes;
        private long entries;

        private Budget(long maxBytes, long maxEntries, String why) {
            this.maxBytes = maxBytes;
            this.maxEntries = maxEntries;
            this.why = why;
        }

        static Budget of(long archiveSize, Limits limits) {
            double byRatio = Math.max(limits.ratioGrace(), (double) archiveSize * limits.maxRatio());
            if (byRatio < Math.min(limits.maxTotalSize(), limits.maxEntrySize())) {
                return new Budget((long) byRatio, limits.maxEntries(), "expands more than "
                        + (long) limits.maxRatio() + " times its size (" + Limits.size((long) byRatio) + ")");
            }
            long max = Math.min(limits.maxTotalSize(), limits.maxEntrySize());
            return new Budget(max, limits.maxEntries(), "holds more than " + Limits.size(max));
        }

        void entry() throws IOException {
            if (++entries > maxEntries) {
                throw new IOException("refused: it has more than " + maxEntries + " entries");
            }
        }

        void take(long n) throws IOException {
            bytes += n;
            if (bytes > maxBytes) {
                throw new IOException("refused: it " + why + "; a zip bomb?");
            }
        }
    }

    /** The last part of an entry name with only letters, digits, dot, dash and underscore kept. */
    static String safeName(String entryName) {
        String last = entryName.substring(Math.max(entryName.lastIndexOf('/'), entryName.lastIndexOf('\\')) + 1);
        String clean = last.replaceAll("[^A-Za-z0-9._-]", "_");
        if (clean.isEmpty() || clean.chars().allMatch(c -> c == '.')) {
            clean = "entry";
        }
        return clean.length() > 100 ? clean.substring(clean.length() - 100) : clean;
    }
}
