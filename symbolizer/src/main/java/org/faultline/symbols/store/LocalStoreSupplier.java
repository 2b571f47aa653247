package org.faultline.symbols.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.faultline.dump.io.DumpFormatException;

/**
 * A folder on disk (or a share): a symbol store ({@code name/INDEX/file}, index2 when {@code index2.txt}
 * exists, compressed {@code _} copies, {@code file.ptr}), a flat folder of symbol files ({@code file},
 * {@code ext/file}, {@code symbols/ext/file}, as DbgHelp searches plain path elements), or both. Compressed
 * copies are expanded into a {@link SymbolCache}. Read-only otherwise; never uses the network.
 */
public final class LocalStoreSupplier implements SymbolSupplier {

    /** How the folder is searched. */
    public enum Mode { STORE, FLAT, STORE_AND_FLAT }

    private final Path root;
    private final Mode mode;
    private final SymbolCache expandInto;
    private final List<Path> pointerRoots;
    private final long maxFileBytes;

    /**
     * @param expandInto   where compressed copies are expanded (null: they are reported as failures)
     * @param pointerRoots folders a {@code file.ptr} here may point into besides this folder itself
     * @param maxFileBytes largest file expanded or copied
     */
    public LocalStoreSupplier(Path root, Mode mode, SymbolCache expandInto, List<Path> pointerRoots,
            long maxFileBytes) {
        this.root = root.toAbsolutePath().normalize();
        this.mode = mode;
        this.expandInto = expandInto;
        List<Path> roots = new ArrayList<>(pointerRoots);
        roots.add(this.root);
        this.pointerRoots = List.copyOf(roots);
        this.maxFileBytes = maxFileBytes;
    }

    /** A store with default limits and no cache for compressed copies. */
    public static LocalStoreSupplier store(Path root) {
        return new LocalStoreSupplier(root, Mode.STORE, null, List.of(), CabFile.DEFAULT_MAX_OUTPUT);
    }

