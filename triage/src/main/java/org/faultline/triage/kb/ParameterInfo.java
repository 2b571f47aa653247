package org.faultline.triage.kb;

/**
 * One bug check parameter as the documentation describes it.
 *
 * @param number 1-based parameter number
 * @param role   short description of what the parameter holds
 */
public record ParameterInfo(int number, String role) {
}
