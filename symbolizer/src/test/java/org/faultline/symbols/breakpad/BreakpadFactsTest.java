package org.faultline.symbols.breakpad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.DebugIdMismatchException;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.SourceLine;
import org.faultline.symbols.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Breakpad {@code .sym} facts from PROVENANCE.md §2–§4 and the published minidump_stackwalk output. */
class BreakpadFactsTest {
    private static final String TEST_APP =
            "breakpad/src/processor/testdata/symbols/test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym";
    private static final String TEST_APP_CRLF =
            "rust-minidump/breakpad-symbols/testdata/symbols/test_app.pdb/6A9832E5287241C1838ED98914E9B7FF1/test_app.sym";
    private static final String KERNEL32 =
            "breakpad/src/processor/testdata/symbols/kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.sym";
    private static final String DUMP_SYMS = "breakpad/src/tools/windows/dump_syms/testdata/";

    @Test
    void crashSym() throws Exception {
        BreakpadSymbolFile s = BreakpadSymbolFile.open(Fixtures.require("symbolic/windows/crash.sym"));
        assertThat(s.module()).isEqualTo(new ModuleRecord("windows", "x86", "3249D99D0C4049318610F4E4FB0B69361",
                "crash.pdb"));
        assertThat(s.codeId()).contains("5AB380779000");
        assertThat(s.codeFile()).contains("crash.exe");
        assertThat(s.files()).hasSize(147);
        assertThat(s.functions()).hasSize(92);
        assertThat(s.publics()).hasSize(35);
        assertThat(s.stackWin().size() + s.cfi().size()).isEqualTo(154);
        assertThat(s.functions().stream().filter(FuncRecord::multiple).count()
                + s.publics().stream().filter(PublicRecord::multiple).count()).isEqualTo(5);
        FuncRecord main = s.functionAt(0x2910).orElseThrow();
        assertThat(main.name()).isEqualTo("main");
        assertThat(main.size()).isEqualTo(0x15e);
        assertThat(main.parameterSize()).isEqualTo(8);
        assertThat(s.malformedLines()).isZero();
        s.requireMatch("3249d99d0c4049318610f4e4fb0b69361");
    }

    @ParameterizedTest
    @ValueSource(strings = {TEST_APP, TEST_APP_CRLF})
    void testAppSymAsRustMinidumpAssertsIt(String file) throws Exception {
        BreakpadSymbolFile s = BreakpadSymbolFile.open(Fixtures.require(file));
        assertThat(s.files()).hasSize(6661);
        assertThat(s.publics()).hasSize(5);
        assertThat(s.functions()).hasSize(1065);
        assertThat(s.nearestPublic(0x9b07).orElseThrow().name()).isEqualTo("_NLG_Return");
        assertThat(s.nearestPublic(0x142e7).orElseThrow().name()).isEqualTo("_NLG_Return");
        assertThat(s.nearestPublic(0x23b06).orElseThrow().name()).isEqualTo("__from_strstr_to_strchr");
        assertThat(s.nearestPublic(0xFFFFFFFFL).orElseThrow().name()).isEqualTo("__from_strstr_to_strchr");
        assertThat(s.functionAt(0x1000).orElseThrow().name()).isEqualTo("vswprintf");
        assertThat(s.functionAt(0x1012).orElseThrow().name()).isEqualTo("vswprintf");
        assertThat(s.functionAt(0x1013)).isEmpty();
        assertThat(s.stackWin()).filteredOn(r -> r.type() == StackWinRecord.TYPE_FRAME_DATA).hasSize(1556);
        assertThat(s.stackWin()).filteredOn(r -> r.type() == StackWinRecord.TYPE_FPO).hasSize(259);
        StackWinRecord fd = s.stackWinAt(StackWinRecord.TYPE_FRAME_DATA, 0x41b0).orElseThrow();
        assertThat(fd.rva()).isEqualTo(0x41b0);
        assertThat(fd.hasProgramString()).isTrue();
        assertThat(fd.programString()).startsWith("$T0 $ebp = $eip $T0 4 + ^ =");
        assertThat(s.malformedLines()).isZero();
        // The CRLF copy's MODULE line still says 5A98…, not its directory's 6A98… (PROVENANCE §4).
        assertThat(s.module().debugId()).isEqualTo("5A9832E5287241C1838ED98914E9B7FF1");
        assertThatThrownBy(() -> s.requireMatch("6A9832E5287241C1838ED98914E9B7FF1"))
                .isInstanceOf(DebugIdMismatchException.class).hasMessageContaining("5A9832E5287241C1838ED98914E9B7FF1")
                .hasMessageContaining("6A9832E5287241C1838ED98914E9B7FF1");
    }

