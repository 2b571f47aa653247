package org.faultline.triage;

import java.util.List;

/**
 * Whose code it is.
 *
 * @param module     file name
 * @param path       the path the dump records
 * @param vendor     the vendor, or {@code null} when unknown
 * @param microsoft  whether the module ships with Windows (or is Microsoft's)
 * @param how        how vendor and origin were decided
 * @param filter     minifilter facts, or {@code null} when the module is not known as a file-system filter
 * @param reason     why this module was chosen as the culprit
 */
public record Culprit(String module, String path, String vendor, boolean microsoft, String how, Filter filter,
                      String reason) {

    /**
     * File-system filter facts.
     *
     * @param altitude allocated altitude (may be fractional), or {@code null} when not allocated
     * @param group    load-order group, or {@code null}
     * @param evidence what shows it is a filter (the altitude list, FLTMGR frames below it)
     */
    public record Filter(String altitude, String group, List<String> evidence) {
        public Filter {
            evidence = List.copyOf(evidence);
        }
    }
}
