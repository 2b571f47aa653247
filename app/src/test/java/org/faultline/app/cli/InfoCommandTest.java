package org.faultline.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Optional;
import org.faultline.samples.Corpus;
import org.junit.jupiter.api.Test;

/** {@code faultline info} on real dumps: the values a user checks, in text and JSON. */
class InfoCommandTest {

    private static String corpus(String relative) {
        Optional<Path> p = Corpus.file(relative);
        assumeTrue(p.isPresent(), Corpus.absent(relative));
        return p.get().toString();
    }

    @Test
    void jsonOfMinidump2() throws Exception {
        CliTest.Run r = CliTest.run("info", "--format", "json", corpus("breakpad/minidump2.dmp"));
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(j.get("format").asText()).isEqualTo("minidump");
        assertThat(j.get("architecture").asText()).isEqualTo("x86");
        assertThat(j.at("/os/platform").asText()).isEqualTo("Windows NT");
        assertThat(j.at("/os/version").asText()).isEqualTo("5.1.2600");
        assertThat(j.at("/os/build").asLong()).isEqualTo(2600);
        assertThat(j.at("/os/csd").asText()).isEqualTo("Service Pack 2");
        assertThat(j.at("/exception/code").asText()).isEqualTo("0xc0000005");
        assertThat(j.at("/exception/address").asText()).isEqualTo("0x40429e");
        assertThat(j.at("/exception/parameters/0").asText()).isEqualTo("0x1");
        assertThat(j.at("/exception/parameters/1").asText()).isEqualTo("0x45");
        assertThat(j.at("/exception/threadId").asLong()).isEqualTo(0xbf4);
        assertThat(j.get("threads")).hasSize(2);
        assertThat(j.at("/threads/1/id").asLong()).isEqualTo(0x11c0);
        assertThat(j.get("modules")).hasSize(13);
        JsonNode exe = j.at("/modules/0");
        assertThat(exe.get("name").asText()).isEqualTo("test_app.exe");
        assertThat(exe.get("base").asText()).isEqualTo("0x400000");
        assertThat(exe.get("size").asText()).isEqualTo("0x2d000");
        assertThat(exe.get("timestamp").asText()).isEqualTo("0x45d35f6c");
        assertThat(exe.get("debugFile").asText()).isEqualTo("c:\\test_app.pdb");
        assertThat(exe.get("debugId").asText()).isEqualTo("5A9832E5287241C1838ED98914E9B7FF1");
        assertThat(exe.get("codeId").asText()).isEqualTo("45D35F6C2d000");
        assertThat(exe.get("version").isNull()).isTrue();
        assertThat(j.at("/modules/12/version").asText()).isEqualTo("5.1.2600.2180");
        assertThat(j.get("memoryRanges").asInt()).isEqualTo(3);
        assertThat(j.get("streams")).hasSize(9);
        assertThat(j.at("/streams/6/name").asText()).isEqualTo("BreakpadInfoStream");
        assertThat(j.at("/streams/6/type").asText()).isEqualTo("0x47670001");
        assertThat(j.get("processId").asLong()).isEqualTo(3932);
        assertThat(j.get("diagnostics")).isEmpty();
    }

    @Test
    void jsonOf32BitCrashAddressIsTruncated() throws Exception {
        CliTest.Run r = CliTest.run("info", "--format", "json", corpus("breakpad/minidump_32bit_crash_addr.dmp"));
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/exception/parameters/1").asText()).isEqualTo("0x45");
    }

    @Test
    void textReadsLikeADumpListing() {
        CliTest.Run r = CliTest.run("info", corpus("breakpad/minidump2.dmp"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Windows NT 5.1.2600 Service Pack 2, x86, 1 processor(s), "
                + "GenuineIntel family 6 model 13 stepping 8");
        assertThat(r.out()).contains("0x40429e (test_app.exe+0x429e)");
        assertThat(r.out()).contains("ThreadListStream").contains("BreakpadInfoStream");
        assertThat(r.out()).containsPattern("0x76bf0000\\s+0xb000\\s+5\\.1\\.2600\\.2180\\s+psapi\\.dll\\s+psapi\\.pdb "
                + "A5C3A1F9689F43D8AD228A09293889702");
        assertThat(r.out()).contains("Diagnostics (0)");
    }

    @Test
    void severalFilesGiveAJsonArray() throws Exception {
        CliTest.Run r = CliTest.run("info", "--format", "json", corpus("breakpad/minidump2.dmp"),
                corpus("lldb/fizzbuzz_no_heap.dmp"));
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.isArray()).isTrue();
        assertThat(j).hasSize(2);
        assertThat(j.at("/1/processId").asLong()).isEqualTo(4440);
    }

