package org.faultline.triage.kb;

/** What a faulting memory access tried to do. */
public enum AccessKind {
    READ, WRITE, EXECUTE
}
