package org.faultline.dump.minidump;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.ExceptionInfo;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.OsInfo;
import org.faultline.dump.ParsedParts;
import org.faultline.dump.RangeMemoryReader;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.context.Contexts;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.MappedByteSource;

/**
 * A user-mode minidump (MDMP). Opening checks the header and reads the directory; each stream is parsed
 * on first use and cached. A damaged stream becomes a {@link Diagnostic} and the rest still works; only a
 * bad header or an unreadable directory is fatal.
 */
public final class Minidump implements CrashDump {
    /** Directory entries beyond this many are not believed. */
    static final long MAX_STREAMS = 65_536;
    /** Longest MINIDUMP_STRING accepted, in bytes. */
    static final long MAX_STRING_BYTES = 64 * 1024;

    private final ByteSource source;
    private final boolean ownsSource;
    private final MinidumpHeader header;
    private final List<MinidumpDirectory> directory;
    private final Map<Long, MinidumpDirectory> firstByType;
    private final ParsedParts parts = new ParsedParts();

    private Minidump(ByteSource source, boolean ownsSource, MinidumpHeader header, List<MinidumpDirectory> directory,
                     Map<Long, MinidumpDirectory> firstByType, List<Diagnostic> openDiagnostics) {
        this.source = source;
        this.ownsSource = ownsSource;
        this.header = header;
        this.directory = directory;
        this.firstByType = firstByType;
        openDiagnostics.forEach(parts::add);
    }

    /** Maps and opens the file at {@code path}. */
    public static Minidump open(Path path) throws DumpAccessException, DumpFormatException {
        MappedByteSource source = MappedByteSource.open(path);
        try {
            return read(source, true);
        } catch (DumpFormatException e) {
            source.close();
            throw e;
        }
    }

    /** Opens a minidump held by {@code source}; closing the dump closes the source. */
    public static Minidump readOwning(ByteSource source) throws DumpFormatException {
        return read(source, true);
    }

    /** Opens a minidump held by {@code source} (which stays the caller's to close). */
    public static Minidump read(ByteSource source) throws DumpFormatException {
        return read(source, false);
    }

    private static Minidump read(ByteSource source, boolean owns) throws DumpFormatException {
        MinidumpHeader header = MinidumpHeader.read(source.cursor("MINIDUMP_HEADER", 0, MinidumpHeader.SIZE));
        if (header.signature() != MinidumpHeader.SIGNATURE) {
            throw new DumpFormatException.BadSignature("MINIDUMP_HEADER", 0,
                    "signature 0x" + Long.toHexString(header.signature()) + " is not MDMP");
        }
        if (!header.isSupportedVersion()) {
            throw new DumpFormatException.UnsupportedFormat("MINIDUMP_HEADER", 4,
                    "version 0x" + Long.toHexString(header.version()) + " (low word is not 0xa793)");
        }
        List<Diagnostic> found = new ArrayList<>();
        long count = header.numberOfStreams();
        long rva = header.streamDirectoryRva();
        long fits = rva >= source.size() ? 0 : (source.size() - rva) / MinidumpDirectory.SIZE;
        long usable = Math.min(count, Math.min(fits, MAX_STREAMS));
        if (usable < count) {
            if (usable == 0) {
                throw new DumpFormatException.Truncated("MINIDUMP_HEADER.StreamDirectoryRva", 0x0C,
                        "directory of " + count + " entries at 0x" + Long.toHexString(rva) + " lies outside the file ("
                                + source.size() + " bytes)");
            }
            found.add(new Diagnostic(Diagnostic.Severity.ERROR, "TRUNCATED", "MINIDUMP_DIRECTORY", rva,
                    "header declares " + count + " streams, only " + usable + " directory entries fit in the file"));
        }
        List<MinidumpDirectory> dir = new ArrayList<>();
        Map<Long, MinidumpDirectory> byType = new LinkedHashMap<>();
        if (usable == 0) {
            // An empty directory needs no bytes, wherever its RVA points.
            return new Minidump(source, owns, header, List.of(), Map.of(), found);
        }
        Cursor c = source.cursor("MINIDUMP_DIRECTORY", rva, usable * MinidumpDirectory.SIZE);
        for (int i = 0; i < usable; i++) {
            MinidumpDirectory d = MinidumpDirectory.read(i, c);
            dir.add(d);
            if (d.streamType() == StreamTypes.UNUSED) {
                continue;
            }
            if (d.rva() + d.dataSize() > source.size()) {
                found.add(Diagnostic.warning("OUT_OF_BOUNDS", "MINIDUMP_DIRECTORY[" + i + "]",
                        rva + (long) i * MinidumpDirectory.SIZE, d.name() + " at 0x" + Long.toHexString(d.rva())
                                + " (" + d.dataSize() + " bytes) runs past the end of the file (" + source.size()
                                + " bytes)"));
            }
            if (byType.containsKey(d.streamType())) {
                found.add(Diagnostic.warning("DUPLICATE_STREAM", "MINIDUMP_DIRECTORY[" + i + "]",
                        rva + (long) i * MinidumpDirectory.SIZE,
                        d.name() + " appears again; the first one (index " + byType.get(d.streamType()).index()
                                + ") is used"));
            } else {
                byType.put(d.streamType(), d);
            }
        }
        return new Minidump(source, owns, header, List.copyOf(dir), Collections.unmodifiableMap(byType), found);
    }

