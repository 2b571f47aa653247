package org.faultline.symbols.pe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.breakpad.BreakpadSymbolFile;
import org.faultline.symbols.breakpad.CfiRecord;
import org.junit.jupiter.api.Test;

/**
 * Exception data that the llvm-readobj 14 oracle cannot check: version-2 unwind info (it crashes on amdppm.sys),
 * the Windows 7 indirect entries of user32.dll (it decodes them as garbage), a large ARM64 table; and a cross
 * check of .pdata against Breakpad's STACK CFI INIT records made from the same image.
 */
class UnwindStructureTest {

    @Test
    void amdppmVersion2UnwindInfo() throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require("ms-public-symbols/symstore/amdppm.sys/c9c030003b000/amdppm.sys"))) {
            X64ExceptionTable t = pe.x64ExceptionTable().orElseThrow();
            assertThat(t.size()).isEqualTo(0x1854 / RuntimeFunction.SIZE); // ExceptionTableSize in the oracle
            int v2 = 0;
            int chained = 0;
            for (RuntimeFunction f : t.functions()) {
                List<UnwindInfo> chain = t.unwindChain(f);
                chained += chain.size() - 1;
                for (UnwindInfo u : chain) {
                    if (u.version() == 2) {
                        v2++;
                    }
                    // EPILOG codes (version 2) come first; every prolog code lies inside the prolog.
                    boolean prologSeen = false;
                    for (UnwindCode c : u.codes()) {
                        if (c.op() == UnwindOp.EPILOG) {
                            assertThat(u.version()).isEqualTo(2);
                            assertThat(prologSeen).isFalse();
                        } else {
                            prologSeen = true;
                            assertThat(c.codeOffset()).isLessThanOrEqualTo(u.sizeOfProlog());
                        }
                    }
                }
            }
            assertThat(v2).isGreaterThan(400);
            assertThat(chained).isPositive();
            // UNWIND_INFO bytes of the entry at 0x103c: 02 04 03 00 | 01 06 02 06 82 04 (version 2, prolog 4,
            // 3 slots): one EPILOG (two slots) then ALLOC_SMALL 0x48 at prolog offset 4.
            UnwindInfo u = t.unwindInfo(t.functionAt(0x103c).orElseThrow());
            assertThat(u.version()).isEqualTo(2);
            assertThat(u.codes()).extracting(UnwindCode::op, UnwindCode::codeOffset, UnwindCode::operand)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(UnwindOp.EPILOG, 1, 0x0602L),
                            org.assertj.core.groups.Tuple.tuple(UnwindOp.ALLOC_SMALL, 4, 72L));
            assertThat(pe.diagnostics()).isEmpty();
        }
    }

    @Test
    void user32IndirectEntriesResolve() throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require("ms-public-symbols/rizin-testbins/user32.dll"))) {
            X64ExceptionTable t = pe.x64ExceptionTable().orElseThrow();
            int indirect = 0;
            for (RuntimeFunction f : t.functions()) {
                if (f.isIndirect()) {
                    indirect++;
                }
                for (UnwindInfo u : t.unwindChain(f)) {
                    assertThat(u.version()).isBetween(1, 2);
                    assertThat(u.rva() & 3).isZero(); // UNWIND_INFO is DWORD aligned once resolved
                }
            }
            assertThat(t.size()).isEqualTo(3229);
            assertThat(indirect).isPositive();
        }
    }

    @Test
    void arm64TableOfSymbolicTestExe() throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require("symbolic/windows/arm64/test.exe"))) {
            Arm64ExceptionTable t = pe.arm64ExceptionTable().orElseThrow();
            assertThat(t.size()).isEqualTo(709);
            for (Arm64RuntimeFunction f : t.functions()) {
                long length = t.functionLength(f);
                assertThat(length).isPositive();
                assertThat(t.functionAt(f.beginAddress())).contains(f);
                if (!f.isPacked()) {
                    Arm64UnwindData d = t.unwindData(f);
                    assertThat(d.prologCodes()).isNotEmpty();
                }
            }
        }
    }

    /** PROVENANCE §3a: the .sym's 106 STACK CFI INIT records come from the DLL's unwind table. */
    @Test
    void pdataMatchesBreakpadCfiInitRecords() throws Exception {
        String dir = "breakpad/src/tools/windows/dump_syms/testdata/";
        BreakpadSymbolFile sym = BreakpadSymbolFile.open(Fixtures.require(dir + "pe_only_symbol_test.sym"));
        try (PeFile pe = PeFile.open(Fixtures.require(dir + "pe_only_symbol_test.dll"))) {
            X64ExceptionTable t = pe.x64ExceptionTable().orElseThrow();
            assertThat(sym.cfi()).hasSize(106).hasSize(t.size());
            for (int i = 0; i < t.size(); i++) {
                CfiRecord c = sym.cfi().get(i);
                RuntimeFunction f = t.get(i);
                assertThat(c.address()).isEqualTo(f.beginAddress());
                assertThat(c.size()).isEqualTo(f.endAddress() - f.beginAddress());
            }
            assertThat(t.get(0).beginAddress()).isEqualTo(0x1440);
            assertThat(t.get(0).endAddress()).isEqualTo(0x1479);
        }
    }
}
