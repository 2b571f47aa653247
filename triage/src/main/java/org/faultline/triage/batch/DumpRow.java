package org.faultline.triage.batch;

import java.io.Serializable;
import java.util.Objects;
import org.faultline.dump.OsInfo;
import org.faultline.triage.Report;

/**
 * One dump's line in a fleet report: where it was, its bucket and verdict, or why it has none. Small on purpose:
 * the full {@link Report} is dropped once this row is made, so a batch keeps no per-dump state.
 *
 * @param file       the file as found (a loose dump, or the archive that holds the dump)
 * @param entry      the path inside the archive (escaped; {@code outer!inner} for an archive in an archive),
 *                   or {@code null} for a loose file
 * @param size       bytes of the dump (of the entry, for archives)
 * @param sha256     the dump's SHA-256 when asked for, else {@code null}
 * @param format     the dump format ({@code kernel-triage}, {@code minidump}, …), or {@code null} when failed
 * @param bucket     the report's bucket, or {@code null} when failed
 * @param category   the verdict's category ({@code READ_OUT_OF_BOUNDS}, …), or {@code null} when failed
 * @param confidence {@code high}, {@code medium} or {@code low}; {@code null} when failed
 * @param flag       the report's {@code thirdPartyFilterDriverReadOutOfBounds}
 * @param culprit    the culprit module's file name, or {@code null}
 * @param vendor     the culprit's vendor, or {@code null}
 * @param crashTime  seconds since 1970 (UTC), or {@code null} when the dump does not say
 * @param osBuild    {@code major.minor.build} ({@code 10.0.19045}), or {@code null} when the dump does not say
 * @param knownIssue the id of the known issue matched, or {@code null}
 * @param summary    the verdict's one-sentence summary, or {@code null} when failed
 * @param error      why there is no report, or {@code null}
 */
public record DumpRow(String file, String entry, long size, String sha256, String format, String bucket,
                      String category, String confidence, boolean flag, String culprit, String vendor, Long crashTime,
                      String osBuild, String knownIssue, String summary, DumpError error)
        implements Serializable {
    private static final long serialVersionUID = 1L;


    public DumpRow {
        Objects.requireNonNull(file, "file");
    }

    /** The row of an analysed dump. */
    public static DumpRow of(String file, String entry, Report r) {
        return new DumpRow(file, entry, r.size(), r.sha256(), r.format(), r.bucket(), r.verdict().category().name(),
                r.verdict().confidence(), r.thirdPartyFilterDriverReadOutOfBounds(),
                r.culprit() == null ? null : r.culprit().module(), r.culprit() == null ? null : r.culprit().vendor(),
                r.crashTime(), osBuild(r.os()), r.knownIssue() == null ? null : r.knownIssue().id(),
                r.verdict().summary(), null);
    }

    /** The row of a dump (or entry) that has no report. */
    public static DumpRow failed(String file, String entry, long size, DumpError error) {
        return new DumpRow(file, entry, size, null, null, null, null, null, false, null, null, null, null, null, null,
                Objects.requireNonNull(error, "error"));
    }

    /** Whether the dump has no report. */
    public boolean failed() {
        return error != null;
    }

    /** {@code 10.0.19045}, or {@code null} when the dump has no system information. */
    static String osBuild(OsInfo os) {
        if (os == null || (os.major() == 0 && os.build() == 0)) {
            return null;
        }
        return os.version();
    }
}
