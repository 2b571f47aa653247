package org.faultline.symbols.unwind;

/** How a stack frame was found, from most to least certain. */
public enum FrameTrust {
    /** The registers of a saved CONTEXT (the crash context, an exception context). */
    CONTEXT("context"),
    /** Unwound with call-frame information (PE unwind data, Breakpad STACK CFI/WIN). */
    CFI("cfi"),
    /** Followed the frame-pointer chain. */
    FRAME_POINTER("frame-pointer"),
    /** Restored from a KTRAP_FRAME the kernel pushed on a fault or interrupt. */
    TRAP_FRAME("trap-frame"),
    /** A stack slot that holds a plausible return address. */
    SCAN("scan");

    private final String label;

    FrameTrust(String label) {
        this.label = label;
    }

    /** The label reports use: {@code context}, {@code cfi}, {@code frame-pointer}, {@code trap-frame}, {@code scan}. */
    public String label() {
        return label;
    }
}
