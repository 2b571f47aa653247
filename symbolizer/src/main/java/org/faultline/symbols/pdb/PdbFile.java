package org.faultline.symbols.pdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.Guid;
import org.faultline.dump.io.MappedByteSource;
import org.faultline.symbols.ByteStrings;
import org.faultline.symbols.DebugIdMismatchException;
import org.faultline.symbols.pe.CodeViewInfo;
import org.faultline.symbols.pe.ImageSectionHeader;

/**
 * A PDB 7.0 file, read in layers: the MSF container ({@link MsfFile}), then the info and DBI streams (identity,
 * module list, section headers, OMAP) on open, then — on first use — public symbols from the symbol record
 * stream and procedures from the module streams, and the RVA lookup over both.
 *
 * <p>Fatal on open: a bad superblock or stream directory, a missing or unreadable info stream or DBI header.
 * Everything else (a damaged module stream, a truncated symbol record stream, a bad section header stream)
 * becomes a {@link Diagnostic} and the rest still works.
 */
public final class PdbFile implements AutoCloseable {
    public static final int STREAM_INFO = 1;
    public static final int STREAM_DBI = 3;
    /** Most named streams read from the info stream's map. */
    private static final long MAX_NAMED_STREAMS = 1 << 16;

    private final ByteSource source;
    private final boolean owned;
    private final MsfFile msf;
    private final PdbInfo info;
    private final DbiHeader dbi;
    private final List<DbiModule> modules;
    private final DbiDebugHeader debugHeader;
    private final List<ImageSectionHeader> sectionHeaders;
    private final AddressMap addressMap;
    private final List<Diagnostic> diagnostics = Collections.synchronizedList(new ArrayList<>());

    private List<PublicSymbol> publics;
    private List<ProcedureSymbol> procedures;
    private PdbSymbolTable table;

    private PdbFile(ByteSource source, boolean owned) throws DumpFormatException {
        this.source = source;
        this.owned = owned;
        this.msf = MsfFile.read(source);
        this.info = readInfo();
        MsfStream dbiStream = msf.stream(STREAM_DBI, "DBI");
        DbiHeader header;
        long[] starts = new long[8];
        try {
            header = DbiHeader.read(dbiStream.cursor("DBI header", 0, DbiHeader.SIZE));
        } catch (DumpFormatException e) {
            throw dbiStream.relocate(e);
        }
        this.dbi = header;
        long[] sizes = header.substreamSizesInOrder();
        long pos = DbiHeader.SIZE;
        String[] names = {"ModInfo", "SectionContribution", "SectionMap", "SourceInfo", "TypeServerMap", "EC",
            "OptionalDbgHeader"};
        for (int i = 0; i < sizes.length; i++) {
            starts[i] = pos;
            long sz = sizes[i];
            if (sz < 0 || sz > 0x7FFF_FFFFL || sz > dbiStream.size() - pos) {
                diagnostics.add(Diagnostic.warning("INVALID_VALUE", "DBI header", dbiStream.fileOffset(0),
                        names[i] + " substream size " + (int) sz + " does not fit the DBI stream ("
                                + dbiStream.size() + " bytes); later substreams ignored"));
                for (int k = i; k < sizes.length; k++) {
                    sizes[k] = 0;
                    starts[k] = pos;
                }
                break;
            }
            pos += sz;
        }
        this.modules = readModules(dbiStream, starts[0], sizes[0]);
        this.debugHeader = readDebugHeader(dbiStream, starts[6], sizes[6]);
        this.sectionHeaders = readSections(debugHeader.stream(DbiDebugHeader.SECTION_HEADERS), "section headers");
        OmapTable omap = null;
        List<ImageSectionHeader> symbolSections = sectionHeaders;
        int omapStream = debugHeader.stream(DbiDebugHeader.OMAP_FROM_SRC);
        if (omapStream >= 0) {
            omap = readOmap(omapStream);
            int original = debugHeader.stream(DbiDebugHeader.ORIGINAL_SECTION_HEADERS);
            if (original >= 0) {
                symbolSections = readSections(original, "original section headers");
            }
        }
        this.addressMap = new AddressMap(sectionHeaders, symbolSections, omap);
    }

