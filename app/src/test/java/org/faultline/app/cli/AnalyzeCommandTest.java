package org.faultline.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline analyze} on the July 19 sample: every format, files and exit codes. */
class AnalyzeCommandTest {

    static String sample(String name) {
        return Path.of(System.getProperty("faultline.root", ".."), "sample-dumps", "dumps", name).toString();
    }

    @Test
    void textLeadsWithTheVerdict() {
        CliTest.Run r = CliTest.run("analyze", sample("crowdstrike-csagent-2024-07-19.dmp"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("VERDICT  READ_OUT_OF_BOUNDS (high confidence)  [third-party filter driver read out of bounds]");
        assertThat(r.out()).contains("csagent+0xe14ed").contains("mov r9d,dword ptr [r8]")
                .contains("r8 was loaded from [rax+r11*8], index r11 = 20")
                .contains("registers from the trap frame at 0xffff94058305ec20")
                .contains("r8=0xffff840500000074").contains("r11=0x14")
                .contains("Delete the file matching C-00000291*.sys");
    }

    @Test
    void jsonHasTheSchemaKeys() throws Exception {
        CliTest.Run r = CliTest.run("analyze", "--format", "json", sample("crowdstrike-csagent-2024-07-19.dmp"));
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(j.get("sha256").asText()).hasSize(64);
        assertThat(j.at("/bugcheck/code").asText()).isEqualTo("0x50");
        assertThat(j.at("/bugcheck/name").asText()).isEqualTo("PAGE_FAULT_IN_NONPAGED_AREA");
        assertThat(j.at("/bugcheck/parameters/0").asText()).isEqualTo("0xffff840500000074");
        assertThat(j.at("/access/kind").asText()).isEqualTo("read");
        assertThat(j.at("/faultingFrame/module").asText()).isEqualTo("csagent.sys");
        assertThat(j.at("/faultingFrame/offset").asText()).isEqualTo("0xe14ed");
        assertThat(j.at("/faultingFrame/instruction").asText()).isEqualTo("mov r9d,dword ptr [r8]");
        // The published trap-frame registers (july-19-facts.md); a trap frame saves no r12–r15.
        assertThat(j.at("/faultingFrame/registers/r8").asText()).isEqualTo("0xffff840500000074");
        assertThat(j.at("/faultingFrame/registers/r11").asText()).isEqualTo("0x14");
        assertThat(j.at("/faultingFrame/registers").has("r12")).isFalse();
        assertThat(j.at("/culprit/vendor").asText()).isEqualTo("CrowdStrike Ltd.");
        assertThat(j.at("/culprit/filter/altitude").asText()).isEqualTo("321410");
        assertThat(j.at("/verdict/category").asText()).isEqualTo("READ_OUT_OF_BOUNDS");
        assertThat(j.at("/flags/thirdPartyFilterDriverReadOutOfBounds").asBoolean()).isTrue();
        assertThat(j.at("/knownIssue/id").asText()).isEqualTo("crowdstrike-channel-file-291");
        assertThat(j.get("bucket").asText()).isEqualTo("AV_R_INVALID_csagent!unknown_function");
        assertThat(j.get("stack")).isNotEmpty();
        assertThat(j.get("modules")).hasSize(162);
    }

    @Test
    void severalFilesGiveAJsonArrayAndFailuresDoNotStopTheOthers(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("notes.txt");
        Files.writeString(junk, "hello", StandardCharsets.UTF_8);
        CliTest.Run r = CliTest.run("analyze", "--format", "json", sample("crowdstrike-csagent-2024-07-19.dmp"),
                junk.toString(), sample("contoso-usermode-read-av.dmp"));
        assertThat(r.code()).isEqualTo(3);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.isArray()).isTrue();
        assertThat(j).hasSize(2);
        assertThat(j.at("/1/culprit/module").asText()).isEqualTo("contosoparse.dll");
        assertThat(r.err()).contains("notes.txt: not a crash dump");
    }

    @Test
    void markdownAndHtmlToAFile(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("r.md");
        Path html = dir.resolve("r.html");
        assertThat(CliTest.run("analyze", "--format", "markdown", "--out", md.toString(),
                sample("crowdstrike-csagent-2024-07-19.dmp")).code()).isZero();
        assertThat(CliTest.run("analyze", "--format", "html", "--out", html.toString(),
                sample("crowdstrike-csagent-2024-07-19.dmp")).code()).isZero();
        assertThat(Files.readString(md)).contains("**Verdict:** READ_OUT_OF_BOUNDS").contains("Known issue");
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("READ_OUT_OF_BOUNDS")
                .contains("Content-Security-Policy");
    }

    @Test
    void sampleSymbolsNameContosoFrames() {
        String symbols = Path.of(System.getProperty("faultline.root", ".."), "sample-dumps", "symbols").toString();
        CliTest.Run r = CliTest.run("analyze", "--symbol-path", symbols, sample("contosoflt-read-oob.dmp"));
        assertThat(r.out()).contains("contosoflt!ContosoFltScanBuffer");
    }

    @Test
    void userKnownIssuesAreMatched(@TempDir Path dir) throws Exception {
        Path issues = dir.resolve("issues.json");
        Files.writeString(issues, "{\"issues\":[{\"id\":\"contoso-parse-oob\",\"title\":\"Contoso parser reads past"
                + " its buffer\",\"match\":{\"module\":\"contosoparse.dll\",\"categories\":[\"READ_OUT_OF_BOUNDS\"]},"
                + "\"remediation\":[\"Update Contoso Viewer.\"],\"sources\":[]}]}", StandardCharsets.UTF_8);
        CliTest.Run r = CliTest.run("analyze", "--known-issues", issues.toString(), sample("contoso-usermode-read-av.dmp"));
        assertThat(r.out()).contains("KNOWN    Contoso parser reads past its buffer (contoso-parse-oob)")
                .contains("Update Contoso Viewer.");
    }
}
