package org.faultline.triage;

/** The verdict's category: what kind of crash this is. */
public enum Category {
    /** A read of an invalid, unmapped, non-null address. */
    READ_OUT_OF_BOUNDS,
    NULL_POINTER_READ,
    NULL_POINTER_WRITE,
    WRITE_ACCESS_VIOLATION,
    EXECUTE_ACCESS_VIOLATION,
    /** An x64 address outside the canonical ranges (a corrupted pointer). */
    NON_CANONICAL_ACCESS,
    /** Kernel code touching a user-mode address. */
    USER_ADDRESS_FROM_KERNEL,
    STACK_OVERFLOW,
    /** A deliberate fail-fast (__fastfail, a security check). */
    FAST_FAIL,
    /** The crash is not a memory access fault (a watchdog, a manual crash, a critical process dying, …). */
    NOT_AN_ACCESS_VIOLATION,
    UNKNOWN
}
