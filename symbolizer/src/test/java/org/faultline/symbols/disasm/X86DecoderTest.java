package org.faultline.symbols.disasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faultline.symbols.disasm.Bytes.hex;

import java.util.Map;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.junit.jupiter.api.Test;

class X86DecoderTest {
    static final X86Decoder X64 = X86Decoder.MODE_64;
    static final X86Decoder X86 = X86Decoder.MODE_32;

    @Test
    void julyNineteenFaultingInstructionIsAFourByteReadThroughR8() {
        Instruction in = X64.decode(hex("45 8B 08"), 0xfffff806715114edL);
        assertThat(in.status()).isEqualTo(Status.DECODED);
        assertThat(in.length()).isEqualTo(3);
        assertThat(in.text()).isEqualTo("mov r9d,dword ptr [r8]");
        assertThat(in.line()).isEqualTo("fffff806715114ed: 45 8b 08  mov r9d,dword ptr [r8]");
        assertThat(in.memory()).containsExactly(new MemoryOperand(null, "r8", null, 1, 0, 4, Access.READ, null));
        assertThat(in.writes()).containsExactly("r9d");
        assertThat(in.reads()).containsExactly("r8");
        assertThat(in.writesRegister("r9")).isTrue();
    }

    @Test
    void indexedLoadOfR8() {
        Instruction in = X64.decode(hex("4E 8B 04 D8"), 0);
        assertThat(in.text()).isEqualTo("mov r8,qword ptr [rax+r11*8]");
        MemoryOperand m = in.memory().get(0);
        assertThat(m.base()).isEqualTo("rax");
        assertThat(m.index()).isEqualTo("r11");
        assertThat(m.scale()).isEqualTo(8);
        assertThat(m.size()).isEqualTo(8);
        assertThat(m.access()).isEqualTo(Access.READ);
        CpuContext ctx = new CpuContext(Architecture.AMD64, 0, Map.of("rax", 0x1000L, "r11", 3L));
        assertThat(in.effectiveAddress(m, ctx)).hasValue(0x1018L);
    }

    @Test
    void accessKinds() {
        assertThat(X64.decode(hex("89 03"), 0).memory().get(0).access()).isEqualTo(Access.WRITE);
        assertThat(X64.decode(hex("01 03"), 0).memory().get(0).access()).isEqualTo(Access.READ_WRITE);
        assertThat(X64.decode(hex("39 03"), 0).memory().get(0).access()).isEqualTo(Access.READ);
        assertThat(X64.decode(hex("48 8d 04 c8"), 0).memory().get(0).access()).isEqualTo(Access.NONE);
        Instruction movs = X64.decode(hex("f3 48 a5"), 0);
        assertThat(movs.text()).isEqualTo("rep movs qword ptr es:[rdi],qword ptr ds:[rsi]");
        assertThat(movs.memory()).extracting(MemoryOperand::access).containsExactly(Access.WRITE, Access.READ);
        assertThat(movs.writes()).contains("rdi", "rsi", "rcx");
        assertThat(X64.decode(hex("87 03"), 0).memory().get(0).access()).isEqualTo(Access.READ_WRITE);
        assertThat(X64.decode(hex("ff 10"), 0).memory().get(0).access()).isEqualTo(Access.READ);
    }

    @Test
    void ripRelativeUsesTheNextInstructionAndGetsObjdumpsComment() {
        Instruction in = X64.decode(hex("48 8b 05 10 00 00 00"), 0x1000);
        assertThat(in.text()).isEqualTo("mov rax,qword ptr [rip+0x10] # 0x1017");
        CpuContext ctx = new CpuContext(Architecture.AMD64, 0, Map.of());
        assertThat(in.effectiveAddress(in.memory().get(0), ctx)).hasValue(0x1017L);
    }

