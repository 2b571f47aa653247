package org.faultline.triage.rules;

/** Small helpers the rules share. */
final class Rules {
    private Rules() {
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
