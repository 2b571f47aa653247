package org.faultline.triage;

import java.util.List;
import org.faultline.dump.OsInfo;

/**
 * Everything {@code faultline analyze} says about one dump (see docs/report-schema.md).
 *
 * @param file        the path given
 * @param sha256      of the file's bytes, or {@code null} when not computed
 * @param bugcheck    code, name, parameters and their meanings, or {@code null}
 * @param exception   code, name, address, parameters, or {@code null}
 */
public record Report(String file, String sha256, long size, String format, String architecture, OsInfo os,
                     Long crashTime, BugcheckFacts bugcheck, ExceptionFacts exception, AccessFacts access,
                     FaultingFrame faultingFrame, Culprit culprit, Verdict verdict, boolean thirdPartyFilterDriverReadOutOfBounds,
                     KnownIssueMatch knownIssue, String bucket, List<Frame> stack, List<ModuleRow> modules,
                     List<String> warnings) {
    /** The report schema version: bumped when a key changes meaning or disappears. */
    public static final int SCHEMA_VERSION = 1;

    public Report {
        stack = List.copyOf(stack);
        modules = List.copyOf(modules);
        warnings = List.copyOf(warnings);
    }

    /** The bug check with the catalogue's reading of each parameter (a meaning is null when not documented). */
    public record BugcheckFacts(long code, String name, String meaning, List<Long> parameters, List<String> meanings) {
        public BugcheckFacts {
            parameters = List.copyOf(parameters);
            meanings = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(meanings));
        }
    }

    /** The exception with its name (and the fast-fail code's name, when it is one). */
    public record ExceptionFacts(long code, String name, Long address, List<Long> parameters, String detail) {
        public ExceptionFacts {
            parameters = List.copyOf(parameters);
        }
    }
}
