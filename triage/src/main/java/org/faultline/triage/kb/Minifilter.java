package org.faultline.triage.kb;

/**
 * One row of Microsoft's table of allocated minifilter altitudes.
 *
 * @param file           the file name used for matching (first {@code *.sys/.exe/.dll} token of the written name)
 * @param driver         the name exactly as the table writes it (may carry notes such as "(retired)")
 * @param altitude       the altitude as written; may be fractional ("329355.5")
 * @param company        the company as written
 * @param loadOrderGroup the load order group, e.g. "FSFilter Anti-Virus"
 * @param range          the group's altitude range as written, e.g. "320000-329998"
 * @param microsoft      whether the table's row belongs to Microsoft
 */
public record Minifilter(String file, String driver, String altitude, String company, String loadOrderGroup,
                         String range, boolean microsoft) {
}