    public Path root() {
        return root;
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public String name() {
        return root.toString();
    }

    @Override
    public LookupResult lookup(SymbolKey key, CancellationToken cancel, ProgressListener progress) {
        if (cancel.isCancelled()) {
            return new LookupResult.Failed(name(), LookupResult.Problem.CANCELLED, "cancelled");
        }
        if (!Files.isDirectory(root)) {
            return new LookupResult.NotFound(name(), "folder does not exist");
        }
        Path real;
        try {
            real = StorePaths.realRoot(root);
        } catch (IOException e) {
            return new LookupResult.Failed(name(), LookupResult.Problem.IO, "cannot open folder: " + e);
        }
        List<LookupResult> problems = new ArrayList<>();
        int tried = 0;
        if (mode != Mode.FLAT) {
            boolean index2 = Files.isRegularFile(real.resolve(SymbolStoreLayout.INDEX2_MARKER));
            for (var c : SymbolStoreLayout.localCandidates(key, index2, EnumSet.allOf(SymbolStoreLayout.Form.class))) {
                tried++;
                LookupResult r = tryCandidate(real, c, key, cancel, progress);
                if (r instanceof LookupResult.Found) {
                    return r;
                }
                if (r != null) {
                    problems.add(r);
                }
            }
        }
        if (mode != Mode.STORE) {
            for (var c : SymbolStoreLayout.flatCandidates(key)) {
                tried++;
                Path p = existing(real, c.components(), problems);
                if (p != null) {
                    return new LookupResult.Found(p, name(), false, "flat folder " + c.path());
                }
            }
        }
        for (LookupResult p : problems) {
            if (p instanceof LookupResult.Failed) {
                return summarize(p, problems);
            }
        }
        if (!problems.isEmpty()) {
            return problems.get(0);
        }
        return new LookupResult.NotFound(name(), "no " + key + " (" + tried + " paths tried)");
    }

    private static LookupResult summarize(LookupResult first, List<LookupResult> all) {
        if (all.size() == 1) {
            return first;
        }
        LookupResult.Failed f = (LookupResult.Failed) first;
        return new LookupResult.Failed(f.source(), f.problem(), f.reason() + " (and " + (all.size() - 1) + " more)");
    }

    /** Null when the candidate does not exist; Found, or a NotFound/Failed worth reporting. */
    private LookupResult tryCandidate(Path real, SymbolStoreLayout.Candidate c, SymbolKey key,
            CancellationToken cancel, ProgressListener progress) {
        List<LookupResult> problems = new ArrayList<>();
        Path p = existing(real, c.components(), problems);
        if (p == null) {
            return problems.isEmpty() ? null : problems.get(0);
        }
        switch (c.form()) {
            case PLAIN:
                if (expandInto != null && isCabinet(p)) {
                    // a cabinet under the plain name (seen in real stores): expand, never trust the extension
                    return expand(p, key, "expanded cabinet stored as " + c.path(), cancel);
                }
                return new LookupResult.Found(p, name(), true, "store " + c.path());
            case COMPRESSED:
                return expand(p, key, "expanded from " + c.path(), cancel);
            case FILE_PTR:
            default:
                return followPointer(p, key, c.path(), cancel);
        }
    }

    private static boolean isCabinet(Path p) {
        try {
            return CabFile.isCabinet(p);
        } catch (IOException e) {
            return false;
        }
    }

    private Path existing(Path real, List<String> components, List<LookupResult> problems) {
        try {
            Path p = StorePaths.inside(real, components);
            if (!Files.isRegularFile(p)) {
                return null;
            }
            return StorePaths.requireRealInside(real, p);
        } catch (UnsafeNameException e) {
            problems.add(new LookupResult.Failed(name(), LookupResult.Problem.REFUSED, e.getMessage()));
        } catch (IOException e) {
            problems.add(new LookupResult.Failed(name(), LookupResult.Problem.IO, e.toString()));
        }
        return null;
    }

    private LookupResult expand(Path cab, SymbolKey key, String how, CancellationToken cancel) {
        if (expandInto == null) {
            return new LookupResult.Failed(name(), LookupResult.Problem.IO,
                    "compressed copy " + cab + " found but no cache is configured to expand it into");
        }
        try {
            Path out = expandInto.storeExpanded(cab, key, maxFileBytes, cancel);
            return new LookupResult.Found(out, name(), true, how);
        } catch (DumpFormatException e) {
            return new LookupResult.Failed(name(), LookupResult.Problem.BAD_CONTENT, cab + ": " + e.getMessage());
        } catch (UnsafeNameException e) {
            return new LookupResult.Failed(name(), LookupResult.Problem.REFUSED, e.getMessage());
        } catch (CancellationException e) {
            return new LookupResult.Failed(name(), LookupResult.Problem.CANCELLED, "cancelled");
        } catch (IOException e) {
            return new LookupResult.Failed(name(), LookupResult.Problem.IO, e.toString());
        }
    }

    private LookupResult followPointer(Path ptr, SymbolKey key, String where, CancellationToken cancel) {
        try {
            FilePointer.Content content = FilePointer.read(ptr);
            if (content instanceof FilePointer.Content.Message m) {
                return new LookupResult.NotFound(name(), where + " says: " + m.text());
            }
            Path target = FilePointer.resolve(((FilePointer.Content.Target) content).path(), pointerRoots);
            if (CabFile.isCabinet(target)) {
                return expand(target, key, "expanded from " + target + " (" + where + ")", cancel);
            }
            return new LookupResult.Found(target, name(), true, where + " -> " + target);
        } catch (UnsafeNameException e) {
            return new LookupResult.Failed(name(), LookupResult.Problem.REFUSED, where + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            return new LookupResult.NotFound(name(), where + " points to a missing file " + e.getFile());
        } catch (IOException e) {
            return new LookupResult.Failed(name(), LookupResult.Problem.IO, where + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "local " + mode + " " + root;
    }
}
