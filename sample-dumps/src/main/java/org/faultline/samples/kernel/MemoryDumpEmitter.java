package org.faultline.samples.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.kernel.KernelLayout.PageRun;
import org.faultline.samples.kernel.KernelLayout.Region;
import org.faultline.samples.kernel.PhysicalMemory.Run;

/**
 * Writes a full (DumpType 1) or bitmap (5 / 6) {@link SynthKernelDump}: header, bitmap header and bitmap, then the
 * present pages in file order. Output goes to a {@link Sink} in increasing offset order, so files are written with
 * positioned writes (pages with no contents stay sparse holes) and streams need only zero-fill the gaps.
 */
final class MemoryDumpEmitter {
    private static final int PAGE = 0x1000;
    private static final int BITMAP_HEADER = 0x38;
    private static final long SDMP = 0x504D_4453L;
    private static final long FDMP = 0x504D_4446L;
    private static final long DUMP = 0x504D_5544L;

    /** Receives the file's bytes in increasing offset order. */
    private interface Sink {
        void write(long offset, byte[] data) throws IOException;

        void finish(long size) throws IOException;
    }

    private final SynthKernelDump b;
    private final Arch arch;
    private final PhysicalMemory mem;
    private final List<Run> runs;
    private final List<PageRun> pageRuns = new ArrayList<>();
    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final long firstPage;
    private final long bitmapBits;
    private final long fileSize;

    MemoryDumpEmitter(SynthKernelDump builder) {
        this.b = builder;
        this.arch = builder.arch;
        this.mem = builder.memory;
        this.runs = mem.runs();
        int hs = arch.headerSize();
        region("header", 0, hs);
        region("header.context", HeaderField.CONTEXT_RECORD.offset(arch), HeaderImage.context(b).size());
        region("header.exception", HeaderField.EXCEPTION.offset(arch), ExceptionRecord.size(arch));
        if (builder.kind == SynthKernelDump.Kind.FULL) {
            int max = arch.is64() ? 43 : 86;
            if (runs.size() > max) {
                throw new IllegalStateException(runs.size() + " runs of present pages; a full dump's descriptor holds " + max);
            }
            bitmapBits = 0;
            firstPage = hs;
        } else {
            bitmapBits = mem.physicalPages();
            if (!runs.isEmpty()) {
                Run last = runs.get(runs.size() - 1);
                if (last.firstPfn() + last.count() > bitmapBits) {
                    throw new IllegalStateException("present frame 0x" + Long.toHexString(last.firstPfn() + last.count() - 1)
                            + " beyond the bitmap's " + bitmapBits + " pages");
                }
            }
            long bitmapBytes = (bitmapBits + 7) / 8;
            region("bitmapHeader", hs, BITMAP_HEADER);
            region("bitmap", hs + BITMAP_HEADER, bitmapBytes);
            firstPage = (hs + BITMAP_HEADER + bitmapBytes + PAGE - 1) & -PAGE;
        }
        region("header.physicalMemoryBlock", HeaderField.PHYSICAL_MEMORY_BLOCK.offset(arch), memoryBlock().length);
        long at = firstPage;
        for (Run r : runs) {
            pageRuns.add(new PageRun(r.firstPfn(), r.count(), at));
            at += r.count() * PAGE;
        }
        fileSize = at;
        region("pages", firstPage, fileSize - firstPage);
    }

    KernelLayout layout() {
        long type = b.header.getOrDefault(HeaderField.DUMP_TYPE, dumpType());
        return new KernelLayout(arch, type, regions, List.of(), pageRuns, fileSize);
    }

    WrittenKernelDump toBytes() {
        if (fileSize > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a dump of " + fileSize + " bytes does not fit in an array; use writeTo(Path)");
        }
        byte[] out = new byte[(int) fileSize];
        emit(new Sink() {
            @Override
            public void write(long offset, byte[] data) {
                System.arraycopy(data, 0, out, (int) offset, data.length);
            }

            @Override
            public void finish(long size) {
            }
        });
        return new WrittenKernelDump(out, layout());
    }

