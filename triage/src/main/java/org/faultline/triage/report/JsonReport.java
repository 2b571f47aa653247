package org.faultline.triage.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.faultline.triage.Culprit;
import org.faultline.triage.Evidence;
import org.faultline.triage.Frame;
import org.faultline.triage.ModuleRow;
import org.faultline.triage.Report;

/** The JSON form of a report (docs/report-schema.md): hex strings for addresses and codes, null for absent facts. */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty-printed JSON of one report, or an array of several. */
    public static String render(List<Report> reports) {
        try {
            if (reports.size() == 1) {
                return MAPPER.writeValueAsString(of(reports.get(0)));
            }
            ArrayNode a = MAPPER.createArrayNode();
            reports.forEach(r -> a.add(of(r)));
            return MAPPER.writeValueAsString(a);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a report as JSON", e);
        }
    }

    public static ObjectNode of(Report r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("schemaVersion", Report.SCHEMA_VERSION);
        o.put("file", r.file());
        o.put("sha256", r.sha256());
        o.put("size", r.size());
        o.put("format", r.format());
        o.put("architecture", r.architecture());
        ObjectNode os = o.putObject("os");
        os.put("platform", r.os().platform());
        os.put("version", r.os().version());
        os.put("build", r.os().build());
        os.put("csd", r.os().csd());
        o.put("crashTime", r.crashTime() == null ? null : Instant.ofEpochSecond(r.crashTime()).toString());
        o.set("bugcheck", r.bugcheck() == null ? null : bugcheck(r.bugcheck()));
        o.set("exception", r.exception() == null ? null : exception(r.exception()));
        if (r.access() == null) {
            o.putNull("access");
        } else {
            ObjectNode a = o.putObject("access");
            a.put("kind", r.access().kind() == null ? null : r.access().kind().name().toLowerCase(Locale.ROOT));
            a.put("address", Hex.of(r.access().address()));
            a.put("addressClass", r.access().addressClass());
            a.put("source", r.access().source());
        }
        if (r.faultingFrame() == null) {
            o.putNull("faultingFrame");
        } else {
            var f = r.faultingFrame();
            ObjectNode n = o.putObject("faultingFrame");
            n.put("address", Hex.of(f.address()));
            n.put("module", f.module());
            n.put("offset", Hex.of(f.offset()));
            n.put("symbol", f.symbol());
            n.put("text", f.text());
            n.put("instruction", f.instruction());
            n.put("bytes", f.instructionBytes());
            n.put("effectiveAddress", Hex.of(f.effectiveAddress()));
            n.put("registersFrom", f.registersFrom());
            ObjectNode regs = n.putObject("registers");
            f.registers().forEach((name, value) -> regs.put(name, Hex.of(value)));
            ArrayNode p = n.putArray("provenance");
            f.provenance().forEach(p::add);
            ArrayNode d = n.putArray("disassembly");
            f.disassembly().forEach(d::add);
        }
        o.set("culprit", r.culprit() == null ? null : culprit(r.culprit()));
        ObjectNode v = o.putObject("verdict");
        v.put("category", r.verdict().category().name());
        v.put("confidence", r.verdict().confidence());
        v.put("summary", r.verdict().summary());
        ArrayNode ev = v.putArray("evidence");
        for (Evidence e : r.verdict().evidence()) {
            ObjectNode en = ev.addObject();
            en.put("rule", e.rule());
            en.put("text", e.text());
            en.put("source", e.source());
        }
        o.putObject("flags").put("thirdPartyFilterDriverReadOutOfBounds", r.thirdPartyFilterDriverReadOutOfBounds());
        if (r.knownIssue() == null) {
            o.putNull("knownIssue");
        } else {
            ObjectNode k = o.putObject("knownIssue");
            k.put("id", r.knownIssue().id());
            k.put("title", r.knownIssue().title());
            k.put("summary", r.knownIssue().summary());
            ArrayNode rem = k.putArray("remediation");
            r.knownIssue().remediation().forEach(rem::add);
            ArrayNode src = k.putArray("sources");
            r.knownIssue().sources().forEach(src::add);
        }
        o.put("bucket", r.bucket());
        ArrayNode stack = o.putArray("stack");
        for (Frame f : r.stack()) {
            ObjectNode n = stack.addObject();
            n.put("index", f.index());
            n.put("address", Hex.of(f.address()));
            n.put("module", f.module());
            n.put("offset", Hex.of(f.offset()));
            n.put("symbol", f.symbol());
            n.put("text", f.text());
            n.put("trust", f.trust());
            n.put("culprit", f.culprit());
            n.put("thirdParty", f.thirdParty());
        }
        ArrayNode modules = o.putArray("modules");
        for (ModuleRow m : r.modules()) {
            ObjectNode n = modules.addObject();
            n.put("name", m.name());
            n.put("path", m.path());
            n.put("base", Hex.of(m.base()));
            n.put("size", Hex.of(m.size()));
            n.put("timestamp", Hex.of(m.timestamp()));
            n.put("vendor", m.vendor());
            n.put("microsoft", m.microsoft());
            n.put("altitude", m.altitude());
            n.put("group", m.group());
        }
        ArrayNode w = o.putArray("warnings");
        r.warnings().forEach(w::add);
        return o;
    }

    private static JsonNode bugcheck(Report.BugcheckFacts b) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", Hex.of(b.code()));
        n.put("name", b.name());
        n.put("meaning", b.meaning());
        ArrayNode p = n.putArray("parameters");
        b.parameters().forEach(v -> p.add(Hex.of(v)));
        ArrayNode m = n.putArray("meanings");
        b.meanings().forEach(m::add);
        return n;
    }

    private static JsonNode exception(Report.ExceptionFacts e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", Hex.of(e.code()));
        n.put("name", e.name());
        n.put("address", Hex.of(e.address()));
        ArrayNode p = n.putArray("parameters");
        e.parameters().forEach(v -> p.add(Hex.of(v)));
        n.put("detail", e.detail());
        return n;
    }

    private static JsonNode culprit(Culprit c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("module", c.module());
        n.put("path", c.path());
        n.put("vendor", c.vendor());
        n.put("microsoft", c.microsoft());
        n.put("how", c.how());
        n.put("reason", c.reason());
        if (c.filter() == null) {
            n.putNull("filter");
        } else {
            ObjectNode f = n.putObject("filter");
            f.put("altitude", c.filter().altitude());
            f.put("group", c.filter().group());
            ArrayNode ev = f.putArray("evidence");
            c.filter().evidence().forEach(ev::add);
        }
        return n;
    }
}
