package org.faultline.symbols;

import java.util.List;
import java.util.Optional;

/**
 * RVA to symbol, for one module. Implementations are immutable once built and safe to share between threads.
 * "Not found" is an empty answer, never an exception.
 */
public interface SymbolTable {

    /** The symbol covering {@code rva} (module-relative), if this source knows one. */
    Optional<Symbol> lookup(long rva);

    /** A table that knows nothing. */
    static SymbolTable empty() {
        return rva -> Optional.empty();
    }

    /**
     * Asks each table in order and returns the first answer: e.g. PDB, then Breakpad, then exports.
     */
    static SymbolTable chain(List<? extends SymbolTable> tables) {
        List<SymbolTable> copy = List.copyOf(tables);
        return rva -> {
            for (SymbolTable t : copy) {
                Optional<Symbol> s = t.lookup(rva);
                if (s.isPresent()) {
                    return s;
                }
            }
            return Optional.empty();
        };
    }
}
