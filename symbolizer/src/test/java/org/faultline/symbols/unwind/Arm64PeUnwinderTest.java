package org.faultline.symbols.unwind;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.ModuleInfo;
import org.faultline.symbols.ModuleMap;
import org.faultline.symbols.pe.Arm64PackedUnwind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ARM64 unwinder on hand-built data for what the fixtures do not exercise: packed words with RegF, H and
 * large frames; .xdata with save_next, FP saves, alloc_l, add_fp, end_c, a packed (E) epilog; leaves; pointer
 * authentication; unsupported codes and hostile values. Each stack below is laid out the way the documented
 * prolog would leave it.
 */
class Arm64PeUnwinderTest {
    private static final long BASE = 0x7ff6_8000_0000L;
    private static final long SP0 = 0x0000_0050_0030_0000L; // sp at the function's entry
    private static final long RET = 0x0000_7ff6_9999_0010L;

    static CpuContext regs(Object... nameValue) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (Long) nameValue[i + 1]);
        }
        return new CpuContext(Architecture.ARM64, 0, m);
    }

    private static long packed(int flag, int lengthBytes, int regF, int regI, boolean h, int cr, int frameSize) {
        return flag | (long) (lengthBytes / 4) << 2 | (long) regF << 13 | (long) regI << 16 | (h ? 1L : 0) << 20
                | (long) cr << 21 | (long) (frameSize / 16) << 23;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void packedExpansionsOfTheDocumentedSteps() {
        // RegI 3, RegF 2 (d8-d10), H, CR 1, frame 160: savsz = (32 + 24 + 64 + 15) & ~15 = 128, locsz 32.
        // Prolog: stp x19,x20,[sp,#-128]!; stp x21,lr,[sp,#16]; stp d8,d9,[sp,#32]; str d10,[sp,#48];
        // 4 × stp x(2k),x(2k+1) (homing); sub sp,sp,#32. Unwind order: the reverse.
        assertThat(hex(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x100, 2, 3, true, 1, 160)))))
                .isEqualTo("02" + "e3e3e3e3" + "dc86" + "d804" + "d642" + "cc0f" + "e4");
        // RegI 0, CR 0, RegF 1 (d8, d9): the FP pair pre-decrements: stp d8,d9,[sp,#-16]!; sub sp,sp,#48.
        assertThat(hex(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x100, 1, 0, false, 0, 64)))))
                .isEqualTo("03" + "da01" + "e4");
        // H with nothing saved: the parameters are homed after the prolog, the allocation covers the frame.
        assertThat(hex(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x100, 0, 0, true, 0, 112)))))
                .isEqualTo("07" + "e4");
        // CR 3, locsz 1024 > 512: sub sp,sp,#1024; stp x29,lr,[sp]; add x29,sp,#0.
        assertThat(hex(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x100, 0, 0, false, 3, 1024)))))
                .isEqualTo("e1" + "40" + "c040" + "e4");
        // CR 0, locsz 8176 > 4080: sub sp,sp,#4080; sub sp,sp,#4096.
        assertThat(hex(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x100, 0, 0, false, 0, 8176)))))
                .isEqualTo("c100" + "c0ff" + "e4");
        // RegI 1, CR 0: str x19,[sp,#-16]!.  CR 1, RegI 0: str lr,[sp,#-16]!.  CR 2: pacibsp first.
        assertThat(hex(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x40, 0, 1, false, 0, 16)))))
                .isEqualTo("d401e4");
        assertThat(hex(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x40, 0, 0, false, 1, 16)))))
                .isEqualTo("d561e4");
        assertThat(hex(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x40, 0, 0, false, 2, 16)))))
                .isEqualTo("e181fce4");
        // Not canonical: RegI 11, a frame smaller than its save area, a chained frame without room for x29/lr.
        assertThat(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x40, 0, 11, false, 0, 96)))).isNull();
        assertThat(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x40, 0, 4, false, 0, 16)))).isNull();
        assertThat(Arm64PeUnwinder.packedCodes(Arm64PackedUnwind.decode(packed(1, 0x40, 0, 2, false, 3, 16)))).isNull();
    }

    /** The first packed case above, at 0x1000, 0x100 bytes long. */
    private static Arm64PeUnwinder packedWithEverything() throws Exception {
        return Arm64PeUnwinder.of(TestImage.arm64().arm64Function(0x1000, (int) packed(1, 0x100, 2, 3, true, 1, 160))
                .build(), BASE).orElseThrow();
    }

    private static SparseMemory packedStack() {
        long a = SP0 - 128;
        return new SparseMemory().put64(a, 0x19).put64(a + 8, 0x20).put64(a + 16, 0x21).put64(a + 24, RET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 8, 9, 20})
    void packedFunctionFromEachPrologInstructionAndTheBody(int instructions) throws Exception {
        Arm64PeUnwinder u = packedWithEverything();
        // sp after k instructions: -128 from the first on, -32 more after the ninth (the sub).
        long sp = instructions == 0 ? SP0 : instructions >= 9 ? SP0 - 160 : SP0 - 128;
        CpuContext callee = regs("x19", 1L, "x20", 2L, "x21", 3L, "lr", instructions >= 2 ? 0xBADL : RET, "sp", sp);
        CpuContext caller = u.unwind(BASE + 0x1000 + 4L * instructions, true, callee, packedStack()).orElseThrow();
        assertThat(caller.stackPointer()).isEqualTo(SP0);
        assertThat(caller.instructionPointer()).isEqualTo(RET);
        assertThat(caller.get("x19")).hasValue(instructions >= 1 ? 0x19 : 1);
        assertThat(caller.get("x21")).hasValue(instructions >= 2 ? 0x21 : 3);
    }

    @Test
    void packedEpilogAtTheFunctionsEnd() throws Exception {
        Arm64PeUnwinder u = packedWithEverything();
        // Epilog (no homing, no set_fp): add sp,#32; ldr d10; ldp d8,d9; ldp x21,lr; ldp x19,x20,[sp],#128; ret.
        long start = BASE + 0x1000 + 0x100 - 4 * 6;
        CpuContext atFirst = u.unwind(start, true, regs("x19", 1L, "x21", 3L, "lr", 0xBADL, "sp", SP0 - 160),
                packedStack()).orElseThrow();
        CpuContext atLast = u.unwind(start + 4 * 4, true, regs("x19", 1L, "x21", 0x21L, "lr", RET, "sp", SP0 - 128),
                packedStack()).orElseThrow();
        CpuContext atRet = u.unwind(start + 4 * 5, true, regs("x19", 0x19L, "x21", 0x21L, "lr", RET, "sp", SP0),
                packedStack()).orElseThrow();
        for (CpuContext c : List.of(atFirst, atLast, atRet)) {
            assertThat(c.stackPointer()).isEqualTo(SP0);
            assertThat(c.instructionPointer()).isEqualTo(RET);
            assertThat(c.get("x19")).hasValue(0x19);
            assertThat(c.get("x21")).hasValue(0x21);
        }
    }

    /** An .xdata record: header, epilog scope words, then the code bytes padded to whole words. */
    private static byte[] xdata(int functionLength, boolean e, int epilogCount, int[] scopes, String codes) {
        byte[] c = HexFormat.of().parseHex(codes);
        int words = (c.length + 3) / 4;
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * scopes.length + 4 * words).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(functionLength / 4 | (e ? 1 : 0) << 21 | epilogCount << 22 | words << 27);
        for (int s : scopes) {
            b.putInt(s);
        }
        b.put(c);
        return b.array();
    }

    /**
     * Prolog: stp x19,x20,[sp,#-64]!; stp x21,x22,[sp,#16]; stp x23,x24,[sp,#32] (save_next × 2);
     * stp d8,d9,[sp,#48]; str d10,[sp,#-16]!; stp x29,lr,[sp,#-16]!; add x29,sp,#16; sub sp,sp,#1 MiB (alloc_l).
     */
    private static final String BIG_PROLOG = "e0010000" + "e202" + "81" + "de41" + "d806" + "e6" + "e6" + "cc07" + "e4";
    private static final long A = SP0 - 64;
    private static final long C = A - 32;

    private static SparseMemory bigStack() {
        SparseMemory m = new SparseMemory();
        for (int i = 0; i < 6; i++) {
            m.put64(A + 8L * i, 0x19 + i);
        }
        return m.put64(C, 0xF9).put64(C + 8, RET);
    }

    @Test
    void xdataWithSaveNextFpSavesAddFpAndAllocL() throws Exception {
        TestImage img = TestImage.arm64();
        // One epilog scope at instruction 40 (0xa0) sharing the prolog's codes (index 0).
        int x = img.xdata(xdata(0x100, false, 1, new int[] {40}, BIG_PROLOG));
        Arm64PeUnwinder u = Arm64PeUnwinder.of(img.arm64Function(0x1000, x).build(), BASE).orElseThrow();
        CpuContext body = u.unwind(BASE + 0x1050, true, regs("fp", C + 16, "lr", 0xBADL, "sp", C - 0x100000),
                bigStack()).orElseThrow();
        assertThat(body.stackPointer()).isEqualTo(SP0);
        assertThat(body.instructionPointer()).isEqualTo(RET);
        assertThat(body.registers()).containsEntry("x19", 0x19L).containsEntry("x22", 0x1CL).containsEntry("x24", 0x1EL)
                .containsEntry("fp", 0xF9L);
        // After four prolog instructions (through stp d8,d9): only x19-x24 are saved, sp is A.
        CpuContext early = u.unwind(BASE + 0x1010, true, regs("x19", 1L, "lr", RET, "sp", A), bigStack()).orElseThrow();
        assertThat(early.stackPointer()).isEqualTo(SP0);
        assertThat(early.get("x23")).hasValue(0x1D);
        assertThat(early.instructionPointer()).isEqualTo(RET);
        // In the epilog after two instructions (sp back at C): the rest runs.
        CpuContext epilog = u.unwind(BASE + 0x1000 + 0xa0 + 8, true, regs("fp", 7L, "lr", 0xBADL, "sp", C),
                bigStack()).orElseThrow();
        assertThat(epilog.stackPointer()).isEqualTo(SP0);
        assertThat(epilog.get("x20")).hasValue(0x1A);
        // A return address in the epilog's range is a call site, not a partly run epilog: the body codes apply.
        StackFrame caller = new StackFrame(2, BASE + 0x1000 + 0xa0 + 8, C - 0x100000, -1, FrameTrust.CFI, null);
        CpuContext viaBody = u.unwind(caller, regs("fp", C + 16, "lr", 0xBADL, "sp", C - 0x100000), bigStack())
                .orElseThrow();
        assertThat(viaBody.stackPointer()).isEqualTo(SP0);
    }

    @Test
    void packedEpilogBitPlacesTheOnlyEpilogAtTheEnd() throws Exception {
        TestImage img = TestImage.arm64();
        // Prolog: stp x19,x20,[sp,#-16]!; sub sp,#32. Epilog codes from index 3: add sp,#32; ldp x19,x20; ret.
        int x = img.xdata(xdata(0x40, true, 3, new int[0], "02" + "22" + "e4" + "02" + "22" + "e4"));
        Arm64PeUnwinder u = Arm64PeUnwinder.of(img.arm64Function(0x1000, x).build(), BASE).orElseThrow();
        SparseMemory m = new SparseMemory().put64(SP0 - 16, 0x19).put64(SP0 - 8, 0x20);
        // The epilog starts at 0x40 - 3 × 4 = 0x34; 0x38 is its ldp.
        CpuContext c = u.unwind(BASE + 0x1038, true, regs("x19", 1L, "lr", RET, "sp", SP0 - 16), m).orElseThrow();
        assertThat(c.stackPointer()).isEqualTo(SP0);
        assertThat(c.get("x19")).hasValue(0x19);
        CpuContext atRet = u.unwind(BASE + 0x103c, true, regs("x19", 0x19L, "lr", RET, "sp", SP0), m).orElseThrow();
        assertThat(atRet.stackPointer()).isEqualTo(SP0);
    }

    @Test
    void endCContinuesIntoTheParentsPhantomProlog() throws Exception {
        TestImage img = TestImage.arm64();
        // A fragment that saves x19 itself (str x19,[sp,#8]), then the parent's stp x29,lr,[sp,#-16]!.
        int x = img.xdata(xdata(0x40, false, 0, new int[0], "d001" + "e5" + "81" + "e4"));
        Arm64PeUnwinder u = Arm64PeUnwinder.of(img.arm64Function(0x1000, x).build(), BASE).orElseThrow();
        SparseMemory m = new SparseMemory().put64(SP0 - 16, 0xF9).put64(SP0 - 8, RET);
        CpuContext body = u.unwind(BASE + 0x1020, true, regs("x19", 1L, "sp", SP0 - 16, "lr", 0xBADL),
                m).orElseThrow();
        assertThat(body.stackPointer()).isEqualTo(SP0);
        assertThat(body.get("fp")).hasValue(0xF9);
        assertThat(body.get("x19")).hasValue(RET); // [sp + 8] (the lr slot here, as the codes say)
        // At the fragment's first instruction its own save has not run; the parent's frame has.
        CpuContext first = u.unwind(BASE + 0x1000, true, regs("x19", 1L, "sp", SP0 - 16, "lr", 0xBADL), m)
                .orElseThrow();
        assertThat(first.get("x19")).hasValue(1);
        assertThat(first.instructionPointer()).isEqualTo(RET);
    }

    @Test
    void leavesReturnThroughLrOnlyFromTheContext() throws Exception {
        Arm64PeUnwinder u = packedWithEverything();
        CpuContext leaf = u.unwind(BASE + 0x2000, true, regs("lr", RET, "sp", SP0), new SparseMemory()).orElseThrow();
        assertThat(leaf.instructionPointer()).isEqualTo(RET);
        assertThat(leaf.stackPointer()).isEqualTo(SP0);
        StackFrame caller = new StackFrame(1, BASE + 0x2000, SP0, -1, FrameTrust.CFI, null);
        assertThat(u.unwind(caller, regs("lr", RET, "sp", SP0), new SparseMemory())).isEmpty();
    }

    @Test
    void aCallerFrameWhoseCodesDoNotRestoreLrFails() throws Exception {
        // Packed CR 0, a 32-byte frame, no lr save: a leaf with a frame; its lr cannot be known above frame 0.
        Arm64PeUnwinder u = Arm64PeUnwinder.of(TestImage.arm64().arm64Function(0x1000,
                (int) packed(1, 0x40, 0, 0, false, 0, 32)).build(), BASE).orElseThrow();
        assertThat(u.unwind(BASE + 0x1010, true, regs("lr", RET, "sp", SP0 - 32), new SparseMemory()))
                .hasValueSatisfying(c -> assertThat(c.stackPointer()).isEqualTo(SP0));
        StackFrame caller = new StackFrame(1, BASE + 0x1010, SP0 - 32, -1, FrameTrust.CFI, null);
        assertThat(u.unwind(caller, regs("lr", RET, "sp", SP0 - 32), new SparseMemory())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {0x0000_7ff6_9999_0010L, 0xFFFF_8000_1234_5678L})
    void pacSignedReturnAddressesAreStripped(long address) throws Exception {
        // Packed CR 2, frame 16: pacibsp; stp x29,lr,[sp,#-16]!; mov x29,sp.
        Arm64PeUnwinder u = Arm64PeUnwinder.of(TestImage.arm64().arm64Function(0x1000,
                (int) packed(1, 0x40, 0, 0, false, 2, 16)).build(), BASE).orElseThrow();
        long signed = address ^ 0x0035_0000_0000_0000L;
        SparseMemory m = new SparseMemory().put64(SP0 - 16, 0xF9).put64(SP0 - 8, signed);
        CpuContext c = u.unwind(BASE + 0x1020, true, regs("fp", SP0 - 16, "lr", 0L, "sp", SP0 - 16), m).orElseThrow();
        assertThat(c.instructionPointer()).isEqualTo(address);
        assertThat(c.stackPointer()).isEqualTo(SP0);
    }

    @Test
    void unsupportedCodesDamagedRecordsAndWrapsGiveNothing() throws Exception {
        TestImage img = TestImage.arm64();
        int allocZ = img.xdata(xdata(0x40, false, 0, new int[0], "df01e4"));
        int trapFrame = img.xdata(xdata(0x40, false, 0, new int[0], "e8e4"));
        int wrap = img.xdata(xdata(0x40, false, 0, new int[0], "e0ffffffe4"));
        int cut = img.xdata(xdata(0x40, false, 0, new int[0], "e4e4e4e0"));
        img.arm64Function(0x1000, allocZ).arm64Function(0x1100, trapFrame).arm64Function(0x1200, wrap)
                .arm64Function(0x1300, cut).arm64Function(0x1400, 0x5000).arm64Function(0x1500, 3);
        Arm64PeUnwinder u = Arm64PeUnwinder.of(img.build(), BASE).orElseThrow();
        SparseMemory m = new SparseMemory().fill(SP0 - 0x100, 0x40, 0x1000);
        CpuContext r = regs("lr", RET, "sp", 0xFFFF_FFFF_FFFF_0000L);
        for (int f : new int[] {0x1000, 0x1100, 0x1200, 0x1400, 0x1500}) {
            assertThat(u.unwind(BASE + f + 0x20, true, r, m)).as("function 0x%x", f).isEmpty();
        }
        // The cut alloc_l (3 bytes of 4) lies after end: never reached.
        assertThat(u.unwind(BASE + 0x1320, true, regs("lr", RET, "sp", SP0), m)).isPresent();
        assertThat(u.unwind(BASE + 0x1020, true, regs("lr", RET), m)).as("no sp").isEmpty();
        assertThat(u.unwind(BASE + 0x1020, true, X64PeUnwinderTest.regs("rsp", SP0, "rip", 0L), m)).isEmpty();
    }

    @Test
    void theWalkerAcceptsALeafThatReturnsWithItsStackPointerUnchanged() throws Exception {
        // Frame 0 in a leaf without .pdata at 0x2000; its caller, at 0x1010, is a packed CR 3 function.
        Arm64PeUnwinder u = Arm64PeUnwinder.of(TestImage.arm64().arm64Function(0x1000,
                (int) packed(1, 0x40, 0, 0, false, 3, 16)).build(), BASE).orElseThrow();
        SparseMemory m = new SparseMemory().put64(SP0 - 16, 0).put64(SP0 - 8, RET);
        ModuleMap map = new ModuleMap(List.of(new ModuleInfo("a.dll", BASE, TestImage.SIZE, 0, 0, null, null, null,
                null), new ModuleInfo("b.dll", RET & ~0xFFFFL, 0x10000, 0, 0, null, null, null, null)), List.of());
        List<StackFrame> frames = new StackWalker(m, map, Architecture.ARM64, u)
                .walk(regs("fp", SP0 - 16, "lr", BASE + 0x1014, "sp", SP0 - 16, "pc", BASE + 0x2000), 0);
        assertThat(frames).extracting(StackFrame::pc).startsWith(BASE + 0x2000, BASE + 0x1014, RET);
        assertThat(frames.get(1).trust()).isEqualTo(FrameTrust.CFI);
        assertThat(frames.get(1).sp()).isEqualTo(SP0 - 16);
        assertThat(frames.get(2).trust()).isEqualTo(FrameTrust.CFI);
        assertThat(frames.get(2).sp()).isEqualTo(SP0);
    }
}
