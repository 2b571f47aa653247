package org.faultline.triage.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import org.faultline.triage.batch.Cluster;
import org.faultline.triage.batch.DumpRow;
import org.faultline.triage.batch.FleetResult;
import org.faultline.triage.batch.RowSink;

/**
 * The fleet report as JSON (docs/fleet-schema.md), streamed: the per-dump rows are written one per line as dumps
 * finish, so the {@code dumps} array comes before {@code summary} and {@code clusters}, which are only known at
 * the end. Nothing per dump is kept.
 */
public final class FleetJson implements RowSink {
    /** Bumped when a key changes meaning or disappears. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Writer out;
    private final boolean sha256;
    private boolean first = true;

    /** @param sha256 whether rows carry a {@code sha256} key (when the batch hashes) */
    public FleetJson(Writer out, boolean sha256) {
        this.out = out;
        this.sha256 = sha256;
    }

    @Override
    public void start() throws IOException {
        out.write("{\n  \"schemaVersion\" : " + SCHEMA_VERSION + ",\n  \"dumps\" : [");
    }

    @Override
    public void row(DumpRow row) throws IOException {
        out.write(first ? "\n    " : ",\n    ");
        first = false;
        out.write(MAPPER.writeValueAsString(row(row, sha256)));
    }

    @Override
    public void finish(FleetResult result) throws IOException {
        out.write(first ? "],\n" : "\n  ],\n");
        out.write("  \"summary\" : " + indent(summary(result)) + ",\n");
        out.write("  \"clusters\" : " + indent(clusters(result)) + "\n}\n");
        out.flush();
    }

    /** One row: {@code file, entry, bucket, category, flag, error} (and {@code sha256} when hashing). */
    public static ObjectNode row(DumpRow r, boolean sha256) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", r.file());
        o.put("entry", r.entry());
        if (sha256) {
            o.put("sha256", r.sha256());
        }
        o.put("bucket", r.bucket());
        o.put("category", r.category());
        o.put("flag", r.flag());
        if (r.error() == null) {
            o.putNull("error");
        } else {
            o.putObject("error").put("code", r.error().code()).put("message", r.error().message());
        }
        return o;
    }

    static ObjectNode summary(FleetResult result) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("dumps", result.summary().dumps());
        s.put("failed", result.summary().failed());
        s.put("skipped", result.summary().skipped());
        s.put("flagged", result.summary().flagged());
        s.put("headline", result.headline());
        return s;
    }

    static ArrayNode clusters(FleetResult result) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Cluster c : result.clusters()) {
            ObjectNode o = a.addObject();
            o.put("bucket", c.bucket());
            o.put("count", c.count());
            o.put("share", BigDecimal.valueOf(c.share()).setScale(4, RoundingMode.HALF_EVEN));
            o.put("category", c.category());
            o.put("flag", c.flag());
            o.put("flagged", c.flagged());
            o.put("culprit", c.culprit());
            o.put("vendor", c.vendor());
            o.put("knownIssue", c.knownIssue());
            o.put("firstCrash", time(c.firstCrash()));
            o.put("lastCrash", time(c.lastCrash()));
            ArrayNode builds = o.putArray("osBuilds");
            c.osBuilds().forEach(builds::add);
            ArrayNode ex = o.putArray("examples");
            for (Cluster.Example e : c.examples()) {
                ex.addObject().put("file", e.file()).put("entry", e.entry());
            }
        }
        return a;
    }

    static String time(Long seconds) {
        return seconds == null ? null : Instant.ofEpochSecond(seconds).toString();
    }

    private static String indent(JsonNode node) throws JsonProcessingException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node).replace("\n", "\n  ");
    }
}
