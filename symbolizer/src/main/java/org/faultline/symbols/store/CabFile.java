package org.faultline.symbols.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * A Microsoft Cabinet ({@code MSCF}) reader, enough for symbol-server {@code _} copies: one cabinet (no
 * spanning), any number of folders and files, compression none (0) or MSZIP (1). Quantum and LZX folders are
 * listed but refused with {@link DumpFormatException.UnsupportedFormat} when expanded.
 *
 * <p>Layout (MS-CAB): CFHEADER (36 bytes, optional reserve fields), CFFOLDER records (8 bytes + reserve),
 * CFFILE records at {@code coffFiles} (16 bytes + NUL-terminated name), CFDATA blocks per folder at
 * {@code coffCabStart} (checksum, cbData, cbUncomp, reserve, data). An MSZIP block is {@code "CK"} followed by
 * a raw DEFLATE stream whose 32 KiB history carries over from the previous block of the folder.
 *
 * <p>Hostile input: every record is bounds-checked against the declared cabinet size; counts are checked
 * against the room they need before anything is allocated; each file's range must lie inside its folder's
 * declared data; non-zero block checksums are verified; each block must inflate to exactly its declared
 * size; and the bytes a member expands to (including the folder bytes before it) are capped by a limit
 * ({@link #DEFAULT_MAX_OUTPUT} unless given). Errors are {@link DumpFormatException}s naming the record and
 * its file offset.
 */
public final class CabFile implements AutoCloseable {
    /** The default cap on the bytes one member may expand to: 1 GiB. */
    public static final long DEFAULT_MAX_OUTPUT = 1L << 30;

    static final long SIGNATURE = 0x4643534DL; // "MSCF"
    static final int HEADER_SIZE = 36;
    private static final int FLAG_PREV_CABINET = 0x1;
    private static final int FLAG_NEXT_CABINET = 0x2;
    private static final int FLAG_RESERVE_PRESENT = 0x4;
    private static final int NAME_IS_UTF = 0x80;
    private static final int MAX_NAME = 256;
    private static final int WINDOW = 32 * 1024;

    /** A folder's compression method (low nibble of typeCompress). */
    public enum Compression { NONE, MSZIP, QUANTUM, LZX, UNKNOWN }

    /**
     * One CFFOLDER.
     *
     * @param recordOffset     file offset of the CFFOLDER record
     * @param dataOffset       coffCabStart: file offset of the first CFDATA block
     * @param uncompressedSize sum of the blocks' cbUncomp
     */
    public record Folder(int index, long recordOffset, long dataOffset, int dataBlocks, int typeCompress,
            long uncompressedSize) {
        public Compression compression() {
            return switch (typeCompress & 0xF) {
                case 0 -> Compression.NONE;
                case 1 -> Compression.MSZIP;
                case 2 -> Compression.QUANTUM;
                case 3 -> Compression.LZX;
                default -> Compression.UNKNOWN;
            };
        }
    }

    /**
     * One CFFILE: a member of the cabinet.
     *
     * @param name         as stored; may include folders ({@code debug/debug.pdb}) — never use it as a path
     * @param folderOffset uoffFolderStart: where the member starts in its folder's uncompressed data
     */
    public record Member(int index, long recordOffset, String name, long size, long folderOffset, int folder,
            int date, int time, int attributes) {
        /** The name's last component (after {@code /} or {@code \}). */
        public String baseName() {
            int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            return name.substring(cut + 1);
        }
    }

    private final ByteSource source;
    private final boolean ownsSource;
    private final long cabinetSize;
    private final int dataReserve;
    private final List<Folder> folders;
    private final List<Member> members;

    private CabFile(ByteSource source, boolean ownsSource, long cabinetSize, int dataReserve, List<Folder> folders,
            List<Member> members) {
        this.source = source;
        this.ownsSource = ownsSource;
        this.cabinetSize = cabinetSize;
        this.dataReserve = dataReserve;
        this.folders = List.copyOf(folders);
        this.members = List.copyOf(members);
    }

    /** True when the file starts with {@code MSCF}. */
    public static boolean isCabinet(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] sig = in.readNBytes(4);
            return sig.length == 4 && sig[0] == 'M' && sig[1] == 'S' && sig[2] == 'C' && sig[3] == 'F';
        }
    }

    /**
     * Opens a cabinet file (read with positional reads; closing releases the file).
     *
     * @throws DumpFormatException when the headers are damaged or describe an unsupported cabinet
     * @throws IOException         when the file cannot be read
     */
    public static CabFile open(Path file) throws DumpFormatException, IOException {
        ChannelByteSource src = ChannelByteSource.open(file);
        try {
            return parse(src, true);
        } catch (UncheckedIOException e) {
            src.close();
            throw e.getCause();
        } catch (DumpFormatException | RuntimeException e) {
            src.close();
            throw e;
        }
    }

    /** Reads the headers of a cabinet held by {@code source} (which the caller keeps open and closes). */
    public static CabFile read(ByteSource source) throws DumpFormatException {
        return parse(source, false);
    }

    private static CabFile parse(ByteSource src, boolean owns) throws DumpFormatException {
        Cursor h = src.cursor("CFHEADER", 0, HEADER_SIZE);
        long signature = h.u32();
        if (signature != SIGNATURE) {
            throw new DumpFormatException.BadSignature("CFHEADER", 0,
                    String.format("not a cabinet: signature 0x%08X, expected 'MSCF'", signature));
        }
        h.skip(4);
        long cbCabinet = h.u32();
        h.skip(4);
        long coffFiles = h.u32();
        h.skip(4);
        int minor = h.u8();
        int major = h.u8();
        int cFolders = h.u16();
        int cFiles = h.u16();
        int flags = h.u16();
        if (major != 1) {
            throw new DumpFormatException.UnsupportedFormat("CFHEADER", 0x18,
                    "cabinet format version " + major + "." + minor + " (only 1.x is known)");
        }
        if (cbCabinet < HEADER_SIZE) {
            throw new DumpFormatException.InvalidValue("CFHEADER", 8, "cbCabinet " + cbCabinet + " is smaller than the header");
        }
        if (cbCabinet > src.size()) {
            throw new DumpFormatException.Truncated("CFHEADER", 8,
                    "cbCabinet says " + cbCabinet + " bytes, the file has " + src.size());
        }
        if ((flags & (FLAG_PREV_CABINET | FLAG_NEXT_CABINET)) != 0) {
            throw new DumpFormatException.UnsupportedFormat("CFHEADER", 0x1E,
                    String.format("cabinet spans several files (flags 0x%04X); only single cabinets are supported", flags));
        }
        Bounds b = new Bounds(src, cbCabinet);
        long pos = HEADER_SIZE;
        int folderReserve = 0;
        int dataReserve = 0;
        if ((flags & FLAG_RESERVE_PRESENT) != 0) {
            Cursor r = b.cursor("CFHEADER reserve sizes", pos, 4);
            int headerReserve = r.u16();
            folderReserve = r.u8();
            dataReserve = r.u8();
            pos += 4 + headerReserve;
        }
        if (cFiles > 0 && cFolders == 0) {
            throw new DumpFormatException.InvalidValue("CFHEADER", 0x1A, cFiles + " files but no folders");
        }
        long folderRecord = 8L + folderReserve;
        b.require("CFFOLDER[0.." + cFolders + ")", pos, cFolders * folderRecord);
        List<Folder> folders = new ArrayList<>(cFolders);
        long totalBlocks = 0;
        for (int i = 0; i < cFolders; i++) {
            long at = pos + i * folderRecord;
            Cursor f = b.cursor("CFFOLDER[" + i + "]", at, 8);
            long coffCabStart = f.u32();
            int cCFData = f.u16();
            int typeCompress = f.u16();
            totalBlocks += cCFData;
            if (totalBlocks > cbCabinet / 8) {
                throw new DumpFormatException.InvalidValue("CFFOLDER[" + i + "]", at + 4,
                        "folders declare " + totalBlocks + " data blocks, more than a " + cbCabinet + "-byte cabinet can hold");
            }
            long size = scanBlocks(b, i, coffCabStart, cCFData, dataReserve);
            folders.add(new Folder(i, at, coffCabStart, cCFData, typeCompress, size));
        }
        if (cFiles > 0) {
            b.require("CFFILE[0.." + cFiles + ")", coffFiles, cFiles * 17L);
        }
        List<Member> members = new ArrayList<>(cFiles);
        long at = coffFiles;
        for (int i = 0; i < cFiles; i++) {
            String structure = "CFFILE[" + i + "]";
            Cursor c = b.cursor(structure, at, 16);
            long cbFile = c.u32();
            long uoffFolderStart = c.u32();
            int iFolder = c.u16();
            int date = c.u16();
            int time = c.u16();
            int attribs = c.u16();
            long nameAt = at + 16;
            int room = (int) Math.min(MAX_NAME + 1, cbCabinet - nameAt);
            byte[] raw = b.cursor(structure + ".szName", nameAt, Math.max(room, 0)).bytes(Math.max(room, 0));
            int len = 0;
            while (len < raw.length && raw[len] != 0) {
                len++;
            }
            if (len == raw.length) {
                throw new DumpFormatException.InvalidValue(structure, nameAt,
                        "name is not NUL-terminated within " + MAX_NAME + " bytes");
            }
            String name = new String(raw, 0, len,
                    (attribs & NAME_IS_UTF) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            if (iFolder >= 0xFFFD) {
                throw new DumpFormatException.UnsupportedFormat(structure, at + 8,
                        String.format("file continues from or into another cabinet (iFolder 0x%04X)", iFolder));
            }
            if (iFolder >= cFolders) {
                throw new DumpFormatException.InvalidValue(structure, at + 8,
                        "iFolder " + iFolder + " but the cabinet has " + cFolders + " folders");
            }
            Folder folder = folders.get(iFolder);
            if (uoffFolderStart + cbFile > folder.uncompressedSize()) {
                throw new DumpFormatException.InvalidValue(structure, at,
                        "bytes [" + uoffFolderStart + ", " + (uoffFolderStart + cbFile) + ") lie outside folder "
                                + iFolder + "'s " + folder.uncompressedSize() + " bytes of data");
            }
            members.add(new Member(i, at, name, cbFile, uoffFolderStart, iFolder, date, time, attribs));
            at = nameAt + len + 1;
        }
        return new CabFile(src, owns, cbCabinet, dataReserve, folders, members);
    }

    /** Walks a folder's CFDATA headers: all inside the cabinet; returns the sum of cbUncomp. */
    private static long scanBlocks(Bounds b, int folder, long offset, int count, int reserve)
            throws DumpFormatException {
        long total = 0;
        long at = offset;
        for (int i = 0; i < count; i++) {
            String structure = blockName(i, folder);
            Cursor c = b.cursor(structure, at, 8L + reserve);
            c.skip(4);
            int cbData = c.u16();
            int cbUncomp = c.u16();
            if (cbUncomp == 0) {
                throw new DumpFormatException.UnsupportedFormat(structure, at + 6,
                        "cbUncomp 0: the block continues in another cabinet");
            }
            b.require(structure + " data", at + 8 + reserve, cbData);
            total += cbUncomp;
            at += 8L + reserve + cbData;
        }
        return total;
    }

    private static String blockName(int block, int folder) {
        return "CFDATA[" + block + "] of CFFOLDER[" + folder + "]";
    }

    public List<Folder> folders() {
        return folders;
    }

    public List<Member> members() {
        return members;
    }

    /** The cabinet's declared size (cbCabinet). */
    public long cabinetSize() {
        return cabinetSize;
    }

    /**
     * The member a symbol store means: the only one, or else the one whose base name equals {@code wanted}
     * (ignoring case); null when there is none or the choice is ambiguous.
     */
    public Member memberFor(String wanted) {
        if (members.size() == 1) {
            return members.get(0);
        }
        Member hit = null;
        for (Member m : members) {
            if (m.baseName().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                if (hit != null) {
                    return null;
                }
                hit = m;
            }
        }
        return hit;
    }

    /**
     * Writes {@code member}'s bytes to {@code target} (created or replaced).
     *
     * @see #extract(Member, OutputStream, long, CancellationToken)
     */
    public long extractTo(Member member, Path target, long maxOutput, CancellationToken cancel)
            throws DumpFormatException, IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16)) {
            return extract(member, out, maxOutput, cancel);
        }
    }

    /**
     * Writes {@code member}'s bytes to {@code out}.
     *
     * @param maxOutput cap on the bytes decoded for this member, counting the folder bytes before it
     * @return the number of bytes written (the member's size)
     * @throws DumpFormatException   for damaged data, an unsupported compression, or a member over the cap
     * @throws IOException           when writing fails or the cabinet file cannot be read
     * @throws CancellationException when {@code cancel} fires
     */
    public long extract(Member member, OutputStream out, long maxOutput, CancellationToken cancel)
            throws DumpFormatException, IOException {
        try {
            return extractChecked(member, out, maxOutput, cancel);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private long extractChecked(Member member, OutputStream out, long maxOutput, CancellationToken cancel)
            throws DumpFormatException, IOException {
        String fileName = "CFFILE[" + member.index() + "]";
        if (member.folderOffset() + member.size() > maxOutput) {
            throw new DumpFormatException.InvalidValue(fileName, member.recordOffset(),
                    "expanding needs " + (member.folderOffset() + member.size()) + " bytes, more than the limit of "
                            + maxOutput);
        }
        Folder folder = folders.get(member.folder());
        Compression method = folder.compression();
        if (method != Compression.NONE && method != Compression.MSZIP) {
            String what = method == Compression.LZX
                    ? "LZX compression (window 2^" + ((folder.typeCompress() >> 8) & 0x1F) + ")"
                    : method == Compression.QUANTUM ? "Quantum compression"
                    : String.format("compression type 0x%04X", folder.typeCompress());
            throw new DumpFormatException.UnsupportedFormat("CFFOLDER[" + folder.index() + "]",
                    folder.recordOffset() + 6, what + " is not supported; only uncompressed and MSZIP cabinets can be expanded");
        }
        long start = member.folderOffset();
        long end = start + member.size();
        if (member.size() == 0) {
            return 0;
        }
        Bounds b = new Bounds(source, cabinetSize);
        Mszip mszip = method == Compression.MSZIP ? new Mszip() : null;
        try {
            long pos = 0;
            long at = folder.dataOffset();
            for (int i = 0; i < folder.dataBlocks() && pos < end; i++) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("cabinet expansion cancelled");
                }
                String structure = blockName(i, folder.index());
                Cursor c = b.cursor(structure, at, 8L + dataReserve);
                long csum = c.u32();
                int cbData = c.u16();
                int cbUncomp = c.u16();
                byte[] reserve = c.bytes(dataReserve);
                long dataAt = at + 8 + dataReserve;
                byte[] data = b.cursor(structure + " data", dataAt, cbData).bytes(cbData);
                if (csum != 0) {
                    long actual = checksum(data, cbData, reserve, cbUncomp);
                    if (actual != csum) {
                        throw new DumpFormatException.InvalidValue(structure, at,
                                String.format("checksum 0x%08X does not match the data (0x%08X)", csum, actual));
                    }
                }
                byte[] plain;
                if (mszip == null) {
                    if (cbData != cbUncomp) {
                        throw new DumpFormatException.InvalidValue(structure, at + 4,
                                "uncompressed block with cbData " + cbData + " but cbUncomp " + cbUncomp);
                    }
                    plain = data;
                } else {
                    plain = mszip.inflate(data, cbUncomp, structure, dataAt);
                }
                long from = Math.max(pos, start);
                long to = Math.min(pos + cbUncomp, end);
                if (from < to) {
                    out.write(plain, (int) (from - pos), (int) (to - from));
                }
                pos += cbUncomp;
                at = dataAt + cbData;
            }
            if (pos < end) {
                throw new DumpFormatException.Truncated(fileName, member.recordOffset(),
                        "folder data ends at " + pos + ", the member needs " + end);
            }
            return member.size();
        } finally {
            if (mszip != null) {
                mszip.close();
            }
        }
    }

    /**
     * The MS-CAB CFDATA checksum: XOR of the data as little-endian 32-bit words (a 1-3 byte tail packed
     * first-byte-highest), seeded with 0, then the same over cbData, cbUncomp and the reserve bytes.
     */
    static long checksum(byte[] data, int length, byte[] reserve, int cbUncomp) {
        long csum = checksumOf(data, length, 0);
        int cbData = length;
        byte[] tail = new byte[4 + reserve.length];
        tail[0] = (byte) cbData;
        tail[1] = (byte) (cbData >>> 8);
        tail[2] = (byte) cbUncomp;
        tail[3] = (byte) (cbUncomp >>> 8);
        System.arraycopy(reserve, 0, tail, 4, reserve.length);
        return checksumOf(tail, tail.length, csum);
    }

    static long checksumOf(byte[] b, int length, long seed) {
        long csum = seed;
        int words = length / 4;
        for (int i = 0; i < words; i++) {
            int p = i * 4;
            csum ^= (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
        }
        long ul = 0;
        int p = words * 4;
        switch (length % 4) {
            case 3 -> ul = (b[p] & 0xFFL) << 16 | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL);
            case 2 -> ul = (b[p] & 0xFFL) << 8 | (b[p + 1] & 0xFFL);
            case 1 -> ul = b[p] & 0xFFL;
            default -> {
            }
        }
        return (csum ^ ul) & 0xFFFF_FFFFL;
    }

    @Override
    public void close() {
        if (ownsSource) {
            source.close();
        }
    }

    /** MSZIP: per block "CK" + raw DEFLATE, primed with the previous 32 KiB of output. */
    private static final class Mszip {
        private final Inflater inflater = new Inflater(true);
        private final byte[] window = new byte[WINDOW];
        private int windowLength;

        byte[] inflate(byte[] data, int cbUncomp, String structure, long dataAt) throws DumpFormatException {
            if (data.length < 2 || data[0] != 'C' || data[1] != 'K') {
                throw new DumpFormatException.InvalidValue(structure, dataAt, "MSZIP block does not start with 'CK'");
            }
            inflater.reset();
            if (windowLength > 0) {
                inflater.setDictionary(window, 0, windowLength);
            }
            inflater.setInput(data, 2, data.length - 2);
            byte[] out = new byte[cbUncomp];
            int n = 0;
            try {
                while (n < cbUncomp) {
                    int k = inflater.inflate(out, n, cbUncomp - n);
                    if (k == 0) {
                        break;
                    }
                    n += k;
                }
                if (n != cbUncomp) {
                    throw new DumpFormatException.InvalidValue(structure, dataAt,
                            "inflates to " + n + " bytes, cbUncomp says " + cbUncomp);
                }
                if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                    throw new DumpFormatException.InvalidValue(structure, dataAt,
                            "inflates to more than cbUncomp (" + cbUncomp + ") bytes");
                }
            } catch (DataFormatException e) {
                throw new DumpFormatException.InvalidValue(structure, dataAt, "bad DEFLATE data: " + e.getMessage());
            }
            remember(out);
            return out;
        }

        private void remember(byte[] out) {
            if (out.length >= WINDOW) {
                System.arraycopy(out, out.length - WINDOW, window, 0, WINDOW);
                windowLength = WINDOW;
                return;
            }
            int keep = Math.min(windowLength, WINDOW - out.length);
            System.arraycopy(window, windowLength - keep, window, 0, keep);
            System.arraycopy(out, 0, window, keep, out.length);
            windowLength = keep + out.length;
        }

        void close() {
            inflater.end();
        }
    }

    /** Range checks against the cabinet's declared size (which is known to fit in the file). */
    private record Bounds(ByteSource src, long cabinetSize) {
        void require(String structure, long offset, long length) throws DumpFormatException {
            if (offset < 0 || length < 0 || offset > cabinetSize || length > cabinetSize - offset) {
                throw new DumpFormatException.OutOfBounds(structure, Math.max(0, Math.min(offset, cabinetSize)),
                        "needs " + length + " bytes at 0x" + Long.toHexString(offset) + ", the cabinet declares "
                                + cabinetSize + " bytes");
            }
        }

        Cursor cursor(String structure, long offset, long length) throws DumpFormatException {
            require(structure, offset, length);
            return src.cursor(structure, offset, length);
        }
    }
}
