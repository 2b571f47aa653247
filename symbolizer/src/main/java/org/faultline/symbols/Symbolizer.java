package org.faultline.symbols;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.faultline.dump.CrashDump;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.breakpad.BreakpadSymbolFile;
import org.faultline.symbols.pdb.PdbFile;
import org.faultline.symbols.pe.CodeViewInfo;
import org.faultline.symbols.pe.PeFile;
import org.faultline.symbols.store.CancellationToken;
import org.faultline.symbols.store.LookupResult;
import org.faultline.symbols.store.ProgressListener;
import org.faultline.symbols.store.SymbolKey;
import org.faultline.symbols.store.SymbolPath;
import org.faultline.symbols.store.SymbolResolver;
import org.faultline.symbols.store.UnsafeNameException;

/**
 * Symbolizes addresses of one dump. Module+offset always; a symbol when one of these is found for the
 * module, tried in order: a Breakpad .sym (by debug id, or by code id in local folders), a PDB that matches
 * the module's CodeView record (from the dump, or from the image found by its code id), the image's
 * exports. What was looked for and not found is kept as notes for the report. Nothing touches the network
 * unless the symbol path names a server.
 */
public final class Symbolizer implements AutoCloseable {
    /** Most .sym files indexed by code id in local folders. */
    static final int MAX_INDEXED_SYMS = 10_000;

    private final CrashDump dump;
    private final ModuleMap modules;
    private final SymbolResolver resolver;
    private final List<Path> localFolders;
    private final Map<ModuleInfo, ModuleSymbols> cache = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Map<String, Path> symsByCodeId;

    /** What was found for one module. */
    public record ModuleSymbols(SymbolTable table, String source, Optional<PeFile> image,
                                Optional<BreakpadSymbolFile> breakpad) {
    }

    public Symbolizer(CrashDump dump, SymbolResolver resolver, List<Path> localFolders) {
        this.dump = dump;
        this.modules = ModuleMap.of(dump);
        this.resolver = resolver;
        this.localFolders = List.copyOf(localFolders);
    }

    /** A symbolizer with no symbols: module+offset only. */
    public static Symbolizer moduleOffsetOnly(CrashDump dump) {
        return new Symbolizer(dump, null, List.of());
    }

    /** A symbolizer over a parsed symbol path (local folders, caches and servers). */
    public static Symbolizer of(CrashDump dump, SymbolPath path, org.faultline.symbols.store.StoreOptions options) {
        List<Path> folders = new ArrayList<>();
        for (SymbolPath.Element e : path.elements()) {
            if (e instanceof SymbolPath.Folder f) {
                folders.add(Path.of(f.path()));
            } else if (e instanceof SymbolPath.Server s) {
                s.localStores().forEach(l -> folders.add(Path.of(l)));
            }
        }
        return new Symbolizer(dump, path.elements().isEmpty() ? null : SymbolResolver.fromPath(path, options), folders);
    }

    public ModuleMap modules() {
        return modules;
    }

    /** What was looked for and not found, and why (for the report's warnings). */
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    public SymbolizedAddress symbolize(long address) {
        Optional<ModuleInfo> m = modules.moduleAt(address);
        if (m.isEmpty()) {
            return new SymbolizedAddress(address, null, -1, null, null);
        }
        long offset = address - m.get().base();
        ModuleSymbols symbols = symbolsFor(m.get());
        Symbol symbol = symbols.table().lookup(offset).orElse(null);
        return new SymbolizedAddress(address, m.get(), offset, symbol, symbol == null ? null : symbols.source());
    }

    /** The symbols found for a module (an empty table when none). */
    public synchronized ModuleSymbols symbolsFor(ModuleInfo module) {
        ModuleSymbols cached = cache.get(module);
        if (cached == null) {
            cached = find(module);
            cache.put(module, cached);
        }
        return cached;
    }

    private ModuleSymbols find(ModuleInfo module) {
        ModuleSymbols none = new ModuleSymbols(SymbolTable.empty(), null, Optional.empty(), Optional.empty());
        if (resolver == null && localFolders.isEmpty()) {
            return none;
        }
        Optional<PeFile> image = image(module);
        String debugFile = module.debugFile();
        String debugId = module.debugId();
        if ((debugFile == null || debugId == null) && image.isPresent()) {
            Optional<CodeViewInfo> cv = image.get().codeView();
            if (cv.isPresent() && cv.get().debugId() != null) {
                debugFile = cv.get().pdbFileName();
                debugId = cv.get().debugId();
            }
        }
        Optional<BreakpadSymbolFile> sym = breakpad(module, debugFile, debugId);
        if (sym.isPresent()) {
            return new ModuleSymbols(sym.get(), "Breakpad " + sym.get().module().debugFile(), image, sym);
        }
        if (debugFile != null && debugId != null && debugId.length() > 32) {
            Optional<SymbolTable> pdb = pdb(module, debugFile, debugId, image);
            if (pdb.isPresent()) {
                return new ModuleSymbols(pdb.get(), "PDB " + baseName(debugFile), image, Optional.empty());
            }
        }
        if (image.isPresent() && image.get().exports().isPresent()) {
            return new ModuleSymbols(image.get().exports().get(), "exports of " + module.name(), image, Optional.empty());
        }
        return new ModuleSymbols(SymbolTable.empty(), null, image, Optional.empty());
    }

