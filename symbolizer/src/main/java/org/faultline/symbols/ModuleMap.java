package org.faultline.symbols;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.faultline.dump.CrashDump;
import org.faultline.dump.ModuleInfo;

/**
 * Address → module + offset, for any dump: always available, even with no symbols at all. Modules are kept
 * sorted by base so a lookup is a binary search; overlapping modules (which a hostile dump may list) resolve to
 * the one with the highest base at or below the address that still contains it.
 */
public final class ModuleMap {
    private final List<ModuleInfo> modules;
    private final long[] bases;
    private final List<ModuleInfo> unloaded;

    public ModuleMap(List<ModuleInfo> modules, List<ModuleInfo> unloaded) {
        List<ModuleInfo> sorted = new ArrayList<>(modules);
        sorted.sort(Comparator.comparing(ModuleInfo::base, Long::compareUnsigned));
        this.modules = List.copyOf(sorted);
        this.bases = sorted.stream().mapToLong(ModuleInfo::base).toArray();
        this.unloaded = List.copyOf(unloaded);
    }

    /** The map of a dump's loaded and unloaded modules. */
    public static ModuleMap of(CrashDump dump) {
        return new ModuleMap(dump.modules(), dump.unloadedModules());
    }

    public List<ModuleInfo> modules() {
        return modules;
    }

    /** The loaded module containing {@code address}. */
    public Optional<ModuleInfo> moduleAt(long address) {
        int lo = 0;
        int hi = bases.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(bases[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (int i = found; i >= 0 && i > found - 8; i--) {
            if (modules.get(i).contains(address)) {
                return Optional.of(modules.get(i));
            }
        }
        return Optional.empty();
    }

    /** An unloaded module whose former range contains {@code address} ("in unloaded foo.sys"). */
    public Optional<ModuleInfo> unloadedModuleAt(long address) {
        return unloaded.stream().filter(m -> m.contains(address)).findFirst();
    }

    /** The module name as WinDbg writes it: the file name without its extension ({@code csagent}). */
    public static String shortName(ModuleInfo m) {
        String name = m.name();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * {@code csagent+0xe14ed}; {@code <unloaded_foo.sys>+0x10} inside an unloaded module's old range; the bare
     * address otherwise.
     */
    public String describe(long address) {
        Optional<ModuleInfo> m = moduleAt(address);
        if (m.isPresent()) {
            return shortName(m.get()) + "+0x" + Long.toHexString(address - m.get().base());
        }
        Optional<ModuleInfo> u = unloadedModuleAt(address);
        if (u.isPresent()) {
            return "<unloaded_" + u.get().name().toLowerCase(Locale.ROOT) + ">+0x"
                    + Long.toHexString(address - u.get().base());
        }
        return "0x" + Long.toHexString(address);
    }
}