    // ---------------------------------------------------------------- raw structure access

    public ByteSource source() {
        return source;
    }

    public MinidumpHeader header() {
        return header;
    }

    /** Every directory entry, in file order (unused ones included). */
    public List<MinidumpDirectory> directory() {
        return directory;
    }

    /** The directory entry used for a stream type (the first, when it repeats). */
    public Optional<MinidumpDirectory> stream(long type) {
        return Optional.ofNullable(firstByType.get(type));
    }

    /** A cursor over a stream's bytes; a stream running past the end of the file is cut short (see the directory warning). */
    private Cursor streamCursor(MinidumpDirectory d) throws DumpFormatException {
        String name = d.name();
        long size = d.dataSize();
        if (d.rva() > source.size() || (d.rva() == source.size() && size > 0)) {
            throw new DumpFormatException.OutOfBounds(name, d.rva(),
                    "stream of " + size + " bytes starts past the end of the file (" + source.size() + " bytes)");
        }
        if (d.rva() + size > source.size()) {
            // Already reported when the directory was read; parse what is there.
            size = source.size() - d.rva();
        }
        return source.cursor(name, d.rva(), size);
    }

    /** A MINIDUMP_STRING at {@code rva}. Odd lengths are cut to even with a warning; the NUL may be missing. */
    String string(long rva, String owner) throws DumpFormatException {
        String structure = "MINIDUMP_STRING (" + owner + ")";
        long length = source.cursor(structure, rva, 4).u32();
        if (length > MAX_STRING_BYTES) {
            throw new DumpFormatException.InvalidValue(structure, rva, "length " + length + " is implausible");
        }
        if ((length & 1) != 0) {
            parts.warn("INVALID_VALUE", structure, rva, "odd UTF-16 byte length " + length);
            length--;
        }
        return source.cursor(structure, rva + 4, length).utf16((int) length);
    }

    /** What a list stream's leading count and entries look like. */
    private record ListBounds(long headerSize, long count) {
    }

    /**
     * The count of a {@code u32 count} + entries list, honouring the optional 4-byte padding after the count and
     * believing no more entries than fit.
     */
    private ListBounds countedList(Cursor c, int entrySize) throws DumpFormatException {
        long count = c.seek(0).u32();
        long header = 4;
        if (c.length() == 8 + count * entrySize && count * entrySize + 4 != c.length()) {
            header = 8;
        }
        long fits = (c.length() - header) / entrySize;
        if (count > fits) {
            parts.warn("TRUNCATED", c.structure(), c.base(),
                    "count " + count + " but only " + fits + " entries of " + entrySize + " bytes fit in the stream");
            count = fits;
        }
        return new ListBounds(header, count);
    }

    /** The bounds of a list with SizeOfHeader/SizeOfEntry/NumberOfEntries; the entry size must be at least {@code known}. */
    private record HeaderedList(long headerSize, long entrySize, long count) {
    }

