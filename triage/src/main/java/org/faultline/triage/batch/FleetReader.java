package org.faultline.triage.batch;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.triage.report.Safe;

/**
 * Finds the dumps in files, folders and archives and hands each to {@link Events#dump}. Dumps are recognised by
 * signature; other files are reported as skipped. Archives (zip, 7z, tar, gzip, bzip2, xz and their combinations,
 * with one level of archives inside archives) are read as streams, or in memory for 7z inside something else;
 * nothing is written to disk except a dump bigger than the in-memory limit, which goes to a generated file in the
 * {@link SpillArea}. Entry names are only reported (escaped), never used as paths. Every byte read out of an
 * archive goes through a {@link GuardedInputStream}, so the {@link Limits} hold whatever the headers declare.
 * Single-threaded: one reader feeds the workers.
 */
final class FleetReader {
    /** Where the reader's findings go. */
    interface Events {
        /** A dump to analyse; the receiver owns {@code work} and must close it. */
        void dump(String file, String entry, DumpWork work) throws InterruptedException;

        /** An entry or file refused or unreadable; not a report. */
        void failed(String file, String entry, long size, DumpError error);

        /** A file or entry that is not a dump (nor an archive to open). */
        void skipped(String file, String entry);

        /** {@code bytes} more of the input have been read (file sizes, for progress). */
        void progress(long bytes);
    }

    private static final int BUFFER = 64 * 1024;
    /** Largest first allocation a declared entry size may ask for. */
    private static final long TRUSTED = 8L << 20;
    /** The largest Java array. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final Limits limits;
    private final MemoryBudget budget;
    private final SpillArea spill;
    private final BooleanSupplier cancelled;
    private final Events events;
    /** Budget the reader itself holds (a nested 7z read into memory), which entries inside it cannot use. */
    private long held;
    /** Bytes of the current input file already reported as progress. */
    private long reported;

    FleetReader(Limits limits, MemoryBudget budget, SpillArea spill, BooleanSupplier cancelled, Events events) {
        this.limits = limits;
        this.budget = budget;
        this.spill = spill;
        this.cancelled = cancelled;
        this.events = events;
    }

    /** A dump, an archive or a folder (read recursively, in name order; links to folders are not followed). */
    void path(Path path) throws InterruptedException, GuardedInputStream.Cancelled {
        if (Files.isDirectory(path)) {
            folder(path);
        } else {
            file(path);
        }
    }

