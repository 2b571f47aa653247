package org.faultline.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline triage}: formats, exit codes, and rows that say what {@code analyze} says of the same dump. */
class TriageCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path samples;
    static Path zip;
    /** {@code analyze --format json} of each sample, by file name. */
    static Map<String, JsonNode> analyzed = new HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        samples = Path.of(System.getProperty("faultline.root", ".."), "sample-dumps", "dumps").toAbsolutePath().normalize();
        List<Path> dumps;
        try (Stream<Path> s = Files.list(samples)) {
            dumps = s.filter(p -> p.toString().endsWith(".dmp")).sorted().toList();
        }
        assertThat(dumps).hasSizeGreaterThanOrEqualTo(11);
        for (Path d : dumps) {
            CliTest.Run r = CliTest.run("analyze", "--format", "json", d.toString());
            assertThat(r.code()).as(r.err()).isZero();
            analyzed.put(d.getFileName().toString(), JSON.readTree(r.out()));
        }
        zip = dir.resolve("fleet.zip");
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(zip)) {
            for (Path d : dumps) {
                z.putArchiveEntry(new ZipArchiveEntry("machines/" + d.getFileName()));
                z.write(Files.readAllBytes(d));
                z.closeArchiveEntry();
            }
        }
    }

    private static String name(String path) {
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    @Test
    void tableLeadsWithTheHeadline() {
        CliTest.Run r = CliTest.run("triage", samples.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("2 of 11 dumps (18.2%) are AV_R_INVALID_csagent!unknown_function: read out of bounds"
                + " in csagent.sys (CrowdStrike Ltd.), third-party filter driver\n"
                + "4 of 11 dumps (36.4%) are a read out of bounds in a third-party filter driver.\n"
                + "11 dumps: 11 analysed, 0 failed; 11 other files skipped; 10 clusters\n");
        assertThat(r.out()).contains("AV_R_INVALID_csagent!unknown_function").contains("csagent.sys (CrowdStrike Ltd.)")
                .contains("2024-07-19 04:41").contains("10.0.19045");
        assertThat(r.err()).isEmpty(); // no terminal: no progress bar
    }

    @Test
    void jsonRowsMatchAnalyzeJson() throws Exception {
        for (Path input : List.of(samples, zip)) {
            CliTest.Run r = CliTest.run("triage", "--format", "json", "--sha256", input.toString());
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode doc = JSON.readTree(r.out());
            assertThat(fields(doc)).containsExactly("schemaVersion", "dumps", "summary", "clusters");
            assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(doc.get("dumps")).hasSize(analyzed.size());
            for (JsonNode row : doc.get("dumps")) {
                assertThat(fields(row)).containsExactly("file", "entry", "sha256", "bucket", "category", "flag", "error");
                String file = input == zip ? row.get("entry").asText() : row.get("file").asText();
                JsonNode a = analyzed.get(name(file));
                assertThat(a).as(file).isNotNull();
                assertThat(row.get("bucket").asText()).isEqualTo(a.get("bucket").asText());
                assertThat(row.get("category").asText()).isEqualTo(a.get("verdict").get("category").asText());
                assertThat(row.get("flag").asBoolean())
                        .isEqualTo(a.get("flags").get("thirdPartyFilterDriverReadOutOfBounds").asBoolean());
                assertThat(row.get("sha256").asText()).isEqualTo(a.get("sha256").asText());
                assertThat(row.get("error").isNull()).isTrue();
                if (input == zip) {
                    assertThat(row.get("file").asText()).isEqualTo(zip.toString());
                    assertThat(row.get("entry").asText()).startsWith("machines/");
                } else {
                    assertThat(row.get("entry").isNull()).isTrue();
                }
            }
            JsonNode summary = doc.get("summary");
            assertThat(fields(summary)).containsExactly("dumps", "failed", "skipped", "flagged", "headline");
            assertThat(summary.get("dumps").asLong()).isEqualTo(11);
            assertThat(summary.get("flagged").asLong()).isEqualTo(4);
            JsonNode top = doc.get("clusters").get(0);
            assertThat(fields(top)).containsExactly("bucket", "count", "share", "category", "flag", "flagged", "culprit",
                    "vendor", "knownIssue", "firstCrash", "lastCrash", "osBuilds", "examples");
            assertThat(top.get("bucket").asText()).isEqualTo("AV_R_INVALID_csagent!unknown_function");
            assertThat(top.get("count").asInt()).isEqualTo(2);
            assertThat(top.get("share").asDouble()).isEqualTo(0.1818);
            assertThat(top.get("vendor").asText()).isEqualTo("CrowdStrike Ltd.");
            assertThat(top.get("knownIssue").asText()).isEqualTo("crowdstrike-channel-file-291");
            assertThat(top.get("firstCrash").asText()).isEqualTo("2024-07-19T04:41:17Z");
            assertThat(top.get("examples")).hasSize(2);
        }
    }

    @Test
    void csvRowsMatchAnalyzeJson() throws Exception {
        Path clusters = dir.resolve("clusters.csv");
        CliTest.Run r = CliTest.run("triage", "--format", "csv", "--clusters-out", clusters.toString(), zip.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Arrays.asList(r.out().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("file,entry,bucket,category,confidence,flag,culprit,vendor,crash_time,os_build,"
                + "known_issue,format,size,sha256,error_code,error");
        assertThat(lines).hasSize(1 + analyzed.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1); // the samples' values hold no commas or quotes
            JsonNode a = analyzed.get(name(c[1]));
            assertThat(c[0]).isEqualTo(zip.toString());
            assertThat(c[2]).isEqualTo(a.get("bucket").asText());
            assertThat(c[3]).isEqualTo(a.get("verdict").get("category").asText());
            assertThat(c[4]).isEqualTo(a.get("verdict").get("confidence").asText());
            assertThat(c[5]).isEqualTo(a.get("flags").get("thirdPartyFilterDriverReadOutOfBounds").asText());
            assertThat(c[6]).isEqualTo(text(a.get("culprit"), "module"));
            assertThat(c[7]).isEqualTo(text(a.get("culprit"), "vendor"));
            assertThat(c[8]).isEqualTo(a.get("crashTime").asText());
            assertThat(c[9]).isEqualTo(a.get("os").get("version").asText());
            assertThat(c[10]).isEqualTo(text(a.get("knownIssue"), "id"));
            assertThat(c[11]).isEqualTo(a.get("format").asText());
            assertThat(c[12]).isEqualTo(a.get("size").asText());
            assertThat(c[14]).isEmpty();
        }
        List<String> cl = Files.readAllLines(clusters, StandardCharsets.UTF_8);
        assertThat(cl.get(0)).isEqualTo("rank,bucket,count,share,category,flag,flagged,culprit,vendor,known_issue,"
                + "first_crash,last_crash,os_builds,examples");
        assertThat(cl.get(1)).startsWith("1,AV_R_INVALID_csagent!unknown_function,2,0.1818,READ_OUT_OF_BOUNDS,true,2,"
                + "csagent.sys,CrowdStrike Ltd.,crowdstrike-channel-file-291,2024-07-19T04:41:17Z,2024-07-19T04:41:17Z,"
                + "10.0.19045,");
        assertThat(cl).hasSize(11);
    }

    private static String text(JsonNode parent, String key) {
        return parent == null || parent.isNull() || parent.get(key).isNull() ? "" : parent.get(key).asText();
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void aDamagedDumpIsReportedAndTheExitCodeIsZero() throws Exception {
        Path zipped = dir.resolve("damaged.zip");
        byte[] cut = Arrays.copyOf(Files.readAllBytes(samples.resolve("ntfs-access-violation.dmp")), 0x800);
        writeZip(zipped, Map.of("cut.dmp", cut, "ok.dmp", Files.readAllBytes(samples.resolve("contosoflt-read-oob.dmp"))));
        CliTest.Run r = CliTest.run("triage", "--format", "json", zipped.toString());
        assertThat(r.code()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("summary").get("failed").asInt()).isEqualTo(1);
        JsonNode bad = null;
        for (JsonNode row : doc.get("dumps")) {
            if (row.get("entry").asText().equals("cut.dmp")) {
                bad = row;
            }
        }
        assertThat(bad).isNotNull();
        assertThat(bad.get("bucket").isNull()).isTrue();
        assertThat(bad.get("error").get("code").asText()).isIn("TRUNCATED", "OUT_OF_BOUNDS");
        assertThat(bad.get("error").get("message").asText()).contains("@0x");

        CliTest.Run table = CliTest.run("triage", zipped.toString());
        assertThat(table.out()).contains("Failed (1)").contains(zipped + " \u2192 cut.dmp: ");
    }

    @Test
    void markdownAndHtmlEscapeEntryNames() throws Exception {
        Path zipped = dir.resolve("hostile-names.zip");
        byte[] dump = Files.readAllBytes(samples.resolve("crowdstrike-csagent-2024-07-19.dmp"));
        writeZip(zipped, Map.of("<img src=x onerror=alert(1)>.dmp", dump, "*bold* [link](http://x)|.dmp", dump));
        Path html = dir.resolve("report.html");
        CliTest.Run h = CliTest.run("triage", "--format", "html", "--out", html.toString(), zipped.toString());
        assertThat(h.code()).isZero();
        assertThat(h.out()).isEmpty();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;.dmp")
                .contains("2 of 2 dumps (100.0%) are AV_R_INVALID_csagent!unknown_function");
        CliTest.Run md = CliTest.run("triage", "--format", "markdown", zipped.toString());
        // inside code spans nothing is markup; the pipe, which would still end the table cell, is escaped
        assertThat(md.out()).startsWith("# Fleet triage\n").contains("| 1 | 2 | 100.0% | yes |")
                .contains("[link](http://x)\\|.dmp`").doesNotContain("(http://x)|").contains("1 cluster.");
    }

    @Test
    void exitCodes(@TempDir Path tmp) throws Exception {
        assertThat(CliTest.run("triage", tmp.resolve("gone").toString()).code()).isEqualTo(4);
        assertThat(CliTest.run("triage", tmp.resolve("gone").toString()).err()).contains("no such file or folder");
        assertThat(CliTest.run("triage", "--jobs", "0", samples.toString()).code()).isEqualTo(2);
        CliTest.Run badSize = CliTest.run("triage", "--max-entry-size", "lots", samples.toString());
        assertThat(badSize.code()).isEqualTo(2);
        assertThat(badSize.err()).contains("--max-entry-size: 'lots' is not a size");
        assertThat(CliTest.run("triage").code()).isEqualTo(2);
        CliTest.Run unwritable = CliTest.run("triage", "--out", tmp.toString(), samples.toString());
        assertThat(unwritable.code()).isEqualTo(4);
        assertThat(unwritable.err()).startsWith("faultline: cannot write " + tmp);
        Files.writeString(tmp.resolve("notes.txt"), "no dumps here");
        CliTest.Run none = CliTest.run("triage", tmp.toString());
        assertThat(none.code()).isZero();
        assertThat(none.out()).startsWith("No crash dumps found (1 other file skipped).");
    }

    @Test
    void limitsFromTheCommandLine() throws Exception {
        CliTest.Run r = CliTest.run("triage", "--format", "csv", "--max-entries", "3", zip.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("TOO_MANY_ENTRIES,the archive holds more than 3 entries");
        CliTest.Run spilled = CliTest.run("triage", "--format", "csv", "--in-memory", "64K", "--temp-dir", dir.toString(),
                zip.toString());
        assertThat(spilled.out().split("\r\n")).hasSize(12);
        assertThat(spilled.out()).doesNotContain("NO_SPACE").contains("AV_R_INVALID_csagent!unknown_function");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("faultline-"));
        }
    }

    @Test
    void helpListsTriage() {
        assertThat(CliTest.run("--help").out()).contains("triage");
        CliTest.Run h = CliTest.run("triage", "--help");
        assertThat(h.out()).contains("--format").contains("--jobs").contains("--clusters-out").contains("--max-ratio");
    }

    private static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                z.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                z.write(e.getValue());
                z.closeArchiveEntry();
            }
        }
        Files.write(file, bytes.toByteArray());
    }
}
