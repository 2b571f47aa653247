package org.faultline.dump.minidump;

import java.util.Map;
import org.faultline.dump.io.Guid;

/** Crashpad's MINIDUMP_CRASHPAD_INFO: report and client ids and the process's simple annotations. */
public record CrashpadInfo(long version, Guid reportId, Guid clientId, Map<String, String> simpleAnnotations) {
    public CrashpadInfo {
        simpleAnnotations = Map.copyOf(simpleAnnotations);
    }
}
