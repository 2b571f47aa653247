package org.faultline.symbols.pe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.faultline.symbols.Symbol;
import org.faultline.symbols.SymbolTable;

/**
 * A PE export directory, and the last-resort symbol source built on it: the nearest export at or below an
 * address, within the same section. Forwarders and RVA-0 entries are not code and never answer a lookup.
 */
public final class ExportTable implements SymbolTable {
    private final String dllName;
    private final ImageExportDirectory directory;
    private final List<ExportedFunction> functions;
    private final List<ImageSectionHeader> sections;
    private final long[] starts;
    private final String[] names;

    ExportTable(String dllName, ImageExportDirectory directory, List<ExportedFunction> functions,
                List<ImageSectionHeader> sections) {
        this.dllName = dllName;
        this.directory = directory;
        this.functions = List.copyOf(functions);
        this.sections = List.copyOf(sections);
        List<ExportedFunction> code = new ArrayList<>();
        for (ExportedFunction f : functions) {
            if (!f.isForwarder() && f.rva() != 0 && f.name() != null) {
                code.add(f);
            }
        }
        // Several names may share an address (folded code): keep the alphabetically first, for a stable answer.
        code.sort(Comparator.comparingLong(ExportedFunction::rva).thenComparing(ExportedFunction::name));
        long[] s = new long[code.size()];
        String[] n = new String[code.size()];
        int k = 0;
        for (ExportedFunction f : code) {
            if (k > 0 && s[k - 1] == f.rva()) {
                continue;
            }
            s[k] = f.rva();
            n[k] = f.name();
            k++;
        }
        this.starts = Arrays.copyOf(s, k);
        this.names = Arrays.copyOf(n, k);
    }

    /** The DLL's own name as the directory records it, or {@code null}. */
    public String dllName() {
        return dllName;
    }

    public ImageExportDirectory directory() {
        return directory;
    }

    /** Every EAT entry in ordinal order (including unnamed ones and RVA-0 gaps). */
    public List<ExportedFunction> functions() {
        return functions;
    }

    /** The named entries only. */
    public List<ExportedFunction> named() {
        return functions.stream().filter(f -> f.name() != null).toList();
    }

    @Override
    public Optional<Symbol> lookup(long rva) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= rva) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return Optional.empty();
        }
        ImageSectionHeader section = sectionOf(rva);
        if (section == null || !section.containsRva(starts[found])) {
            return Optional.empty();
        }
        return Optional.of(new Symbol(names[found], starts[found], Symbol.UNKNOWN_SIZE, Symbol.Kind.EXPORT, null));
    }

    private ImageSectionHeader sectionOf(long rva) {
        for (ImageSectionHeader s : sections) {
            if (s.containsRva(rva)) {
                return s;
            }
        }
        return null;
    }
}
