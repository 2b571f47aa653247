package org.faultline.symbols.pe;

/**
 * One entry of the export address table.
 *
 * @param ordinal   {@code OrdinalBase + index}
 * @param name      the first name the name table gives this entry, or {@code null} (exported by ordinal only)
 * @param rva       the EAT value: code or data RVA, or the RVA of the forwarder string
 * @param forwarder {@code "NTDLL.RtlFoo"} when the entry forwards to another DLL, else {@code null}
 */
public record ExportedFunction(long ordinal, String name, long rva, String forwarder) {

    public boolean isForwarder() {
        return forwarder != null;
    }
}
