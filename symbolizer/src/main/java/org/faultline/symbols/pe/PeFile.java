package org.faultline.symbols.pe;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.MappedByteSource;
import org.faultline.symbols.ByteStrings;

/**
 * A PE32 or PE32+ image: headers and sections on open; exports, debug directory, exception data, version
 * resource and certificate table parsed on first use and cached. A damaged optional directory becomes a
 * {@link Diagnostic} and an empty answer; only a bad DOS/NT header or optional header is fatal.
 *
 * <p>Safe to share between threads once opened.
 */
public final class PeFile implements AutoCloseable {

    /** How the bytes are laid out. */
    public enum Layout {
        /** An image file on disk: RVAs are translated through the section table. */
        FILE,
        /** An image as loaded in memory (e.g. read from a dump): offset = RVA; no certificate table. */
        MAPPED
    }

    /** Longest export or forwarder name read. */
    private static final int MAX_NAME = 8192;
    /** Longest CodeView record read. */
    private static final int MAX_CODEVIEW = 64 * 1024;

    private final ByteSource source;
    private final boolean owned;
    private final Layout layout;
    private final long ntOffset;
    private final ImageFileHeader fileHeader;
    private final ImageOptionalHeader optionalHeader;
    private final List<ImageSectionHeader> sections;
    private final List<Diagnostic> diagnostics = Collections.synchronizedList(new ArrayList<>());

    private Optional<ExportTable> exports;
    private List<ImageDebugDirectory> debugDirectories;
    private Optional<CodeViewInfo> codeView;
    private Optional<X64ExceptionTable> x64;
    private Optional<Arm64ExceptionTable> arm64;
    private Optional<VersionInfo> version;
    private List<WinCertificate> certificates;

    private PeFile(ByteSource source, boolean owned, Layout layout) throws DumpFormatException {
        this.source = source;
        this.owned = owned;
        this.layout = layout;
        long size = source.size();
        if (size < 0x40) {
            throw new DumpFormatException.Truncated("IMAGE_DOS_HEADER", 0, "need 64 bytes, " + size + " in the file");
        }
        int mz = source.u16At(0);
        if (mz != 0x5A4D) {
            throw new DumpFormatException.BadSignature("IMAGE_DOS_HEADER", 0,
                    String.format("e_magic is 0x%04X, not MZ", mz));
        }
        ntOffset = source.u32At(0x3C);
        if (ntOffset > size - 4 - ImageFileHeader.SIZE) {
            throw new DumpFormatException.Truncated("IMAGE_DOS_HEADER.e_lfanew", 0x3C, "points to 0x"
                    + Long.toHexString(ntOffset) + ", past the end of the file (" + size + " bytes)");
        }
        long sig = source.u32At(ntOffset);
        if (sig != 0x4550) {
            throw new DumpFormatException.BadSignature("IMAGE_NT_HEADERS", ntOffset,
                    String.format("signature is 0x%08X, not PE\\0\\0", sig));
        }
        fileHeader = ImageFileHeader.read(source.cursor("IMAGE_FILE_HEADER", ntOffset + 4, ImageFileHeader.SIZE));
        long optOffset = ntOffset + 4 + ImageFileHeader.SIZE;
        long optSize = fileHeader.sizeOfOptionalHeader();
        if (optSize < 2) {
            throw new DumpFormatException.InvalidValue("IMAGE_FILE_HEADER", ntOffset + 4,
                    "SizeOfOptionalHeader " + optSize + " is too small for an image");
        }
        if (optSize > size - optOffset) {
            throw new DumpFormatException.Truncated("IMAGE_OPTIONAL_HEADER", optOffset,
                    "need " + optSize + " bytes, " + (size - optOffset) + " remain in the file");
        }
        optionalHeader = ImageOptionalHeader.read(source.cursor("IMAGE_OPTIONAL_HEADER", optOffset, optSize));
        if (optionalHeader.dataDirectories().size() < Math.min(optionalHeader.numberOfRvaAndSizes(),
                ImageOptionalHeader.MAX_DIRECTORIES)) {
            diagnostics.add(Diagnostic.warning("INVALID_VALUE", "IMAGE_OPTIONAL_HEADER", optOffset,
                    "NumberOfRvaAndSizes " + optionalHeader.numberOfRvaAndSizes() + " but only "
                            + optionalHeader.dataDirectories().size() + " directories fit"));
        }
        long tableOffset = optOffset + optSize;
        long want = (long) fileHeader.numberOfSections() * ImageSectionHeader.SIZE;
        long fit = Math.min(want, size - tableOffset) / ImageSectionHeader.SIZE;
        if (fit < fileHeader.numberOfSections()) {
            diagnostics.add(Diagnostic.warning("TRUNCATED", "IMAGE_SECTION_HEADER[]", tableOffset,
                    fileHeader.numberOfSections() + " sections declared, " + fit + " fit in the file"));
        }
        List<ImageSectionHeader> list = new ArrayList<>((int) fit);
        Cursor c = source.cursor("IMAGE_SECTION_HEADER[]", tableOffset, fit * ImageSectionHeader.SIZE);
        for (int i = 0; i < fit; i++) {
            list.add(ImageSectionHeader.read(c));
        }
        sections = List.copyOf(list);
    }

