package org.faultline.triage.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A sink that keeps what it is given, and a one-call batch for tests. */
final class Collect implements RowSink {
    final List<DumpRow> rows = Collections.synchronizedList(new ArrayList<>());
    FleetResult result;

    @Override
    public void row(DumpRow row) {
        rows.add(row);
    }

    @Override
    public void finish(FleetResult r) {
        result = r;
    }

    static Collect run(FleetTriage triage, BatchOptions options, Path... paths) throws IOException, InterruptedException {
        Collect c = new Collect();
        triage.run(List.of(paths), options, c);
        return c;
    }

    static Collect run(Path... paths) throws IOException, InterruptedException {
        return run(FleetTriage.standard(), BatchOptions.defaults().withJobs(2), paths);
    }

    /** The one row whose entry (or file) ends with {@code suffix}. */
    DumpRow row(String suffix) {
        List<DumpRow> found = rows.stream().filter(r -> (r.entry() != null ? r.entry() : r.file()).endsWith(suffix)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " rows end with " + suffix + ": " + rows);
        }
        return found.get(0);
    }
}
