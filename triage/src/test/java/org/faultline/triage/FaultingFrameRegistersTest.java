package org.faultline.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.symbols.Symbolizer;
import org.faultline.triage.report.JsonReport;
import org.faultline.triage.report.TextReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The faulting frame's registers, against sources that share no code with the analyzer: the trap-frame registers
 * Microsoft published for the July 19 crash ({@code ../shared/docs/july-19-facts.md}), and the CONTEXT values the
 * sample scenarios write ({@code sample-dumps/src/main/java/org/faultline/samples/scenarios/}) and their truth files.
 */
class FaultingFrameRegistersTest {

    static Path sample(String name) {
        return Path.of(System.getProperty("faultline.root", ".."), "sample-dumps", "dumps", name);
    }

    static Report analyze(Path file) throws Exception {
        try (CrashDump dump = Dumps.open(file); Symbolizer s = Symbolizer.moduleOffsetOnly(dump)) {
            return Analyzer.standard().analyze(dump, s, file.toString(), null, 0);
        }
    }

    static JsonNode truth(String name) throws Exception {
        return new ObjectMapper().readTree(sample(name + ".truth.json").toFile());
    }

    static long hex(JsonNode n) {
        return Long.parseUnsignedLong(n.asText().substring(2), 16);
    }

    /** The trap frame registers of Microsoft's WinDbg analysis (blog of 2024-07-27), as july-19-facts.md quotes. */
    static Map<String, Long> publishedTrapFrame() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("rax", 0xffff94058305f200L);
        m.put("rbx", 0L);
        m.put("rcx", 3L);
        m.put("rdx", 0xffff94058305f1d0L);
        m.put("rsi", 0L);
        m.put("rdi", 0L);
        m.put("rip", 0xfffff806715114edL);
        m.put("rsp", 0xffff94058305edb0L);
        m.put("rbp", 0xffff94058305eeb0L);
        m.put("r8", 0xffff840500000074L);
        m.put("r9", 0L);
        m.put("r10", 0L);
        m.put("r11", 0x14L);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"crowdstrike-csagent-2024-07-19.dmp", "crowdstrike-csagent-2024-07-19-kernel-bitmap.dmp"})
    void julyNineteenRegistersAreThePublishedTrapFrame(String file) throws Exception {
        Report r = analyze(sample(file));
        FaultingFrame f = r.faultingFrame();
        assertThat(f.registersFrom()).startsWith("the trap frame at ");
        assertThat(f.registers()).containsAllEntriesOf(publishedTrapFrame());
        // A KTRAP_FRAME does not save the other non-volatile registers: absent, not zero.
        assertThat(f.registers()).doesNotContainKeys("r12", "r13", "r14", "r15");
        // Only general-purpose registers, in the trap frame's order; no segment or mxcsr.
        assertThat(f.registers().keySet()).containsExactly("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
                "r8", "r9", "r10", "r11", "rip", "eflags");
        // r8 holds the address the faulting mov r9d,[r8] read: bug-check parameter 1 (published P1).
        assertThat(r.bugcheck().parameters().get(0)).isEqualTo(0xffff840500000074L);
        assertThat(f.registers().get("r8")).isEqualTo(r.bugcheck().parameters().get(0));
        assertThat(f.registers().get("rip")).isEqualTo(r.bugcheck().parameters().get(2));
    }

    @Test
    void julyNineteenRegistersInTheJsonAndTextReports() throws Exception {
        Report r = analyze(sample("crowdstrike-csagent-2024-07-19.dmp"));
        ObjectNode json = JsonReport.of(r);
        JsonNode regs = json.at("/faultingFrame/registers");
        assertThat(regs.isObject()).isTrue();
        assertThat(regs.get("r8").asText()).isEqualTo("0xffff840500000074");
        assertThat(regs.get("r11").asText()).isEqualTo("0x14");
        assertThat(regs.get("rbx").asText()).isEqualTo("0x0");
        assertThat(regs.has("r12")).isFalse();
        List<String> names = new ArrayList<>();
        regs.fieldNames().forEachRemaining(names::add);
        assertThat(names).startsWith("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8");

        String text = TextReport.render(List.of(r));
        List<String> lines = text.lines().toList();
        int header = lines.indexOf("  registers from the trap frame at 0xffff94058305ec20");
        assertThat(header).isPositive();
        List<String> rows = lines.subList(header + 1, lines.size()).stream()
                .takeWhile(l -> l.startsWith("    ") && l.trim().matches("(\\w+=0x[0-9a-f]+ ?)+")).toList();
        assertThat(rows).isNotEmpty().allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        List<String> tokens = rows.stream().flatMap(l -> Arrays.stream(l.trim().split(" "))).toList();
        assertThat(tokens).contains("r8=0xffff840500000074", "r11=0x14", "rip=0xfffff806715114ed", "rbx=0x0")
                .noneMatch(t -> t.startsWith("r12=") || t.startsWith("cs=") || t.startsWith("mxcsr="))
                .hasSize(14);
    }

    @Test
    void noRegistersWhenTheTrapFrameIsMissing() throws Exception {
        Report r = analyze(sample("crowdstrike-csagent-2024-07-19-truncated.dmp"));
        assertThat(r.faultingFrame().registersFrom()).isNull();
        assertThat(r.faultingFrame().registers()).isEmpty();
        assertThat(JsonReport.of(r).at("/faultingFrame/registers").isObject()).isTrue();
        assertThat(TextReport.render(List.of(r))).doesNotContain("  registers");
    }

    @Test
    void userModeRegistersAreTheExceptionContext() throws Exception {
        String name = "contoso-usermode-read-av";
        Report r = analyze(sample(name + ".dmp"));
        JsonNode truth = truth(name);
        // ContosoUserModeReadAv.write(): the exception's CONTEXT ("fault"); registers it leaves unset are zero.
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("rax", 0x41L);
        expected.put("rbx", 0x1d38c6f2a30L);          // CONTEXT_OBJECT
        expected.put("rcx", 0x1d38c7ffff0L);          // BUFFER + INDEX
        expected.put("rdx", 0x1d38c6f2a00L);
        expected.put("rsi", 0x1d38c6f0010L);
        expected.put("rdi", 0xffff0L);                // INDEX
        expected.put("rbp", 0L);
        expected.put("rsp", 0xe1a35ff6c0L);           // RSP
        expected.put("r8", 0x10L);
        expected.put("r9", 0L);
        expected.put("r10", 0L);
        expected.put("r11", 0x246L);
        expected.put("r12", 0L);
        expected.put("r13", 0L);
        expected.put("r14", 0L);
        expected.put("r15", 0L);
        expected.put("rip", hex(truth.at("/faultingFrame/address")));
        expected.put("eflags", 0x10246L);
        FaultingFrame f = r.faultingFrame();
        assertThat(f.registersFrom()).isEqualTo("the exception context");
        assertThat(f.registers()).containsExactlyEntriesOf(expected);
        // The faulting mov eax,[rcx+0x10] read the truth's referenced address.
        assertThat(f.registers().get("rcx") + 0x10).isEqualTo(hex(truth.get("referencedAddress")));
    }

    @Test
    void kernelRegistersFromAContextKeepR12ToR15() throws Exception {
        String name = "ntfs-access-violation";
        Report r = analyze(sample(name + ".dmp"));
        JsonNode truth = truth(name);
        // NtfsAccessViolation.build(): the CONTEXT at the fault ("atFault"). TOP_OF_STACK = STACK_END - 0x1940,
        // FAULT_RSP = TOP_OF_STACK + 0x10a8 + 0x190 (after the trap frame) = 0xffff8c0e51a368f8.
        long faultRsp = 0xffff8c0e51a368f8L;
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("rax", 0x4e9b68L);                     // BAD_LENGTH
        expected.put("rbx", 0x80L);
        expected.put("rcx", 0xffffc48f2cf16400L);           // FILE_RECORD
        expected.put("rdx", hex(truth.get("referencedAddress")));
        expected.put("rsi", 0xffffc48f2b073a10L);           // IRP_CONTEXT
        expected.put("rdi", faultRsp + 0x78);
        expected.put("rbp", faultRsp + 0xa0);
        expected.put("rsp", faultRsp);
        expected.put("r8", faultRsp + 0x78);
        expected.put("r9", 0L);
        expected.put("r10", 0xffffc48f2cf16800L);           // FILE_RECORD + 0x400
        expected.put("r11", 0x246L);
        expected.put("r12", 1L);
        expected.put("r13", 0xffffc48f2b073a70L);           // IRP_CONTEXT + 0x60
        expected.put("r14", 0L);
        expected.put("r15", 0xffffc48f2b11d180L);
        expected.put("rip", hex(truth.at("/faultingFrame/address")));
        expected.put("eflags", 0x10282L);
        FaultingFrame f = r.faultingFrame();
        assertThat(f.registersFrom()).isEqualTo("the exception context");
        assertThat(f.registers()).containsExactlyEntriesOf(expected);
    }
}
