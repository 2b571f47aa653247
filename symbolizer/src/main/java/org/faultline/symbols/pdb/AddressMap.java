package org.faultline.symbols.pdb;

import java.util.List;
import org.faultline.symbols.pe.ImageSectionHeader;

/**
 * {@code segment:offset} → RVA. Without OMAP: {@code sections[segment - 1].VirtualAddress + offset}. With an
 * OMAP-from-source table, symbols are in the pre-transform address space: the segment is resolved with the
 * original section headers (or, when the PDB has none, the section headers) and the result is mapped through
 * OMAP.
 *
 * @param sections         the image's final section headers (used to tell which section an RVA is in)
 * @param symbolSections   the section headers that symbol segments refer to
 * @param omapFromSource   the OMAP-from-source table, or {@code null}
 */
public record AddressMap(List<ImageSectionHeader> sections, List<ImageSectionHeader> symbolSections,
                         OmapTable omapFromSource) {
    public static final long NO_RVA = -1;

    public AddressMap {
        sections = List.copyOf(sections);
        symbolSections = List.copyOf(symbolSections);
    }

    /** The RVA of {@code segment:offset}, or {@link #NO_RVA} (absolute symbol, bad segment, unmapped by OMAP). */
    public long rva(int segment, long offset) {
        if (segment < 1 || segment > symbolSections.size()) {
            return NO_RVA;
        }
        long rva = symbolSections.get(segment - 1).virtualAddress() + offset;
        if (rva > 0xFFFF_FFFFL) {
            return NO_RVA;
        }
        return omapFromSource == null ? rva : omapFromSource.map(rva);
    }

    /** The index of the final section containing {@code rva}, or -1. */
    public int sectionIndexOf(long rva) {
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).containsRva(rva)) {
                return i;
            }
        }
        return -1;
    }
}