    private void folder(Path dir) throws InterruptedException, GuardedInputStream.Cancelled {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        } catch (IOException | RuntimeException e) {
            events.failed(dir.toString(), null, 0, new DumpError(DumpError.READ_ERROR, "cannot list the folder: " + e));
            return;
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path child : children) {
            checkCancelled();
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                events.failed(child.toString(), null, 0, new DumpError(DumpError.READ_ERROR, "cannot read: " + e));
                continue;
            }
            if (a.isDirectory()) {
                folder(child);
            } else if (a.isRegularFile() || (a.isSymbolicLink() && Files.isRegularFile(child))) {
                file(child);
            } else {
                events.skipped(child.toString(), null);
            }
        }
    }

    /** One file on disk. */
    void file(Path path) throws InterruptedException, GuardedInputStream.Cancelled {
        file(path, path.toString());
    }

    /** One file on disk, reported as {@code name} (a distributed job's original address, say). */
    void file(Path path, String name) throws InterruptedException, GuardedInputStream.Cancelled {
        byte[] head = new byte[Signature.HEAD];
        int n;
        long size;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            size = ch.size();
            n = readHead(ch, head);
        } catch (IOException | RuntimeException e) {
            events.failed(name, null, 0, new DumpError(DumpError.READ_ERROR, "cannot read: " + describe(e)));
            return;
        }
        Signature s = Signature.of(head, n);
        reported = 0;
        switch (s) {
            case DUMP -> events.dump(name, null, DumpWork.file(path, size));
            case OTHER -> events.skipped(name, null);
            case SEVEN_Z -> archive(name, () -> {
                try (CountingChannel ch = new CountingChannel(FileChannel.open(path, StandardOpenOption.READ))) {
                    sevenZ(name, null, ch, 0, new ArchiveTally(limits, ch::count));
                }
            });
            default -> archive(name, () -> {
                try (CountingInputStream in = new CountingInputStream(
                        new BufferedInputStream(Files.newInputStream(path), BUFFER))) {
                    stream(name, null, in, s, 0, new ArchiveTally(limits, in::count));
                }
            });
        }
        events.progress(Math.max(0, size - reported));
    }

    /** Reports the archive bytes read since the last report (at most once per MiB). */
    private void progress(ArchiveTally tally) {
        long now = tally.compressed();
        if (now - reported >= 1 << 20) {
            events.progress(now - reported);
            reported = now;
        }
    }

    /** One file held in memory (a distributed job's input); {@code name} is reported as the file. */
    void bytes(String name, byte[] data) throws InterruptedException, GuardedInputStream.Cancelled {
        Signature s = Signature.of(data, Math.min(data.length, Signature.HEAD));
        reported = 0;
        switch (s) {
            case DUMP -> events.dump(name, null, DumpWork.memory(new ArrayByteSource(data, name), () -> { }));
            case OTHER -> events.skipped(name, null);
            case SEVEN_Z -> archive(name, () -> {
                try (CountingChannel ch = new CountingChannel(new SeekableInMemoryByteChannel(data))) {
                    sevenZ(name, null, ch, 0, new ArchiveTally(limits, ch::count));
                }
            });
            default -> archive(name, () -> {
                try (CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(data))) {
                    stream(name, null, in, s, 0, new ArchiveTally(limits, in::count));
                }
            });
        }
        events.progress(Math.max(0, data.length - reported));
    }

    private interface ArchiveBody {
        void read() throws IOException, InterruptedException;
    }

    /** Runs the reading of one top-level archive; a refusal or a damaged archive ends it with a failed row. */
    private void archive(String file, ArchiveBody body) throws InterruptedException, GuardedInputStream.Cancelled {
        try {
            body.read();
        } catch (GuardedInputStream.Cancelled c) {
            throw c;
        } catch (Refusal r) {
            events.failed(file, r.entry(), 0, new DumpError(r.code(), r.getMessage() + "; the rest of the archive was not read"));
        } catch (IOException | RuntimeException e) {
            // Commons Compress reports some damage as runtime exceptions; either way the archive is unreadable.
            events.failed(file, null, 0, new DumpError(DumpError.ARCHIVE_UNREADABLE,
                    "cannot read the archive: " + describe(e) + "; the rest of it was not read"));
        }
    }

    // ---- streamed archives ---------------------------------------------------------------------------------

    private void stream(String file, String prefix, InputStream in, Signature s, int level, ArchiveTally tally)
            throws IOException, InterruptedException {
        switch (s) {
            case ZIP -> {
                // Streamed through the local headers (no central directory held in memory); stored entries with
                // data descriptors are allowed.
                try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new KeepOpen(in), "UTF-8", true, true)) {
                    entries(file, prefix, zip, level, tally, zip::getCompressedCount);
                }
            }
            case TAR -> {
                CountingInputStream counted = new CountingInputStream(in);
                try (TarArchiveInputStream tar = new TarArchiveInputStream(new KeepOpen(counted))) {
                    entries(file, prefix, tar, level, tally, counted::count);
                }
            }
            case GZIP, BZIP2, XZ -> compressed(file, prefix, in, s, level, tally);
            case SEVEN_Z -> sevenZInMemory(file, prefix, in, -1, level, tally);
            default -> throw new IllegalArgumentException("not an archive: " + s);
        }
    }

    /** A gzip, bzip2 or xz stream: its one member is a tar, another archive, a dump or something else. */
    private void compressed(String file, String prefix, InputStream in, Signature s, int level, ArchiveTally tally)
            throws IOException, InterruptedException {
        InputStream keep = new KeepOpen(in);
        CompressorInputStream c = switch (s) {
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(keep).setDecompressConcatenated(true).get();
            case BZIP2 -> new BZip2CompressorInputStream(keep, true);
            case XZ -> XZCompressorInputStream.builder().setInputStream(keep).setDecompressConcatenated(true)
                    .setMemoryLimitKiB((int) Math.min(Integer.MAX_VALUE, limits.decoderMemory() / 1024)).get();
            default -> throw new IllegalArgumentException("not a compressor: " + s);
        };
        try (c) {
            LongSupplier used = ((InputStreamStatistics) c)::getCompressedCount;
            BufferedInputStream b = new BufferedInputStream(c, BUFFER);
            b.mark(Signature.HEAD);
            byte[] head = new byte[Signature.HEAD];
            int n = readUpTo(b, head);
            b.reset();
            Signature inner = Signature.of(head, n);
            String member = label(prefix, memberName(file, prefix, c));
            switch (inner) {
                case TAR -> {
                    try (TarArchiveInputStream tar = new TarArchiveInputStream(new KeepOpen(b))) {
                        entries(file, prefix, tar, level, tally, used);
                    }
                }
                case ZIP -> stream(file, prefix, b, inner, level, tally);
                case SEVEN_Z -> sevenZInMemory(file, prefix, new GuardedInputStream(b, tally, member, used, cancelled),
                        -1, level, tally);
                case OTHER -> events.skipped(file, member);
                default -> {
                    tally.entry(member);
                    entry(file, member, -1, new GuardedInputStream(b, tally, member, used, cancelled), level, tally);
                }
            }
        }
    }

    /** Each entry of a zip or tar stream. */
    private void entries(String file, String prefix, ArchiveInputStream<?> archive, int level, ArchiveTally tally,
                         LongSupplier compressedCount) throws IOException, InterruptedException {
        ArchiveEntry e;
        while ((e = archive.getNextEntry()) != null) {
            checkCancelled();
            String name = label(prefix, Safe.text(e.getName()));
            tally.entry(name);
            if (e.isDirectory()) {
                continue;
            }
            long declared = e.getSize();
            if (e instanceof TarArchiveEntry t) {
                if (!t.isFile()) {
                    events.skipped(file, name); // links, devices, FIFOs: never followed
                    continue;
                }
                declared = Math.max(t.getSize(), t.getRealSize());
            }
            long start = compressedCount.getAsLong();
            GuardedInputStream g = new GuardedInputStream(archive, tally, name,
                    () -> compressedCount.getAsLong() - start, cancelled);
            if (!archive.canReadEntryData(e)) {
                events.failed(file, name, Math.max(0, declared), new DumpError(DumpError.UNSUPPORTED_ENTRY,
                        "the entry is encrypted or uses a compression method that cannot be read; not read"));
                continue;
            }
            if (escapes(e.getName())) {
                events.failed(file, name, Math.max(0, declared), traversal());
                g.drain();
                continue;
            }
            entry(file, name, declared, g, level, tally);
            progress(tally);
        }
    }

    /** Each entry of a 7z archive (random access: a file channel, or memory). */
    private void sevenZ(String file, String prefix, SeekableByteChannel channel, int level, ArchiveTally tally)
            throws IOException, InterruptedException {
        try (SevenZFile z = SevenZFile.builder().setSeekableByteChannel(channel)
                .setMaxMemoryLimitKiB((int) Math.min(Integer.MAX_VALUE, limits.decoderMemory() / 1024)).get()) {
            InputStream data = new InputStream() {
                @Override
                public int read() throws IOException {
                    return z.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return z.read(b, off, len);
                }
            };
            SevenZArchiveEntry e;
            while ((e = z.getNextEntry()) != null) {
                checkCancelled();
                String name = label(prefix, Safe.text(e.getName()));
                tally.entry(name);
                if (e.isDirectory() || !e.hasStream() || e.isAntiItem()) {
                    continue;
                }
                GuardedInputStream g = new GuardedInputStream(data, tally, name,
                        () -> z.getStatisticsForCurrentEntry().getCompressedCount(), cancelled);
                if (escapes(e.getName())) {
                    events.failed(file, name, e.getSize(), traversal());
                    g.drain(); // in a solid block the next entry's bytes come after these anyway
                    continue;
                }
                entry(file, name, e.getSize(), g, level, tally);
                progress(tally);
            }
        }
    }

    /** A 7z inside something else: read into memory (it needs random access), then read as a 7z. */
    private void sevenZInMemory(String file, String name, InputStream in, long declared, int level, ArchiveTally tally)
            throws IOException, InterruptedException {
        long limit = Math.min(MAX_ARRAY, Math.min(limits.inMemory(), (budget.capacity() - held) / 2));
        if (declared > limit) {
            events.failed(file, name, declared, tooBigForMemory(limit));
            drain(in);
            return;
        }
        Filled f = fill(in, new byte[0], 0, declared, limit);
        if (f.overflow()) {
            budget.release(f.reserved());
            events.failed(file, name, f.length(), tooBigForMemory(limit));
            drain(in);
            return;
        }
        held += f.reserved();
        try (CountingChannel ch = new CountingChannel(new SeekableInMemoryByteChannel(f.bytes()).truncate(f.length()))) {
            sevenZ(file, name, ch, level, tally);
        } finally {
            held -= f.reserved();
            budget.release(f.reserved());
        }
    }

    private static DumpError tooBigForMemory(long limit) {
        return new DumpError(DumpError.ENTRY_TOO_LARGE, "a 7z archive inside another archive is read in memory, and this"
                + " one is larger than " + Limits.size(limit) + "; extract it and triage it directly");
    }

    // ---- one entry -----------------------------------------------------------------------------------------

    /** An entry's bytes: a dump (analysed), an archive (opened, within the nesting limit) or something else. */
    private void entry(String file, String name, long declared, GuardedInputStream g, int level, ArchiveTally tally)
            throws IOException, InterruptedException {
        if (declared > limits.maxEntrySize()) {
            throw new Refusal(DumpError.ENTRY_TOO_LARGE, name, "the entry declares " + declared + " bytes, more than "
                    + Limits.size(limits.maxEntrySize()) + " (the entry size limit)");
        }
        byte[] head = new byte[Signature.HEAD];
        int n = readUpTo(g, head);
        Signature s = Signature.of(head, n);
        if (s == Signature.DUMP) {
            dump(file, name, declared, head, n, g);
        } else if (s.archive()) {
            if (level + 1 > limits.maxNesting()) {
                events.failed(file, name, Math.max(0, declared), new DumpError(DumpError.NESTED_TOO_DEEP,
                        "an archive nested more than " + limits.maxNesting() + " level"
                                + (limits.maxNesting() == 1 ? "" : "s") + " deep (the nesting limit); not read"));
                g.drain();
                return;
            }
            g.nested();
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head, 0, n), g);
            if (s == Signature.SEVEN_Z) {
                sevenZInMemory(file, name, whole, declared, level + 1, tally);
            } else {
                stream(file, name, whole, s, level + 1, tally);
            }
            g.drain();
        } else {
            events.skipped(file, name);
            g.drain();
        }
    }

    /** Reads a dump entry into memory, or spills it to a temporary file when it is too big for memory. */
    private void dump(String file, String name, long declared, byte[] head, int n, GuardedInputStream g)
            throws IOException, InterruptedException {
        long limit = Math.max(Signature.HEAD, Math.min(MAX_ARRAY, Math.min(limits.inMemory(), budget.capacity() - held)));
        if (declared > limit) {
            spill(file, name, declared, head, n, g);
            return;
        }
        Filled f = fill(g, head, n, declared, limit);
        if (f.overflow()) {
            try {
                InputStream rest = new SequenceInputStream(new ByteArrayInputStream(new byte[] {(byte) f.extra()}), g);
                spill(file, name, declared, f.bytes(), f.length(), rest);
            } finally {
                budget.release(f.reserved());
            }
            return;
        }
        long reserved = f.reserved();
        events.dump(file, name, DumpWork.memory(new BufferByteSource(f.bytes(), f.length(), name),
                () -> budget.release(reserved)));
    }

    /**
     * What {@link #fill} read: the bytes, how many, the budget reserved, and (when the limit was reached with more to
     * come) the first byte beyond it, else -1.
     */
    private record Filled(byte[] bytes, int length, long reserved, int extra) {
        boolean overflow() {
            return extra >= 0;
        }
    }

    /**
     * Reads {@code in} (after {@code head[0..n)}) into one array, reserving budget as it grows. Stops with
     * {@code overflow} when {@code limit} bytes are read and more remain; the caller then owns the reservation.
     */
    private Filled fill(InputStream in, byte[] head, int n, long declared, long limit)
            throws IOException, InterruptedException {
        // A declared size is a header's claim: trust it for the first allocation only up to TRUSTED, then grow
        // towards it (doubling at most), so a lying header costs no more than the bytes really there.
        int capacity = (int) Math.min(limit, declared >= n ? Math.min(declared, TRUSTED) : Math.max(n, BUFFER));
        budget.acquire(capacity);
        long reserved = capacity;
        try {
            byte[] buf = new byte[capacity];
            System.arraycopy(head, 0, buf, 0, n);
            int len = n;
            while (true) {
                if (len == buf.length) {
                    int extra = in.read();
                    if (extra < 0) {
                        break;
                    }
                    if (len >= limit) {
                        // The caller spills buf, this byte, then the rest of the stream.
                        return new Filled(buf, len, reserved, extra);
                    }
                    long want = 2L * buf.length;
                    if (declared > buf.length) {
                        want = Math.min(want, declared);
                    }
                    int grown = (int) Math.min(limit, Math.max(want, BUFFER));
                    budget.acquire(grown - buf.length);
                    reserved += grown - buf.length;
                    buf = Arrays.copyOf(buf, grown);
                    buf[len++] = (byte) extra;
                    continue;
                }
                int r = in.read(buf, len, buf.length - len);
                if (r < 0) {
                    break;
                }
                len += r;
            }
            return new Filled(buf, len, reserved, -1);
        } catch (IOException | RuntimeException | InterruptedException | Error e) {
            budget.release(reserved);
            throw e;
        }
    }

    /** Writes the dump to a generated file in the private temporary folder and hands the file over. */
    private void spill(String file, String name, long declared, byte[] prefix, int n, InputStream rest)
            throws IOException, InterruptedException {
        Path tmp;
        try {
            if (declared > 0 && declared > spill.usableSpace()) {
                throw new Refusal(DumpError.NO_SPACE, name, "the dump (" + declared + " bytes) is too big for memory"
                        + " and for the free space of the temporary folder");
            }
            tmp = spill.newFile();
        } catch (Refusal r) {
            throw r;
        } catch (IOException e) {
            throw new Refusal(DumpError.NO_SPACE, name, "the dump is too big for memory and the temporary folder"
                    + " cannot be used: " + describe(e));
        }
        boolean handed = false;
        long size = n;
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                write(out, prefix, 0, n, name);
                byte[] buffer = new byte[BUFFER];
                int r;
                while ((r = rest.read(buffer)) >= 0) {
                    write(out, buffer, 0, r, name);
                    size += r;
                }
            } catch (Refusal r) {
                throw r;
            } catch (IOException e) {
                throw new Refusal(DumpError.NO_SPACE, name, "the dump is too big for memory and could not be written"
                        + " to the temporary folder: " + describe(e));
            }
            events.dump(file, name, DumpWork.spilled(tmp, size));
            handed = true;
        } finally {
            if (!handed) {
                SpillArea.delete(tmp);
            }
        }
    }

    private static void write(OutputStream out, byte[] b, int off, int len, String name) throws Refusal {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new Refusal(DumpError.NO_SPACE, name, "the dump is too big for memory and could not be written"
                    + " to the temporary folder: " + describe(e));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void checkCancelled() throws GuardedInputStream.Cancelled {
        if (cancelled.getAsBoolean()) {
            throw new GuardedInputStream.Cancelled();
        }
    }

    private static DumpError traversal() {
        return new DumpError(DumpError.PATH_TRAVERSAL,
                "the entry name climbs out of the archive (\"..\") or is absolute; refused, not read");
    }

    /** Whether an entry name, used as a path, would leave the folder it was extracted to. */
    static boolean escapes(String raw) {
        String n = raw.replace('\\', '/');
        if (n.startsWith("/") || (n.length() >= 2 && n.charAt(1) == ':')) {
            return true;
        }
        for (String segment : n.split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** {@code outer!inner} for an entry of a nested archive. */
    private static String label(String prefix, String name) {
        return prefix == null ? name : prefix + "!" + name;
    }

    /** The name of a compressed stream's member: the gzip header's, else the file's name without its suffix. */
    private static String memberName(String file, String prefix, CompressorInputStream c) {
        if (c instanceof GzipCompressorInputStream gz && gz.getMetaData().getFileName() != null
                && !gz.getMetaData().getFileName().isEmpty()) {
            return Safe.text(gz.getMetaData().getFileName());
        }
        String outer = prefix != null ? prefix : file;
        int slash = Math.max(outer.lastIndexOf('/'), outer.lastIndexOf('\\'));
        String base = Safe.text(outer.substring(slash + 1));
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static int readHead(FileChannel ch, byte[] head) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(head);
        while (b.hasRemaining() && ch.read(b) >= 0) {
            // loop until full or end of file
        }
        return b.position();
    }

    private static int readUpTo(InputStream in, byte[] buf) throws IOException {
        int len = 0;
        while (len < buf.length) {
            int r = in.read(buf, len, buf.length - len);
            if (r < 0) {
                break;
            }
            len += r;
        }
        return len;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        while (in.read(buffer) >= 0) {
            // discard
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Keeps the underlying stream open when an archive reader on top of it is closed. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the owner closes the underlying stream
        }
    }
}