    private static String baseName(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(cut + 1);
    }

    private Optional<Path> resolve(SymbolKey key) {
        if (resolver == null) {
            return Optional.empty();
        }
        LookupResult r = resolver.resolve(key, CancellationToken.none(), ProgressListener.none());
        if (r instanceof LookupResult.Found f) {
            return Optional.of(f.file());
        }
        if (r instanceof LookupResult.Failed failed) {
            note(key.fileName() + ": " + failed.describe());
        }
        return Optional.empty();
    }

    private synchronized void note(String text) {
        if (notes.size() < 200 && !notes.contains(text)) {
            notes.add(text);
        }
    }

    /** The module's image, found in the symbol path by its code id. */
    public Optional<PeFile> image(ModuleInfo module) {
        if (module.timestamp() == 0 || module.size() == 0) {
            return Optional.empty();
        }
        try {
            Optional<Path> file = resolve(SymbolKey.image(module.name(), module.timestamp(), module.size()));
            if (file.isEmpty()) {
                return Optional.empty();
            }
            PeFile pe = PeFile.open(file.get());
            if (!pe.codeId().equalsIgnoreCase(module.codeId())) {
                note(module.name() + ": image " + file.get().getFileName() + " has code id " + pe.codeId()
                        + ", the dump says " + module.codeId() + "; not used");
                return Optional.empty();
            }
            return Optional.of(pe);
        } catch (UnsafeNameException e) {
            note(module.name() + ": name refused for symbol lookup: " + e.reason());
        } catch (DumpAccessException | DumpFormatException e) {
            note(module.name() + ": image unreadable: " + e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<SymbolTable> pdb(ModuleInfo module, String debugFile, String debugId, Optional<PeFile> image) {
        try {
            String guid = debugId.substring(0, 32);
            long age = Long.parseLong(debugId.substring(32), 16);
            Optional<Path> file = resolve(SymbolKey.pdb(debugFile, guid, age));
            if (file.isEmpty()) {
                return Optional.empty();
            }
            PdbFile pdb = PdbFile.open(file.get());
            if (!pdb.matches(pdb.info().guid(), age) || !pdb.info().guid().toCompactHex().equalsIgnoreCase(guid)) {
                note(module.name() + ": " + baseName(debugFile) + " does not match the module (GUID/age); not used");
                return Optional.empty();
            }
            return Optional.of(pdb.symbolTable());
        } catch (UnsafeNameException e) {
            note(module.name() + ": name refused for symbol lookup: " + e.reason());
        } catch (NumberFormatException | DumpAccessException | DumpFormatException e) {
            note(module.name() + ": PDB unreadable: " + e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<BreakpadSymbolFile> breakpad(ModuleInfo module, String debugFile, String debugId) {
        Path found = null;
        if (debugFile != null && debugId != null) {
            try {
                found = resolve(SymbolKey.breakpad(debugFile, debugId)).orElse(null);
            } catch (UnsafeNameException e) {
                note(module.name() + ": name refused for symbol lookup: " + e.reason());
            }
        }
        if (found == null && module.codeId() != null) {
            found = symsByCodeId().get(module.codeId().toUpperCase(Locale.ROOT) + "/" + module.name().toLowerCase(Locale.ROOT));
        }
        if (found == null) {
            return Optional.empty();
        }
        try {
            BreakpadSymbolFile sym = BreakpadSymbolFile.open(found);
            if (debugId != null && sym.module().debugId() != null
                    && !sym.module().debugId().equalsIgnoreCase(debugId)) {
                note(module.name() + ": " + found.getFileName() + " is for debug id " + sym.module().debugId()
                        + ", the module's is " + debugId + "; not used");
                return Optional.empty();
            }
            return Optional.of(sym);
        } catch (DumpAccessException | DumpFormatException e) {
            note(module.name() + ": " + found.getFileName() + " unreadable: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Breakpad files in the local folders, keyed by {@code CODEID/codefile} from their INFO CODE_ID line, so a
     * kernel driver known only by timestamp and size (a triage dump holds no debug id) still finds its .sym.
     */
    private synchronized Map<String, Path> symsByCodeId() {
        if (symsByCodeId != null) {
            return symsByCodeId;
        }
        Map<String, Path> index = new HashMap<>();
        int seen = 0;
        for (Path folder : localFolders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.find(folder, 3, (p, a) -> a.isRegularFile()
                    && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sym"))) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (++seen > MAX_INDEXED_SYMS) {
                        break;
                    }
                    codeIdOf(p).ifPresent(key -> index.putIfAbsent(key, p));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                note(folder + ": cannot list symbol files: " + e.getMessage());
            }
        }
        symsByCodeId = index;
        return index;
    }

    /** {@code CODEID/codefile} from a .sym file's first lines ({@code INFO CODE_ID 5F4E1A2B3b000 amdppm.sys}). */
    private static Optional<String> codeIdOf(Path sym) {
        try (var reader = Files.newBufferedReader(sym, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 8; i++) {
                String line = reader.readLine();
                if (line == null) {
                    break;
                }
                if (line.startsWith("INFO CODE_ID ")) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 4) {
                        return Optional.of(f[2].toUpperCase(Locale.ROOT) + "/" + f[3].toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (resolver != null) {
            resolver.close();
        }
    }
}
