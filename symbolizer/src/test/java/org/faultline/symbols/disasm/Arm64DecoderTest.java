package org.faultline.symbols.disasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faultline.symbols.disasm.Bytes.hex;

import java.util.Map;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.junit.jupiter.api.Test;

class Arm64DecoderTest {
    static final Arm64Decoder D = Arm64Decoder.INSTANCE;

    /** Little-endian bytes of a 32-bit instruction word. */
    static byte[] word(int w) {
        return new byte[] {(byte) w, (byte) (w >> 8), (byte) (w >> 16), (byte) (w >> 24)};
    }

    @Test
    void loadWithImmediateOffset() {
        Instruction in = D.decode(word(0xf9400420), 0x1000);
        assertThat(in.text()).isEqualTo("ldr x0, [x1, #8]");
        assertThat(in.memory()).containsExactly(new MemoryOperand(null, "x1", null, 1, 8, 8, Access.READ, null));
        assertThat(in.writes()).containsExactly("x0");
        CpuContext ctx = new CpuContext(Architecture.ARM64, 0, Map.of("x1", 0x2000L));
        assertThat(in.effectiveAddress(in.memory().get(0), ctx)).hasValue(0x2008L);
    }

    @Test
    void storesWriteAndPairsWriteBack() {
        Instruction str = D.decode(word(0xb9000020), 0);
        assertThat(str.text()).isEqualTo("str w0, [x1]");
        assertThat(str.memory().get(0).access()).isEqualTo(Access.WRITE);
        assertThat(str.memory().get(0).size()).isEqualTo(4);
        Instruction stp = D.decode(word(0xa9be7bfd), 0);
        assertThat(stp.text()).isEqualTo("stp x29, x30, [sp, #-32]!");
        assertThat(stp.memory().get(0).size()).isEqualTo(16);
        assertThat(stp.memory().get(0).displacement()).isEqualTo(-32);
        assertThat(stp.writes()).contains("sp");
    }

    @Test
    void registerOffsetWithExtend() {
        Instruction in = D.decode(word(0xb862d820), 0);
        assertThat(in.text()).isEqualTo("ldr w0, [x1, w2, sxtw #2]");
        MemoryOperand m = in.memory().get(0);
        assertThat(m.index()).isEqualTo("w2");
        assertThat(m.indexExtend()).isEqualTo("sxtw");
        assertThat(m.scale()).isEqualTo(4);
        CpuContext ctx = new CpuContext(Architecture.ARM64, 0, Map.of("x1", 0x1000L, "x2", 0xffffffffL));
        assertThat(in.effectiveAddress(m, ctx)).hasValue(0xffcL); // w2 = -1, sign-extended, times 4
    }

    @Test
    void literalLoadIsRelativeToThisInstruction() {
        Instruction in = D.decode(word(0x58000040), 0x1060);
        assertThat(in.text()).isEqualTo("ldr x0, 0x1068");
        assertThat(in.effectiveAddress(in.memory().get(0), new CpuContext(Architecture.ARM64, 0, Map.of())))
                .hasValue(0x1068L);
    }

    @Test
    void aliasesAsObjdumpPrefersThem() {
        assertThat(D.decode(word(0x910003e0), 0).text()).isEqualTo("mov x0, sp");
        assertThat(D.decode(word(0xaa0103e0), 0).text()).isEqualTo("mov x0, x1");
        assertThat(D.decode(word(0xd37df020), 0).text()).isEqualTo("lsl x0, x1, #3");
        assertThat(D.decode(word(0x1a9f07e0), 0).text()).isEqualTo("cset w0, ne");
        assertThat(D.decode(word(0xd2800200), 0).text()).isEqualTo("mov x0, #0x10");
        assertThat(D.decode(word(0xd65f03c0), 0).text()).isEqualTo("ret");
        assertThat(D.decode(word(0x94000000), 0x1000).text()).isEqualTo("bl 0x1000");
    }

    @Test
    void simdArithmeticIsUnsupportedAndShortBytesInvalid() {
        assertThat(D.decode(word(0x4e208400), 0).status()).isEqualTo(Status.UNSUPPORTED); // add v0.16b, ...
        Instruction cut = D.decode(new byte[] {1, 2}, 0);
        assertThat(cut.status()).isEqualTo(Status.INVALID);
        assertThat(cut.note()).isEqualTo("truncated");
    }
}