    /** Maps and reads a PDB file; it stays mapped until {@link #close()}. */
    public static PdbFile open(Path path) throws DumpAccessException, DumpFormatException {
        MappedByteSource source = MappedByteSource.open(path);
        try {
            return new PdbFile(source, true);
        } catch (DumpFormatException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Reads a PDB held by {@code source} (not closed by this object). */
    public static PdbFile read(ByteSource source) throws DumpFormatException {
        return new PdbFile(source, false);
    }

    /**
     * Opens a PDB and refuses it unless it matches the module's CodeView record ({@link #requireMatch}).
     */
    public static PdbFile openMatching(Path path, CodeViewInfo module)
            throws DumpAccessException, DumpFormatException, DebugIdMismatchException {
        PdbFile pdb = open(path);
        try {
            pdb.requireMatch(module);
            return pdb;
        } catch (DebugIdMismatchException e) {
            pdb.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Info stream

    private PdbInfo readInfo() throws DumpFormatException {
        MsfStream s = msf.stream(STREAM_INFO, "PDB info");
        PdbInfo header;
        Cursor c;
        try {
            c = s.cursor("PDB info stream", 0, s.size());
            header = PdbInfo.readHeader(c);
        } catch (DumpFormatException e) {
            throw s.relocate(e);
        }
        if (header.version() < PdbInfo.VC70) {
            throw new DumpFormatException.UnsupportedFormat("PDB info stream", s.fileOffset(0),
                    "version " + header.version() + " predates VC70 (20000404)");
        }
        Map<String, Integer> named = new LinkedHashMap<>();
        List<Long> features = new ArrayList<>();
        try {
            readNamedStreams(c, named);
            c.u32(); // niMac, the next free name index of the serialized name table
            while (c.remaining() >= 4) {
                features.add(c.u32());
            }
        } catch (DumpFormatException e) {
            diagnostics.add(Diagnostic.of(Diagnostic.Severity.WARNING, s.relocate(e)));
        }
        return header.with(named, features);
    }

    /** The named stream map: string buffer, then a hash table of (string offset, stream) pairs. */
    private static void readNamedStreams(Cursor c, Map<String, Integer> out) throws DumpFormatException {
        long bufferSize = c.u32();
        if (bufferSize > c.remaining()) {
            throw new DumpFormatException.InvalidValue("PDB named stream map", c.absolutePosition() - 4,
                    "string buffer of " + bufferSize + " bytes, " + c.remaining() + " remain");
        }
        Cursor strings = c.slice("PDB named stream map strings", c.position(), bufferSize);
        c.skip(bufferSize);
        long size = c.u32();
        long capacity = c.u32();
        if (size > capacity || capacity > MAX_NAMED_STREAMS) {
            throw new DumpFormatException.InvalidValue("PDB named stream map", c.absolutePosition() - 8,
                    "hash table size " + size + ", capacity " + capacity);
        }
        long presentWords = c.u32();
        if (presentWords * 4 > c.remaining()) {
            throw new DumpFormatException.InvalidValue("PDB named stream map", c.absolutePosition() - 4,
                    presentWords + " present-bit words do not fit");
        }
        long[] present = new long[(int) presentWords];
        for (int i = 0; i < presentWords; i++) {
            present[i] = c.u32();
        }
        long deletedWords = c.u32();
        c.skip(Math.multiplyExact(deletedWords, 4L));
        for (long i = 0; i < capacity; i++) {
            int word = (int) (i / 32);
            if (word >= present.length || (present[word] >>> (i % 32) & 1) == 0) {
                continue;
            }
            long keyOffset = c.u32();
            long stream = c.u32();
            if (keyOffset >= bufferSize) {
                continue;
            }
            strings.seek(keyOffset);
            String name = ByteStrings.cString(strings, 4096, StandardCharsets.UTF_8, false);
            out.putIfAbsent(name, (int) Math.min(stream, Integer.MAX_VALUE));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // DBI substreams

    private List<DbiModule> readModules(MsfStream dbiStream, long start, long size) {
        List<DbiModule> list = new ArrayList<>();
        try {
            Cursor c = dbiStream.cursor("DBI ModInfo", start, size);
            while (c.remaining() >= DbiModule.FIXED_SIZE) {
                list.add(DbiModule.read(c, list.size()));
            }
        } catch (DumpFormatException e) {
            diagnostics.add(Diagnostic.of(Diagnostic.Severity.ERROR, dbiStream.relocate(e)));
        }
        return List.copyOf(list);
    }

    private DbiDebugHeader readDebugHeader(MsfStream dbiStream, long start, long size) {
        List<Integer> streams = new ArrayList<>();
        try {
            Cursor c = dbiStream.cursor("DBI optional debug header", start, size);
            while (c.remaining() >= 2 && streams.size() < 64) {
                int v = c.u16();
                streams.add(v == 0xFFFF ? -1 : v);
            }
        } catch (DumpFormatException e) {
            diagnostics.add(Diagnostic.of(Diagnostic.Severity.ERROR, dbiStream.relocate(e)));
        }
        return new DbiDebugHeader(streams);
    }

    private List<ImageSectionHeader> readSections(int index, String what) {
        if (index < 0) {
            return List.of();
        }
        MsfStream s;
        try {
            s = msf.stream(index, what);
        } catch (DumpFormatException e) {
            diagnostics.add(Diagnostic.of(Diagnostic.Severity.ERROR, e));
            return List.of();
        }
        List<ImageSectionHeader> list = new ArrayList<>();
        try {
            long count = s.size() / ImageSectionHeader.SIZE;
            Cursor c = s.cursor("IMAGE_SECTION_HEADER[]", 0, count * ImageSectionHeader.SIZE);
            for (long i = 0; i < count; i++) {
                list.add(ImageSectionHeader.read(c));
            }
        } catch (DumpFormatException e) {
            diagnostics.add(Diagnostic.of(Diagnostic.Severity.ERROR, s.relocate(e)));
        }
        return List.copyOf(list);
    }

    private OmapTable readOmap(int index) {
        try {
            MsfStream s = msf.stream(index, "OMAP from source");
            try {
                int count = (int) (s.size() / 8);
                Cursor c = s.cursor("OMAP from source", 0, count * 8L);
                long[] from = new long[count];
                long[] to = new long[count];
                boolean sorted = true;
                for (int i = 0; i < count; i++) {
                    from[i] = c.u32();
                    to[i] = c.u32();
                    sorted &= i == 0 || from[i - 1] <= from[i];
                }
                if (!sorted) {
                    throw new DumpFormatException.InvalidValue("OMAP from source", 0, "entries are not sorted");
                }
                return new OmapTable(from, to);
            } catch (DumpFormatException e) {
                throw s.relocate(e);
            }
        } catch (DumpFormatException e) {
            diagnostics.add(Diagnostic.of(Diagnostic.Severity.ERROR, e));
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Identity

    public MsfFile msf() {
        return msf;
    }

    public PdbInfo info() {
        return info;
    }

    public DbiHeader dbi() {
        return dbi;
    }

    public Guid guid() {
        return info.guid();
    }

    /** The age an image's RSDS record matches: the DBI header's, not the info stream's. */
    public long age() {
        return dbi.age();
    }

    /** The symbol-store debug id: GUID as 32 uppercase hex digits then the DBI age in hex. */
    public String debugId() {
        return info.guid().toCompactHex() + Long.toHexString(dbi.age()).toUpperCase(Locale.ROOT);
    }

    /**
     * Whether this PDB belongs to a module whose RSDS record says {@code guid}, {@code age}: the GUID must equal
     * the info stream's and the age the DBI header's. (The info stream's age is bumped by later writes to the
     * PDB and often differs; the symbol store key also uses the DBI/RSDS age.)
     */
    public boolean matches(Guid guid, long age) {
        return info.guid().equals(guid) && dbi.age() == age;
    }

    /**
     * Refuses this PDB unless it matches the module's CodeView record.
     *
     * @throws DebugIdMismatchException naming both debug ids
     */
    public void requireMatch(CodeViewInfo module) throws DebugIdMismatchException {
        if (module.guid() == null || !matches(module.guid(), module.age())) {
            String detail = module.guid() == null ? "the module has an NB10 record, this is a PDB 7.0 file"
                    : !info.guid().equals(module.guid()) ? "GUID differs"
                    : "GUID matches but the DBI age is " + dbi.age() + ", the module wants age " + module.age();
            throw new DebugIdMismatchException(source.name(), module.debugId(), debugId(), detail);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Streams from the DBI

    public List<DbiModule> modules() {
        return modules;
    }

    public DbiDebugHeader debugHeader() {
        return debugHeader;
    }

    /** The image's section headers as the PDB records them (the stream in debug header slot 5). */
    public List<ImageSectionHeader> sectionHeaders() {
        return sectionHeaders;
    }

    /** Segment:offset → RVA for this PDB (through OMAP when the PDB has it). */
    public AddressMap addressMap() {
        return addressMap;
    }

    public boolean hasOmap() {
        return addressMap.omapFromSource() != null;
    }

    /** Problems met so far (symbols parse on first use, so this can grow). */
    public List<Diagnostic> diagnostics() {
        synchronized (diagnostics) {
            return List.copyOf(diagnostics);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Symbols

    /** Every S_PUB32 record in the symbol record stream, in stream order. */
    public synchronized List<PublicSymbol> publics() {
        if (publics == null) {
            List<PublicSymbol> list = new ArrayList<>();
            int index = dbi.symRecordStream();
            if (index != DbiHeader.NO_STREAM) {
                try {
                    MsfStream s = msf.stream(index, "symbol records");
                    walkRecords(s, 0, s.size(), "symbol record", (kind, c, at) -> {
                        if (kind == CodeViewSymbolKind.S_PUB32) {
                            list.add(PublicSymbol.read(c, at));
                        }
                    });
                } catch (DumpFormatException e) {
                    diagnostics.add(Diagnostic.of(Diagnostic.Severity.ERROR, e));
                }
            }
            publics = List.copyOf(list);
        }
        return publics;
    }

    /** Every procedure record of every module stream, module by module. */
    public synchronized List<ProcedureSymbol> procedures() {
        if (procedures == null) {
            List<ProcedureSymbol> list = new ArrayList<>();
            for (DbiModule m : modules) {
                if (!m.hasSymbolStream()) {
                    continue;
                }
                try {
                    MsfStream s = msf.stream(m.symbolStream(), "module " + m.index());
                    long end = Math.min(m.symByteSize(), s.size());
                    if (end < m.symByteSize()) {
                        diagnostics.add(Diagnostic.warning("TRUNCATED", "module symbols", s.fileOffset(0),
                                "module " + m.index() + " declares " + m.symByteSize() + " bytes of symbols, its stream has "
                                        + s.size()));
                    }
                    if (end < 4) {
                        continue;
                    }
                    walkRecords(s, 4, end, "module symbol", (kind, c, at) -> {
                        if (CodeViewSymbolKind.isProcedure(kind)) {
                            list.add(ProcedureSymbol.read(c, kind, m.index(), at));
                        }
                    });
                } catch (DumpFormatException e) {
                    diagnostics.add(Diagnostic.of(Diagnostic.Severity.ERROR, e));
                }
            }
            procedures = List.copyOf(list);
        }
        return procedures;
    }

    /** RVA → symbol over the procedures and publics (built on first use). */
    public synchronized PdbSymbolTable symbolTable() {
        if (table == null) {
            table = new PdbSymbolTable(addressMap, procedures(), publics());
        }
        return table;
    }

    @FunctionalInterface
    private interface RecordVisitor {
        void visit(int kind, Cursor body, long recordOffset) throws DumpFormatException;
    }

    /**
     * Walks CodeView records {@code u16 length, u16 kind, body} in {@code [start, end)} of a stream. A record
     * that overruns the range stops the walk with a diagnostic; a record whose body cannot be read is skipped
     * with one. Errors are reported with file offsets.
     */
    private void walkRecords(MsfStream s, long start, long end, String what, RecordVisitor visitor) {
        long pos = start;
        int skipped = 0;
        DumpFormatException firstSkip = null;
        try {
            while (end - pos >= 4) {
                int length = s.u16At(pos);
                int kind = s.u16At(pos + 2);
                if (length < 2 || length > end - pos - 2) {
                    throw new DumpFormatException.InvalidValue(what, pos,
                            "record length " + length + " does not fit (" + (end - pos - 2) + " bytes left)");
                }
                Cursor body = s.cursor(what, pos + 4, length - 2);
                try {
                    visitor.visit(kind, body, pos);
                } catch (DumpFormatException e) {
                    skipped++;
                    if (firstSkip == null) {
                        firstSkip = e;
                    }
                }
                pos += 2 + length;
            }
        } catch (DumpFormatException e) {
            diagnostics.add(Diagnostic.of(Diagnostic.Severity.ERROR, s.relocate(e)));
        }
        if (firstSkip != null) {
            DumpFormatException r = s.relocate(firstSkip);
            diagnostics.add(Diagnostic.warning(r.code(), r.structure(), r.offset(),
                    skipped + " " + what + " record(s) skipped; first: " + r.detail()));
        }
    }

    @Override
    public void close() {
        if (owned) {
            source.close();
        }
    }
}
