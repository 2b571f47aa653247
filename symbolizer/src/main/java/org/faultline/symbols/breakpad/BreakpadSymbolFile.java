package org.faultline.symbols.breakpad;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.MappedByteSource;
import org.faultline.symbols.DebugIdMismatchException;
import org.faultline.symbols.SourceLine;
import org.faultline.symbols.Symbol;
import org.faultline.symbols.SymbolTable;

/**
 * A Breakpad text symbol file ({@code .sym}): MODULE, INFO, FILE, INLINE_ORIGIN, FUNC with line and INLINE
 * records, PUBLIC, STACK CFI INIT / STACK CFI, STACK WIN. LF or CRLF line ends.
 *
 * <p>Only a first line that is not MODULE is fatal. Any other malformed line is skipped and counted; the first
 * {@value #MAX_KEPT_WARNINGS} are kept as diagnostics (offset = the line's byte offset).
 *
 * <p>Lookup: a FUNC covering the address wins (with its size and line); otherwise the nearest PUBLIC at or below
 * the address, unless a FUNC starts between that PUBLIC and the address (a PUBLIC extends to the next symbol).
 */
public final class BreakpadSymbolFile implements SymbolTable {
    /** Longest line read; longer ones are skipped as malformed. */
    public static final int MAX_LINE = 1 << 20;
    static final int MAX_KEPT_WARNINGS = 100;

    private final String name;
    private final ModuleRecord module;
    private final List<String> info;
    private final Map<Long, String> files;
    private final Map<Long, String> inlineOrigins;
    private final List<FuncRecord> functions;
    private final List<PublicRecord> publics;
    private final List<CfiRecord> cfi;
    private final List<StackWinRecord> stackWin;
    private final List<Diagnostic> warnings;
    private final int malformedLines;

    private final long[] funcStarts;
    private final long[] publicStarts;
    private final long[] cfiStarts;

    private BreakpadSymbolFile(Parser p) {
        this.name = p.name;
        this.module = p.module;
        this.info = List.copyOf(p.info);
        this.files = Collections.unmodifiableMap(p.files);
        this.inlineOrigins = Collections.unmodifiableMap(p.inlineOrigins);
        p.functions.sort(Comparator.comparingLong(FuncRecord::address));
        p.publics.sort(Comparator.comparingLong(PublicRecord::address));
        p.cfi.sort(Comparator.comparingLong(CfiRecord::address));
        this.functions = List.copyOf(p.functions);
        this.publics = List.copyOf(p.publics);
        this.cfi = List.copyOf(p.cfi);
        this.stackWin = List.copyOf(p.stackWin);
        this.warnings = List.copyOf(p.warnings);
        this.malformedLines = p.malformed;
        this.funcStarts = functions.stream().mapToLong(FuncRecord::address).toArray();
        this.publicStarts = publics.stream().mapToLong(PublicRecord::address).toArray();
        this.cfiStarts = cfi.stream().mapToLong(CfiRecord::address).toArray();
    }

    /** Maps and parses a {@code .sym} file. */
    public static BreakpadSymbolFile open(Path path) throws DumpAccessException, DumpFormatException {
        try (MappedByteSource source = MappedByteSource.open(path)) {
            return read(source);
        }
    }

    /**
     * Parses the bytes of a {@code .sym} file.
     *
     * @throws DumpFormatException.BadSignature when the first line is not a MODULE record
     */
    public static BreakpadSymbolFile read(ByteSource source) throws DumpFormatException {
        Parser p = new Parser(source.name());
        p.run(source);
        return new BreakpadSymbolFile(p);
    }

    public static BreakpadSymbolFile read(byte[] bytes, String name) throws DumpFormatException {
        return read(new org.faultline.dump.io.ArrayByteSource(bytes, name));
    }

    public String name() {
        return name;
    }

    public ModuleRecord module() {
        return module;
    }

    /** The INFO lines' text after {@code INFO }. */
    public List<String> info() {
        return info;
    }

