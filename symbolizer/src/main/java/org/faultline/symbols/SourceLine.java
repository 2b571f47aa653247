package org.faultline.symbols;

import java.util.Objects;

/**
 * The source position a line record gives for an address.
 *
 * @param file the source file name as the debug file spells it
 * @param line 1-based line number
 * @param rva  start of the line record's address range (so {@code address - rva} is the offset into the line)
 */
public record SourceLine(String file, long line, long rva) {
    public SourceLine {
        Objects.requireNonNull(file, "file");
    }
}
