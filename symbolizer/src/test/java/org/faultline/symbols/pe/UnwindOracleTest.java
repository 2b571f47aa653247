package org.faultline.symbols.pe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.LlvmText;
import org.faultline.symbols.LlvmText.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * x64 and ARM64 exception data against {@code llvm-readobj --unwind} (Debian LLVM 14.0.6) outputs committed under
 * {@code src/test/resources/oracles}: every RUNTIME_FUNCTION, its UNWIND_INFO header, every unwind code, handler
 * and chained entry; every ARM64 packed word and .xdata header, epilog scope and prolog code split.
 */
class UnwindOracleTest {

    @ParameterizedTest
    @CsvSource({
        "breakpad/src/tools/windows/dump_syms/testdata/pe_only_symbol_test.dll, pe_only_symbol_test.dll.llvm-readobj-unwind.txt",
        "symsrv/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe, ShowSSEConfig.exe.llvm-readobj-unwind.txt",
        "symbolic/windows/CrashWithException.exe, CrashWithException.exe.llvm-readobj-unwind.txt",
        "binskim/Native_x64_RustC_Rust_debuginfo2_v1.58.1.exe, Native_x64_RustC_Rust_debuginfo2_v1.58.1.exe.llvm-readobj-unwind.txt.gz"})
    void x64MatchesLlvmReadobj(String image, String oracle) throws Exception {
        Block root = LlvmText.parse(Fixtures.oracle(oracle));
        List<Block> all = root.first("UnwindInformation").all("RuntimeFunction");
        try (PeFile pe = PeFile.open(Fixtures.require(image))) {
            long base = pe.optionalHeader().imageBase();
            // llvm-readobj 14 walks the whole .pdata section, not ExceptionTableSize bytes of it, and prints the
            // section's zero padding as entries at tiny addresses (0x4F8, 0x504, …): those are not in the table.
            List<Block> expected = all.stream().filter(b -> b.number("StartAddress") >= base).toList();
            assertThat(all.size() - expected.size()).isEqualTo(
                    (int) (pe.sectionAt(pe.optionalHeader().dataDirectory(ImageDataDirectory.EXCEPTION)
                            .virtualAddress()).orElseThrow().virtualSize()
                            - pe.optionalHeader().dataDirectory(ImageDataDirectory.EXCEPTION).size())
                            / RuntimeFunction.SIZE);
            X64ExceptionTable table = pe.x64ExceptionTable().orElseThrow();
            assertThat(table.size()).isEqualTo(expected.size());
            int codes = 0;
            for (int i = 0; i < expected.size(); i++) {
                Block e = expected.get(i);
                RuntimeFunction f = table.get(i);
                assertThat(f.beginAddress() + base).isEqualTo(e.number("StartAddress"));
                assertThat(f.endAddress() + base).isEqualTo(e.number("EndAddress"));
                assertThat(f.unwindInfoAddress() + base).isEqualTo(e.number("UnwindInfoAddress"));
                assertThat(table.functionAt(f.beginAddress())).contains(f);
                assertThat(table.functionAt(f.endAddress() - 1)).contains(f);

                Block ui = e.first("UnwindInfo");
                UnwindInfo u = table.unwindInfo(f);
                String where = String.format("function 0x%x", f.beginAddress());
                assertThat(u.version()).as(where).isEqualTo(ui.number("Version"));
                assertThat(u.flags()).as(where).isEqualTo(Long.parseLong(ui.first("Flags").attribute.substring(2), 16));
                assertThat(u.sizeOfProlog()).as(where).isEqualTo(ui.number("PrologSize"));
                assertThat(u.countOfCodes()).as(where).isEqualTo(ui.number("UnwindCodeCount"));
                String fr = ui.field("FrameRegister");
                if (fr.equals("-")) {
                    assertThat(u.frameRegister()).as(where).isZero();
                } else {
                    assertThat(u.frameRegister()).as(where).isEqualTo(LlvmText.number(fr));
                    assertThat(fr).startsWith(u.frameRegisterName() + " ");
                    assertThat(u.frameOffset()).as(where).isEqualTo(ui.number("FrameOffset"));
                }
                List<String> mine = new ArrayList<>();
                for (UnwindCode c : u.codes()) {
                    mine.add(llvmStyle(c, u));
                }
                assertThat(mine).as(where).isEqualTo(ui.first("UnwindCodes").lines);
                codes += mine.size();
                if (ui.field("Handler") != null) {
                    assertThat(u.handlerRva() + base).as(where).isEqualTo(ui.number("Handler"));
                } else {
                    assertThat(u.handlerRva()).as(where).isEqualTo(-1);
                }
                Block chained = ui.first("Chained");
                if (chained != null) {
                    assertThat(u.chained().beginAddress() + base).isEqualTo(chained.number("StartAddress"));
                    assertThat(u.chained().endAddress() + base).isEqualTo(chained.number("EndAddress"));
                    assertThat(u.chained().unwindInfoAddress() + base).isEqualTo(chained.number("UnwindInfoAddress"));
                    List<UnwindInfo> chain = table.unwindChain(f);
                    assertThat(chain).hasSizeGreaterThan(1);
                    assertThat(chain.get(chain.size() - 1).isChained()).isFalse();
                } else {
                    assertThat(u.isChained()).isFalse();
                }
            }
            assertThat(codes).isPositive();
            assertThat(pe.diagnostics()).isEmpty();
        }
    }

