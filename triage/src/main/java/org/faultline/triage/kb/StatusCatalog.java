package org.faultline.triage.kb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Names of common NTSTATUS/exception codes and of the FAST_FAIL codes ({@code status-codes.json}). */
public final class StatusCatalog {
    static final String RESOURCE = "status-codes.json";
    /** STATUS_STACK_BUFFER_OVERRUN, raised by {@code __fastfail}; parameter 0 is the FAST_FAIL code. */
    public static final long STATUS_STACK_BUFFER_OVERRUN = 0xC000_0409L;

    private final Map<Long, StatusInfo> statuses;
    private final Map<Long, FastFailInfo> fastFail;

    private StatusCatalog(Map<Long, StatusInfo> statuses, Map<Long, FastFailInfo> fastFail) {
        this.statuses = Collections.unmodifiableMap(statuses);
        this.fastFail = Collections.unmodifiableMap(fastFail);
    }

    private static final class Holder {
        static final StatusCatalog STANDARD = load(KbData.json(RESOURCE));
    }

    /** The bundled catalog. */
    public static StatusCatalog standard() {
        return Holder.STANDARD;
    }

    /** The status or exception code (only the low 32 bits count, so sign-extended values match). */
    public Optional<StatusInfo> of(long code) {
        return Optional.ofNullable(statuses.get(code & 0xFFFF_FFFFL));
    }

    /** The name of a status code, if known. */
    public Optional<String> name(long code) {
        return of(code).map(StatusInfo::name);
    }

    /** The FAST_FAIL code's entry (only the low 32 bits count). */
    public Optional<FastFailInfo> fastFail(long code) {
        return Optional.ofNullable(fastFail.get(code & 0xFFFF_FFFFL));
    }

    /** The FAST_FAIL code's name, e.g. {@code FAST_FAIL_FATAL_APP_EXIT} for 7. */
    public Optional<String> fastFailName(long code) {
        return fastFail(code).map(FastFailInfo::name);
    }

    /** All status entries in code order of the resource. */
    public List<StatusInfo> statuses() {
        return List.copyOf(statuses.values());
    }

    /** All FAST_FAIL entries. */
    public List<FastFailInfo> fastFailCodes() {
        return List.copyOf(fastFail.values());
    }

    static StatusCatalog load(JsonNode root) {
        Map<Long, StatusInfo> st = new LinkedHashMap<>();
        for (JsonNode e : root.path("statuses")) {
            long code = KbData.number(e.path("code").asText());
            StatusInfo info = new StatusInfo(code, e.path("name").asText(), e.path("meaning").asText(),
                    e.path("ntstatus").asBoolean(true), Optional.ofNullable(e.path("source").textValue()));
            if (st.put(code, info) != null) {
                throw new IllegalStateException(RESOURCE + ": duplicate status " + KbData.hex(code));
            }
        }
        Map<Long, FastFailInfo> ff = new LinkedHashMap<>();
        for (JsonNode e : root.path("fastFail")) {
            long code = e.path("code").asLong();
            if (ff.put(code, new FastFailInfo(code, e.path("name").asText(), e.path("meaning").asText())) != null) {
                throw new IllegalStateException(RESOURCE + ": duplicate fast-fail code " + code);
            }
        }
        return new StatusCatalog(st, ff);
    }
}