    private HeaderedList headeredList(Cursor c, int known, boolean count64) throws DumpFormatException {
        long headerSize = c.seek(0).u32();
        long entrySize = c.u32();
        long count = count64 ? c.u64() : c.u32();
        long minHeader = count64 ? 16 : 12;
        if (headerSize < minHeader || headerSize > c.length()) {
            throw new DumpFormatException.InvalidValue(c.structure(), c.base(), "SizeOfHeader " + headerSize
                    + " is not between " + minHeader + " and the stream size " + c.length());
        }
        if (entrySize < known) {
            throw new DumpFormatException.InvalidValue(c.structure(), c.base() + 4,
                    "SizeOfEntry " + entrySize + " is smaller than the " + known + " bytes of a known entry");
        }
        long fits = (c.length() - headerSize) / entrySize;
        if (Long.compareUnsigned(count, fits) > 0) {
            parts.warn("TRUNCATED", c.structure(), c.base(),
                    "count " + Long.toUnsignedString(count) + " but only " + fits + " entries fit in the stream");
            count = fits;
        }
        return new HeaderedList(headerSize, entrySize, count);
    }

    // ---------------------------------------------------------------- streams

    /** SystemInfoStream, if present and readable. */
    public Optional<MinidumpSystemInfo> systemInfo() {
        return Optional.ofNullable(parts.lazy("systemInfo", null, () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.SYSTEM_INFO);
            if (d == null) {
                return null;
            }
            Cursor c = streamCursor(d).slice("MINIDUMP_SYSTEM_INFO", 0, MinidumpSystemInfo.SIZE);
            long csdRva = c.seek(0x18).u32();
            String csd = "";
            if (csdRva != 0) {
                try {
                    csd = string(csdRva, "CSDVersion");
                } catch (DumpFormatException e) {
                    parts.note(e);
                }
            }
            return MinidumpSystemInfo.read(c.seek(0), csd);
        }));
    }

    /** ThreadListStream entries, or ThreadExListStream's when there is no plain list. */
    public List<MinidumpThread> threadList() {
        return parts.lazy("threadList", List.of(), () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.THREAD_LIST);
            boolean ex = false;
            if (d == null) {
                d = firstByType.get(StreamTypes.THREAD_EX_LIST);
                ex = true;
            }
            if (d == null) {
                return List.of();
            }
            int size = ex ? MinidumpThread.EX_SIZE : MinidumpThread.SIZE;
            Cursor c = streamCursor(d);
            ListBounds b = countedList(c, size);
            List<MinidumpThread> out = new ArrayList<>();
            for (long i = 0; i < b.count(); i++) {
                Cursor e = c.slice((ex ? "MINIDUMP_THREAD_EX[" : "MINIDUMP_THREAD[") + i + "]",
                        b.headerSize() + i * size, size);
                out.add(MinidumpThread.read(e, ex));
            }
            return List.copyOf(out);
        });
    }

    /** ThreadInfoListStream entries. */
    public List<MinidumpThreadInfo> threadInfoList() {
        return parts.lazy("threadInfoList", List.of(), () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.THREAD_INFO_LIST);
            if (d == null) {
                return List.of();
            }
            Cursor c = streamCursor(d);
            HeaderedList h = headeredList(c, MinidumpThreadInfo.SIZE, false);
            List<MinidumpThreadInfo> out = new ArrayList<>();
            for (long i = 0; i < h.count(); i++) {
                out.add(MinidumpThreadInfo.read(c.slice("MINIDUMP_THREAD_INFO[" + i + "]",
                        h.headerSize() + i * h.entrySize(), MinidumpThreadInfo.SIZE)));
            }
            return List.copyOf(out);
        });
    }

    /** ThreadNamesStream: thread id → name. A name that cannot be read is skipped with a warning. */
    public Map<Long, String> threadNames() {
        return parts.lazy("threadNames", Map.of(), () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.THREAD_NAMES);
            if (d == null) {
                return Map.of();
            }
            Cursor c = streamCursor(d);
            ListBounds b = countedList(c, 12);
            Map<Long, String> out = new LinkedHashMap<>();
            for (long i = 0; i < b.count(); i++) {
                Cursor e = c.slice("MINIDUMP_THREAD_NAME[" + i + "]", b.headerSize() + i * 12, 12);
                long id = e.u32();
                long rva = e.u64();
                try {
                    out.putIfAbsent(id, string(rva, "thread name of 0x" + Long.toHexString(id)));
                } catch (DumpFormatException ex) {
                    parts.note(ex);
                }
            }
            return Collections.unmodifiableMap(out);
        });
    }

    /** ModuleListStream entries. A module whose name or CodeView record is unreadable keeps what was read. */
    public List<MinidumpModule> moduleList() {
        return parts.lazy("moduleList", List.of(), () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.MODULE_LIST);
            if (d == null) {
                return List.of();
            }
            Cursor c = streamCursor(d);
            ListBounds b = countedList(c, MinidumpModule.SIZE);
            List<MinidumpModule> out = new ArrayList<>();
            for (long i = 0; i < b.count(); i++) {
                String structure = "MINIDUMP_MODULE[" + i + "]";
                Cursor e = c.slice(structure, b.headerSize() + i * MinidumpModule.SIZE, MinidumpModule.SIZE);
                MinidumpModule.Fixed f = MinidumpModule.Fixed.read(e);
                if (f.size() == 0 || f.base() + f.size() != 0 && Long.compareUnsigned(f.base() + f.size(), f.base()) < 0) {
                    parts.warn("INVALID_VALUE", structure, e.base(), "module at 0x" + Long.toHexString(f.base())
                            + " has size 0x" + Long.toHexString(f.size()) + "; skipped");
                    continue;
                }
                String name = "<unreadable name>";
                try {
                    name = string(f.nameRva(), structure + ".ModuleName");
                } catch (DumpFormatException ex) {
                    parts.note(ex);
                }
                CodeViewRecord cv = null;
                if (f.cvSize() >= 4 && f.cvRva() != 0) {
                    try {
                        long cvSize = Math.min(f.cvSize(), 64 * 1024);
                        cv = CodeViewRecord.read(source.cursor(structure + ".CvRecord", f.cvRva(), cvSize));
                    } catch (DumpFormatException ex) {
                        parts.note(ex);
                    }
                }
                out.add(new MinidumpModule(f.base(), f.size(), f.checksum(), f.timestamp(), f.nameRva(), f.version(),
                        f.cvSize(), f.cvRva(), f.miscSize(), f.miscRva(), name, cv));
            }
            return List.copyOf(out);
        });
    }

    /** UnloadedModuleListStream entries. */
    public List<MinidumpUnloadedModule> unloadedModuleList() {
        return parts.lazy("unloadedModuleList", List.of(), () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.UNLOADED_MODULE_LIST);
            if (d == null) {
                return List.of();
            }
            Cursor c = streamCursor(d);
            HeaderedList h = headeredList(c, MinidumpUnloadedModule.SIZE, false);
            List<MinidumpUnloadedModule> out = new ArrayList<>();
            for (long i = 0; i < h.count(); i++) {
                String structure = "MINIDUMP_UNLOADED_MODULE[" + i + "]";
                Cursor e = c.slice(structure, h.headerSize() + i * h.entrySize(), MinidumpUnloadedModule.SIZE);
                long base = e.u64();
                long size = e.u32();
                long checksum = e.u32();
                long timestamp = e.u32();
                long nameRva = e.u32();
                String name = "<unreadable name>";
                try {
                    name = string(nameRva, structure + ".ModuleName");
                } catch (DumpFormatException ex) {
                    parts.note(ex);
                }
                out.add(new MinidumpUnloadedModule(base, size, checksum, timestamp, nameRva, name));
            }
            return List.copyOf(out);
        });
    }

    /** ExceptionStream, if present and readable. */
    public Optional<MinidumpExceptionStream> exceptionStream() {
        return Optional.ofNullable(parts.lazy("exceptionStream", null, () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.EXCEPTION);
            if (d == null) {
                return null;
            }
            MinidumpExceptionStream e = MinidumpExceptionStream.read(
                    streamCursor(d).slice("MINIDUMP_EXCEPTION_STREAM", 0, MinidumpExceptionStream.SIZE));
            if (e.numberParameters() > MinidumpExceptionStream.MAX_PARAMETERS) {
                parts.warn("INVALID_VALUE", "MINIDUMP_EXCEPTION_STREAM", d.rva() + 0x20, "NumberParameters "
                        + e.numberParameters() + " exceeds 15; the first 15 are used");
            }
            return e;
        }));
    }

    /** MemoryListStream and Memory64ListStream ranges, clamped to the file with warnings. */
    public List<MemoryRange> memoryRanges() {
        return parts.lazy("memoryRanges", List.of(), () -> {
            List<MemoryRange> out = new ArrayList<>(parts.lazy("memoryList", List.of(), this::readMemoryList));
            out.addAll(parts.lazy("memory64List", List.of(), this::readMemory64List));
            // Thread stacks are usually also in the memory list; where a writer left them out, the thread
            // entries' own descriptors still say where the bytes are.
            for (MinidumpThread t : threadList()) {
                boolean listed = out.stream().anyMatch(r -> r.start() == t.stackStart() && r.fileOffset() == t.stackRva());
                if (!listed && t.stackSize() > 0 && t.stackRva() != 0) {
                    out.add(clampedRange("stack of thread 0x" + Long.toHexString(t.threadId()), t.stackStart(),
                            t.stackSize(), t.stackRva()));
                }
            }
            return List.copyOf(out);
        });
    }

    private MemoryRange clampedRange(String structure, long start, long size, long rva) {
        long available = rva >= source.size() ? 0 : Math.min(size, source.size() - rva);
        if (available < size) {
            parts.warn("TRUNCATED", structure, rva, "memory at 0x" + Long.toHexString(start) + " declares 0x"
                    + Long.toHexString(size) + " bytes, 0x" + Long.toHexString(available) + " are in the file");
        }
        return new MemoryRange(start, available, rva, size);
    }

    private List<MemoryRange> readMemoryList() throws DumpFormatException {
        MinidumpDirectory d = firstByType.get(StreamTypes.MEMORY_LIST);
        if (d == null) {
            return List.of();
        }
        Cursor c = streamCursor(d);
        ListBounds b = countedList(c, 16);
        List<MemoryRange> out = new ArrayList<>();
        for (long i = 0; i < b.count(); i++) {
            String structure = "MINIDUMP_MEMORY_DESCRIPTOR[" + i + "]";
            Cursor e = c.slice(structure, b.headerSize() + i * 16, 16);
            out.add(clampedRange(structure, e.u64(), e.u32(), e.u32()));
        }
        return out;
    }

    private List<MemoryRange> readMemory64List() throws DumpFormatException {
        MinidumpDirectory d = firstByType.get(StreamTypes.MEMORY64_LIST);
        if (d == null) {
            return List.of();
        }
        Cursor c = streamCursor(d);
        long count = c.u64();
        long rva = c.u64();
        long fits = (c.length() - 16) / 16;
        if (Long.compareUnsigned(count, fits) > 0) {
            parts.warn("TRUNCATED", c.structure(), c.base(), "count " + Long.toUnsignedString(count) + " but only " + fits
                    + " descriptors fit in the stream");
            count = fits;
        }
        List<MemoryRange> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            String structure = "MINIDUMP_MEMORY_DESCRIPTOR64[" + i + "]";
            long start = c.u64();
            long size = c.u64();
            if (size < 0 || rva < 0 || rva + size < 0) {
                parts.warn("INVALID_VALUE", structure, c.absolutePosition() - 16, "size 0x" + Long.toHexString(size)
                        + " overflows the file offset; the rest of the list is ignored");
                break;
            }
            out.add(clampedRange(structure, start, size, rva));
            rva += size;
        }
        return out;
    }

    /** MemoryInfoListStream entries. */
    public List<MinidumpMemoryInfo> memoryInfoList() {
        return parts.lazy("memoryInfoList", List.of(), () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.MEMORY_INFO_LIST);
            if (d == null) {
                return List.of();
            }
            Cursor c = streamCursor(d);
            HeaderedList h = headeredList(c, MinidumpMemoryInfo.SIZE, true);
            List<MinidumpMemoryInfo> out = new ArrayList<>();
            for (long i = 0; i < h.count(); i++) {
                out.add(MinidumpMemoryInfo.read(c.slice("MINIDUMP_MEMORY_INFO[" + i + "]",
                        h.headerSize() + i * h.entrySize(), MinidumpMemoryInfo.SIZE)));
            }
            return List.copyOf(out);
        });
    }

    /** MiscInfoStream, any version. */
    public Optional<MinidumpMiscInfo> miscInfo() {
        return Optional.ofNullable(parts.lazy("miscInfo", null, () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.MISC_INFO);
            if (d == null) {
                return null;
            }
            Cursor c = streamCursor(d);
            if (c.length() < MinidumpMiscInfo.SIZE_1) {
                throw new DumpFormatException.InvalidValue("MINIDUMP_MISC_INFO", d.rva(),
                        "stream of " + c.length() + " bytes is smaller than the 24-byte first version");
            }
            return MinidumpMiscInfo.read(c);
        }));
    }

    /** HandleDataStream descriptors. */
    public List<MinidumpHandle> handles() {
        return parts.lazy("handles", List.of(), () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.HANDLE_DATA);
            if (d == null) {
                return List.of();
            }
            Cursor c = streamCursor(d);
            HeaderedList h = headeredList(c, 32, false);
            List<MinidumpHandle> out = new ArrayList<>();
            for (long i = 0; i < h.count(); i++) {
                String structure = "MINIDUMP_HANDLE_DESCRIPTOR[" + i + "]";
                Cursor e = c.slice(structure, h.headerSize() + i * h.entrySize(), Math.min(h.entrySize(), 40));
                long handle = e.u64();
                long typeRva = e.u32();
                long objectRva = e.u32();
                long attributes = e.u32();
                long access = e.u32();
                long handleCount = e.u32();
                long pointerCount = e.u32();
                long infoRva = e.remaining() >= 4 ? e.u32() : 0;
                out.add(new MinidumpHandle(handle, optionalString(typeRva, structure + ".TypeName"),
                        optionalString(objectRva, structure + ".ObjectName"), attributes, access, handleCount,
                        pointerCount, infoRva));
            }
            return List.copyOf(out);
        });
    }

    private String optionalString(long rva, String owner) {
        if (rva == 0) {
            return null;
        }
        try {
            return string(rva, owner);
        } catch (DumpFormatException e) {
            parts.note(e);
            return null;
        }
    }

    /** CommentStreamW, else CommentStreamA, without trailing NULs. */
    public Optional<String> comment() {
        return Optional.ofNullable(parts.lazy("comment", null, () -> {
            MinidumpDirectory w = firstByType.get(StreamTypes.COMMENT_W);
            MinidumpDirectory a = firstByType.get(StreamTypes.COMMENT_A);
            String text;
            if (w != null) {
                Cursor c = streamCursor(w);
                text = c.utf16((int) Math.min(c.length() & ~1L, MAX_STRING_BYTES));
            } else if (a != null) {
                Cursor c = streamCursor(a);
                text = new String(c.bytes((int) Math.min(c.length(), MAX_STRING_BYTES)), StandardCharsets.ISO_8859_1);
            } else {
                return null;
            }
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '\0') {
                end--;
            }
            return text.substring(0, end);
        }));
    }

    /** TokenStream entries (MINIDUMP_TOKEN_INFO_LIST). */
    public List<TokenInfo> tokens() {
        return parts.lazy("tokens", List.of(), () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.TOKEN);
            if (d == null) {
                return List.of();
            }
            Cursor c = streamCursor(d);
            long listSize = c.u32();
            long entries = c.u32();
            long listHeader = c.u32();
            long elementHeader = c.u32();
            if (listHeader < 16 || elementHeader < 16 || listHeader > c.length()) {
                throw new DumpFormatException.InvalidValue("MINIDUMP_TOKEN_INFO_LIST", d.rva(),
                        "header sizes " + listHeader + "/" + elementHeader + " are not valid");
            }
            List<TokenInfo> out = new ArrayList<>();
            long at = listHeader;
            for (long i = 0; i < entries && at + 16 <= Math.min(c.length(), listSize == 0 ? c.length() : listSize); i++) {
                Cursor e = c.slice("MINIDUMP_TOKEN_INFO_HEADER[" + i + "]", at, 16);
                long tokenSize = e.u32();
                long id = e.u32();
                long handle = e.u64();
                out.add(new TokenInfo(id, handle, tokenSize));
                if (tokenSize < elementHeader) {
                    parts.warn("INVALID_VALUE", e.structure(), e.base(), "TokenSize " + tokenSize + " is smaller than its header");
                    break;
                }
                at += tokenSize;
            }
            return List.copyOf(out);
        });
    }

    /** Breakpad's info stream: the dump-writer and requesting threads. */
    public Optional<BreakpadInfo> breakpadInfo() {
        return Optional.ofNullable(parts.lazy("breakpadInfo", null, () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.BREAKPAD_INFO);
            if (d == null) {
                return null;
            }
            Cursor c = streamCursor(d).slice("MDRawBreakpadInfo", 0, 12);
            return new BreakpadInfo(c.u32(), c.u32(), c.u32());
        }));
    }

    /** Breakpad's assertion stream. */
    public Optional<AssertionInfo> assertion() {
        return Optional.ofNullable(parts.lazy("assertion", null, () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.ASSERTION_INFO);
            if (d == null) {
                return null;
            }
            Cursor c = streamCursor(d).slice("MDRawAssertionInfo", 0, AssertionInfo.SIZE);
            String expression = nulTerminated(c.utf16(256));
            String function = nulTerminated(c.utf16(256));
            String file = nulTerminated(c.utf16(256));
            return new AssertionInfo(expression, function, file, c.u32(), c.u32());
        }));
    }

    private static String nulTerminated(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /** Crashpad's info stream. */
    public Optional<CrashpadInfo> crashpadInfo() {
        return Optional.ofNullable(parts.lazy("crashpadInfo", null, () -> {
            MinidumpDirectory d = firstByType.get(StreamTypes.CRASHPAD_INFO);
            if (d == null) {
                return null;
            }
            Cursor c = streamCursor(d);
            long version = c.u32();
            var report = c.guid();
            var client = c.guid();
            Map<String, String> annotations = dictionary(c.u32(), c.u32());
            long listSize = c.u32();
            long listRva = c.u32();
            List<CrashpadInfo.ModuleAnnotations> modules = new ArrayList<>();
            if (listSize >= 4 && listRva != 0) {
                Cursor list = source.cursor("MINIDUMP_MODULE_CRASHPAD_INFO_LIST", listRva, listSize);
                long n = Math.min(list.u32(), (list.length() - 4) / 12);
                for (long i = 0; i < n; i++) {
                    long index = list.u32();
                    long size = list.u32();
                    long rva = list.u32();
                    Cursor m = source.cursor("MINIDUMP_MODULE_CRASHPAD_INFO[" + i + "]", rva, Math.max(size, 20));
                    m.u32();
                    List<String> listAnnotations = rvaStrings(m.u32(), m.u32());
                    Map<String, String> simple = dictionary(m.u32(), m.u32());
                    modules.add(new CrashpadInfo.ModuleAnnotations(index, listAnnotations, simple));
                }
            }
            return new CrashpadInfo(version, report, client, annotations, modules);
        }));
    }

    /** A MINIDUMP_SIMPLE_STRING_DICTIONARY at a location: UTF-8 key/value pairs. */
    private Map<String, String> dictionary(long size, long rva) throws DumpFormatException {
        Map<String, String> out = new LinkedHashMap<>();
        if (size < 4 || rva == 0) {
            return out;
        }
        Cursor dict = source.cursor("MINIDUMP_SIMPLE_STRING_DICTIONARY", rva, size);
        long n = Math.min(dict.u32(), (dict.length() - 4) / 8);
        for (long i = 0; i < n; i++) {
            long keyRva = dict.u32();
            long valueRva = dict.u32();
            try {
                out.put(utf8String(keyRva), utf8String(valueRva));
            } catch (DumpFormatException e) {
                parts.note(e); // one bad annotation is skipped; the others are kept
            }
        }
        return out;
    }

    /** A MINIDUMP_RVA_LIST of UTF-8 strings at a location. */
    private List<String> rvaStrings(long size, long rva) throws DumpFormatException {
        List<String> out = new ArrayList<>();
        if (size < 4 || rva == 0) {
            return out;
        }
        Cursor list = source.cursor("MINIDUMP_RVA_LIST", rva, size);
        long n = Math.min(list.u32(), (list.length() - 4) / 4);
        for (long i = 0; i < n; i++) {
            try {
                out.add(utf8String(list.u32()));
            } catch (DumpFormatException e) {
                parts.note(e);
            }
        }
        return out;
    }

    /** A MINIDUMP_UTF8_STRING: u32 length + UTF-8 bytes. */
    String utf8String(long rva) throws DumpFormatException {
        long length = source.cursor("MINIDUMP_UTF8_STRING", rva, 4).u32();
        if (length > MAX_STRING_BYTES) {
            throw new DumpFormatException.InvalidValue("MINIDUMP_UTF8_STRING", rva, "length " + length + " is implausible");
        }
        return new String(source.bytes(rva + 4, (int) length, "MINIDUMP_UTF8_STRING"), StandardCharsets.UTF_8);
    }

    /** The raw text of a Breakpad Linux stream (/proc/cpuinfo, /proc/self/maps, …), if present. */
    public Optional<String> linuxText(long type) {
        return Optional.ofNullable(parts.lazy("linux:" + type, null, () -> {
            MinidumpDirectory d = firstByType.get(type);
            if (d == null || !StreamTypes.isLinuxText(type)) {
                return null;
            }
            if (d.rva() + d.dataSize() > source.size()) {
                throw new DumpFormatException.OutOfBounds(d.name(), d.rva(), "stream of " + d.dataSize()
                        + " bytes runs past the end of the file (" + source.size() + " bytes)");
            }
            Cursor c = streamCursor(d);
            return new String(c.bytes((int) Math.min(c.length(), 16L * 1024 * 1024)), StandardCharsets.UTF_8);
        }));
    }

    // ---------------------------------------------------------------- the shared model

    @Override
    public String format() {
        return "minidump";
    }

    @Override
    public Architecture architecture() {
        return systemInfo().map(MinidumpSystemInfo::architecture).orElse(Architecture.UNKNOWN);
    }

    @Override
    public OsInfo os() {
        return parts.lazy("os", null, () -> systemInfo().map(s -> {
            int family = -1;
            int model = -1;
            int stepping = -1;
            if (s.hasX86Model()) {
                family = s.processorLevel();
                model = s.processorRevision() >>> 8;
                stepping = s.processorRevision() & 0xFF;
            }
            return new OsInfo(s.platformName(), s.platformId(), s.majorVersion(), s.minorVersion(), s.buildNumber(),
                    s.csdVersion(), s.productType(), s.numberOfProcessors(), s.cpuVendor(), family, model, stepping);
        }).orElse(new OsInfo("unknown", -1, 0, 0, 0, "", 0, 0, "", -1, -1, -1)));
    }

    @Override
    public List<ModuleInfo> modules() {
        return parts.lazy("modules", List.of(), () -> moduleList().stream().map(MinidumpModule::toModuleInfo).toList());
    }

    @Override
    public List<ModuleInfo> unloadedModules() {
        return parts.lazy("unloadedModules", List.of(),
                () -> unloadedModuleList().stream().map(MinidumpUnloadedModule::toModuleInfo).toList());
    }

    /** Reads a CONTEXT at a location; an unreadable one becomes a warning and {@code null}. */
    private CpuContext context(long rva, long size, String owner) {
        Architecture arch = architecture();
        if (size == 0 || arch == Architecture.UNKNOWN) {
            return null;
        }
        try {
            return Contexts.read(arch, source.cursor("CONTEXT (" + owner + ")", rva, size));
        } catch (DumpFormatException e) {
            parts.note(e);
            return null;
        }
    }

    @Override
    public List<ThreadInfo> threads() {
        return parts.lazy("threads", List.of(), () -> {
            Map<Long, String> names = threadNames();
            List<ThreadInfo> out = new ArrayList<>();
            for (MinidumpThread t : threadList()) {
                CpuContext ctx = context(t.contextRva(), t.contextSize(), "thread 0x" + Long.toHexString(t.threadId()));
                out.add(new ThreadInfo(t.threadId(), names.get(t.threadId()), ctx, t.stackStart(), t.stackSize(),
                        t.teb()));
            }
            return List.copyOf(out);
        });
    }

    @Override
    public Optional<ExceptionInfo> exception() {
        return Optional.ofNullable(parts.lazy("exception", null, () -> exceptionStream().map(e -> {
            Architecture arch = architecture();
            CpuContext ctx = context(e.contextRva(), e.contextSize(), "exception");
            List<Long> params = e.parameters().stream().map(arch::truncate).toList();
            return new ExceptionInfo(e.threadId(), e.exceptionCode(), e.exceptionFlags(),
                    arch.truncate(e.exceptionRecord()), arch.truncate(e.exceptionAddress()), params, ctx);
        }).orElse(null)));
    }

    @Override
    public MemoryReader memory() {
        return parts.lazy("memory", MemoryReader.empty(), () -> new RangeMemoryReader(source, memoryRanges()));
    }

    @Override
    public Optional<Long> crashTime() {
        return Optional.of(header.timeDateStamp());
    }

    /** The process id from the misc-info stream. */
    public Optional<Long> processId() {
        return miscInfo().map(MinidumpMiscInfo::processId);
    }

    /** Parses every stream the reader knows, so that {@link #diagnostics()} is complete. */
    public void parseAll() {
        systemInfo();
        threads();
        threadInfoList();
        modules();
        unloadedModules();
        exception();
        memory();
        memoryInfoList();
        miscInfo();
        handles();
        comment();
        tokens();
        breakpadInfo();
        assertion();
        crashpadInfo();
        for (MinidumpDirectory d : directory) {
            if (StreamTypes.isLinuxText(d.streamType())) {
                linuxText(d.streamType());
            }
        }
    }

    @Override
    public List<Diagnostic> diagnostics() {
        parseAll();
        return parts.diagnostics();
    }

    @Override
    public void close() {
        if (ownsSource) {
            source.close();
        }
    }
}
