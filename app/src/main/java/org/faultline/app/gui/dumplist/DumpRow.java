package org.faultline.app.gui.dumplist;

import java.util.List;
import org.faultline.app.analysis.LoadedDump;
import org.faultline.app.gui.common.ByteSize;
import org.faultline.app.gui.common.Fmt;
import org.faultline.app.gui.common.HexValue;
import org.faultline.app.gui.common.Severity;
import org.faultline.app.gui.common.UtcTime;
import org.faultline.triage.Report;

/**
 * One line of the dump list, the columns BlueScreenView users know. Built once per dump; the values are the
 * ones the cells show, typed so that sorting works (hex codes as unsigned numbers, times, sizes).
 */
public final class DumpRow {
    private final LoadedDump loaded;
    private final String file;
    private final String path;
    private final UtcTime crashTime;
    private final String bugcheckName;
    private final HexValue bugcheckCode;
    private final List<String> parameters;
    private final String causedBy;
    private final String vendor;
    private final String verdict;
    private final String flag;
    private final String osBuild;
    private final ByteSize size;
    private final String bucket;
    private final Severity severity;

    public DumpRow(LoadedDump loaded) {
        this.loaded = loaded;
        this.path = loaded.input().displayPath();
        this.file = loaded.input().fileName();
        this.size = loaded.size() < 0 ? null : new ByteSize(loaded.size());
        Report r = loaded.report();
        this.severity = Severity.of(r);
        if (r == null) {
            crashTime = null;
            bugcheckName = "";
            bugcheckCode = null;
            parameters = List.of("", "", "", "");
            causedBy = "";
            vendor = "";
            verdict = "Unreadable: " + loaded.error();
            flag = "";
            osBuild = "";
            bucket = "";
            return;
        }
        crashTime = r.crashTime() == null ? null : new UtcTime(r.crashTime());
        List<Long> params;
        if (r.bugcheck() != null) {
            bugcheckName = r.bugcheck().name() == null ? "" : r.bugcheck().name();
            bugcheckCode = new HexValue(r.bugcheck().code());
            params = r.bugcheck().parameters();
        } else if (r.exception() != null) {
            bugcheckName = r.exception().name() == null ? "" : r.exception().name();
            bugcheckCode = new HexValue(r.exception().code());
            params = r.exception().parameters();
        } else {
            bugcheckName = "";
            bugcheckCode = null;
            params = List.of();
        }
        String[] p = new String[4];
        for (int i = 0; i < 4; i++) {
            p[i] = i < params.size() ? Fmt.hex(params.get(i)) : "";
        }
        parameters = List.of(p);
        causedBy = r.culprit() == null ? "" : r.culprit().module();
        vendor = r.culprit() == null || r.culprit().vendor() == null ? "" : r.culprit().vendor();
        verdict = r.verdict() == null ? "" : Fmt.words(r.verdict().category().name());
        flag = flagOf(r);
        osBuild = r.os() == null ? "" : r.os().build() == 0 ? "" : Long.toString(r.os().build());
        bucket = r.bucket() == null ? "" : r.bucket();
    }

    /** The flag column: the one question the fleet asks first, then whether a known issue matched. */
    static String flagOf(Report r) {
        if (r.thirdPartyFilterDriverReadOutOfBounds()) {
            return "3rd-party filter OOB read";
        }
        if (r.knownIssue() != null) {
            return "known issue";
        }
        if (r.culprit() != null && !r.culprit().microsoft()) {
            return "3rd-party";
        }
        return "";
    }

    public LoadedDump loaded() {
        return loaded;
    }

    /** File name. */
    public String file() {
        return file;
    }

    /** The full name (path, or archive!/entry). */
    public String path() {
        return path;
    }

    /** Null when the dump has no time. */
    public UtcTime crashTime() {
        return crashTime;
    }

    /** The bug check's name, or the exception's for a user-mode dump. */
    public String bugcheckName() {
        return bugcheckName;
    }

    /** Null when there is neither a bug check nor an exception. */
    public HexValue bugcheckCode() {
        return bugcheckCode;
    }

    /** P1 to P4 in hex ({@code ""} when absent); {@code i} from 0. */
    public String parameter(int i) {
        return parameters.get(i);
    }

    public String causedBy() {
        return causedBy;
    }

    public String vendor() {
        return vendor;
    }

    /** The verdict's category in words, or {@code Unreadable: …}. */
    public String verdict() {
        return verdict;
    }

    public String flag() {
        return flag;
    }

    public String osBuild() {
        return osBuild;
    }

    /** Null when the file could not be opened. */
    public ByteSize size() {
        return size;
    }

    public String bucket() {
        return bucket;
    }

    public Severity severity() {
        return severity;
    }

    public boolean ok() {
        return loaded.ok();
    }

    @Override
    public String toString() {
        return path;
    }
}