    @Test
    void kernel32Sym() throws Exception {
        BreakpadSymbolFile s = BreakpadSymbolFile.open(Fixtures.require(KERNEL32));
        assertThat(s.module().debugFile()).isEqualTo("kernel32.pdb");
        assertThat(s.publics()).hasSize(1576);
        assertThat(s.stackWin().size() + s.cfi().size()).isEqualTo(4210);
        assertThat(s.files()).isEmpty();
        assertThat(s.functions()).isEmpty();
    }

    private static final Pattern EIP = Pattern.compile("^\\s*(\\d+)\\s+\\S.*$|^\\s+eip = (0x[0-9a-f]+).*$");
    private static final Pattern MODULE_LINE = Pattern.compile("^(0x[0-9a-f]+) - 0x[0-9a-f]+\\s+(\\S+)\\s.*$");

    /**
     * minidump2's four frames, as {@code minidump2.stackwalk.machine_readable.out} names them (function, file,
     * line, offset) at the eips of {@code minidump2.stackwalk.out}. Caller frames are looked up at return
     * address − 1, and the offset is measured from the return address, as Breakpad prints it.
     */
    @Test
    void minidump2FramesAsMinidumpStackwalkPrintsThem() throws Exception {
        String dir = "breakpad/src/processor/testdata/";
        List<String> human = Fixtures.lines(Fixtures.require(dir + "minidump2.stackwalk.out"));
        List<String> machine = Fixtures.lines(Fixtures.require(dir + "minidump2.stackwalk.machine_readable.out"));
        Map<String, Long> bases = new HashMap<>();
        List<Long> eips = new java.util.ArrayList<>();
        for (String line : human) {
            Matcher m = MODULE_LINE.matcher(line);
            if (m.matches()) {
                bases.put(m.group(2), Long.parseLong(m.group(1).substring(2), 16));
            }
            Matcher e = EIP.matcher(line);
            if (e.matches() && e.group(2) != null) {
                eips.add(Long.parseLong(e.group(2).substring(2), 16));
            }
        }
        Map<String, BreakpadSymbolFile> syms = Map.of(
                "test_app.exe", BreakpadSymbolFile.open(Fixtures.require(TEST_APP)),
                "kernel32.dll", BreakpadSymbolFile.open(Fixtures.require(KERNEL32)));
        int checked = 0;
        for (String line : machine) {
            String[] f = line.split("\\|", -1);
            if (f.length != 7 || !f[0].equals("0")) {
                continue;
            }
            int frame = Integer.parseInt(f[1]);
            long eip = eips.get(frame);
            long lookupRva = (frame == 0 ? eip : eip - 1) - bases.get(f[2]);
            Symbol s = syms.get(f[2]).lookup(lookupRva).orElseThrow();
            assertThat(s.name()).as("frame %d", frame).isEqualTo(f[3]);
            long shownOffset = Long.parseLong(f[6].substring(2), 16);
            long rva = eip - bases.get(f[2]);
            if (f[4].isEmpty()) {
                assertThat(s.kind()).isEqualTo(Symbol.Kind.PUBLIC);
                assertThat(rva - s.rva()).isEqualTo(shownOffset);
            } else {
                SourceLine src = s.source().orElseThrow();
                assertThat(src.file()).isEqualTo(f[4]);
                assertThat(src.line()).isEqualTo(Long.parseLong(f[5]));
                assertThat(rva - src.rva()).isEqualTo(shownOffset);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(4);
        // rust-minidump's snapshot: function offsets from return address − 1.
        Symbol main = syms.get("test_app.exe").lookup(0x41ff).orElseThrow();
        assertThat(main.offsetOf(0x41ff)).isEqualTo(0x4f);
        assertThat(syms.get("test_app.exe").lookup(0x53eb).orElseThrow().offsetOf(0x53eb)).isEqualTo(0x15e);
        assertThat(syms.get("test_app.exe").lookup(0x429e).orElseThrow().offsetOf(0x429e)).isEqualTo(0xe);
    }

    @Test
    void dumpSymsHeaders() throws Exception {
        BreakpadSymbolFile r64 = BreakpadSymbolFile.open(Fixtures.require(DUMP_SYMS + "dump_syms_regtest64.sym"));
        assertThat(r64.module()).isEqualTo(new ModuleRecord("windows", "x86_64", "72E103A85CB249078B76B2E7C06257B13",
                "dump_syms_regtest64.pdb"));
        assertThat(r64.codeId()).contains("589DFD111A000");
        assertThat(r64.codeFile()).contains("dump_syms_regtest64.exe");
        assertThat(r64.functionAt(0x1010).orElseThrow().name()).isEqualTo("main");
        CfiRecord cfi = r64.cfiAt(0x1010).orElseThrow();
        assertThat(cfi.rules()).isEqualTo(".cfa: $rsp .ra: .cfa 8 - ^");
        assertThat(CfiRecord.parseRules(cfi.rules())).containsExactly(Map.entry(".cfa", "$rsp"),
                Map.entry(".ra", ".cfa 8 - ^"));
        assertThat(cfi.deltas()).containsExactly(new CfiRecord.Delta(0x1010, ".cfa: $rsp 80 +"));
        assertThat(cfi.rulesAt(0x1011)).containsEntry(".cfa", "$rsp 80 +").containsEntry(".ra", ".cfa 8 - ^");

        BreakpadSymbolFile x86 = BreakpadSymbolFile.open(Fixtures.require(DUMP_SYMS + "dump_syms_regtest.sym"));
        assertThat(x86.module().debugId()).isEqualTo("9214611565FA4C538FE724A797B860F71");
        assertThat(x86.publics()).hasSize(4).contains(
                new PublicRecord(true, 0x45dc, 0, "_NLG_Dispatch"),
                new PublicRecord(false, 0x57b2, 0x10, "RtlUnwind"));

        BreakpadSymbolFile pe = BreakpadSymbolFile.open(Fixtures.require(DUMP_SYMS + "pe_only_symbol_test.sym"));
        assertThat(pe.module().debugId()).isEqualTo("2A5EAB481FAB4A17A9761CDC14FE531A1");
        assertThat(pe.codeId()).contains("5C8AD05F12000");
        assertThat(pe.codeFile()).contains("pe_only_symbol_test.dll");
        assertThat(pe.cfi()).hasSize(106);
        assertThat(pe.cfi().size() + pe.cfi().stream().mapToInt(c -> c.deltas().size()).sum()).isEqualTo(212);
        assertThat(pe.functions()).isEmpty();
        assertThat(pe.publics()).isEmpty();
        assertThat(pe.cfi().get(0).address()).isEqualTo(0x1440);
        assertThat(pe.cfi().get(0).size()).isEqualTo(0x39);
    }

    /** PROVENANCE §2/§3a: FUNC (address, size) pairs equal the PDB procedures of the llvm-pdbutil TSVs. */
    @ParameterizedTest
    @ValueSource(strings = {"symbolic/windows/crash", "symbolic/windows/CrashWithException.pdb",
        DUMP_SYMS + "dump_syms_regtest", DUMP_SYMS + "dump_syms_regtest64"})
    void funcRecordsEqualPdbProcedures(String stem) throws Exception {
        String pdb = stem.endsWith(".pdb") ? stem : stem + ".pdb";
        Path sym = Fixtures.require(stem + ".sym");
        BreakpadSymbolFile s = BreakpadSymbolFile.open(sym);
        Set<String> funcs = new HashSet<>();
        s.functions().forEach(f -> funcs.add(Long.toHexString(f.address()) + "/" + Long.toHexString(f.size())));
        Set<String> procs = new HashSet<>();
        Fixtures.tsv(Fixtures.require(pdb + ".procs-by-rva.tsv")).forEach(r -> procs.add(r[0] + "/" + r[1]));
        assertThat(funcs).isEqualTo(procs);
        Set<String> publics = new HashSet<>();
        Fixtures.tsv(Fixtures.require(pdb + ".publics-by-rva.tsv")).forEach(r -> publics.add(r[0]));
        s.publics().forEach(p -> assertThat(publics).contains(Long.toHexString(p.address())));
    }

    @Test
    void lookupRules() throws Exception {
        String text = String.join("\n",
                "MODULE windows x86_64 0123456789ABCDEF0123456789ABCDEF1 t.pdb",
                "FILE 1 a.c",
                "PUBLIC 100 0 before",
                "FUNC 200 20 0 f",
                "200 10 7 1",
                "210 10 8 1",
                "PUBLIC 300 0 after",
                "FUNC m 400 10 0 folded name with spaces",
                "");
        BreakpadSymbolFile s = BreakpadSymbolFile.read(text.getBytes(StandardCharsets.UTF_8), "t.sym");
        assertThat(s.lookup(0x150).orElseThrow().name()).isEqualTo("before");
        Symbol f = s.lookup(0x215).orElseThrow();
        assertThat(f.kind()).isEqualTo(Symbol.Kind.FUNCTION);
        assertThat(f.source()).contains(new SourceLine("a.c", 8, 0x210));
        // Past the FUNC's end, the earlier PUBLIC does not reach over the FUNC.
        assertThat(s.lookup(0x250)).isEmpty();
        assertThat(s.lookup(0x350).orElseThrow().name()).isEqualTo("after");
        assertThat(s.lookup(0x405).orElseThrow().name()).isEqualTo("folded name with spaces");
        assertThat(s.functions().get(1).multiple()).isTrue();
        assertThat(s.lookup(0x50)).isEmpty();
    }

    @Test
    void malformedLinesAreSkippedAndCounted() throws Exception {
        String text = String.join("\r\n",
                "MODULE windows x86 0123456789ABCDEF0123456789ABCDEF1 t.pdb",
                "FILE x bad-number",
                "FUNC zz 10 0 bad-address",
                "1000 10 5 1",
                "FUNC 1000 20 0 good",
                "1000 10 5",
                "1000 10 5 1",
                "PUBLIC",
                "STACK CFI 1000 .cfa: $rsp",
                "STACK WIN 4 1000 20 0 0 0 0 0 0",
                "STACK FOO",
                "BOGUS record",
                "INLINE 0 1 1",
                "STACK CFI INIT 1000 20 .cfa: $rsp 8 + .ra: .cfa 8 - ^",
                "STACK CFI 1004 .cfa: $rsp 16 +",
                "");
        BreakpadSymbolFile s = BreakpadSymbolFile.read(text.getBytes(StandardCharsets.UTF_8), "t.sym");
        assertThat(s.malformedLines()).isEqualTo(10);
        assertThat(s.warnings()).hasSize(10).allSatisfy(d -> {
            assertThat(d.structure()).startsWith("Breakpad line ");
            assertThat(d.offset()).isBetween(0L, (long) text.length());
        });
        assertThat(s.functions()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("good");
            assertThat(f.lines()).hasSize(1);
        });
        assertThat(s.cfi()).singleElement().satisfies(c -> assertThat(c.deltas()).hasSize(1));
        assertThatThrownBy(() -> BreakpadSymbolFile.read("FUNC 1 2 3 x\n".getBytes(StandardCharsets.UTF_8), "x"))
                .isInstanceOf(DumpFormatException.BadSignature.class);
        assertThatThrownBy(() -> BreakpadSymbolFile.read(new byte[0], "empty"))
                .isInstanceOf(DumpFormatException.BadSignature.class);
    }
}
