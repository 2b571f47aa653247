package org.faultline.triage.kb;

/**
 * A vendor attributed to a driver by name, and how that was decided.
 *
 * @param vendor   company name
 * @param evidence how the vendor was decided, e.g. "allocated minifilter altitude of CrowdStrike Ltd."
 */
public record VendorMatch(String vendor, String evidence) {
}