    @Test
    void fsAndGsHaveNoKnownBase() {
        Instruction in = X64.decode(hex("65 48 8b 04 25 30 00 00 00"), 0);
        assertThat(in.text()).isEqualTo("mov rax,qword ptr gs:0x30");
        assertThat(in.memory().get(0).segment()).isEqualTo("gs");
        assertThat(in.effectiveAddress(in.memory().get(0), new CpuContext(Architecture.AMD64, 0, Map.of()))).isEmpty();
    }

    @Test
    void thirtyTwoBitCodeAndContext() {
        Instruction in = X86.decode(hex("8b 44 8e fc"), 0x401000);
        assertThat(in.text()).isEqualTo("mov eax,dword ptr [esi+ecx*4-0x4]");
        CpuContext ctx = new CpuContext(Architecture.X86, 0, Map.of("esi", 0xfffffff0L, "ecx", 8L));
        assertThat(in.effectiveAddress(in.memory().get(0), ctx)).hasValue(0x0000000cL); // wraps at 32 bits
        assertThat(X86.decode(hex("c4 00"), 0).text()).isEqualTo("les eax,fword ptr [eax]");
        assertThat(X86.decode(hex("40"), 0).text()).isEqualTo("inc eax");
    }

    @Test
    void unsupportedAndInvalidAreSaidSo() {
        Instruction evex = X64.decode(hex("62 f1 7c 48 10 00"), 0);
        assertThat(evex.status()).isEqualTo(Status.UNSUPPORTED);
        assertThat(evex.length()).isEqualTo(6);
        assertThat(evex.text()).isEqualTo("(unsupported)");
        Instruction xop = X64.decode(hex("8f e9 78 01 c0"), 0);
        assertThat(xop.status()).isEqualTo(Status.UNSUPPORTED);
        assertThat(xop.length()).isEqualTo(5);
        assertThat(xop.note()).isEqualTo("AMD XOP");
        Instruction bad = X64.decode(hex("06"), 0);
        assertThat(bad.status()).isEqualTo(Status.INVALID);
        assertThat(bad.text()).isEqualTo("(bad)");
        Instruction cut = X64.decode(hex("48 8b"), 0);
        assertThat(cut.status()).isEqualTo(Status.INVALID);
        assertThat(cut.note()).isEqualTo("truncated");
    }

    @Test
    void x87AndSystemForms() {
        Instruction fld = X64.decode(hex("dd 44 24 08"), 0);
        assertThat(fld.text()).isEqualTo("fld qword ptr [rsp+0x8]");
        assertThat(fld.memory().get(0).access()).isEqualTo(Access.READ);
        assertThat(X64.decode(hex("dc e9"), 0).text()).isEqualTo("fsub st(1),st");
        assertThat(X64.decode(hex("f3 0f 1e fa"), 0).text()).isEqualTo("endbr64");
        assertThat(X64.decode(hex("0f 01 f8"), 0).text()).isEqualTo("swapgs");
        assertThat(X64.decode(hex("f0 48 0f c7 0f"), 0).text()).isEqualTo("lock cmpxchg16b oword ptr [rdi]");
    }

    @Test
    void avxForms() {
        assertThat(X64.decode(hex("c5 fe 6f 00"), 0).text()).isEqualTo("vmovdqu ymm0,ymmword ptr [rax]");
        assertThat(X64.decode(hex("c5 f1 ef c2"), 0).text()).isEqualTo("vpxor xmm0,xmm1,xmm2");
        assertThat(X64.decode(hex("c5 f8 77"), 0).text()).isEqualTo("vzeroupper");
        assertThat(X64.decode(hex("66 0f 6f 07"), 0).text()).isEqualTo("movdqa xmm0,xmmword ptr [rdi]");
    }

    @Test
    void neverThrowsOnAnyBytes() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        byte[] b = new byte[32];
        for (int i = 0; i < 20_000; i++) {
            r.nextBytes(b);
            for (X86Decoder d : new X86Decoder[] {X64, X86, X86Decoder.MODE_16}) {
                Instruction in = d.decode(b, 0, 1 + r.nextInt(31), 0);
                assertThat(in.length()).isBetween(1, 15);
            }
        }
    }
}
