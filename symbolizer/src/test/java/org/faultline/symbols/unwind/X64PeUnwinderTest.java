package org.faultline.symbols.unwind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faultline.symbols.unwind.TestImage.code;
import static org.faultline.symbols.unwind.TestImage.unwindInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.symbols.pe.PeFile;
import org.faultline.symbols.pe.UnwindInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The x64 unwinder on hand-built UNWIND_INFO, one operation at a time, in small images written by
 * {@link TestImage}: each test lays out the stack the prolog would have built and checks that unwinding from the
 * body, from inside the prolog and from inside an epilog gives back the caller's registers.
 */
class X64PeUnwinderTest {
    private static final long BASE = 0x7ff6_1230_0000L;
    private static final long E = 0x0000_00c0_5000_0000L; // rsp at the function's entry (holds the return address)
    private static final long RET = BASE + 0x2800; // the caller's return address
    private static final int PUSH = 0;
    private static final int ALLOC_LARGE = 1;
    private static final int ALLOC_SMALL = 2;
    private static final int SET_FPREG = 3;
    private static final int SAVE_NONVOL = 4;
    private static final int SAVE_NONVOL_FAR = 5;
    private static final int EPILOG = 6;
    private static final int SAVE_XMM128 = 8;
    private static final int SAVE_XMM128_FAR = 9;
    private static final int PUSH_MACHFRAME = 10;
    private static final int RBX = 3;
    private static final int RBP = 5;
    private static final int RSI = 6;
    private static final int RDI = 7;

