package org.faultline.symbols.store;

/**
 * A name or path taken from a dump (or from a {@code file.ptr}) that cannot safely become a file in a symbol
 * store or cache: a device name, a control character, a path that would leave the store, and so on.
 */
public final class UnsafeNameException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String reason;

    public UnsafeNameException(String name, String reason) {
        super("refused name " + SymbolNames.display(name) + ": " + reason);
        this.name = name;
        this.reason = reason;
    }

    /** The name as given (may hold control characters; use {@link SymbolNames#display} to print it). */
    public String name() {
        return name;
    }

    /** Why it was refused, e.g. {@code "reserved device name"}. */
    public String reason() {
        return reason;
    }
}