    /** The code id from {@code INFO CODE_ID <id> [<file>]}, if present. */
    public Optional<String> codeId() {
        return infoField("CODE_ID", 0);
    }

    /** The code file from {@code INFO CODE_ID <id> <file>}, if present. */
    public Optional<String> codeFile() {
        return infoField("CODE_ID", 1);
    }

    private Optional<String> infoField(String key, int index) {
        for (String line : info) {
            String[] parts = line.split(" ", 3);
            if (parts[0].equals(key) && parts.length > index + 1) {
                return Optional.of(parts[index + 1]);
            }
        }
        return Optional.empty();
    }

    /** FILE number → name. */
    public Map<Long, String> files() {
        return files;
    }

    /** INLINE_ORIGIN number → name. */
    public Map<Long, String> inlineOrigins() {
        return inlineOrigins;
    }

    /** FUNC records sorted by address. */
    public List<FuncRecord> functions() {
        return functions;
    }

    /** PUBLIC records sorted by address. */
    public List<PublicRecord> publics() {
        return publics;
    }

    /** STACK CFI INIT records (with their delta rows) sorted by address. */
    public List<CfiRecord> cfi() {
        return cfi;
    }

    /** STACK WIN records in file order. */
    public List<StackWinRecord> stackWin() {
        return stackWin;
    }

    /** The first malformed lines, as diagnostics. */
    public List<Diagnostic> warnings() {
        return warnings;
    }

    /** How many lines were skipped as malformed. */
    public int malformedLines() {
        return malformedLines;
    }

    /**
     * Refuses this file unless its MODULE id equals {@code debugId} (case-insensitive).
     */
    public void requireMatch(String debugId) throws DebugIdMismatchException {
        if (!module.debugId().equalsIgnoreCase(debugId)) {
            throw new DebugIdMismatchException(name, debugId, module.debugId(), "MODULE line");
        }
    }

    /** The FUNC covering {@code rva}. */
    public Optional<FuncRecord> functionAt(long rva) {
        int i = floor(funcStarts, rva);
        return i >= 0 && functions.get(i).covers(rva) ? Optional.of(functions.get(i)) : Optional.empty();
    }

    /** The PUBLIC with the greatest address at or below {@code rva}, ignoring FUNC records. */
    public Optional<PublicRecord> nearestPublic(long rva) {
        int i = floor(publicStarts, rva);
        return i >= 0 ? Optional.of(publics.get(i)) : Optional.empty();
    }

    /** The STACK CFI INIT record covering {@code rva}. */
    public Optional<CfiRecord> cfiAt(long rva) {
        int i = floor(cfiStarts, rva);
        return i >= 0 && cfi.get(i).covers(rva) ? Optional.of(cfi.get(i)) : Optional.empty();
    }