    static CpuContext regs(Object... nameValue) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (Long) nameValue[i + 1]);
        }
        return new CpuContext(Architecture.AMD64, 0, m);
    }

    private static X64PeUnwinder unwinder(TestImage image) throws Exception {
        PeFile pe = image.build();
        return X64PeUnwinder.of(pe, BASE).orElseThrow();
    }

    /** push rbx; push rsi; push rdi; sub rsp, 28h — then a body. */
    private static X64PeUnwinder pushesAndAlloc() throws Exception {
        TestImage img = TestImage.x64();
        int info = img.xdata(unwindInfo(1, 0, 7, 0, 0, new int[] {
            code(7, ALLOC_SMALL, 4), code(3, PUSH, RDI), code(2, PUSH, RSI), code(1, PUSH, RBX)}));
        img.function(0x1000, 0x1100, info);
        img.code(0x1000, (byte) 0x53, (byte) 0x56, (byte) 0x57, (byte) 0x48, (byte) 0x83, (byte) 0xEC, (byte) 0x28,
                (byte) 0x48, (byte) 0x8B, (byte) 0xC1);
        return unwinder(img);
    }

    private static SparseMemory pushedStack() {
        return new SparseMemory().put64(E, RET).put64(E - 8, 0xB0B0).put64(E - 16, 0x5151).put64(E - 24, 0xD1D1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 7, 0x20})
    void pushesAndSmallAllocationFromEveryPrologPointAndTheBody(int offset) throws Exception {
        X64PeUnwinder u = pushesAndAlloc();
        long rsp = E - 8L * Math.min(offset, 3) - (offset >= 7 ? 0x28 : 0);
        CpuContext callee = regs("rbx", 0x1L, "rsi", 0x2L, "rdi", 0x3L, "rsp", rsp, "rip", BASE + 0x1000 + offset);
        CpuContext caller = u.unwind(BASE + 0x1000 + offset, true, callee, pushedStack()).orElseThrow();
        assertThat(caller.instructionPointer()).isEqualTo(RET);
        assertThat(caller.stackPointer()).isEqualTo(E + 8);
        assertThat(caller.get("rbx")).hasValue(offset >= 1 ? 0xB0B0 : 0x1);
        assertThat(caller.get("rsi")).hasValue(offset >= 2 ? 0x5151 : 0x2);
        assertThat(caller.get("rdi")).hasValue(offset >= 3 ? 0xD1D1 : 0x3);
    }

    @Test
    void aReturnAddressIsLookedUpOneByteBackAndVolatilesAreDropped() throws Exception {
        X64PeUnwinder u = pushesAndAlloc();
        // A call that ends the function: its return address is the next function's first byte (0x1100).
        CpuContext callee = regs("rax", 7L, "rcx", 8L, "rbx", 0x1L, "rsp", E - 24 - 0x28, "rip", BASE + 0x1100);
        StackFrame frame = new StackFrame(3, BASE + 0x1100, E - 24 - 0x28, -1, FrameTrust.CFI, callee);
        CpuContext caller = u.unwind(frame, callee, pushedStack()).orElseThrow();
        assertThat(caller.instructionPointer()).isEqualTo(RET);
        assertThat(caller.stackPointer()).isEqualTo(E + 8);
        assertThat(caller.registers()).doesNotContainKeys("rax", "rcx").containsEntry("rbx", 0xB0B0L);
    }

    @Test
    void allocLargeInBothForms() throws Exception {
        TestImage img = TestImage.x64();
        int small = img.xdata(unwindInfo(1, 0, 8, 0, 0, new int[] {code(8, ALLOC_LARGE, 0), 0x200}));
        int big = img.xdata(unwindInfo(1, 0, 8, 0, 0, new int[] {code(8, ALLOC_LARGE, 1), 0x3458, 0x0012}));
        img.function(0x1000, 0x1040, small).function(0x1040, 0x1080, big);
        X64PeUnwinder u = unwinder(img);
        SparseMemory mem = new SparseMemory().put64(E, RET);
        CpuContext a = u.unwind(BASE + 0x1020, true, regs("rsp", E - 0x1000, "rip", 0L), mem).orElseThrow();
        assertThat(a.stackPointer()).isEqualTo(E + 8);
        CpuContext b = u.unwind(BASE + 0x1060, true, regs("rsp", E - 0x123458, "rip", 0L), mem).orElseThrow();
        assertThat(b.stackPointer()).isEqualTo(E + 8);
        assertThat(b.instructionPointer()).isEqualTo(RET);
    }

    @Test
    void setFpregRecoversRspAfterAnAlloca() throws Exception {
        // push rbp (1); sub rsp, 40h (5); lea rbp, [rsp+20h] (10): frame register rbp, FrameOffset 2.
        TestImage img = TestImage.x64();
        int info = img.xdata(unwindInfo(1, 0, 10, RBP, 2, new int[] {
            code(10, SET_FPREG, 0), code(5, ALLOC_SMALL, 7), code(1, PUSH, RBP)}));
        img.function(0x1000, 0x1100, info);
        X64PeUnwinder u = unwinder(img);
        long afterAlloc = E - 8 - 0x40;
        long rbp = afterAlloc + 0x20;
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E - 8, 0xCA11E5BFL);
        CpuContext body = regs("rbp", rbp, "rsp", afterAlloc - 0x300, "rip", 0L);
        CpuContext caller = u.unwind(BASE + 0x1050, true, body, mem).orElseThrow();
        assertThat(caller.stackPointer()).isEqualTo(E + 8);
        assertThat(caller.get("rbp")).hasValue(0xCA11E5BFL);
        assertThat(caller.instructionPointer()).isEqualTo(RET);
        // Before the lea ran, rbp still is the caller's and rsp the allocation's.
        CpuContext early = u.unwind(BASE + 0x1005, true, regs("rbp", 0x77L, "rsp", afterAlloc, "rip", 0L), mem)
                .orElseThrow();
        assertThat(early.stackPointer()).isEqualTo(E + 8);
        assertThat(early.get("rbp")).hasValue(0xCA11E5BFL);
    }

    @Test
    void saveNonvolReadsRelativeToTheFrameBaseInBothForms() throws Exception {
        TestImage img = TestImage.x64();
        // sub rsp, 28h (4); mov [rsp+30h], rbx (9); mov [rsp+38h], rsi (14): homes above the return address.
        int info = img.xdata(unwindInfo(1, 0, 14, 0, 0, new int[] {
            code(14, SAVE_NONVOL_FAR, RSI), 0x38, 0, code(9, SAVE_NONVOL, RBX), 0x30 / 8, code(4, ALLOC_SMALL, 4)}));
        img.function(0x1000, 0x1100, info);
        X64PeUnwinder u = unwinder(img);
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E + 8, 0xB0B0).put64(E + 16, 0x5151);
        CpuContext body = u.unwind(BASE + 0x1040, true, regs("rbx", 1L, "rsi", 2L, "rsp", E - 0x28, "rip", 0L), mem)
                .orElseThrow();
        assertThat(body.get("rbx")).hasValue(0xB0B0);
        assertThat(body.get("rsi")).hasValue(0x5151);
        assertThat(body.stackPointer()).isEqualTo(E + 8);
        // At offset 9 the rsi save has not run: rsi keeps its value.
        CpuContext mid = u.unwind(BASE + 0x1009, true, regs("rbx", 1L, "rsi", 2L, "rsp", E - 0x28, "rip", 0L), mem)
                .orElseThrow();
        assertThat(mid.get("rbx")).hasValue(0xB0B0);
        assertThat(mid.get("rsi")).hasValue(2);
    }

    @Test
    void saveNonvolWithAFrameRegisterIsRelativeToItNotToRsp() throws Exception {
        TestImage img = TestImage.x64();
        // push rbp (1); sub rsp, 30h (5); lea rbp, [rsp+10h] (10); mov [rsp+8], rbx (15); then alloca in the body.
        int info = img.xdata(unwindInfo(1, 0, 15, RBP, 1, new int[] {
            code(15, SAVE_NONVOL, RBX), 1, code(10, SET_FPREG, 0), code(5, ALLOC_SMALL, 5), code(1, PUSH, RBP)}));
        img.function(0x1000, 0x1100, info);
        X64PeUnwinder u = unwinder(img);
        long fixed = E - 8 - 0x30;
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E - 8, 0x0BB9).put64(fixed + 8, 0xB0B0);
        CpuContext caller = u.unwind(BASE + 0x1080, true,
                regs("rbx", 1L, "rbp", fixed + 0x10, "rsp", fixed - 0x1000, "rip", 0L), mem).orElseThrow();
        assertThat(caller.get("rbx")).hasValue(0xB0B0);
        assertThat(caller.get("rbp")).hasValue(0x0BB9);
        assertThat(caller.stackPointer()).isEqualTo(E + 8);
    }

    @Test
    void xmmSavesTakeTheirSlotsAndChangeNothingElse() throws Exception {
        TestImage img = TestImage.x64();
        int info = img.xdata(unwindInfo(1, 0, 20, 0, 0, new int[] {
            code(20, SAVE_XMM128_FAR, 7), 0x40, 0, code(14, SAVE_XMM128, 6), 2, code(8, ALLOC_SMALL, 7),
            code(1, PUSH, RBX)}));
        img.function(0x1000, 0x1100, info);
        X64PeUnwinder u = unwinder(img);
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E - 8, 0xB0B0);
        CpuContext caller = u.unwind(BASE + 0x1050, true, regs("rbx", 1L, "rsp", E - 8 - 0x40, "rip", 0L), mem)
                .orElseThrow();
        assertThat(caller.stackPointer()).isEqualTo(E + 8);
        assertThat(caller.get("rbx")).hasValue(0xB0B0);
        assertThat(caller.registers()).doesNotContainKey("xmm6");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void machineFrameTakesRipAndRspFromTheFrameAndPopsNothing(int errorCode) throws Exception {
        TestImage img = TestImage.x64();
        // An interrupt handler: the CPU pushed [error code,] RIP, CS, EFLAGS, RSP, SS; the handler did sub rsp, 10h.
        int info = img.xdata(unwindInfo(1, 0, 4, 0, 0, new int[] {code(4, ALLOC_SMALL, 1), code(0, PUSH_MACHFRAME,
                errorCode)}));
        img.function(0x1000, 0x1100, info);
        X64PeUnwinder u = unwinder(img);
        long frame = E + 0x10 + 8L * errorCode;
        SparseMemory mem = new SparseMemory().put64(frame, BASE + 0x2468).put64(frame + 8, 0x10).put64(frame + 16, 0x246)
                .put64(frame + 24, 0x1234_5670L).put64(frame + 32, 0x18);
        CpuContext caller = u.unwind(BASE + 0x1050, true, regs("rsp", E, "rip", 0L), mem).orElseThrow();
        assertThat(caller.instructionPointer()).isEqualTo(BASE + 0x2468);
        assertThat(caller.stackPointer()).isEqualTo(0x1234_5670L);
    }

    @Test
    void version2EpilogCodesAreSkipped() throws Exception {
        TestImage img = TestImage.x64();
        // amdppm's shape: EPILOG (size 1, at the end) and a second slot, then ALLOC_SMALL 48h at offset 4.
        int info = img.xdata(unwindInfo(2, 0, 4, 0, 0, new int[] {code(1, EPILOG, 0), 0x0602, code(4, ALLOC_SMALL, 8)}));
        img.function(0x1000, 0x1100, info);
        X64PeUnwinder u = unwinder(img);
        CpuContext caller = u.unwind(BASE + 0x1050, true, regs("rsp", E - 0x48, "rip", 0L),
                new SparseMemory().put64(E, RET)).orElseThrow();
        assertThat(caller.stackPointer()).isEqualTo(E + 8);
        assertThat(caller.instructionPointer()).isEqualTo(RET);
    }

    @Test
    void chainedInfoAppliesThePrimaryInFullAfterTheFragment() throws Exception {
        TestImage img = TestImage.x64();
        // Primary 0x1000: push rbx (1); sub rsp, 20h (5). Fragment 0x1100 (shrink-wrapped): saves rsi at [rsp+38h].
        int primary = img.xdata(unwindInfo(1, 0, 5, 0, 0, new int[] {code(5, ALLOC_SMALL, 3), code(1, PUSH, RBX)}));
        int fragment = img.xdata(unwindInfo(1, 4, 0, 0, 0, new int[] {code(0, SAVE_NONVOL, RSI), 0x38 / 8},
                0x1000, 0x1080, primary));
        img.function(0x1000, 0x1080, primary).function(0x1100, 0x1140, fragment);
        X64PeUnwinder u = unwinder(img);
        long body = E - 8 - 0x20;
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E - 8, 0xB0B0).put64(body + 0x38, 0x5151);
        CpuContext caller = u.unwind(BASE + 0x1110, true, regs("rbx", 1L, "rsi", 2L, "rsp", body, "rip", 0L), mem)
                .orElseThrow();
        assertThat(caller.stackPointer()).isEqualTo(E + 8);
        assertThat(caller.get("rbx")).hasValue(0xB0B0);
        assertThat(caller.get("rsi")).hasValue(0x5151);
        assertThat(caller.instructionPointer()).isEqualTo(RET);
    }

    @Test
    void aLeafWithoutRuntimeFunctionReturnsThroughRsp() throws Exception {
        X64PeUnwinder u = pushesAndAlloc();
        CpuContext caller = u.unwind(BASE + 0x1800, true, regs("rbx", 1L, "rsp", E, "rip", 0L),
                new SparseMemory().put64(E, RET)).orElseThrow();
        assertThat(caller.instructionPointer()).isEqualTo(RET);
        assertThat(caller.stackPointer()).isEqualTo(E + 8);
        assertThat(caller.get("rbx")).hasValue(1);
        assertThat(u.unwind(BASE + 0x1800, true, regs("rsp", E, "rip", 0L), new SparseMemory())).isEmpty();
        assertThat(u.unwind(BASE + TestImage.SIZE + 5, true, regs("rsp", E, "rip", 0L), new SparseMemory().put64(E,
                RET))).as("outside the image").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Epilogs

    /** push rbx; sub rsp, 20h; … epilog at 0x1080: add rsp, 20h; pop rbx; ret. */
    private static TestImage addPopRet() {
        TestImage img = TestImage.x64();
        int info = img.xdata(unwindInfo(1, 0, 5, 0, 0, new int[] {code(5, ALLOC_SMALL, 3), code(1, PUSH, RBX)}));
        img.function(0x1000, 0x1100, info);
        img.code(0x1080, (byte) 0x48, (byte) 0x83, (byte) 0xC4, (byte) 0x20, (byte) 0x5B, (byte) 0xC3);
        return img;
    }

    @Test
    void insideAnEpilogTheRestIsEmulated() throws Exception {
        X64PeUnwinder u = unwinder(addPopRet());
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E - 8, 0xB0B0);
        long body = E - 8 - 0x20;
        // at add rsp: same as the codes; at pop rbx: rsp is past the allocation; at ret: rbx is already the caller's.
        CpuContext atAdd = u.unwind(BASE + 0x1080, true, regs("rbx", 1L, "rsp", body, "rip", 0L), mem).orElseThrow();
        CpuContext atPop = u.unwind(BASE + 0x1084, true, regs("rbx", 1L, "rsp", E - 8, "rip", 0L), mem).orElseThrow();
        CpuContext atRet = u.unwind(BASE + 0x1085, true, regs("rbx", 0xB0B0L, "rsp", E, "rip", 0L), mem).orElseThrow();
        for (CpuContext c : List.of(atAdd, atPop, atRet)) {
            assertThat(c.stackPointer()).isEqualTo(E + 8);
            assertThat(c.instructionPointer()).isEqualTo(RET);
            assertThat(c.get("rbx")).hasValue(0xB0B0);
        }
        // Without the epilog check, the codes at the pop would have added 20h and popped again: wrong.
        X64PeUnwinder.Regs r = X64PeUnwinder.Regs.of(regs("rbx", 1L, "rsp", E - 8, "rip", 0L));
        mem.put64(E + 0x18, 0xBAD).put64(E + 0x20, 0xBAD);
        X64PeUnwinder.apply(List.of(info(addPopRet(), 0x1000)), 0x84, r, mem);
        assertThat(r.get(X64PeUnwinder.RSP)).isNotEqualTo(E + 8);
    }

    private static UnwindInfo info(TestImage img, int function) throws Exception {
        PeFile pe = img.build();
        return pe.x64ExceptionTable().orElseThrow().unwindInfo(pe.x64ExceptionTable().orElseThrow().functionAt(function)
                .orElseThrow());
    }

    @Test
    void aReturnAddressAtAnEpilogIsNotTreatedAsInsideIt() throws Exception {
        X64PeUnwinder u = unwinder(addPopRet());
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E - 8, 0xB0B0);
        // A call returning to 0x1080: the frame is in the body; the codes unwind it (same result here).
        StackFrame frame = new StackFrame(2, BASE + 0x1080, E - 0x28, -1, FrameTrust.CFI, null);
        CpuContext c = u.unwind(frame, regs("rsp", E - 0x28, "rip", BASE + 0x1080), mem).orElseThrow();
        assertThat(c.stackPointer()).isEqualTo(E + 8);
    }

    @Test
    void dumpCodeBytesWinOverTheImage() throws Exception {
        X64PeUnwinder u = unwinder(addPopRet());
        // The dump holds other bytes at 0x1084 (no epilog there): the codes unwind, reading past the frame.
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E - 8, 0xB0B0)
                .put(BASE + 0x1084, new byte[X64PeUnwinder.MAX_EPILOG_BYTES]);
        mem.put64(E + 0x18, 0xB1).put64(E + 0x20, 0xB2);
        CpuContext c = u.unwind(BASE + 0x1084, true, regs("rsp", E - 8, "rip", 0L), mem).orElseThrow();
        assertThat(c.stackPointer()).isEqualTo(E + 0x28);
    }

    @Test
    void leaRspFromTheFrameRegisterThenPops() throws Exception {
        X64PeUnwinder u = framePointerFunction();
        long afterAlloc = E - 8 - 0x40;
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E - 8, 0xCA11E5BFL);
        CpuContext c = u.unwind(BASE + 0x10f0, true, regs("rbp", afterAlloc + 0x20, "rsp", afterAlloc - 0x500,
                "rip", 0L), mem).orElseThrow();
        assertThat(c.stackPointer()).isEqualTo(E + 8);
        assertThat(c.get("rbp")).hasValue(0xCA11E5BFL);
        assertThat(c.instructionPointer()).isEqualTo(RET);
    }

    private static X64PeUnwinder framePointerFunction() throws Exception {
        TestImage img = TestImage.x64();
        int info = img.xdata(unwindInfo(1, 0, 10, RBP, 2, new int[] {
            code(10, SET_FPREG, 0), code(5, ALLOC_SMALL, 7), code(1, PUSH, RBP)}));
        img.function(0x1000, 0x1100, info);
        img.code(0x10f0, (byte) 0x48, (byte) 0x8D, (byte) 0x65, (byte) 0x20, (byte) 0x5D, (byte) 0xC3);
        return unwinder(img);
    }

    @Test
    void tailJumpsOutOfTheFunctionEndEpilogsButJumpsWithinDoNot() throws Exception {
        TestImage img = TestImage.x64();
        int info = img.xdata(unwindInfo(1, 0, 6, 0, 0, new int[] {code(6, ALLOC_SMALL, 4), code(2, PUSH, 12)}));
        img.function(0x1000, 0x1100, info);
        // 0x1040: add rsp, 28h; pop r12; jmp rel32 → 0x2000 (outside)
        img.code(0x1040, (byte) 0x48, (byte) 0x83, (byte) 0xC4, (byte) 0x28, (byte) 0x41, (byte) 0x5C, (byte) 0xE9,
                (byte) 0xB5, (byte) 0x0F, (byte) 0, (byte) 0);
        // 0x1060: add rsp, 28h; pop r12; jmp rel8 → 0x1068 (inside): not an epilog
        img.code(0x1060, (byte) 0x48, (byte) 0x83, (byte) 0xC4, (byte) 0x28, (byte) 0x41, (byte) 0x5C, (byte) 0xEB,
                (byte) 0x00);
        // 0x1070: pop r12; jmp qword [rip+disp32] (48 FF 25): a tail call through the import table
        img.code(0x1070, (byte) 0x41, (byte) 0x5C, (byte) 0x48, (byte) 0xFF, (byte) 0x25, (byte) 1, (byte) 2,
                (byte) 3, (byte) 4);
        X64PeUnwinder u = unwinder(img);
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E - 8, 0x1212);
        long body = E - 8 - 0x28;
        CpuContext out = u.unwind(BASE + 0x1040, true, regs("r12", 1L, "rsp", body, "rip", 0L), mem).orElseThrow();
        assertThat(out.stackPointer()).isEqualTo(E + 8);
        assertThat(out.get("r12")).hasValue(0x1212);
        // At 0x1064 (the pop) inside a non-epilog, the codes apply to an rsp already past the allocation.
        mem.put64(E + 0x28 - 8, 0x99).put64(E + 0x28, 0x98);
        CpuContext inside = u.unwind(BASE + 0x1064, true, regs("r12", 1L, "rsp", E - 8, "rip", 0L), mem).orElseThrow();
        assertThat(inside.stackPointer()).isNotEqualTo(E + 8);
        CpuContext viaImport = u.unwind(BASE + 0x1070, true, regs("r12", 1L, "rsp", E - 8, "rip", 0L), mem)
                .orElseThrow();
        assertThat(viaImport.stackPointer()).isEqualTo(E + 8);
        assertThat(viaImport.get("r12")).hasValue(0x1212);
    }

    @Test
    void bodyCodeThatLooksLikeAnEpilogStartButIsNotOneUsesTheCodes() throws Exception {
        TestImage img = addPopRet();
        // 0x1090: add rsp, 20h; mov eax, 1; ret
        img.code(0x1090, (byte) 0x48, (byte) 0x83, (byte) 0xC4, (byte) 0x20, (byte) 0xB8, (byte) 1, (byte) 0, (byte) 0,
                (byte) 0, (byte) 0xC3);
        X64PeUnwinder u = unwinder(img);
        SparseMemory mem = new SparseMemory().put64(E, RET).put64(E - 8, 0xB0B0);
        CpuContext c = u.unwind(BASE + 0x1090, true, regs("rsp", E - 0x28, "rip", 0L), mem).orElseThrow();
        assertThat(c.stackPointer()).isEqualTo(E + 8);
        assertThat(c.get("rbx")).hasValue(0xB0B0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Hostile data

    @Test
    void aChainThatLoopsFailsQuickly() throws Exception {
        TestImage img = TestImage.x64();
        // A → B → A: both CHAININFO, each pointing at the other's RUNTIME_FUNCTION.
        int a = img.xdata(unwindInfo(1, 4, 0, 0, 0, new int[] {code(0, ALLOC_SMALL, 0)}, 0x1100, 0x1180,
                TestImage.XDATA + 20));
        int b = img.xdata(unwindInfo(1, 4, 0, 0, 0, new int[] {code(0, ALLOC_SMALL, 0)}, 0x1000, 0x1080, a));
        assertThat(b).isEqualTo(TestImage.XDATA + 20);
        img.function(0x1000, 0x1080, a).function(0x1100, 0x1180, b);
        X64PeUnwinder u = unwinder(img);
        SparseMemory mem = new SparseMemory().fill(E - 0x1000, 0x400, 0x1000);
        assertThat(u.unwind(BASE + 0x1010, true, regs("rsp", E, "rip", 0L), mem)).isEmpty();
        assertThat(mem.reads).isZero();
    }

    @Test
    void anAllocationThatWrapsTheAddressSpaceFails() throws Exception {
        TestImage img = TestImage.x64();
        int info = img.xdata(unwindInfo(1, 0, 8, 0, 0, new int[] {code(8, ALLOC_LARGE, 1), 0xFFF0, 0xFFFF}));
        img.function(0x1000, 0x1100, info);
        X64PeUnwinder u = unwinder(img);
        long top = 0xFFFF_FFFF_FFFF_0000L;
        SparseMemory mem = new SparseMemory().fill(top, 0x100, 0x1000).put64(top + 0xFFFF_FFF0L, RET);
        assertThat(u.unwind(BASE + 0x1050, true, regs("rsp", top, "rip", 0L), mem)).isEmpty();
    }

    @Test
    void unreadableStackDamagedInfoAndForeignArchitecturesGiveNothing() throws Exception {
        TestImage img = TestImage.x64();
        int good = img.xdata(unwindInfo(1, 0, 1, 0, 0, new int[] {code(1, PUSH, RBX)}));
        int undefinedOp = img.xdata(unwindInfo(1, 0, 1, 0, 0, new int[] {code(1, 11, 0)}));
        img.function(0x1000, 0x1080, good).function(0x1100, 0x1180, undefinedOp)
                .function(0x1200, 0x1280, 0x5000); // UNWIND_INFO beyond the image
        X64PeUnwinder u = unwinder(img);
        assertThat(u.unwind(BASE + 0x1040, true, regs("rsp", E, "rip", 0L), new SparseMemory())).isEmpty();
        SparseMemory mem = new SparseMemory().fill(E - 0x100, 0x40, 0x1000);
        assertThat(u.unwind(BASE + 0x1140, true, regs("rsp", E, "rip", 0L), mem)).isEmpty();
        assertThat(u.unwind(BASE + 0x1240, true, regs("rsp", E, "rip", 0L), mem)).isEmpty();
        assertThat(u.unwind(BASE + 0x1040, true, regs("rip", 0L), mem)).as("no rsp").isEmpty();
        CpuContext x86 = new CpuContext(Architecture.X86, 0, Map.of("esp", E, "eip", 0L));
        assertThat(u.unwind(BASE + 0x1040, true, x86, mem)).isEmpty();
    }

    @Test
    void aWalkOverAStackOfSelfReferencingFramesIsBounded() throws Exception {
        // Every frame's return address points back into the same function and the stack repeats: the walker's
        // rule that rsp must grow, and its frame limit, end it.
        X64PeUnwinder u = pushesAndAlloc();
        SparseMemory mem = new SparseMemory();
        for (long sp = E; sp < E + 0x48L * (StackWalker.MAX_FRAMES + 8); sp += 0x48) {
            mem.fill(sp, 8, 0x1000).put64(sp + 0x40, BASE + 0x1050);
        }
        org.faultline.dump.ModuleInfo m = new org.faultline.dump.ModuleInfo("test.dll", BASE, TestImage.SIZE, 0, 0,
                null, null, null, null);
        org.faultline.symbols.ModuleMap map = new org.faultline.symbols.ModuleMap(List.of(m), List.of());
        List<StackFrame> frames = new StackWalker(mem, map, Architecture.AMD64, u)
                .walk(regs("rsp", E, "rip", BASE + 0x1050), 0);
        assertThat(frames).hasSize(StackWalker.MAX_FRAMES);
        assertThat(frames.subList(1, frames.size())).extracting(StackFrame::trust).containsOnly(FrameTrust.CFI);
    }

    @Test
    void theInterpreterAcceptsUnwindInfoParsedFromBytes() throws Exception {
        byte[] bytes = unwindInfo(1, 0, 7, 0, 0, new int[] {code(7, ALLOC_SMALL, 4), code(3, PUSH, RDI),
            code(2, PUSH, RSI), code(1, PUSH, RBX)});
        UnwindInfo info = UnwindInfo.read(new ArrayByteSource(bytes).cursor("UNWIND_INFO", 0, bytes.length), 0);
        X64PeUnwinder.Regs r = X64PeUnwinder.Regs.of(regs("rsp", E - 24 - 0x28, "rip", 0L));
        MemoryReader stack = pushedStack();
        assertThat(X64PeUnwinder.apply(List.of(info), 0x40, r, stack)).isTrue();
        assertThat(r.toContext().stackPointer()).isEqualTo(E + 8);
        assertThat(r.toContext().get("rdi")).hasValue(0xD1D1);
        assertThat(r.rip).isEqualTo(RET);
    }
}
