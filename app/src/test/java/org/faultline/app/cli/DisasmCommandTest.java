package org.faultline.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.faultline.samples.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisasmCommandTest {
    static final String NL = System.lineSeparator();

    static Path sample() {
        return Path.of(System.getProperty("faultline.root", ".."), "sample-dumps", "dumps",
                "contoso-usermode-read-av.dmp");
    }

    @Test
    void julyNineteenLine() {
        CliTest.Run r = CliTest.run("disasm", "--address", "0xfffff806715114ed", "45 8B 08");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).isEqualTo("fffff806715114ed: 45 8b 08  mov r9d,dword ptr [r8]" + NL);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void hexWithOrWithoutSpacesAndALinearSweep() {
        String want = "0: 4e 8b 04 d8  mov r8,qword ptr [rax+r11*8]" + NL + "4: 45 8b 08  mov r9d,dword ptr [r8]" + NL;
        assertThat(CliTest.run("disasm", "4e8b04d8458b08").out()).isEqualTo(want);
        assertThat(CliTest.run("disasm", "4E", "8B", "04", "D8", "45 8B 08").out()).isEqualTo(want);
        assertThat(CliTest.run("disasm", "--address", "fffff806`715114e9", "4e8b04d8").out())
                .startsWith("fffff806715114e9: ");
    }

    @Test
    void badBytesPrintBadAndMoveOnByOne() {
        CliTest.Run r = CliTest.run("disasm", "06 90 48");
        assertThat(r.out()).isEqualTo("0: 06  (bad)" + NL + "1: 90  nop" + NL + "2: 48  (bad)" + NL);
    }

    @Test
    void unsupportedSaysWhat() {
        assertThat(CliTest.run("disasm", "62 f1 7c 48 10 00 90").out())
                .isEqualTo("0: 62 f1 7c 48 10 00  (unsupported: EVEX (AVX-512))" + NL + "6: 90  nop" + NL);
    }

    @Test
    void otherArchitectures() {
        assertThat(CliTest.run("disasm", "--arch", "arm64", "--address", "0x1000", "20 04 40 f9").out())
                .isEqualTo("1000: 20 04 40 f9  ldr x0, [x1, #8]" + NL);
        assertThat(CliTest.run("disasm", "--arch", "x86", "8b 44 8e fc").out())
                .isEqualTo("0: 8b 44 8e fc  mov eax,dword ptr [esi+ecx*4-0x4]" + NL);
        assertThat(CliTest.run("disasm", "--arch", "ARM64", "1f 20 03 d5").out()).isEqualTo("0: 1f 20 03 d5  nop" + NL);
    }

    @Test
    void usageErrors() {
        assertThat(CliTest.run("disasm", "4g").code()).isEqualTo(2);
        CliTest.Run odd = CliTest.run("disasm", "458");
        assertThat(odd.code()).isEqualTo(2);
        assertThat(odd.err()).contains("odd number of hex digits");
        assertThat(CliTest.run("disasm").code()).isEqualTo(2);
        assertThat(CliTest.run("disasm", "--address", "xyz", "90").code()).isEqualTo(2);
        assertThat(CliTest.run("disasm", "--arch", "mips", "90").code()).isEqualTo(2);
        assertThat(CliTest.run("disasm", "--count", "3", "90").code()).isEqualTo(2);
    }

    @Test
    void fromTheSampleDumpAtTheExceptionAddress() {
        Path dump = sample();
        assumeTrue(Files.isRegularFile(dump), "SKIPPED: " + dump + " not found");
        CliTest.Run r = CliTest.run("disasm", "--dump", dump.toString(), "--count", "3", "--before", "2");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).isEqualTo(""
                + "7ffb1c41a2ed: 48 8b 4b 08  mov rcx,qword ptr [rbx+0x8]" + NL
                + "7ffb1c41a2f1: 48 03 cf  add rcx,rdi" + NL
                + "7ffb1c41a2f4: 8b 41 10  mov eax,dword ptr [rcx+0x10]" + NL
                + "7ffb1c41a2f7: 89 43 20  mov dword ptr [rbx+0x20],eax" + NL
                + "7ffb1c41a2fa: 48 83 c4 20  add rsp,0x20" + NL);
    }

    @Test
    void missingMemoryIsAMessageNotAFailure() {
        Path dump = sample();
        assumeTrue(Files.isRegularFile(dump), "SKIPPED: " + dump + " not found");
        CliTest.Run r = CliTest.run("disasm", "--dump", dump.toString(), "--address", "0x10");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("no bytes at 0x10 in the dump");
    }

    @Test
    void notADumpAndMissingFile(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello world\n", StandardCharsets.UTF_8);
        assertThat(CliTest.run("disasm", "--dump", text.toString(), "--address", "0").code()).isEqualTo(3);
        assertThat(CliTest.run("disasm", "--dump", dir.resolve("nope.dmp").toString()).code()).isEqualTo(4);
        assertThat(CliTest.run("disasm", "--dump", text.toString(), "90").code()).isEqualTo(2);
    }

    @Test
    void arm64KernelDumpFromTheCorpus() {
        Optional<Path> p = Corpus.file("kdlibcpp/win10_arm64_mem.dmp");
        assumeTrue(p.isPresent(), Corpus.absent("kdlibcpp/win10_arm64_mem.dmp"));
        CliTest.Run r = CliTest.run("disasm", "--dump", p.get().toString(), "--count", "4");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out().lines().count() + (r.err().isEmpty() ? 0 : 1)).isPositive();
        System.out.println(r.out() + r.err());
    }
}