    /** Maps and reads an image file. The file stays mapped until {@link #close()}. */
    public static PeFile open(Path path) throws DumpAccessException, DumpFormatException {
        MappedByteSource source = MappedByteSource.open(path);
        try {
            return new PeFile(source, true, Layout.FILE);
        } catch (DumpFormatException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Reads an image file held by {@code source} (not closed by this object). */
    public static PeFile read(ByteSource source) throws DumpFormatException {
        return new PeFile(source, false, Layout.FILE);
    }

    /** Reads an image in the given layout, e.g. {@link Layout#MAPPED} for one copied out of process memory. */
    public static PeFile read(ByteSource source, Layout layout) throws DumpFormatException {
        return new PeFile(source, false, layout);
    }

    public ByteSource source() {
        return source;
    }

    public Layout layout() {
        return layout;
    }

    /** File offset of the {@code PE\0\0} signature (e_lfanew). */
    public long ntHeadersOffset() {
        return ntOffset;
    }

    public ImageFileHeader fileHeader() {
        return fileHeader;
    }

    public ImageOptionalHeader optionalHeader() {
        return optionalHeader;
    }

    public List<ImageSectionHeader> sections() {
        return sections;
    }

    public int machine() {
        return fileHeader.machine();
    }

    public boolean isPe32Plus() {
        return optionalHeader.isPe32Plus();
    }

    public long timeDateStamp() {
        return fileHeader.timeDateStamp();
    }

    public long sizeOfImage() {
        return optionalHeader.sizeOfImage();
    }

    /** The symbol-store code id: TimeDateStamp {@code %08X} then SizeOfImage {@code %x}. */
    public String codeId() {
        return String.format("%08X%x", fileHeader.timeDateStamp(), optionalHeader.sizeOfImage());
    }

    /** Problems met so far (optional directories parse on first use, so this can grow). */
    public List<Diagnostic> diagnostics() {
        synchronized (diagnostics) {
            return List.copyOf(diagnostics);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // RVA mapping

    /** The section containing {@code rva}, if any. */
    public Optional<ImageSectionHeader> sectionAt(long rva) {
        for (ImageSectionHeader s : sections) {
            if (s.containsRva(rva)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The file offset holding the byte at {@code rva}, or empty when that byte is not in the file (outside every
     * section, or in a section's zero-filled tail).
     */
    public OptionalLong fileOffsetOf(long rva) {
        long avail = availableAtRva(rva);
        if (avail <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(layout == Layout.MAPPED ? rva : fileOffsetUnchecked(rva));
    }

    private long fileOffsetUnchecked(long rva) {
        for (ImageSectionHeader s : sections) {
            if (s.containsRva(rva)) {
                return s.pointerToRawData() + (rva - s.virtualAddress());
            }
        }
        return rva;
    }

    /** How many bytes from {@code rva} on are backed by the file (0 when none). */
    public long availableAtRva(long rva) {
        long size = source.size();
        if (rva < 0) {
            return 0;
        }
        if (layout == Layout.MAPPED) {
            return Math.max(0, size - rva);
        }
        for (ImageSectionHeader s : sections) {
            if (s.containsRva(rva)) {
                long delta = rva - s.virtualAddress();
                long raw = s.sizeOfRawData();
                if (s.virtualSize() != 0) {
                    raw = Math.min(raw, Math.max(s.virtualSize(), 0));
                }
                if (delta >= raw) {
                    return 0;
                }
                long off = s.pointerToRawData() + delta;
                if (off >= size) {
                    return 0;
                }
                return Math.min(raw - delta, size - off);
            }
        }
        long headers = Math.min(optionalHeader.sizeOfHeaders(), size);
        return rva < headers ? headers - rva : 0;
    }

    /**
     * A cursor over {@code length} bytes at {@code rva}. When those bytes are not all in the file the error names
     * {@code pointerOffset}, the file offset of the field that held the RVA.
     */
    public Cursor cursorAtRva(String structure, long rva, long length, long pointerOffset) throws DumpFormatException {
        long avail = availableAtRva(rva);
        if (length < 0 || avail < length || avail == 0) {
            throw new DumpFormatException.OutOfBounds(structure, pointerOffset, "RVA 0x" + Long.toHexString(rva)
                    + " + " + length + " bytes is not backed by the file (" + avail + " bytes there)");
        }
        long off = layout == Layout.MAPPED ? rva : fileOffsetUnchecked(rva);
        return source.cursor(structure, off, length);
    }

    /** File offset of data directory entry {@code index} inside the optional header. */
    long directoryEntryOffset(int index) {
        long opt = ntOffset + 4 + ImageFileHeader.SIZE;
        int fixed = optionalHeader.isPe32Plus() ? ImageOptionalHeader.SIZE_PE32_PLUS : ImageOptionalHeader.SIZE_PE32;
        return opt + fixed + (long) index * ImageDataDirectory.SIZE;
    }

    long exceptionDirectoryOffset() {
        return directoryEntryOffset(ImageDataDirectory.EXCEPTION);
    }

    private String readString(String structure, long rva, long pointerOffset) throws DumpFormatException {
        long avail = availableAtRva(rva);
        if (avail == 0) {
            throw new DumpFormatException.OutOfBounds(structure, pointerOffset,
                    "RVA 0x" + Long.toHexString(rva) + " is not backed by the file");
        }
        Cursor c = cursorAtRva(structure, rva, Math.min(avail, MAX_NAME), pointerOffset);
        return ByteStrings.cString(c, MAX_NAME, StandardCharsets.UTF_8, false);
    }

    private void note(DumpFormatException e) {
        diagnostics.add(Diagnostic.of(Diagnostic.Severity.ERROR, e));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Exports

    /** The export directory, if the image has a readable one. */
    public synchronized Optional<ExportTable> exports() {
        if (exports == null) {
            try {
                exports = Optional.ofNullable(readExports());
            } catch (DumpFormatException e) {
                note(e);
                exports = Optional.empty();
            }
        }
        return exports;
    }

    private ExportTable readExports() throws DumpFormatException {
        ImageDataDirectory dir = optionalHeader.dataDirectory(ImageDataDirectory.EXPORT);
        if (!dir.present()) {
            return null;
        }
        long dirOffset = directoryEntryOffset(ImageDataDirectory.EXPORT);
        Cursor c = cursorAtRva("IMAGE_EXPORT_DIRECTORY", dir.virtualAddress(), ImageExportDirectory.SIZE, dirOffset);
        long at = c.base();
        ImageExportDirectory d = ImageExportDirectory.read(c);
        String dllName = null;
        if (d.nameRva() != 0) {
            try {
                dllName = readString("export DLL name", d.nameRva(), at + 0x0C);
            } catch (DumpFormatException e) {
                note(e);
            }
        }
        long nFunctions = d.numberOfFunctions();
        long eatAvail = availableAtRva(d.addressOfFunctions()) / 4;
        if (nFunctions > eatAvail) {
            diagnostics.add(Diagnostic.warning("OUT_OF_BOUNDS", "IMAGE_EXPORT_DIRECTORY", at + 0x14,
                    "NumberOfFunctions " + nFunctions + " but only " + eatAvail + " entries are in the file"));
            nFunctions = eatAvail;
        }
        int nf = (int) nFunctions;
        Cursor eat = cursorAtRva("export address table", d.addressOfFunctions(), nf * 4L, at + 0x1C);
        long[] rvas = new long[nf];
        for (int i = 0; i < nf; i++) {
            rvas[i] = eat.u32();
        }
        long nNames = d.numberOfNames();
        long namesAvail = Math.min(availableAtRva(d.addressOfNames()) / 4, availableAtRva(d.addressOfNameOrdinals()) / 2);
        if (nNames > namesAvail) {
            diagnostics.add(Diagnostic.warning("OUT_OF_BOUNDS", "IMAGE_EXPORT_DIRECTORY", at + 0x18,
                    "NumberOfNames " + nNames + " but only " + namesAvail + " names are in the file"));
            nNames = namesAvail;
        }
        int nn = (int) nNames;
        String[] nameOf = new String[nf];
        if (nn > 0) {
            Cursor namePtrs = cursorAtRva("export name pointer table", d.addressOfNames(), nn * 4L, at + 0x20);
            Cursor ordinals = cursorAtRva("export ordinal table", d.addressOfNameOrdinals(), nn * 2L, at + 0x24);
            for (int i = 0; i < nn; i++) {
                long ptrOffset = namePtrs.absolutePosition();
                long nameRva = namePtrs.u32();
                int index = ordinals.u16();
                if (index >= nf) {
                    diagnostics.add(Diagnostic.warning("INVALID_VALUE", "export ordinal table",
                            ordinals.absolutePosition() - 2, "name " + i + " points at EAT index " + index
                                    + ", past the " + nf + " entries"));
                    continue;
                }
                if (nameOf[index] != null) {
                    continue; // an alias: keep the first name, as the table is sorted
                }
                try {
                    nameOf[index] = readString("export name", nameRva, ptrOffset);
                } catch (DumpFormatException e) {
                    note(e);
                }
            }
        }
        long dirStart = dir.virtualAddress();
        long dirEnd = dirStart + dir.size();
        List<ExportedFunction> list = new ArrayList<>(nf);
        for (int i = 0; i < nf; i++) {
            long rva = rvas[i];
            String forwarder = null;
            if (rva >= dirStart && rva < dirEnd) {
                try {
                    forwarder = readString("export forwarder", rva, eat.base() + 4L * i);
                } catch (DumpFormatException e) {
                    note(e);
                    forwarder = "";
                }
            }
            list.add(new ExportedFunction(d.ordinalBase() + i, nameOf[i], rva, forwarder));
        }
        return new ExportTable(dllName, d, list, sections);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Debug directory and CodeView

    /** The debug directory entries (empty when absent or unreadable). */
    public synchronized List<ImageDebugDirectory> debugDirectories() {
        if (debugDirectories == null) {
            try {
                debugDirectories = readDebugDirectories();
            } catch (DumpFormatException e) {
                note(e);
                debugDirectories = List.of();
            }
        }
        return debugDirectories;
    }

    private List<ImageDebugDirectory> readDebugDirectories() throws DumpFormatException {
        ImageDataDirectory dir = optionalHeader.dataDirectory(ImageDataDirectory.DEBUG);
        if (!dir.present()) {
            return List.of();
        }
        long count = dir.size() / ImageDebugDirectory.SIZE;
        long avail = availableAtRva(dir.virtualAddress()) / ImageDebugDirectory.SIZE;
        if (count > avail) {
            diagnostics.add(Diagnostic.warning("OUT_OF_BOUNDS", "IMAGE_DEBUG_DIRECTORY[]",
                    directoryEntryOffset(ImageDataDirectory.DEBUG), count + " entries declared, " + avail
                            + " are in the file"));
            count = avail;
        }
        Cursor c = cursorAtRva("IMAGE_DEBUG_DIRECTORY[]", dir.virtualAddress(), count * ImageDebugDirectory.SIZE,
                directoryEntryOffset(ImageDataDirectory.DEBUG));
        List<ImageDebugDirectory> list = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            list.add(ImageDebugDirectory.read(c));
        }
        return List.copyOf(list);
    }

    /** The first CodeView (RSDS or NB10) record: which PDB belongs to this image. */
    public synchronized Optional<CodeViewInfo> codeView() {
        if (codeView == null) {
            codeView = Optional.empty();
            List<ImageDebugDirectory> dirs = debugDirectories();
            for (int i = 0; i < dirs.size(); i++) {
                ImageDebugDirectory d = dirs.get(i);
                if (d.type() != ImageDebugDirectory.TYPE_CODEVIEW) {
                    continue;
                }
                try {
                    codeView = Optional.of(CodeViewInfo.read(codeViewCursor(d, i)));
                } catch (DumpFormatException e) {
                    note(e);
                }
                break;
            }
        }
        return codeView;
    }

    private Cursor codeViewCursor(ImageDebugDirectory d, int index) throws DumpFormatException {
        long length = Math.min(d.sizeOfData(), MAX_CODEVIEW);
        long entryOffset = fileOffsetOf(optionalHeader.dataDirectory(ImageDataDirectory.DEBUG).virtualAddress())
                .orElse(0) + (long) index * ImageDebugDirectory.SIZE;
        if (length < 4) {
            throw new DumpFormatException.InvalidValue("CodeView record", entryOffset,
                    "SizeOfData " + d.sizeOfData() + " is too small");
        }
        if (layout == Layout.FILE && d.pointerToRawData() != 0) {
            long off = d.pointerToRawData();
            if (off > source.size() || length > source.size() - off) {
                throw new DumpFormatException.Truncated("CodeView record", entryOffset + 0x18, "PointerToRawData 0x"
                        + Long.toHexString(off) + " + " + length + " runs past the end of the file");
            }
            return source.cursor("CodeView record", off, length);
        }
        return cursorAtRva("CodeView record", d.addressOfRawData(), length, entryOffset + 0x14);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Exception data

    /** The x64 .pdata table (AMD64 images only). */
    public synchronized Optional<X64ExceptionTable> x64ExceptionTable() {
        if (x64 == null) {
            x64 = Optional.empty();
            if (fileHeader.machine() == ImageFileHeader.MACHINE_AMD64) {
                try {
                    int[][] cols = readPdata(RuntimeFunction.SIZE, 3);
                    if (cols != null) {
                        x64 = Optional.of(new X64ExceptionTable(this, cols[0], cols[1], cols[2]));
                    }
                } catch (DumpFormatException e) {
                    note(e);
                }
            }
        }
        return x64;
    }

    /** The ARM64 .pdata table (ARM64 images only). */
    public synchronized Optional<Arm64ExceptionTable> arm64ExceptionTable() {
        if (arm64 == null) {
            arm64 = Optional.empty();
            if (fileHeader.machine() == ImageFileHeader.MACHINE_ARM64) {
                try {
                    int[][] cols = readPdata(Arm64RuntimeFunction.SIZE, 2);
                    if (cols != null) {
                        arm64 = Optional.of(new Arm64ExceptionTable(this, cols[0], cols[1]));
                    }
                } catch (DumpFormatException e) {
                    note(e);
                }
            }
        }
        return arm64;
    }

    /** Reads the exception directory as {@code columns} u32 columns, sorted by the first. */
    private int[][] readPdata(int entrySize, int columns) throws DumpFormatException {
        ImageDataDirectory dir = optionalHeader.dataDirectory(ImageDataDirectory.EXCEPTION);
        if (!dir.present()) {
            return null;
        }
        long dirOffset = directoryEntryOffset(ImageDataDirectory.EXCEPTION);
        long count = dir.size() / entrySize;
        long avail = availableAtRva(dir.virtualAddress()) / entrySize;
        if (count > avail) {
            diagnostics.add(Diagnostic.warning("OUT_OF_BOUNDS", "exception directory", dirOffset,
                    count + " entries declared, " + avail + " are in the file"));
            count = avail;
        }
        int n = (int) count;
        Cursor c = cursorAtRva("exception directory", dir.virtualAddress(), (long) n * entrySize, dirOffset);
        int[][] cols = new int[columns][n];
        int kept = 0;
        int invalid = 0;
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            boolean zero = true;
            for (int k = 0; k < columns; k++) {
                cols[k][kept] = (int) c.u32();
                zero &= cols[k][kept] == 0;
            }
            if (zero) {
                continue; // padding: incrementally linked images reserve zeroed entries
            }
            if (columns == 3 && Integer.compareUnsigned(cols[1][kept], cols[0][kept]) <= 0) {
                invalid++;
                continue;
            }
            if (kept > 0 && Integer.compareUnsigned(cols[0][kept - 1], cols[0][kept]) > 0) {
                sorted = false;
            }
            kept++;
        }
        if (invalid > 0) {
            diagnostics.add(Diagnostic.warning("INVALID_VALUE", "exception directory", c.base(),
                    invalid + " entries end before they begin; skipped"));
        }
        int m = kept;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        if (!sorted) {
            diagnostics.add(Diagnostic.warning("INVALID_VALUE", "exception directory", c.base(),
                    "entries are not sorted by start address; sorted a copy"));
            java.util.Arrays.sort(order, (a, b) -> Integer.compareUnsigned(cols[0][a], cols[0][b]));
        }
        int[][] out = new int[columns][m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < columns; k++) {
                out[k][i] = cols[k][order[i]];
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Version resource

    /** The VS_VERSIONINFO resource, if present and readable. */
    public synchronized Optional<VersionInfo> versionInfo() {
        if (version == null) {
            try {
                version = Optional.ofNullable(new VersionResourceReader(this).read());
            } catch (DumpFormatException e) {
                note(e);
                version = Optional.empty();
            }
        }
        return version;
    }

    long resourceDirectoryOffset() {
        return directoryEntryOffset(ImageDataDirectory.RESOURCE);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Certificates

    /** The attribute-certificate table entries (file layout only; data directory 4 holds a file offset). */
    public synchronized List<WinCertificate> certificates() {
        if (certificates == null) {
            try {
                certificates = readCertificates();
            } catch (DumpFormatException e) {
                note(e);
                certificates = List.of();
            }
        }
        return certificates;
    }

    /** Whether the image carries an Authenticode signature (present, not verified). */
    public boolean hasAuthenticodeSignature() {
        return certificates().stream().anyMatch(WinCertificate::isAuthenticode);
    }

    private List<WinCertificate> readCertificates() throws DumpFormatException {
        ImageDataDirectory dir = optionalHeader.dataDirectory(ImageDataDirectory.CERTIFICATE);
        if (!dir.present() || layout != Layout.FILE) {
            return List.of();
        }
        long off = dir.virtualAddress();
        long len = dir.size();
        long size = source.size();
        if (off > size || len > size - off) {
            throw new DumpFormatException.Truncated("attribute certificate table",
                    directoryEntryOffset(ImageDataDirectory.CERTIFICATE), "file offset 0x" + Long.toHexString(off)
                            + " + " + len + " runs past the end of the file (" + size + " bytes)");
        }
        Cursor c = source.cursor("WIN_CERTIFICATE", off, len);
        List<WinCertificate> list = new ArrayList<>();
        while (c.remaining() >= WinCertificate.SIZE) {
            long at = c.position();
            WinCertificate cert = WinCertificate.read(c);
            if (cert.length() < WinCertificate.SIZE || cert.length() > len - at) {
                throw new DumpFormatException.InvalidValue("WIN_CERTIFICATE", cert.offset(),
                        "dwLength " + cert.length() + " does not fit the table (" + (len - at) + " bytes left)");
            }
            list.add(cert);
            long next = (at + cert.length() + 7) & ~7L;
            if (next >= len) {
                break;
            }
            c.seek(next);
        }
        return List.copyOf(list);
    }

    @Override
    public void close() {
        if (owned) {
            source.close();
        }
    }
}
