package org.faultline.symbols.store;

import java.nio.file.Path;

/** What a {@link SymbolSupplier} answers for one key: found, not found, or failed. */
public sealed interface LookupResult {

    /** Who answered (a folder, a cache, a server URL). */
    String source();

    /** One line for logs and reports. */
    String describe();

    /** Why a lookup failed; {@link #REFUSED} is a safety refusal, not an outage. */
    enum Problem { REFUSED, TIMEOUT, CANCELLED, HTTP_STATUS, IO, BAD_CONTENT, TOO_LARGE }

    /**
     * The file is at {@code file}.
     *
     * @param exactKey false when the file was found by name only (a flat folder), so the caller must check
     *                 that its identity (GUID and age, timestamp and size) matches the key
     * @param how      how it was found, e.g. {@code "store"}, {@code "expanded from x.pd_"}, {@code "download"}
     */
    record Found(Path file, String source, boolean exactKey, String how) implements LookupResult {
        @Override
        public String describe() {
            return "found " + file + " (" + how + ", " + source + ")";
        }
    }

    /** The supplier does not have the key; {@code detail} says what was tried or remembered. */
    record NotFound(String source, String detail) implements LookupResult {
        @Override
        public String describe() {
            return "not found in " + source + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /** The supplier could not answer (or refused to). */
    record Failed(String source, Problem problem, String reason) implements LookupResult {
        @Override
        public String describe() {
            return "failed (" + problem + ") in " + source + ": " + reason;
        }
    }
}
