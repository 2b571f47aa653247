package org.faultline.triage.batch;

import java.io.IOException;

/**
 * An archive broke a {@link Limits limit} (or the temporary folder is full): reading that archive stops, the
 * entry is reported with {@link #code()} and the message, and the batch goes on. A streamed archive cannot skip
 * an entry without decompressing it, so nothing after a refusal is read from the same archive.
 */
final class Refusal extends IOException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String entry;

    /** @param entry the entry being read when the limit was hit, or {@code null} */
    Refusal(String code, String entry, String message) {
        super(message);
        this.code = code;
        this.entry = entry;
    }

    String code() {
        return code;
    }

    String entry() {
        return entry;
    }
}
