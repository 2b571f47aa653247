package org.faultline.symbols.unwind;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.symbols.breakpad.BreakpadSymbolFile;
import org.junit.jupiter.api.Test;

/** STACK CFI for AMD64, ARM64 and x86, and x86 STACK WIN (programs, FPO, the return-address search). */
class BreakpadCfiUnwinderTest {
    private static final long BASE = 0x40_0000L;
    private static final long E = 0x7000_0000L;

    private static BreakpadSymbolFile sym(String arch, String... lines) throws Exception {
        String text = "MODULE windows " + arch + " 0123456789ABCDEF0123456789ABCDEF1 a.pdb\n" + String.join("\n", lines)
                + "\n";
        return BreakpadSymbolFile.read(text.getBytes(StandardCharsets.US_ASCII), "a.sym");
    }

    private static CpuContext ctx(Architecture arch, Object... nameValue) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (Long) nameValue[i + 1]);
        }
        return new CpuContext(arch, 0, m);
    }

    private static StackFrame context(CpuContext c) {
        return new StackFrame(0, c.instructionPointer(), c.stackPointer(), -1, FrameTrust.CONTEXT, c);
    }

    private static boolean code(long a) {
        return a >= BASE && a < BASE + 0x10_0000;
    }

    @Test
    void amd64RulesWithDeltaRows() throws Exception {
        BreakpadCfiUnwinder u = new BreakpadCfiUnwinder(sym("x86_64",
                "STACK CFI INIT 1000 100 .cfa: $rsp 8 + .ra: .cfa 8 - ^",
                "STACK CFI 1001 .cfa: $rsp 16 + $rbx: .cfa 16 - ^",
                "STACK CFI 1005 .cfa: $rsp 48 +",
                "STACK CFI INIT 2000 10 .cfa: $rsp 8 + .ra: .cfa 8 - ^ $rsi: $r99"), BASE,
                BreakpadCfiUnwinderTest::code);
        SparseMemory m = new SparseMemory().put64(E, BASE + 0x5000).put64(E - 8, 0xB0B0);
        for (long[] at : new long[][] {{0x1000, E}, {0x1003, E - 8}, {0x1080, E - 40}}) {
            CpuContext callee = ctx(Architecture.AMD64, "rax", 1L, "rbx", 2L, "rbp", 3L, "rsp", at[1],
                    "rip", BASE + at[0]);
            CpuContext c = u.unwind(context(callee), callee, m).orElseThrow();
            assertThat(c.instructionPointer()).isEqualTo(BASE + 0x5000);
            assertThat(c.stackPointer()).isEqualTo(E + 8);
            assertThat(c.get("rbx")).hasValue(at[0] == 0x1000 ? 2 : 0xB0B0);
            assertThat(c.get("rbp")).as("callee-saved, no rule: unchanged").hasValue(3);
            assertThat(c.registers()).doesNotContainKey("rax");
        }
        // A rule that cannot be evaluated leaves that register unknown rather than unchanged.
        CpuContext callee = ctx(Architecture.AMD64, "rsi", 5L, "rsp", E, "rip", BASE + 0x2000);
        assertThat(u.unwind(context(callee), callee, m).orElseThrow().registers()).doesNotContainKey("rsi");
        assertThat(u.covers(BASE + 0x10ff)).isTrue();
        assertThat(u.covers(BASE + 0x1100)).isFalse();
        // No readable return address: nothing.
        CpuContext lost = ctx(Architecture.AMD64, "rsp", 0x10L, "rip", BASE + 0x1000);
        assertThat(u.unwind(context(lost), lost, m)).isEmpty();
    }

    @Test
    void arm64RulesUseRegisterNamesWithoutDollarAndX29X30() throws Exception {
        BreakpadCfiUnwinder u = new BreakpadCfiUnwinder(sym("arm64",
                "STACK CFI INIT 3000 40 .cfa: sp 0 + .ra: x30",
                "STACK CFI 3004 .cfa: sp 16 + x29: .cfa -16 + ^ .ra: .cfa -8 + ^ x19: x19"), BASE,
                BreakpadCfiUnwinderTest::code);
        SparseMemory m = new SparseMemory().put64(E, 0xF9).put64(E + 8, BASE + 0x7000);
        CpuContext leaf = ctx(Architecture.ARM64, "x19", 0x19L, "x0", 1L, "fp", 0x29L, "lr", BASE + 0x6000, "sp", E,
                "pc", BASE + 0x3000);
        CpuContext c = u.unwind(context(leaf), leaf, m).orElseThrow();
        assertThat(c.instructionPointer()).isEqualTo(BASE + 0x6000);
        assertThat(c.stackPointer()).isEqualTo(E);
        CpuContext body = ctx(Architecture.ARM64, "x19", 0x19L, "fp", 0x29L, "lr", 0L, "sp", E, "pc", BASE + 0x3010);
        CpuContext b = u.unwind(context(body), body, m).orElseThrow();
        assertThat(b.instructionPointer()).isEqualTo(BASE + 0x7000);
        assertThat(b.stackPointer()).isEqualTo(E + 16);
        assertThat(b.registers()).containsEntry("fp", 0xF9L).containsEntry("x19", 0x19L).doesNotContainKey("x0");
    }

    @Test
    void x86CfiRules() throws Exception {
        BreakpadCfiUnwinder u = new BreakpadCfiUnwinder(sym("x86",
                "STACK CFI INIT 4000 20 .cfa: $esp 4 + .ra: .cfa 4 - ^",
                "STACK CFI 4001 .cfa: $esp 8 + $ebp: .cfa 8 - ^"), BASE, BreakpadCfiUnwinderTest::code);
        SparseMemory m = new SparseMemory().put32(E, BASE + 0x9000).put32(E - 4, 0xEB);
        CpuContext callee = ctx(Architecture.X86, "esp", E - 4, "ebp", 1L, "ebx", 2L, "eax", 3L, "eip", BASE + 0x4005);
        CpuContext c = u.unwind(context(callee), callee, m).orElseThrow();
        assertThat(c.registers()).containsEntry("eip", BASE + 0x9000).containsEntry("esp", E + 4)
                .containsEntry("ebp", 0xEBL).containsEntry("ebx", 2L).doesNotContainKey("eax");
    }

    @Test
    void stackWinFpoWithoutAProgram() throws Exception {
        BreakpadCfiUnwinder u = new BreakpadCfiUnwinder(sym("x86",
                "STACK WIN 0 5000 40 3 0 8 4 10 0 0 0",
                "STACK WIN 0 5100 40 3 0 8 8 10 0 0 1"), BASE, BreakpadCfiUnwinderTest::code);
        // Locals 0x10 and 4 bytes of saved registers above esp: the return address at esp + 0x14.
        SparseMemory m = new SparseMemory().put32(E + 0x14, BASE + 0x9000).put32(E + 0x18, BASE + 0x9100).put32(E,
                0xEB0);
        CpuContext a = ctx(Architecture.X86, "esp", E, "ebp", 0x77L, "eip", BASE + 0x5010);
        CpuContext ca = u.unwind(context(a), a, m).orElseThrow();
        assertThat(ca.registers()).containsEntry("eip", BASE + 0x9000).containsEntry("esp", E + 0x18)
                .containsEntry("ebp", 0x77L);
        // Allocates ebp: the caller's ebp is at esp + callee params (0) + saved registers (8) - 8; ra at esp + 0x18.
        CpuContext b = ctx(Architecture.X86, "esp", E, "ebp", 0x77L, "eip", BASE + 0x5110);
        CpuContext cb = u.unwind(context(b), b, m).orElseThrow();
        assertThat(cb.registers()).containsEntry("eip", BASE + 0x9100).containsEntry("esp", E + 0x1C)
                .containsEntry("ebp", 0xEB0L);
    }

    @Test
    void stackWinProgramsTheRaSearchAndTheCalleesParameters() throws Exception {
        BreakpadCfiUnwinder u = new BreakpadCfiUnwinder(sym("x86",
                "STACK WIN 4 6000 40 0 0 c 4 8 0 1 $T0 .raSearchStart = $eip $T0 ^ = $esp $T0 4 + =",
                "STACK WIN 4 6100 40 0 0 0 0 0 0 1 $T0 .raSearch = $eip $T0 ^ = $esp $T0 4 + =",
                "STACK WIN 0 6100 40 0 0 0 0 0 0 0 1",
                "STACK CFI INIT 6100 40 .cfa: $esp 1000 + .ra: .cfa 4 - ^"), BASE, BreakpadCfiUnwinderTest::code);
        // Frame 0 in 0x6000: .raSearchStart = esp + 8 + 4; the junk there is not code, but 2 words up there is
        // a return address (a realigned stack): the start moves there.
        SparseMemory m = new SparseMemory().put32(E + 0xC, 0x1234).put32(E + 0x10, 0x1234).put32(E + 0x14,
                BASE + 0x6120);
        CpuContext f0 = ctx(Architecture.X86, "esp", E, "ebp", 0x77L, "eip", BASE + 0x6010);
        CpuContext c0 = u.unwind(context(f0), f0, m).orElseThrow();
        assertThat(c0.registers()).containsEntry("eip", BASE + 0x6120).containsEntry("esp", E + 0x18);
        // Frame 1 in 0x6100 (FrameData wins over FPO and CFI): its callee's 0xc bytes of parameters lie on its stack
        // first, so its search starts at esp + 0xc; the words there are not code for 5 more words: search on.
        for (int i = 0; i < 8; i++) {
            m.put32(E + 0x18 + 4L * i, 0x5555);
        }
        m.put32(E + 0x18 + 0x20, BASE + 0x7777);
        StackFrame frame1 = new StackFrame(1, c0.instructionPointer(), c0.stackPointer(), -1, FrameTrust.CFI, c0);
        CpuContext c1 = u.unwind(frame1, c0, m).orElseThrow();
        assertThat(c1.registers()).containsEntry("eip", BASE + 0x7777).containsEntry("esp", E + 0x18 + 0x24);
        // The same frame seen without its callee (no remembered parameter size) searches from esp itself.
        u = new BreakpadCfiUnwinder(sym("x86",
                "STACK WIN 4 6100 40 0 0 0 0 0 0 1 $T0 .raSearch = $eip $T0 ^ = $esp $T0 4 + ="), BASE,
                BreakpadCfiUnwinderTest::code);
        m.put32(E + 0x18, BASE + 0x8888);
        assertThat(u.unwind(frame1, c0, m).orElseThrow().instructionPointer()).isEqualTo(BASE + 0x8888);
    }

    @Test
    void stackWinWithNothingOnTheStackFailsAndNestedRecordsPickTheInnermost() throws Exception {
        BreakpadCfiUnwinder u = new BreakpadCfiUnwinder(sym("x86",
                "STACK WIN 4 7000 100 0 0 0 0 0 0 1 $T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = $esp $T0 8 + =",
                "STACK WIN 4 7040 10 0 0 0 0 0 0 1 $T0 .raSearchStart = $eip $T0 ^ = $esp $T0 4 + =",
                "STACK WIN 4 7200 10 0 0 0 0 0 0 1 $eip 5 ="), BASE, BreakpadCfiUnwinderTest::code);
        SparseMemory m = new SparseMemory().put32(E, BASE + 0x100).put32(0x8000, 0x9000).put32(0x8004, BASE + 0x200);
        CpuContext inner = ctx(Architecture.X86, "esp", E, "ebp", 0x8000L, "eip", BASE + 0x7044);
        assertThat(u.unwind(context(inner), inner, m).orElseThrow().instructionPointer()).isEqualTo(BASE + 0x100);
        CpuContext outer = ctx(Architecture.X86, "esp", E, "ebp", 0x8000L, "eip", BASE + 0x7084);
        CpuContext c = u.unwind(context(outer), outer, m).orElseThrow();
        assertThat(c.registers()).containsEntry("eip", BASE + 0x200).containsEntry("esp", 0x8008L)
                .containsEntry("ebp", 0x9000L);
        CpuContext lost = ctx(Architecture.X86, "esp", 0x10L, "ebp", 0x20L, "eip", BASE + 0x7084);
        assertThat(u.unwind(context(lost), lost, m)).isEmpty();
        CpuContext noEsp = ctx(Architecture.X86, "esp", E, "ebp", 0x8000L, "eip", BASE + 0x7204);
        assertThat(u.unwind(context(noEsp), noEsp, m)).as("a program that sets no $esp").isEmpty();
    }
}
