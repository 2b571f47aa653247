package org.faultline.triage;

import org.faultline.triage.kb.AccessKind;

/**
 * The facts of the faulting access.
 *
 * @param kind         read, write or execute, or {@code null} when no source says
 * @param address      the referenced address, or {@code null}
 * @param addressClass {@code null-page}, {@code non-canonical}, {@code user-from-kernel}, {@code kernel-unmapped},
 *                     {@code kernel-invalid}, {@code user-unmapped}, {@code user-invalid}, {@code stack}, {@code unknown}
 * @param source       where kind and address came from
 */
public record AccessFacts(AccessKind kind, Long address, String addressClass, String source) {
}
