package org.faultline.symbols.unwind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Breakpad's postfix language: operators, constants, names, dereference, assignment, and its failure modes. */
class PostfixEvaluatorTest {
    private final SparseMemory memory = new SparseMemory().put64(0x1000, 0x1122_3344_5566_7788L).put32(0x2000, 0xCAFE);
    private final PostfixEvaluator eval64 = new PostfixEvaluator(memory, 8);
    private final PostfixEvaluator eval32 = new PostfixEvaluator(memory, 4);

    @Test
    void arithmeticIsUnsignedInTheWordSize() {
        Map<String, Long> n = Map.of("$rsp", 0x1000L, ".cfa", 0x2008L);
        assertThat(eval64.evaluate("$rsp 8 +", n)).hasValue(0x1008);
        assertThat(eval64.evaluate(".cfa 8 -", n)).hasValue(0x2000);
        assertThat(eval64.evaluate(".cfa -16 +", n)).hasValue(0x1FF8);
        assertThat(eval64.evaluate("6 7 *", n)).hasValue(42);
        assertThat(eval64.evaluate("-1 2 /", n)).hasValue(0x7FFF_FFFF_FFFF_FFFFL); // unsigned division
        assertThat(eval64.evaluate("17 5 %", n)).hasValue(2);
        assertThat(eval64.evaluate("0x1237 16 @", n)).hasValue(0x1230); // align down
        assertThat(eval64.evaluate("$rsp", n)).hasValue(0x1000);
        assertThat(eval32.evaluate("0 8 -", n)).hasValue(0xFFFF_FFF8L);
        assertThat(eval32.evaluate("-8", n)).hasValue(0xFFFF_FFF8L);
        assertThat(eval32.evaluate("0xFFFFFFFF 1 +", n)).hasValue(0);
    }

    @Test
    void dereferenceReadsOneWord() {
        Map<String, Long> n = Map.of(".cfa", 0x1008L);
        assertThat(eval64.evaluate(".cfa 8 - ^", n)).hasValue(0x1122_3344_5566_7788L);
        assertThat(eval32.evaluate("4096 ^", n)).hasValue(0x5566_7788L);
        assertThat(eval32.evaluate("0x2000 ^", n)).hasValue(0xCAFE);
        assertThat(eval64.evaluate("0x3000 ^", n)).as("unreadable").isEmpty();
    }

    @Test
    void programsAssignTemporariesAndRegisters() {
        Map<String, Long> n = new HashMap<>(Map.of("$ebp", 0x1000L, "$esp", 0x0F00L));
        assertThat(eval32.run("$T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = $esp $T0 8 + =", n)).isTrue();
        // 32-bit words: [0x1004] is the high half of the 64-bit value at 0x1000, [0x1000] the low half.
        assertThat(n).containsEntry("$T0", 0x1000L).containsEntry("$eip", 0x1122_3344L)
                .containsEntry("$ebp", 0x5566_7788L).containsEntry("$esp", 0x1008L);
    }

    @Test
    void malformedInputFailsWithoutThrowing() {
        Map<String, Long> n = new HashMap<>(Map.of("$rsp", 0x1000L));
        assertThat(eval64.evaluate("$rsp 0 /", n)).isEmpty();
        assertThat(eval64.evaluate("$rsp 0 %", n)).isEmpty();
        assertThat(eval64.evaluate("$rsp 0 @", n)).isEmpty();
        assertThat(eval64.evaluate("$rbx 8 +", n)).as("unknown name").isEmpty();
        assertThat(eval64.evaluate("+", n)).as("underflow").isEmpty();
        assertThat(eval64.evaluate("^", n)).isEmpty();
        assertThat(eval64.evaluate("1 2", n)).as("two values left").isEmpty();
        assertThat(eval64.evaluate("", n)).isEmpty();
        assertThat(eval64.evaluate("$x 1 =", n)).as("no assignment in a rule").isEmpty();
        assertThat(eval64.run("1 2 =", n)).as("assign to a value").isFalse();
        assertThat(eval64.run(".cfa 2 =", n)).as("assign to a non-$ name").isFalse();
        assertThat(eval64.run("$T0 1 = 5", n)).as("a value left over").isFalse();
        assertThat(eval64.run("=", n)).isFalse();
        assertThat(eval64.evaluate("1 ".repeat(PostfixEvaluator.MAX_DEPTH + 1)
                + "+ ".repeat(PostfixEvaluator.MAX_DEPTH), n)).as("too deep").isEmpty();
        assertThat(eval64.evaluate("1 " + "1 + ".repeat(PostfixEvaluator.MAX_TOKENS), n)).as("too long").isEmpty();
        assertThat(eval64.evaluate("1 " + "1 + ".repeat(PostfixEvaluator.MAX_TOKENS / 2 - 1), n))
                .hasValue(PostfixEvaluator.MAX_TOKENS / 2);
        assertThat(PostfixEvaluator.constant("-")).isEmpty();
        assertThat(PostfixEvaluator.constant("0x")).isEmpty();
        assertThat(PostfixEvaluator.constant("12a")).isEmpty();
        assertThat(PostfixEvaluator.constant("99999999999999999999")).isEmpty();
    }
}
