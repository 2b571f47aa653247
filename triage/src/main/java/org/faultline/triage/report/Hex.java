package org.faultline.triage.report;

/** Lowercase hex as reports write addresses, sizes and codes. */
final class Hex {
    private Hex() {
    }

    static String of(long v) {
        return "0x" + Long.toHexString(v);
    }

    static String of(Long v) {
        return v == null ? null : of(v.longValue());
    }
}