    @Test
    void legacyUserDumpFromTheCorpusIsUnsupported() {
        CliTest.Run r = CliTest.run("info", corpus("kdlibcpp/targetapp_stacktest_x64_release.dmp"));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("unsupported format: legacy user-mode dump (USERDU64)");
    }

    @Test
    void corruptDumpExitsZeroWithDiagnostics() throws Exception {
        CliTest.Run r = CliTest.run("info", "--format", "json", corpus("rust-minidump/invalid-range.dmp"));
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("diagnostics")).isNotEmpty();
        assertThat(j.at("/diagnostics/0/code").asText()).isEqualTo("OUT_OF_BOUNDS");
    }

    @Test
    void linuxAndMacDumpsReportTheirPlatform() throws Exception {
        JsonNode linux = new ObjectMapper().readTree(
                CliTest.run("info", "--format", "json", corpus("rust-minidump/linux-mini.dmp")).out());
        assertThat(linux.at("/os/platform").asText()).isEqualTo("Linux");
        JsonNode mac = new ObjectMapper().readTree(
                CliTest.run("info", "--format", "json", corpus("rust-minidump/simple-crashpad.dmp")).out());
        assertThat(mac.at("/os/platform").asText()).isEqualTo("macOS");
        assertThat(mac.at("/crashpadInfo/annotations/hello").asText()).isEqualTo("world");
    }

    @Test
    void jsonOfAKernelTriageDump() throws Exception {
        CliTest.Run r = CliTest.run("info", "--format", "json", corpus("rizin-testbins/triage_x64.dmp"));
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("format").asText()).isEqualTo("kernel-triage");
        assertThat(j.get("architecture").asText()).isEqualTo("amd64");
        assertThat(j.at("/os/build").asLong()).isEqualTo(19041);
        assertThat(j.get("processors").asInt()).isEqualTo(16);
        assertThat(j.at("/bugcheck/code").asText()).isEqualTo("0x1000007e");
        assertThat(j.at("/bugcheck/parameters/0").asText()).isEqualTo("0xffffffffc0000005");
        assertThat(j.at("/bugcheck/parameters/1").asText()).isEqualTo("0xfffff8048b58334c");
        assertThat(j.at("/bugcheck/parameters/2").asText()).isEqualTo("0xffff850429891ee8");
        assertThat(j.at("/bugcheck/parameters/3").asText()).isEqualTo("0xffff850429891720");
        assertThat(j.get("modules")).hasSize(151);
        assertThat(j.at("/modules/0/name").asText()).isEqualTo("ntoskrnl.exe");
        assertThat(j.at("/modules/0/base").asText()).isEqualTo("0xfffff8047ba00000");
        assertThat(j.at("/context/rip").asText()).isEqualTo("0xfffff8047bdf5a80");
        assertThat(j.at("/context/rsp").asText()).isEqualTo("0xffff850429890ee8");
        assertThat(j.at("/stack/limit").asText()).isEqualTo("0xffff850429890ee8");
        assertThat(j.at("/stack/base").asText()).isEqualTo("0xffff850429893000");
        assertThat(j.get("dataBlocks").asInt()).isEqualTo(0x727);
        assertThat(j.at("/triage/driverCount").asInt()).isEqualTo(151);
        assertThat(j.at("/exception/code").asText()).isEqualTo("0xc0000005");
        assertThat(j.at("/exception/address").asText()).isEqualTo("0xfffff8048b58334c");
        assertThat(j.get("diagnostics")).isEmpty();
    }

    @Test
    void textOfTheArm64TriageDump() {
        CliTest.Run r = CliTest.run("info", corpus("kdlibcpp/win10_arm64_mem.dmp"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Format        kernel-triage").contains("arm64, 8 processor(s)")
                .contains("Bug check     0xe2 (0x0 0x0 0x0 0x0)").contains("Modules (228)").contains("clipsp.sys");
    }

    @Test
    void truncatedFullDumpShowsTheHeaderAndRunsAndSaysPagesAreMissing() throws Exception {
        CliTest.Run r = CliTest.run("info", "--format", "json", corpus("ImHex-Patterns/dmp64.hexpat.bin"));
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("format").asText()).isEqualTo("kernel-full");
        assertThat(j.at("/header/dumpType").asInt()).isEqualTo(1);
        assertThat(j.at("/header/physicalMemory/numberOfRuns").asInt()).isEqualTo(5);
        assertThat(j.at("/physicalMemory/kind").asText()).isEqualTo("runs");
        assertThat(j.at("/physicalMemory/presentPages").asLong()).isEqualTo(0x7FE86);
        assertThat(j.at("/diagnostics/0/code").asText()).isEqualTo("TRUNCATED");
    }
}
