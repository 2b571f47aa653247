package org.faultline.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.samples.minidump.Amd64Context;
import org.faultline.samples.minidump.ExceptionSpec;
import org.faultline.samples.minidump.ModuleSpec;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.SystemInfoSpec;
import org.faultline.samples.minidump.ThreadSpec;
import org.faultline.symbols.Symbolizer;
import org.faultline.triage.report.HtmlReport;
import org.faultline.triage.report.JsonReport;
import org.faultline.triage.report.MarkdownReport;
import org.faultline.triage.report.TextReport;
import org.junit.jupiter.api.Test;

/** Module names from a dump are attacker-controlled: every report escapes them. */
class HostileStringsTest {
    // No slash: the module name is the part of the path after the last separator.
    static final String HTML = "<script>alert(1)<img src=x onerror=alert(2)>.dll";
    static final String ANSI = "evil\u001b[31mred\u001b[0m\r\nFAKE VERDICT.dll";
    static final String RTL = "harmless\u202Egpj.exe";

    private static Report analyzeHostileDump(String fileName) throws Exception {
        long base = 0x7ff7_0000_0000L;
        byte[] dump = SynthMinidump.create()
                .systemInfo(SystemInfoSpec.amd64().os(10, 0, 19045).processors(4))
                .thread(ThreadSpec.of(1).context(Amd64Context.create().rip(base + 0x1010).rsp(0x1000)))
                .module(ModuleSpec.of(base, 0x10000, "C:\\x\\" + HTML))
                .module(ModuleSpec.of(base + 0x10000, 0x10000, "C:\\x\\" + ANSI))
                .module(ModuleSpec.of(base + 0x20000, 0x10000, "C:\\x\\" + RTL))
                .exception(ExceptionSpec.of(1, 0xC0000005L).address(base + 0x1010).parameters(0, 0x41414141)
                        .context(Amd64Context.create().rip(base + 0x1010).rsp(0x1000)))
                .toBytes();
        try (CrashDump d = Dumps.open(new ArrayByteSource(dump, "hostile.dmp"));
             Symbolizer s = Symbolizer.moduleOffsetOnly(d)) {
            return Analyzer.standard().analyze(d, s, fileName, null, dump.length);
        }
    }

    @Test
    void htmlEscapesEveryDumpString() throws Exception {
        Report r = analyzeHostileDump("hostile<b>.dmp");
        assertThat(r.culprit().module()).isEqualTo(HTML);
        String html = HtmlReport.render(List.of(r));
        assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("hostile<b>")
                .contains("&lt;script&gt;alert(1)&lt;img src=x onerror=alert(2)&gt;.dll").contains("hostile&lt;b&gt;.dmp");
        assertThat(html).doesNotContain("\u202E").doesNotContain("\u001b");
    }

    @Test
    void textAndMarkdownNeutraliseControlAndBidiCharacters() throws Exception {
        // The file name is shown by every report: give it an ANSI colour sequence, a line break and an RTL override.
        Report r = analyzeHostileDump("C:\\dumps\\" + ANSI + RTL);
        String text = TextReport.render(List.of(r));
        String md = MarkdownReport.render(List.of(r));
        for (String out : List.of(text, md)) {
            assertThat(out).doesNotContain("\u001b").doesNotContain("\u202E");
        }
        assertThat(text).contains("\\u001b[31mred").contains("harmless\\u202egpj.exe").contains("\\u000d\\u000aFAKE");
        // Markdown shows dump strings as backslash-escaped text ("\<" renders as a literal "<") or inside code
        // spans, whose content renderers never treat as HTML: no raw tag remains outside those.
        assertThat(md.replaceAll("`[^`\n]*`", "").replace("\\<", "")).doesNotContain("<script>").doesNotContain("<img");
    }

    @Test
    void jsonKeepsTheBytesButEscapesThemAsJson() throws Exception {
        Report r = analyzeHostileDump("hostile.dmp");
        String json = JsonReport.render(List.of(r));
        assertThat(json).doesNotContain("\u001b").contains("\\u001B[31mred");
        assertThat(JsonReport.mapper().readTree(json).at("/culprit/module").asText()).isEqualTo(HTML);
    }
}
