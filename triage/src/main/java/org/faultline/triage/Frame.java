package org.faultline.triage;

/**
 * One frame of the faulting stack, as reported.
 *
 * @param trust    how it was found: context, cfi, frame-pointer, trap-frame, scan
 * @param culprit  whether this is the culprit's frame
 * @param thirdParty whether the module is not Microsoft's
 */
public record Frame(int index, long address, String module, Long offset, String symbol, String text, String trust,
                    boolean culprit, boolean thirdParty) {
}
