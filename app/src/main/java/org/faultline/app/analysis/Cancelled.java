package org.faultline.app.analysis;

/** Thrown out of long analysis steps when the user cancelled the work. */
public final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Cancelled() {
        super("cancelled", null, false, false);
    }
}
