package org.faultline.triage;

/**
 * One step of the evidence chain: which rule, what it concluded in plain words, and where the facts came from.
 *
 * @param rule   the rule's name ({@code fault-facts}, {@code address-class}, {@code faulting-frame}, …)
 * @param text   one sentence a help-desk engineer can read
 * @param source where the facts come from ({@code bug check parameter 1}, {@code exception record}, …)
 */
public record Evidence(String rule, String text, String source) {
}
