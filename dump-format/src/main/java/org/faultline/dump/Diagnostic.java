package org.faultline.dump;

import org.faultline.dump.io.DumpFormatException;

/**
 * Something wrong with a dump that did not stop it being read: a damaged stream, a skipped list entry, a
 * truncated memory range. Carries the structure and file offset, like the typed errors.
 */
public record Diagnostic(Severity severity, String code, String structure, long offset, String message) {

    /** How much the problem costs the reader. */
    public enum Severity {
        /** Something was skipped or clamped; the rest is fine. */
        WARNING,
        /** A whole structure (a stream, a list) could not be read. */
        ERROR
    }

    /** A diagnostic from a typed error that was contained. */
    public static Diagnostic of(Severity severity, DumpFormatException e) {
        return new Diagnostic(severity, e.code(), e.structure(), e.offset(), e.detail());
    }

    public static Diagnostic warning(String code, String structure, long offset, String message) {
        return new Diagnostic(Severity.WARNING, code, structure, offset, message);
    }

    /** {@code warning: MINIDUMP_STRING @0x1234: odd length 7}. */
    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + structure + " @0x"
                + Long.toHexString(offset) + ": " + message;
    }
}
