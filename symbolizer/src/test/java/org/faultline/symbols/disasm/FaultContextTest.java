package org.faultline.symbols.disasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faultline.symbols.disasm.Bytes.hex;

import java.util.Map;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.junit.jupiter.api.Test;

class FaultContextTest {
    /** csagent+0xe14ed on 2024-07-19, as public analyses show it. */
    static final long FAULT = 0xfffff806715114edL;

    /**
     * The code before and after the fault: r8 comes from a table indexed by r11, is tested, and is read
     * through at the fault. The bytes before the window start are chosen to look like other code (a
     * {@code ret} and {@code int3} padding) so that the backwards decode has to pick a start.
     */
    static final byte[] CODE = hex(
            "c3 cc cc cc cc cc cc cc cc cc cc cc"     // ret; int3 padding
            + "48 89 5c 24 08"                        // mov qword ptr [rsp+0x8],rbx
            + "4c 8b d9"                              // mov r11,rcx
            + "48 8b 05 00 10 00 00"                  // mov rax,qword ptr [rip+0x1000]
            + "4e 8b 04 d8"                           // mov r8,qword ptr [rax+r11*8]
            + "4d 85 c0"                              // test r8,r8
            + "0f 84 10 00 00 00"                     // je
            + "45 8b 08"                              // mov r9d,dword ptr [r8]   <- fault
            + "41 83 f9 0f"                           // cmp r9d,0xf
            + "77 05"                                 // ja
            + "c3");
    static final long START = FAULT - 12 - 5 - 3 - 7 - 4 - 3 - 6;

    @Test
    void julyNineteenContextNamesWhereR8CameFrom() {
        FaultContext fc = FaultContext.at(Bytes.memory(START, CODE), Architecture.AMD64, FAULT, 5, 2).orElseThrow();
        assertThat(fc.faulting().text()).isEqualTo("mov r9d,dword ptr [r8]");
        assertThat(fc.faulting().memory().get(0).access()).isEqualTo(Access.READ);
        assertThat(fc.before()).extracting(Instruction::text).containsExactly(
                "mov r11,rcx", "mov rax,qword ptr [rip+0x1000] # 0xfffff806715124e0",
                "mov r8,qword ptr [rax+r11*8]", "test r8,r8", "je 0xfffff806715114fd");
        assertThat(fc.after()).extracting(Instruction::text).containsExactly("cmp r9d,0xf", "ja 0xfffff806715114fb");
        FaultContext.RegisterOrigin r8 = fc.originOf("r8").orElseThrow();
        assertThat(r8.description()).isEqualTo("r8 was loaded from [rax+r11*8]");
        assertThat(r8.writer().address()).isEqualTo(FAULT - 13);

        CpuContext ctx = new CpuContext(Architecture.AMD64, 0, Map.of("r8", 0xffff9c8e0000008aL, "rip", FAULT));
        assertThat(fc.effectiveAddresses(ctx)).containsExactly(java.util.OptionalLong.of(0xffff9c8e0000008aL));
    }

    @Test
    void originsForIndexRegistersToo() {
        byte[] code = hex("4c 8b d9" + "48 8b 05 00 10 00 00" + "4e 8b 04 d8");
        long fault = 0x1000 + 10;
        FaultContext fc = FaultContext.at(Bytes.memory(0x1000, code), Architecture.AMD64, fault, 4, 0).orElseThrow();
        assertThat(fc.originOf("r11").orElseThrow().description()).isEqualTo("r11 was copied from rcx");
        assertThat(fc.originOf("rax").orElseThrow().description()).isEqualTo("rax was loaded from [rip+0x1000]");
    }

    @Test
    void arm64ContextStepsBackFourBytesAtATime() {
        // ldr x8, [x0, #16]; add x8, x8, #0x8; ldr w9, [x8]  <- fault
        byte[] code = new byte[12];
        int[] words = {0xf9400808, 0x91002108, 0xb9400109};
        for (int i = 0; i < 3; i++) {
            System.arraycopy(Arm64DecoderTest.word(words[i]), 0, code, i * 4, 4);
        }
        FaultContext fc = FaultContext.at(Bytes.memory(0x4000, code), Architecture.ARM64, 0x4008, 4, 2).orElseThrow();
        assertThat(fc.faulting().text()).isEqualTo("ldr w9, [x8]");
        assertThat(fc.before()).hasSize(2);
        assertThat(fc.after()).isEmpty();
        assertThat(fc.originOf("x8").orElseThrow().description())
                .isEqualTo("x8 was last written by `add x8, x8, #0x8` at 0x4004");
    }

    @Test
    void noBytesNoContext() {
        assertThat(FaultContext.at(Bytes.memory(0x1000, new byte[4]), Architecture.AMD64, 0x2000, 3, 3)).isEmpty();
        assertThat(FaultContext.at(Bytes.memory(0x1000, new byte[4]), Architecture.ARM, 0x1000, 3, 3)).isEmpty();
    }
}
