package org.faultline.symbols;

/**
 * A debug file (PDB, Breakpad {@code .sym}) was offered for a module it was not built with: its identity
 * differs from the one the module's CodeView record asks for. Symbols from such a file would be wrong, so it is
 * refused. The message names both ids.
 */
public final class DebugIdMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String wanted;
    private final String found;

    public DebugIdMismatchException(String file, String wanted, String found, String detail) {
        super(file + " does not match the module: the module asks for debug id " + wanted + " but the file is "
                + found + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")") + "; refusing it");
        this.wanted = wanted;
        this.found = found;
    }

    /** The debug id the module asks for (GUID as 32 hex digits, then the age in hex). */
    public String wanted() {
        return wanted;
    }

    /** The debug id the file has. */
    public String found() {
        return found;
    }
}
