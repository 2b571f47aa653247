package org.faultline.symbols.unwind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faultline.symbols.unwind.TestImage.code;
import static org.faultline.symbols.unwind.TestImage.unwindInfo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.faultline.dump.CpuContext;
import org.faultline.dump.ModuleInfo;
import org.faultline.symbols.ModuleMap;
import org.faultline.symbols.breakpad.BreakpadSymbolFile;
import org.faultline.symbols.pe.PeFile;
import org.junit.jupiter.api.Test;

/** Per-module choice of unwind data: Breakpad CFI first where it has a record, then the PE image; cached. */
class ModuleUnwindersTest {
    private static final long A = 0x7ff6_0000_0000L;
    private static final long B = 0x7ff7_0000_0000L;
    private static final long E = 0x50_0000_0000L;

    private final ModuleInfo a = new ModuleInfo("C:\\x\\a.dll", A, TestImage.SIZE, 0, 0, null, null, null, null);
    private final ModuleInfo b = new ModuleInfo("C:\\x\\b.dll", B, TestImage.SIZE, 0, 0, null, null, null, null);
    private final ModuleMap map = new ModuleMap(List.of(a, b), List.of());

    /** push rbx; sub rsp, 20h at 0x1000 and 0x1100. */
    private static PeFile image() throws Exception {
        TestImage img = TestImage.x64();
        int info = img.xdata(unwindInfo(1, 0, 5, 0, 0, new int[] {code(5, 2, 3), code(1, 0, 3)}));
        return img.function(0x1000, 0x1080, info).function(0x1100, 0x1180, info).build();
    }

    /** STACK CFI for a.dll's 0x1000 only, saying (wrongly, to be told apart) that rbx is not saved. */
    private static BreakpadSymbolFile sym() throws Exception {
        String text = "MODULE windows x86_64 0123456789ABCDEF0123456789ABCDEF1 a.pdb\n"
                + "STACK CFI INIT 1000 80 .cfa: $rsp 40 + .ra: .cfa 8 - ^\n";
        return BreakpadSymbolFile.read(text.getBytes(StandardCharsets.US_ASCII), "a.sym");
    }

    private static StackFrame frame(long pc) {
        return new StackFrame(0, pc, E - 0x28, -1, FrameTrust.CONTEXT, null);
    }

    @Test
    void breakpadWhereItHasARecordThenTheImageEachLoadedOnce() throws Exception {
        PeFile pe = image();
        BreakpadSymbolFile sym = sym();
        AtomicInteger symAsked = new AtomicInteger();
        AtomicInteger peAsked = new AtomicInteger();
        ModuleUnwinders u = new ModuleUnwinders(map, m -> {
            symAsked.incrementAndGet();
            return m == a ? Optional.of(sym) : Optional.empty();
        }, m -> {
            peAsked.incrementAndGet();
            return Optional.of(pe);
        });
        SparseMemory mem = new SparseMemory().put64(E, 0x1234).put64(E - 8, 0xB0B0);
        CpuContext regs = X64PeUnwinderTest.regs("rbx", 1L, "rsp", E - 0x28, "rip", 0L);
        CpuContext viaCfi = u.unwind(frame(A + 0x1040), regs, mem).orElseThrow();
        assertThat(viaCfi.get("rbx")).hasValue(1); // the .sym's rules: rbx carried forward
        CpuContext viaPe = u.unwind(frame(A + 0x1140), regs, mem).orElseThrow();
        assertThat(viaPe.get("rbx")).hasValue(0xB0B0); // no record there: the image's codes
        CpuContext other = u.unwind(frame(B + 0x1040), regs, mem).orElseThrow();
        assertThat(other.get("rbx")).hasValue(0xB0B0);
        for (int i = 0; i < 5; i++) {
            u.unwind(frame(A + 0x1040), regs, mem);
            u.unwind(frame(B + 0x1140), regs, mem);
        }
        assertThat(symAsked).hasValue(2);
        assertThat(peAsked).hasValue(2);
        assertThat(u.cachedModules()).isEqualTo(2);
        assertThat(u.unwind(frame(0x1000), regs, mem)).as("outside every module").isEmpty();
    }

    @Test
    void aFailingBreakpadRecordFallsBackToTheImage() throws Exception {
        PeFile pe = image();
        String text = "MODULE windows x86_64 0123456789ABCDEF0123456789ABCDEF1 a.pdb\n"
                + "STACK CFI INIT 1000 80 .cfa: $r99 .ra: .cfa 8 - ^\n";
        BreakpadSymbolFile broken = BreakpadSymbolFile.read(text.getBytes(StandardCharsets.US_ASCII), "a.sym");
        ModuleUnwinders u = new ModuleUnwinders(map, m -> Optional.of(broken), m -> Optional.of(pe));
        SparseMemory mem = new SparseMemory().put64(E, 0x1234).put64(E - 8, 0xB0B0);
        CpuContext c = u.unwind(frame(A + 0x1040), X64PeUnwinderTest.regs("rsp", E - 0x28, "rip", 0L), mem)
                .orElseThrow();
        assertThat(c.stackPointer()).isEqualTo(E + 8);
    }

    @Test
    void suppliersThatThrowOrAnswerNullCountAsNotFound() throws Exception {
        ModuleUnwinders u = new ModuleUnwinders(map, m -> {
            throw new IllegalStateException("symbol store down");
        }, m -> null);
        SparseMemory mem = new SparseMemory().put64(E, 0x1234);
        assertThat(u.unwind(frame(A + 0x1040), X64PeUnwinderTest.regs("rsp", E - 0x28, "rip", 0L), mem)).isEmpty();
        // An x86 image has no unwind data to use.
        TestImage x86 = new TestImage(0x014C);
        PeFile pe = x86.build();
        ModuleUnwinders images = ModuleUnwinders.ofImages(map, m -> Optional.of(pe));
        assertThat(images.unwind(frame(A + 0x1040), X64PeUnwinderTest.regs("rsp", E - 0x28, "rip", 0L), mem))
                .isEmpty();
    }
}
