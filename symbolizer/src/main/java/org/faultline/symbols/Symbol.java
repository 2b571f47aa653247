package org.faultline.symbols;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A named code (or data) location inside one module, as a symbol source knows it.
 *
 * @param name the name as the source spells it (a PDB public is usually decorated, a procedure is not)
 * @param rva  start, relative to the module's image base
 * @param size length in bytes, or {@link #UNKNOWN_SIZE} (publics and exports have none)
 * @param kind where the symbol came from
 * @param line the source line covering the looked-up address, or {@code null} when the source has no lines
 */
public record Symbol(String name, long rva, long size, Kind kind, SourceLine line) {
    /** The size of a symbol whose extent its source does not record. */
    public static final long UNKNOWN_SIZE = -1;

    /** Which kind of record produced a symbol. */
    public enum Kind {
        /** A PDB procedure (S_GPROC32, S_LPROC32 and their _ID variants): start and size known. */
        PROCEDURE,
        /** A PDB S_PUB32 or a Breakpad PUBLIC record: start only, extends to the next symbol. */
        PUBLIC,
        /** A Breakpad FUNC record: start and size known, maybe with line records. */
        FUNCTION,
        /** A PE export: start only, the last resort when no debug file is at hand. */
        EXPORT
    }

    public Symbol {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (size < UNKNOWN_SIZE) {
            throw new IllegalArgumentException("size " + size);
        }
    }

    /** The size, when the source records it. */
    public OptionalLong sizeIfKnown() {
        return size == UNKNOWN_SIZE ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** The source line, when known. */
    public Optional<SourceLine> source() {
        return Optional.ofNullable(line);
    }

    /** Whether {@code address} lies in {@code [rva, rva + size)}; false when the size is unknown. */
    public boolean covers(long address) {
        return size != UNKNOWN_SIZE && address >= rva && address - rva < size;
    }

    /** {@code address - rva}: the displacement shown after the name. */
    public long offsetOf(long address) {
        return address - rva;
    }

    /** {@code name+0x70} (or just {@code name} at offset 0), the WinDbg way. */
    public String display(long address) {
        long off = offsetOf(address);
        return off == 0 ? name : name + "+0x" + Long.toHexString(off);
    }
}
