package org.faultline.symbols.unwind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.LlvmText;
import org.faultline.symbols.LlvmText.Block;
import org.faultline.symbols.pe.Arm64PackedUnwind;
import org.faultline.symbols.pe.Arm64UnwindCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ARM64 unwinder's decoding of unwind codes, and its expansion of packed {@code .pdata} words into codes,
 * against llvm-readobj 14's {@code --unwind} output: every {@code .xdata} prolog and epilog code's operands
 * (register numbers, offsets, pre-index adjustments, allocation sizes) as llvm-readobj disassembles them, and
 * every packed entry's canonical prolog as llvm-readobj prints it. LLVM 14 predates two facts that the prolog
 * emulation test checks instead: CR 2 (pacibsp, chained) it prints as CR 0, and CR 1 with RegI 1 it calls
 * "INVALID!" (MSVC emits {@code sub sp,sp,#16; stp x19,lr,[sp]} for it); it also calls pac_sign_lr a bad opcode.
 */
class Arm64CodesOracleTest {

    @ParameterizedTest
    @CsvSource({
        "binskim/Uwp_ARM64_VS2019_Cpp.dll, Uwp_ARM64_VS2019_Cpp.dll.llvm-readobj-unwind.txt",
        "binskim/ARM64_CETShadowStack_NotApplicable.exe, ARM64_CETShadowStack_NotApplicable.exe.llvm-readobj-unwind.txt",
        "symbolic/windows/arm64/test.exe, arm64-test.exe.llvm-readobj-unwind.txt.gz"})
    void decodingAndPackedExpansionMatchLlvmReadobj(String image, String oracle) {
        Fixtures.require(image); // the oracle describes this fixture; skip with it
        Block root = LlvmText.parse(Fixtures.oracle(oracle));
        int packed = 0;
        int codes = 0;
        for (Block f : root.first("UnwindInformation").all("RuntimeFunction")) {
            if (f.field("Fragment") != null) {
                int cr = (int) f.number("CR");
                int regI = (int) f.number("RegI");
                if (cr == 2 || cr == 1 && regI == 1) {
                    continue;
                }
                long word = (f.field("Fragment").equals("Yes") ? 2 : 1) | (f.number("FunctionLength") / 4) << 2
                        | f.number("RegF") << 13 | (long) regI << 16
                        | (f.field("HomedParameters").equals("Yes") ? 1L : 0) << 20 | (long) cr << 21
                        | f.number("FrameSize") / 16 << 23;
                byte[] expanded = Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(word));
                assertThat(expanded).as("packed word 0x%x", word).isNotNull();
                assertThat(renderPacked(expanded)).as("%s %s", image, f.field("Function"))
                        .isEqualTo(f.first("Prologue").lines);
                packed++;
            } else if (f.first("ExceptionData") != null) {
                Block x = f.first("ExceptionData");
                codes += compare(x.first("Prologue"), true);
                if (x.first("Epilogue") != null) {
                    codes += compare(x.first("Epilogue"), false);
                }
                Block scopes = x.first("EpilogueScopes");
                if (scopes != null) {
                    for (Block s : scopes.all("EpilogueScope")) {
                        codes += compare(s.first("Opcodes"), false);
                    }
                }
            }
        }
        assertThat(packed + codes).isPositive();
    }

    /** Each {@code 0xc882   ; stp x21, x22, [sp, #16]} line: decode the bytes, render, compare the text. */
    private static int compare(Block opcodes, boolean prolog) {
        int n = 0;
        for (String line : opcodes.lines) {
            int semi = line.indexOf(';');
            byte[] bytes = HexFormat.of().parseHex(line.substring(2, line.indexOf(' ')));
            String expected = line.substring(semi + 1).trim();
            Arm64UnwindCode code = new Arm64UnwindCode(0, bytes, Arm64UnwindCode.name(bytes[0] & 0xFF));
            Arm64PeUnwinder.Op op = Arm64PeUnwinder.decode(code);
            if (expected.equals("Bad opcode!")) {
                assertThat(op.kind()).as(line).isEqualTo(Arm64PeUnwinder.Kind.PAC_SIGN_LR);
            } else {
                assertThat(renderXdata(op, prolog)).as(line).isEqualTo(expected);
            }
            n++;
        }
        return n;
    }

    /** llvm-readobj's disassembly of an .xdata code, prolog (stores) or epilog (loads) side. */
    private static String renderXdata(Arm64PeUnwinder.Op op, boolean prolog) {
        String st = prolog ? "st" : "ld";
        return switch (op.kind()) {
            case ALLOC -> (prolog ? "sub" : "add") + " sp, #" + op.spAdjust();
            case SAVE_PAIR, SAVE_FPAIR -> {
                char r = op.kind() == Arm64PeUnwinder.Kind.SAVE_PAIR ? 'x' : 'd';
                String regs = r + "" + op.reg() + ", " + (op.reg2() == 30 && op.reg() != 29 ? "lr" : r + "" + op.reg2());
                yield op.spAdjust() > 0
                        ? (prolog ? "stp " + regs + ", [sp, #-" + op.spAdjust() + "]!" : "ldp " + regs + ", [sp], #" + op.spAdjust())
                        : st + "p " + regs + ", [sp, #" + op.offset() + "]";
            }
            case SAVE_REG, SAVE_FREG -> {
                String reg = (op.kind() == Arm64PeUnwinder.Kind.SAVE_REG ? "x" : "d") + op.reg();
                yield op.spAdjust() > 0
                        ? (prolog ? "str " + reg + ", [sp, #-" + op.spAdjust() + "]!" : "ldr " + reg + ", [sp], #" + op.spAdjust())
                        : st + "r " + reg + ", [sp, #" + op.offset() + "]";
            }
            case SET_FP -> op.offset() == 0 ? (prolog ? "mov fp, sp" : "mov sp, fp")
                    : prolog ? "add fp, sp, #" + op.offset() : "sub sp, fp, #" + op.offset();
            case NOP -> "nop";
            case END -> "end";
            case END_C -> "end_c";
            case SAVE_NEXT -> "save_next";
            case CLEAR_UNWOUND_TO_CALL -> "clear unwound to call";
            case PAC_SIGN_LR -> "pacibsp";
            case UNSUPPORTED -> "?";
        };
    }

    /** llvm-readobj's listing of a packed entry's prolog: the same instructions, named its way. */
    private static List<String> renderPacked(byte[] codes) {
        List<String> out = new ArrayList<>();
        for (Arm64UnwindCode c : Arm64PeUnwinder.sequence(codes, 0)) {
            Arm64PeUnwinder.Op op = Arm64PeUnwinder.decode(c);
            out.add(switch (op.kind()) {
                case ALLOC -> "sub sp, sp, #" + op.spAdjust();
                case SAVE_PAIR, SAVE_FPAIR -> {
                    char r = op.kind() == Arm64PeUnwinder.Kind.SAVE_PAIR ? 'x' : 'd';
                    String regs = r + "" + op.reg() + ", " + (op.reg2() == 30 ? "lr" : r + "" + op.reg2());
                    yield "stp " + regs + ", [sp, #" + (op.spAdjust() > 0 ? "-" + op.spAdjust() + "]!" : op.offset() + "]");
                }
                case SAVE_REG, SAVE_FREG -> {
                    String reg = op.kind() == Arm64PeUnwinder.Kind.SAVE_FREG ? "d" + op.reg()
                            : op.reg() == 30 ? "lr" : "x" + op.reg();
                    yield "str " + reg + ", [sp, #" + (op.spAdjust() > 0 ? "-" + op.spAdjust() + "]!" : op.offset() + "]");
                }
                case SET_FP -> "mov x29, sp";
                case END -> "end";
                default -> op.kind().name();
            });
        }
        return out;
    }
}
