package org.faultline.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.faultline.triage.batch.BatchListener;
import org.faultline.triage.batch.FleetResult;
import org.junit.jupiter.api.Test;

/** The progress bar's line, and that it leaves no trace but the final sentence. */
class ProgressBarTest {

    @Test
    void drawsBytesCountsAndRateThenClears() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err));
        String line = bar.line(new BatchListener.Progress(1234, 5, 67, 50, 100), System.nanoTime());
        assertThat(line).startsWith("[############------------]  50%  1,234 dumps  5 failed  67 skipped  ")
                .endsWith(" dumps/s");
        assertThat(bar.line(new BatchListener.Progress(3, 0, 0, 0, -1), System.nanoTime())).startsWith("3 dumps  0 failed");
        bar.progress(new BatchListener.Progress(1, 0, 0, 1, 2));
        bar.done(new FleetResult(new FleetResult.Summary(10, 0, 0, 0), List.of(), List.of(), Duration.ofSeconds(2)));
        String out = err.toString();
        assertThat(out).startsWith("\r[").contains("\r" + " ".repeat(20)) // the bar is wiped before the last line
                .endsWith("faultline: triaged 10 dumps in 2.0 s (5 dumps/s)" + System.lineSeparator());
    }
}