    /** The oracle's presentation of one code: {@code 0x13: ALLOC_SMALL size=16}. */
    private static String llvmStyle(UnwindCode c, UnwindInfo u) {
        String head = String.format("0x%02X: ", c.codeOffset());
        return head + switch (c.op()) {
            case PUSH_NONVOL -> "PUSH_NONVOL reg=" + c.register();
            case ALLOC_LARGE -> "ALLOC_LARGE size=" + c.operand();
            case ALLOC_SMALL -> "ALLOC_SMALL size=" + c.operand();
            case SET_FPREG -> "SET_FPREG reg=" + u.frameRegisterName() + ", offset=0x"
                    + Long.toHexString(16L * u.frameOffset()).toUpperCase(Locale.ROOT);
            case SAVE_NONVOL, SAVE_NONVOL_FAR, SAVE_XMM128, SAVE_XMM128_FAR -> c.op().name() + " reg="
                    + c.register() + ", offset=0x" + Long.toHexString(c.operand()).toUpperCase(Locale.ROOT);
            case PUSH_MACHFRAME -> "PUSH_MACHFRAME errcode=" + (c.opInfo() == 1 ? "yes" : "no");
            default -> c.op().name();
        };
    }

    @ParameterizedTest
    @CsvSource({
        "binskim/Uwp_ARM64_VS2019_Cpp.dll, Uwp_ARM64_VS2019_Cpp.dll.llvm-readobj-unwind.txt",
        "binskim/ARM64_CETShadowStack_NotApplicable.exe, ARM64_CETShadowStack_NotApplicable.exe.llvm-readobj-unwind.txt"})
    void arm64MatchesLlvmReadobj(String image, String oracle) throws Exception {
        Block root = LlvmText.parse(Fixtures.oracle(oracle));
        List<Block> all = root.first("UnwindInformation").all("RuntimeFunction");
        try (PeFile pe = PeFile.open(Fixtures.require(image))) {
            long base = pe.optionalHeader().imageBase();
            // As for x64; llvm-readobj 14 also ends ARM64_CET's list with an empty "RuntimeFunction {}".
            List<Block> expected = all.stream().filter(b -> b.field("Function") != null)
                    .filter(b -> b.number("Function") >= base).toList();
            assertThat(all.size() - expected.size()).isLessThanOrEqualTo(1);
            Arm64ExceptionTable table = pe.arm64ExceptionTable().orElseThrow();
            assertThat(table.size()).isEqualTo(expected.size());
            int packed = 0;
            int xdata = 0;
            for (int i = 0; i < expected.size(); i++) {
                Block e = expected.get(i);
                Arm64RuntimeFunction f = table.get(i);
                String where = String.format("function 0x%x", f.beginAddress());
                assertThat(f.beginAddress() + base).isEqualTo(e.number("Function"));
                if (e.field("ExceptionRecord") != null) {
                    xdata++;
                    assertThat(f.flag()).as(where).isZero();
                    assertThat(f.xdataRva() + base).isEqualTo(e.number("ExceptionRecord"));
                    Block x = e.first("ExceptionData");
                    Arm64UnwindData d = table.unwindData(f);
                    assertThat(d.functionLength()).as(where).isEqualTo(x.number("FunctionLength"));
                    assertThat(d.version()).isEqualTo(x.number("Version"));
                    assertThat(d.exceptionData()).isEqualTo(x.field("ExceptionData").equals("Yes"));
                    assertThat(d.epilogPacked()).isEqualTo(x.field("EpiloguePacked").equals("Yes"));
                    assertThat(d.codeWords() * 4L).isEqualTo(x.number("ByteCodeLength"));
                    if (d.epilogPacked()) {
                        assertThat(d.epilogCount()).isEqualTo(x.number("EpilogueOffset"));
                        assertThat(d.epilogScopes()).isEmpty();
                    } else {
                        List<Block> scopes = x.first("EpilogueScopes").all("EpilogueScope");
                        assertThat(d.epilogCount()).isEqualTo(x.number("EpilogueScopes")).isEqualTo(scopes.size());
                        for (int k = 0; k < scopes.size(); k++) {
                            Arm64EpilogScope s = d.epilogScopes().get(k);
                            assertThat(s.startOffset()).isEqualTo(scopes.get(k).number("StartOffset"));
                            assertThat(s.startIndex()).isEqualTo(scopes.get(k).number("EpilogueStartIndex"));
                            assertThat(hex(d.epilogCodes(s))).isEqualTo(opcodes(scopes.get(k).first("Opcodes")));
                        }
                    }
                    assertThat(hex(d.prologCodes())).as(where).isEqualTo(opcodes(x.first("Prologue")));
                    Block handler = x.first("ExceptionHandler");
                    if (handler != null) {
                        assertThat(d.handlerRva() + base).isEqualTo(handler.number("Routine"));
                    } else {
                        assertThat(d.handlerRva()).isEqualTo(-1);
                    }
                    assertThat(table.functionAt(f.beginAddress() + d.functionLength() - 4)).contains(f);
                } else {
                    packed++;
                    Arm64PackedUnwind p = f.packed();
                    assertThat(f.isPacked()).as(where).isTrue();
                    assertThat(p.flag() == 2).isEqualTo(e.field("Fragment").equals("Yes"));
                    assertThat(p.functionLength()).as(where).isEqualTo(e.number("FunctionLength"));
                    assertThat(p.regF()).isEqualTo(e.number("RegF"));
                    assertThat(p.regI()).isEqualTo(e.number("RegI"));
                    assertThat(p.homedParameters()).isEqualTo(e.field("HomedParameters").equals("Yes"));
                    assertThat(p.cr()).isEqualTo(e.number("CR"));
                    assertThat(p.frameSize()).isEqualTo(e.number("FrameSize"));
                    assertThat(table.functionAt(f.beginAddress() + p.functionLength() - 4)).contains(f);
                }
            }
            assertThat(packed).isPositive();
            assertThat(xdata).isPositive();
        }
    }

