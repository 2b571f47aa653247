package org.faultline.samples.minidump;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Crashpad info stream ({@code MINIDUMP_CRASHPAD_INFO}, 52 bytes): version, report and client ids,
 * simple annotations (UTF-8 key/value dictionary, written in insertion order) and an empty module list
 * location.
 */
public final class CrashpadInfoSpec {
    long version = 1;
    final UUID reportId;
    final UUID clientId;
    final Map<String, String> annotations = new LinkedHashMap<>();

    private CrashpadInfoSpec(UUID reportId, UUID clientId) {
        this.reportId = reportId;
        this.clientId = clientId;
    }

    /** Version 1 info with the given report and client ids. */
    public static CrashpadInfoSpec of(UUID reportId, UUID clientId) {
        return new CrashpadInfoSpec(reportId, clientId);
    }

    /** Version field. */
    public CrashpadInfoSpec version(long value) {
        this.version = value;
        return this;
    }

    /** Adds a simple annotation. */
    public CrashpadInfoSpec annotation(String key, String value) {
        annotations.put(key, value);
        return this;
    }
}
