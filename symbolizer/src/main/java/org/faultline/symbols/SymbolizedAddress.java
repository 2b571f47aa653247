package org.faultline.symbols;

import org.faultline.dump.ModuleInfo;

/**
 * An address with everything known about it: its module and offset (always, when it lies in a module) and
 * a symbol when a debug file, Breakpad file or export table was found.
 *
 * @param module the containing module, or {@code null}
 * @param offset offset in the module, or -1
 * @param symbol the symbol covering the address, or {@code null}
 * @param symbolSource where the symbol came from ({@code PDB amdppm.pdb}, {@code Breakpad …}, {@code exports}), or null
 */
public record SymbolizedAddress(long address, ModuleInfo module, long offset, Symbol symbol, String symbolSource) {

    /**
     * WinDbg's form: {@code amdppm!WriteIoMemRawEx+0x70} with a symbol, {@code csagent+0xe14ed} without one,
     * the bare hex address outside every module.
     */
    public String text() {
        if (module == null) {
            return "0x" + Long.toHexString(address);
        }
        String m = ModuleMap.shortName(module);
        if (symbol != null) {
            return m + "!" + symbol.display(offset);
        }
        return m + "+0x" + Long.toHexString(offset);
    }

    /** {@code module+0x…} even when a symbol is known. */
    public String moduleOffset() {
        return module == null ? "0x" + Long.toHexString(address) : ModuleMap.shortName(module) + "+0x" + Long.toHexString(offset);
    }
}
