package org.faultline.samples.io;

import java.util.UUID;

/** Parses GUIDs written the Windows way, e.g. {@code {971F98E5-CE60-41FF-B2D7-235BBEB34578}}. */
public final class Guids {
    private Guids() {
    }

    /** Parses a registry-format GUID (braces optional, case-insensitive). */
    public static UUID parse(String text) {
        String s = text.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!s.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")) {
            throw new IllegalArgumentException("not a GUID: " + text);
        }
        return UUID.fromString(s);
    }
}