    KernelLayout toFile(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(0);
            FileChannel ch = raf.getChannel();
            emit(new Sink() {
                @Override
                public void write(long offset, byte[] data) throws IOException {
                    ByteBuffer buf = ByteBuffer.wrap(data);
                    long at = offset;
                    while (buf.hasRemaining()) {
                        at += ch.write(buf, at);
                    }
                }

                @Override
                public void finish(long size) throws IOException {
                    raf.setLength(size);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return layout();
    }

    KernelLayout toStream(OutputStream out) throws IOException {
        byte[] zeros = new byte[0x10000];
        emit(new Sink() {
            private long position;

            @Override
            public void write(long offset, byte[] data) throws IOException {
                fill(offset);
                out.write(data);
                position += data.length;
            }

            @Override
            public void finish(long size) throws IOException {
                fill(size);
            }

            private void fill(long to) throws IOException {
                if (to < position) {
                    throw new IllegalStateException("internal: out-of-order write at " + to);
                }
                while (position < to) {
                    int n = (int) Math.min(zeros.length, to - position);
                    out.write(zeros, 0, n);
                    position += n;
                }
            }
        });
        return layout();
    }

    private void emit(Sink sink) {
        try {
            Map<HeaderField, Long> computed = new EnumMap<>(HeaderField.class);
            computed.put(HeaderField.DUMP_TYPE, dumpType());
            computed.put(HeaderField.REQUIRED_DUMP_SPACE, fileSize);
            sink.write(0, HeaderImage.build(b, computed, memoryBlock()));
            if (b.kind == SynthKernelDump.Kind.BITMAP) {
                sink.write(arch.headerSize(), bitmapHeaderAndBitmap());
            }
            for (PageRun r : pageRuns) {
                for (Map.Entry<Long, byte[]> page : mem.contents(r.firstPfn(), r.firstPfn() + r.count()).entrySet()) {
                    sink.write(r.fileOffset() + (page.getKey() - r.firstPfn()) * PAGE, page.getValue());
                }
            }
            sink.finish(fileSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long dumpType() {
        return b.kind == SynthKernelDump.Kind.FULL ? 1 : b.kernelBitmap ? 6 : 5;
    }

    /**
     * PHYSICAL_MEMORY_DESCRIPTOR64 {NumberOfRuns u32, pad, NumberOfPages u64, {BasePage, PageCount} u64 pairs} or
     * the 32-bit one with u32 fields. Full dumps list the present runs; bitmap dumps one run over all bitmap pages.
     */
    private byte[] memoryBlock() {
        List<Run> listed = b.kind == SynthKernelDump.Kind.FULL ? runs : List.of(new Run(0, mem.physicalPages()));
        long pages = listed.stream().mapToLong(Run::count).sum();
        LeWriter w = new LeWriter();
        if (arch.is64()) {
            w.u32(listed.size()).u32(0).u64(pages);
            listed.forEach(r -> w.u64(r.firstPfn()).u64(r.count()));
        } else {
            w.u32(listed.size()).u32(pages);
            listed.forEach(r -> w.u32(r.firstPfn()).u32(r.count()));
        }
        return w.toByteArray();
    }

    private byte[] bitmapHeaderAndBitmap() {
        long bytes = (bitmapBits + 7) / 8;
        if (bytes > Integer.MAX_VALUE - BITMAP_HEADER - 16) {
            throw new IllegalStateException("bitmap of " + bitmapBits + " pages too large");
        }
        byte[] out = new byte[(int) (BITMAP_HEADER + bytes)];
        LeWriter.putLe(out, 0, b.kernelBitmap ? SDMP : FDMP, 4);
        LeWriter.putLe(out, 4, DUMP, 4);
        LeWriter.putLe(out, 0x20, firstPage, 8);
        LeWriter.putLe(out, 0x28, mem.presentPages(), 8);
        LeWriter.putLe(out, 0x30, bitmapBits, 8);
        for (Run r : runs) {
            for (long pfn = r.firstPfn(); pfn < r.firstPfn() + r.count(); pfn++) {
                if ((pfn & 7) == 0 && pfn + 8 <= r.firstPfn() + r.count()) {
                    out[(int) (BITMAP_HEADER + (pfn >>> 3))] = (byte) 0xFF;
                    pfn += 7;
                } else {
                    out[(int) (BITMAP_HEADER + (pfn >>> 3))] |= (byte) (1 << (pfn & 7));
                }
            }
        }
        return out;
    }

    private void region(String label, long offset, long size) {
        regions.put(label, new Region(offset, size));
    }
}
