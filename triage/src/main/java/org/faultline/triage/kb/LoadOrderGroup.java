package org.faultline.triage.kb;

import java.math.BigDecimal;

/**
 * A minifilter load order group and its altitude range (inclusive).
 *
 * @param name  e.g. "FSFilter Anti-Virus"
 * @param range as written, e.g. "320000-329998"
 * @param low   lower bound
 * @param high  upper bound
 */
public record LoadOrderGroup(String name, String range, BigDecimal low, BigDecimal high) {

    /** Whether {@code altitude} lies in the range. */
    public boolean contains(BigDecimal altitude) {
        return altitude.compareTo(low) >= 0 && altitude.compareTo(high) <= 0;
    }
}
