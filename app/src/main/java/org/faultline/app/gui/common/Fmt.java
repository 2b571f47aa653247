package org.faultline.app.gui.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the window writes numbers, sizes and times. */
public final class Fmt {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    /** {@code 0x1f}. */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** {@code 0x1f}, or an empty string for null. */
    public static String hex(Long v) {
        return v == null ? "" : hex(v.longValue());
    }

    /** An address padded to the pointer width: {@code fffff806715114ed} (16 digits) or {@code 7c900000} (8). */
    public static String address(long v, boolean wide) {
        return wide ? String.format("%016x", v) : String.format("%08x", v);
    }

    /** {@code 112,604 bytes}, {@code 110 KiB}, {@code 2.0 GiB}. */
    public static String size(long bytes) {
        if (bytes < 0) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    /** {@code 2024-07-19 04:41:17 UTC}, or an empty string. */
    public static String time(Long epochSeconds) {
        return epochSeconds == null ? "" : UTC.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** {@code READ_OUT_OF_BOUNDS} → {@code Read out of bounds}. */
    public static String words(String constant) {
        if (constant == null || constant.isEmpty()) {
            return "";
        }
        String s = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
        s = s.replace("null ", "NULL ");
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
