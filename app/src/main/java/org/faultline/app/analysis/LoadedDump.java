package org.faultline.app.analysis;

import java.util.Objects;
import org.faultline.triage.Report;

/**
 * One dump after loading: its report, or the reason it could not be read (never both).
 *
 * @param input  where it came from
 * @param size   file size in bytes (-1 when the file could not be opened)
 * @param report the analysis, or {@code null} when {@code error} is set
 * @param error  one line for the user ({@code not a crash dump: MINIDUMP_HEADER @0x0: …}), or {@code null}
 * @param errorCode the stable code of the error, as fleet triage writes it ({@code TRUNCATED}, {@code READ_ERROR},
 *               …; see {@code triage.batch.DumpError}), or {@code null}
 */
public record LoadedDump(DumpInput input, long size, Report report, String error, String errorCode) {
    public LoadedDump {
        Objects.requireNonNull(input, "input");
        if ((report == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of report and error");
        }
    }

    public static LoadedDump of(DumpInput input, Report report) {
        return new LoadedDump(input, report.size(), report, null, null);
    }

    public static LoadedDump failed(DumpInput input, long size, String errorCode, String error) {
        return new LoadedDump(input, size, null, error, Objects.requireNonNull(errorCode, "errorCode"));
    }

    public boolean ok() {
        return report != null;
    }
}