    /** Opcode lines {@code 0xd104   ; str x23, [sp, #32]} → {@code d104}. */
    private static List<String> opcodes(Block b) {
        return b.lines.stream().map(l -> l.substring(2, l.indexOf(' ') < 0 ? l.length() : l.indexOf(' ')))
                .toList();
    }

    private static List<String> hex(List<Arm64UnwindCode> codes) {
        return codes.stream().map(c -> HexFormat.of().formatHex(c.bytes())).toList();
    }

    /** symbols.md §4 [verified]: ShowSSEConfig's first entry 0x1000–0x1178. */
    @Test
    void showSseConfigFirstEntryAsSymbolsMdDecodesIt() throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require("symsrv/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe"))) {
            X64ExceptionTable t = pe.x64ExceptionTable().orElseThrow();
            RuntimeFunction f = t.functionAt(0x1000).orElseThrow();
            assertThat(f.endAddress()).isEqualTo(0x1178);
            UnwindInfo u = t.unwindInfo(f);
            assertThat(u.sizeOfProlog()).isEqualTo(7);
            assertThat(u.codes()).extracting(UnwindCode::codeOffset, UnwindCode::op, UnwindCode::operand,
                    UnwindCode::register).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(7, UnwindOp.ALLOC_SMALL, 48L, null),
                    org.assertj.core.groups.Tuple.tuple(3, UnwindOp.PUSH_NONVOL, 0L, "RBX"),
                    org.assertj.core.groups.Tuple.tuple(2, UnwindOp.PUSH_NONVOL, 0L, "RDI"),
                    org.assertj.core.groups.Tuple.tuple(1, UnwindOp.PUSH_NONVOL, 0L, "RSI"));
        }
    }
}