    /** The STACK WIN record of {@code type} covering {@code rva} (the one starting closest below it). */
    public Optional<StackWinRecord> stackWinAt(int type, long rva) {
        StackWinRecord best = null;
        for (StackWinRecord r : stackWin) {
            if (r.type() == type && r.covers(rva) && (best == null || r.rva() > best.rva())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public Optional<Symbol> lookup(long rva) {
        int f = floor(funcStarts, rva);
        if (f >= 0 && functions.get(f).covers(rva)) {
            FuncRecord func = functions.get(f);
            LineRecord line = func.lineAt(rva);
            SourceLine source = null;
            if (line != null) {
                source = new SourceLine(files.getOrDefault(line.file(), "<file " + line.file() + ">"), line.line(),
                        line.address());
            }
            return Optional.of(new Symbol(func.name(), func.address(), func.size(), Symbol.Kind.FUNCTION, source));
        }
        int p = floor(publicStarts, rva);
        if (p < 0) {
            return Optional.empty();
        }
        PublicRecord pub = publics.get(p);
        if (f >= 0 && functions.get(f).address() >= pub.address()) {
            return Optional.empty(); // a FUNC between the PUBLIC and the address ends the PUBLIC's reach
        }
        return Optional.of(new Symbol(pub.name(), pub.address(), Symbol.UNKNOWN_SIZE, Symbol.Kind.PUBLIC, null));
    }

    private static int floor(long[] a, long key) {
        int lo = 0;
        int hi = a.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** One pass over the lines. */
    private static final class Parser {
        final String name;
        ModuleRecord module;
        final List<String> info = new ArrayList<>();
        final Map<Long, String> files = new HashMap<>();
        final Map<Long, String> inlineOrigins = new HashMap<>();
        final List<FuncRecord> functions = new ArrayList<>();
        final List<PublicRecord> publics = new ArrayList<>();
        final List<CfiRecord> cfi = new ArrayList<>();
        final List<StackWinRecord> stackWin = new ArrayList<>();
        final List<Diagnostic> warnings = new ArrayList<>();
        int malformed;

        // The open FUNC and CFI INIT, which later lines extend.
        String[] funcHead;
        boolean funcMultiple;
        List<LineRecord> funcLines;
        List<InlineRecord> funcInlines;
        long[] cfiHead;
        String cfiRules;
        List<CfiRecord.Delta> cfiDeltas;

        long lineNumber;
        long lineOffset;

        Parser(String name) {
            this.name = name;
        }

        /** A read-ahead window over the source, so that scanning for line ends is not a call per byte. */
        private static final class Window {
            private final ByteSource src;
            private final byte[] buf;
            private long start;
            private int length;

            Window(ByteSource src) {
                this.src = src;
                this.buf = new byte[(int) Math.min(src.size(), 1 << 16)];
            }

            int at(long p) {
                if (p < start || p >= start + length) {
                    start = p;
                    length = (int) Math.min(buf.length, src.size() - p);
                    src.copy(p, buf, 0, length);
                }
                return buf[(int) (p - start)];
            }
        }

        void run(ByteSource src) throws DumpFormatException {
            long size = src.size();
            Window w = new Window(src);
            long pos = 0;
            while (pos < size) {
                long start = pos;
                long end = start;
                while (end < size && w.at(end) != '\n') {
                    end++;
                }
                pos = end + 1;
                lineNumber++;
                lineOffset = start;
                long len = end - start;
                if (len > 0 && w.at(end - 1) == '\r') {
                    len--;
                }
                if (len > MAX_LINE) {
                    if (module == null) {
                        throw new DumpFormatException.BadSignature("Breakpad MODULE line", 0,
                                "first line is longer than " + MAX_LINE + " bytes");
                    }
                    warn("line longer than " + MAX_LINE + " bytes");
                    continue;
                }
                byte[] raw = new byte[(int) len];
                src.copy(start, raw, 0, (int) len);
                String line = new String(raw, StandardCharsets.UTF_8);
                if (module == null) {
                    module = parseModule(line);
                    continue;
                }
                if (!line.isEmpty()) {
                    parseLine(line);
                }
            }
            if (module == null) {
                throw new DumpFormatException.BadSignature("Breakpad MODULE line", 0, "empty file");
            }
            closeFunc();
            closeCfi();
        }

        private ModuleRecord parseModule(String line) throws DumpFormatException {
            String[] f = line.split(" ", 5);
            if (f.length < 5 || !f[0].equals("MODULE")) {
                throw new DumpFormatException.BadSignature("Breakpad MODULE line", 0,
                        "the first line is not \"MODULE <os> <arch> <id> <name>\"");
            }
            return new ModuleRecord(f[1], f[2], f[3], f[4]);
        }

        private void warn(String message) {
            malformed++;
            if (warnings.size() < MAX_KEPT_WARNINGS) {
                warnings.add(Diagnostic.warning("INVALID_VALUE", "Breakpad line " + lineNumber, lineOffset, message));
            }
        }

        private void parseLine(String line) {
            int sp = line.indexOf(' ');
            String keyword = sp < 0 ? line : line.substring(0, sp);
            switch (keyword) {
                case "FILE" -> parseNumbered(line, files);
                case "INLINE_ORIGIN" -> parseNumbered(line, inlineOrigins);
                case "FUNC" -> parseFunc(line);
                case "INLINE" -> parseInline(line);
                case "PUBLIC" -> parsePublic(line);
                case "STACK" -> parseStack(line);
                case "INFO" -> info.add(sp < 0 ? "" : line.substring(sp + 1));
                case "MODULE" -> warn("a second MODULE line");
                default -> {
                    if (hex(keyword) >= 0) {
                        parseLineRecord(line);
                    } else {
                        warn("unknown record \"" + abbreviate(keyword) + "\"");
                    }
                }
            }
        }

        private void parseNumbered(String line, Map<Long, String> into) {
            String[] f = line.split(" ", 3);
            long n = f.length == 3 ? decimal(f[1]) : -1;
            if (n < 0) {
                warn("malformed " + f[0] + " record");
                return;
            }
            into.putIfAbsent(n, f[2]);
        }

        private void parseFunc(String line) {
            closeFunc();
            String[] f = splitWithFlag(line, 4);
            if (f == null) {
                warn("malformed FUNC record");
                return;
            }
            long address = hex(f[1]);
            long size = hex(f[2]);
            long params = hex(f[3]);
            if (address < 0 || size < 0 || params < 0) {
                warn("malformed FUNC record");
                return;
            }
            funcHead = f;
            funcMultiple = f[0].equals("m");
            funcLines = new ArrayList<>();
            funcInlines = new ArrayList<>();
        }

        private void closeFunc() {
            if (funcHead != null) {
                functions.add(new FuncRecord(funcMultiple, hex(funcHead[1]), hex(funcHead[2]), hex(funcHead[3]),
                        funcHead[4], funcLines, funcInlines));
                funcHead = null;
            }
        }

        private void parseLineRecord(String line) {
            String[] f = line.split(" ", -1);
            if (f.length != 4) {
                warn("malformed line record");
                return;
            }
            long address = hex(f[0]);
            long size = hex(f[1]);
            long number = decimal(f[2]);
            long file = decimal(f[3]);
            if (address < 0 || size < 0 || number < 0 || file < 0) {
                warn("malformed line record");
                return;
            }
            if (funcHead == null) {
                warn("line record outside a FUNC");
                return;
            }
            funcLines.add(new LineRecord(address, size, number, file));
        }

        private void parseInline(String line) {
            String[] f = line.split(" ", -1);
            if (f.length < 7 || (f.length - 5) % 2 != 0) {
                warn("malformed INLINE record");
                return;
            }
            long depth = decimal(f[1]);
            long callLine = decimal(f[2]);
            long callFile = decimal(f[3]);
            long origin = decimal(f[4]);
            List<InlineRecord.Range> ranges = new ArrayList<>();
            for (int i = 5; i + 1 < f.length; i += 2) {
                long a = hex(f[i]);
                long s = hex(f[i + 1]);
                if (a < 0 || s < 0) {
                    warn("malformed INLINE record");
                    return;
                }
                ranges.add(new InlineRecord.Range(a, s));
            }
            if (depth < 0 || callLine < 0 || callFile < 0 || origin < 0) {
                warn("malformed INLINE record");
                return;
            }
            if (funcHead == null) {
                warn("INLINE record outside a FUNC");
                return;
            }
            funcInlines.add(new InlineRecord(depth, callLine, callFile, origin, ranges));
        }

        private void parsePublic(String line) {
            closeFunc();
            String[] f = splitWithFlag(line, 3);
            long address = f == null ? -1 : hex(f[1]);
            long params = f == null ? -1 : hex(f[2]);
            if (address < 0 || params < 0) {
                warn("malformed PUBLIC record");
                return;
            }
            publics.add(new PublicRecord(f[0].equals("m"), address, params, f[3]));
        }

        /**
         * Splits {@code KEYWORD [m] n1 … nK name} into {flag, n1 … nK, name}; the name may be empty or contain
         * spaces. {@code null} when there are too few fields.
         */
        private static String[] splitWithFlag(String line, int numbers) {
            String rest = line.substring(line.indexOf(' ') + 1);
            String flag = "";
            if (rest.startsWith("m ")) {
                flag = "m";
                rest = rest.substring(2);
            }
            String[] f = rest.split(" ", numbers);
            if (f.length < numbers - 1) {
                return null;
            }
            String[] out = new String[numbers + 1];
            out[0] = flag;
            for (int i = 0; i < numbers - 1; i++) {
                out[i + 1] = f[i];
            }
            out[numbers] = f.length == numbers ? f[numbers - 1] : "";
            return out;
        }

        private void parseStack(String line) {
            if (line.startsWith("STACK CFI INIT ")) {
                closeCfi();
                String[] f = line.split(" ", 6);
                long address = f.length >= 5 ? hex(f[3]) : -1;
                long size = f.length >= 5 ? hex(f[4]) : -1;
                if (address < 0 || size < 0) {
                    warn("malformed STACK CFI INIT record");
                    return;
                }
                cfiHead = new long[] {address, size};
                cfiRules = f.length == 6 ? f[5] : "";
                cfiDeltas = new ArrayList<>();
            } else if (line.startsWith("STACK CFI ")) {
                String[] f = line.split(" ", 4);
                long address = f.length >= 3 ? hex(f[2]) : -1;
                if (address < 0) {
                    warn("malformed STACK CFI record");
                    return;
                }
                if (cfiHead == null) {
                    warn("STACK CFI row without a STACK CFI INIT");
                    return;
                }
                cfiDeltas.add(new CfiRecord.Delta(address, f.length == 4 ? f[3] : ""));
            } else if (line.startsWith("STACK WIN ")) {
                parseStackWin(line);
            } else {
                warn("unknown STACK record");
            }
        }

        private void closeCfi() {
            if (cfiHead != null) {
                cfi.add(new CfiRecord(cfiHead[0], cfiHead[1], cfiRules, cfiDeltas));
                cfiHead = null;
            }
        }

        private void parseStackWin(String line) {
            String[] f = line.split(" ", 13);
            if (f.length < 13) {
                warn("malformed STACK WIN record");
                return;
            }
            long[] v = new long[9];
            for (int i = 0; i < 9; i++) {
                v[i] = hex(f[2 + i]);
                if (v[i] < 0) {
                    warn("malformed STACK WIN record");
                    return;
                }
            }
            long hasProgram = decimal(f[11]);
            if (v[0] > Integer.MAX_VALUE || (hasProgram != 0 && hasProgram != 1)) {
                warn("malformed STACK WIN record");
                return;
            }
            boolean program = hasProgram == 1;
            boolean allocatesBp = !program && !f[12].isEmpty() && !f[12].equals("0");
            stackWin.add(new StackWinRecord((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], program,
                    program ? f[12] : null, allocatesBp));
        }

        /** Unsigned hex of 1..16 digits, or -1 (also for values with the top bit set, which no RVA has). */
        static long hex(String s) {
            if (s.isEmpty() || s.length() > 16) {
                return -1;
            }
            long v = 0;
            for (int i = 0; i < s.length(); i++) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    return -1;
                }
                v = v << 4 | d;
            }
            return v < 0 ? -1 : v;
        }

        /** Non-negative decimal of 1..18 digits, or -1. */
        static long decimal(String s) {
            if (s.isEmpty() || s.length() > 18) {
                return -1;
            }
            long v = 0;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9') {
                    return -1;
                }
                v = v * 10 + (ch - '0');
            }
            return v;
        }

        private static String abbreviate(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
    }
}
