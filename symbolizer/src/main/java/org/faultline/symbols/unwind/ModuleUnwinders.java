package org.faultline.symbols.unwind;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.faultline.dump.CpuContext;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.ModuleInfo;
import org.faultline.symbols.ModuleMap;
import org.faultline.symbols.breakpad.BreakpadSymbolFile;
import org.faultline.symbols.pe.ImageFileHeader;
import org.faultline.symbols.pe.PeFile;

/**
 * The {@link StackWalker.Unwinder} for a whole dump: finds the module of each frame's lookup address and unwinds
 * with that module's call-frame information: its Breakpad symbol file's STACK CFI / STACK WIN records when the
 * file has one for the address, else (or when they fail) its PE image's exception data (x64 or ARM64).
 *
 * <p>The files come from suppliers the caller provides (a symbol store, a folder, a test's fixtures); each is
 * asked at most once per module, and its answer, found or not, is cached for the life of this object. The
 * suppliers keep ownership of what they return (this class closes nothing). A supplier that throws counts as
 * "not found". Safe for concurrent walks.
 */
public final class ModuleUnwinders implements StackWalker.Unwinder {
    private final ModuleMap modules;
    private final Function<ModuleInfo, Optional<BreakpadSymbolFile>> breakpad;
    private final Function<ModuleInfo, Optional<PeFile>> images;
    private final Map<ModuleInfo, Entry> cache = new ConcurrentHashMap<>();

    /** Per module: what was found (either may be null). */
    private record Entry(BreakpadCfiUnwinder cfi, StackWalker.Unwinder pe) {
    }

    /**
     * @param modules  the dump's modules
     * @param breakpad the Breakpad symbol file of a module, if any
     * @param images   the PE image of a module, if any
     */
    public ModuleUnwinders(ModuleMap modules, Function<ModuleInfo, Optional<BreakpadSymbolFile>> breakpad,
                           Function<ModuleInfo, Optional<PeFile>> images) {
        this.modules = modules;
        this.breakpad = breakpad;
        this.images = images;
    }

    /** Unwinders from PE images only. */
    public static ModuleUnwinders ofImages(ModuleMap modules, Function<ModuleInfo, Optional<PeFile>> images) {
        return new ModuleUnwinders(modules, m -> Optional.empty(), images);
    }

    /** Unwinders from Breakpad symbol files only. */
    public static ModuleUnwinders ofBreakpad(ModuleMap modules,
                                             Function<ModuleInfo, Optional<BreakpadSymbolFile>> breakpad) {
        return new ModuleUnwinders(modules, breakpad, m -> Optional.empty());
    }

    @Override
    public Optional<CpuContext> unwind(StackFrame frame, CpuContext registers, MemoryReader memory) {
        Optional<ModuleInfo> module = modules.moduleAt(frame.lookupAddress());
        if (module.isEmpty()) {
            return Optional.empty();
        }
        Entry e = cache.computeIfAbsent(module.get(), this::load);
        if (e.cfi() != null && e.cfi().covers(frame.lookupAddress())) {
            Optional<CpuContext> r = e.cfi().unwind(frame, registers, memory);
            if (r.isPresent()) {
                return r;
            }
        }
        return e.pe() != null ? e.pe().unwind(frame, registers, memory) : Optional.empty();
    }

    /** How many modules have been looked up so far. */
    public int cachedModules() {
        return cache.size();
    }

    private Entry load(ModuleInfo m) {
        BreakpadCfiUnwinder cfi = null;
        Optional<BreakpadSymbolFile> sym = ask(breakpad, m);
        if (sym.isPresent()) {
            cfi = new BreakpadCfiUnwinder(sym.get(), m.base(), a -> modules.moduleAt(a).isPresent());
        }
        StackWalker.Unwinder pe = null;
        Optional<PeFile> image = ask(images, m);
        if (image.isPresent()) {
            PeFile p = image.get();
            if (p.machine() == ImageFileHeader.MACHINE_AMD64) {
                pe = X64PeUnwinder.of(p, m.base()).orElse(null);
            } else if (p.machine() == ImageFileHeader.MACHINE_ARM64) {
                pe = Arm64PeUnwinder.of(p, m.base()).orElse(null);
            }
        }
        return new Entry(cfi, pe);
    }

    private static <T> Optional<T> ask(Function<ModuleInfo, Optional<T>> supplier, ModuleInfo m) {
        try {
            Optional<T> r = supplier.apply(m);
            return r == null ? Optional.empty() : r;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
