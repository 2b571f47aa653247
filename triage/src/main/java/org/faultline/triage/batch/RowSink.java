package org.faultline.triage.batch;

import java.io.IOException;

/**
 * Where a batch's rows go as dumps finish (in completion order), then its result. Called by one thread at a
 * time. A sink that writes rows (CSV, JSON) keeps nothing; one that only renders the result ignores them.
 */
public interface RowSink {
    /** Before the first row. */
    default void start() throws IOException {
    }

    /** One dump's row. */
    void row(DumpRow row) throws IOException;

    /** After the last row. */
    void finish(FleetResult result) throws IOException;
}
