package org.faultline.triage.kb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.faultline.dump.Architecture;

/**
 * Every bug check code of Microsoft's Bug Check Code Reference ({@code bugchecks.json}; sources in SOURCES.md).
 * Immutable once loaded; {@link #standard()} loads the bundled data once.
 */
public final class BugcheckCatalog {
    static final String RESOURCE = "bugchecks.json";
    private static final long M_FLAG = 0x1000_0000L;

    private final Map<Long, BugcheckInfo> byCode;

    private BugcheckCatalog(Map<Long, BugcheckInfo> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    private static final class Holder {
        static final BugcheckCatalog STANDARD = load(KbData.json(RESOURCE));
    }

    /** The bundled catalog. */
    public static BugcheckCatalog standard() {
        return Holder.STANDARD;
    }

    /**
     * Looks {@code code} up (only its low 32 bits count). A code not in the reference whose 0x10000000 bit is set
     * (an {@code _M} variant such as 0x1000000A) resolves to its base code, keeping its own code and the name with
     * {@code _M}.
     */
    public Optional<BugcheckInfo> of(long code) {
        long c = code & 0xFFFF_FFFFL;
        BugcheckInfo exact = byCode.get(c);
        if (exact != null) {
            return Optional.of(exact);
        }
        if ((c & 0xF000_0000L) == M_FLAG) {
            BugcheckInfo base = byCode.get(c & ~M_FLAG);
            if (base != null) {
                return Optional.of(new BugcheckInfo(c, base.name() + "_M", base.meaning(), base.parameters(),
                        base.access(), base.source(), "as-base", base.subcodes(), base.liveDump(),
                        Optional.of(base.code()), Optional.of("Not listed in the reference; an _M variant has the"
                        + " meaning and parameters of " + base.hexCode() + ".")));
            }
        }
        return Optional.empty();
    }

    /** All codes of the reference, in code order. */
    public List<BugcheckInfo> all() {
        return List.copyOf(byCode.values());
    }

    /** Number of codes loaded. */
    public int size() {
        return byCode.size();
    }

    static BugcheckCatalog load(JsonNode root) {
        Map<Long, JsonNode> raw = new LinkedHashMap<>();
        for (JsonNode e : root.path("bugchecks")) {
            long code = KbData.number(e.path("code").asText());
            if (raw.put(code, e) != null) {
                throw new IllegalStateException(RESOURCE + ": duplicate code " + KbData.hex(code));
            }
        }
        Map<Long, BugcheckInfo> out = new LinkedHashMap<>();
        for (Map.Entry<Long, JsonNode> en : raw.entrySet()) {
            JsonNode e = en.getValue();
            JsonNode own = e;
            Optional<Long> base = Optional.empty();
            if (e.hasNonNull("sameAs")) {
                long b = KbData.number(e.get("sameAs").asText());
                JsonNode baseNode = raw.get(b);
                if (baseNode == null) {
                    throw new IllegalStateException(RESOURCE + ": " + KbData.hex(en.getKey()) + " refers to missing "
                            + KbData.hex(b));
                }
                base = Optional.of(b);
                own = baseNode;
            }
            out.put(en.getKey(), new BugcheckInfo(en.getKey(), e.path("name").asText(), e.path("meaning").asText(),
                    parameters(own), access(own), e.path("url").asText(), e.path("parameterStatus").asText(),
                    subcodes(own), e.path("liveDump").asBoolean(false), base,
                    Optional.ofNullable(e.path("notes").textValue())));
        }
        return new BugcheckCatalog(out);
    }

    private static List<ParameterInfo> parameters(JsonNode e) {
        List<ParameterInfo> list = new ArrayList<>();
        for (JsonNode p : e.path("parameters")) {
            list.add(new ParameterInfo(p.path("n").asInt(), p.path("role").asText()));
        }
        return list;
    }

    private static List<Subcode> subcodes(JsonNode e) {
        List<Subcode> list = new ArrayList<>();
        for (JsonNode s : e.path("subcodes")) {
            List<String> others = new ArrayList<>();
            for (JsonNode o : s.path("parameters")) {
                others.add(o.asText());
            }
            list.add(new Subcode(s.path("parameter").asInt(1), KbData.number(s.path("value").asText()),
                    s.path("meaning").asText(), others));
        }
        return list;
    }

    private static Optional<AccessLayout> access(JsonNode e) {
        JsonNode a = e.get("access");
        if (a == null) {
            return Optional.empty();
        }
        JsonNode kind = a.path("accessKind");
        Optional<AccessKind> fixed = kind.hasNonNull("fixed")
                ? Optional.of(AccessKind.valueOf(kind.get("fixed").asText())) : Optional.empty();
        List<AccessEncoding> encodings = new ArrayList<>();
        for (JsonNode en : kind.path("encodings")) {
            Set<Architecture> archs = EnumSet.noneOf(Architecture.class);
            for (JsonNode ar : en.path("architectures")) {
                archs.add(Architecture.valueOf(ar.asText()));
            }
            Map<Long, AccessKind> values = new LinkedHashMap<>();
            en.path("values").properties().forEach(v ->
                    values.put(KbData.number(v.getKey()), AccessKind.valueOf(v.getValue().asText())));
            encodings.add(new AccessEncoding(en.path("appliesTo").asText(), archs, optInt(en, "afterBuild"),
                    optInt(en, "beforeBuild"), en.path("written").asText(), values,
                    en.path("source").asText(e.path("url").asText())));
        }
        OptionalLong when = a.hasNonNull("onlyWhenExceptionCode")
                ? OptionalLong.of(KbData.number(a.get("onlyWhenExceptionCode").asText())) : OptionalLong.empty();
        return Optional.of(new AccessLayout(optInt(a, "referencedAddress"), optInt(kind, "parameter"), fixed,
                encodings, optInt(a, "instructionAddress"), optInt(a, "exceptionCode"),
                optInt(a, "exceptionRecord"), optInt(a, "contextRecord"), optInt(a, "trapFrame"), when));
    }

    private static OptionalInt optInt(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isInt() ? OptionalInt.of(v.asInt()) : OptionalInt.empty();
    }
}
