package org.faultline.triage.kb;

/**
 * A {@code FAST_FAIL_*} code of winnt.h.
 *
 * @param code    the code (parameter 0 of a 0xC0000409 exception, parameter 1 of bug check 0x139)
 * @param name    symbolic name
 * @param meaning one-line meaning, written for Faultline
 */
public record FastFailInfo(long code, String name, String meaning) {
}
