package org.faultline.triage.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Test archives written with Commons Compress's own writers, from the committed samples (never from corpus files).
 * Entries are kept in the order given.
 */
final class Archives {
    private Archives() {
    }

    static Path root() {
        return Path.of(System.getProperty("faultline.root", "..")).toAbsolutePath().normalize();
    }

    /** The committed sample dumps, by file name, in name order. */
    static Map<String, byte[]> samples() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(root().resolve("sample-dumps/dumps"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".dmp")).sorted().toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        return zip(entries, ZipArchiveEntry.DEFLATED);
    }

    static byte[] zip(Map<String, byte[]> entries, int method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipArchiveEntry z = new ZipArchiveEntry(e.getKey());
                z.setMethod(method);
                if (method == ZipArchiveEntry.STORED) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    z.setSize(e.getValue().length);
                    z.setCrc(crc.getValue());
                }
                zip.putArchiveEntry(z);
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] tar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(e.getValue().length);
                tar.putArchiveEntry(t);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] sevenZ(Map<String, byte[]> entries) throws IOException {
        SeekableInMemoryByteChannel ch = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile z = new SevenZOutputFile(ch)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                SevenZArchiveEntry s = new SevenZArchiveEntry();
                s.setName(e.getKey());
                s.setSize(e.getValue().length);
                z.putArchiveEntry(s);
                z.write(e.getValue());
                z.closeArchiveEntry();
            }
        }
        return Arrays.copyOf(ch.array(), (int) ch.size());
    }

    /** Gzip with the member's name in the header (or none). */
    static byte[] gzip(byte[] data, String memberName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GzipParameters p = new GzipParameters();
        if (memberName != null) {
            p.setFileName(memberName);
        }
        try (OutputStream out = new GzipCompressorOutputStream(bytes, p)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static byte[] bzip2(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = XZCompressorOutputStream.builder().setOutputStream(bytes)
                .setLzma2Options(new org.tukaani.xz.LZMA2Options(1)).get()) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** {@code size} bytes: a dump signature then zeros, written straight into a compressor (never held whole). */
    static byte[] zerosDump(long size, String signature, Compressor c) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = c.wrap(bytes)) {
            out.write(signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1 << 16];
            for (long left = size - signature.length(); left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }
        return bytes.toByteArray();
    }

    /** A compressing wrapper. */
    interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    /** A zip holding one deflated entry of {@code size} bytes (signature then zeros). */
    static byte[] zipBomb(String name, long size, String signature) throws IOException {
        return zerosDump(size, signature, out -> {
            ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out);
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            return new java.io.FilterOutputStream(zip) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    zip.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    zip.closeArchiveEntry();
                    zip.close();
                }
            };
        });
    }

    static Map<String, byte[]> of(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            m.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return m;
    }

    static List<String> names(Map<String, byte[]> m) {
        return List.copyOf(m.keySet());
    }
}
