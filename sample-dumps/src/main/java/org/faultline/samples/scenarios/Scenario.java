package org.faultline.samples.scenarios;

/** One sample dump: code that writes it deterministically, and its ground truth. */
public interface Scenario {

    /** The sample's name: its file is {@code NAME.dmp}, its truth {@code NAME.truth.json}. */
    default String name() {
        return truth().name();
    }

    /** The dump's bytes; the same on every run. */
    byte[] write();

    /** What the dump holds and what a correct analysis concludes. */
    Truth truth();
}
