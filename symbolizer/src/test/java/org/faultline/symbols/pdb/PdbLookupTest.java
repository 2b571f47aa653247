package org.faultline.symbols.pdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.faultline.symbols.DebugIdMismatchException;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.Symbol;
import org.faultline.symbols.pe.CodeViewInfo;
import org.faultline.symbols.pe.PeFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RVA → symbol on the PROVENANCE point facts, the "no symbol in incremental-link thunks" rule, and PDB matching
 * (RSDS GUID against the info stream, RSDS age against the DBI age).
 */
class PdbLookupTest {

    /**
     * (pdb, rva, expected lookup name, expected size or -1 for a public, the public name at that RVA or null).
     * Names, sizes and RVAs are PROVENANCE.md's; procedure names are the S_GPROC32 names of the procs TSV.
     */
    static Stream<Arguments> pointFacts() {
        String b = "binskim/";
        String bp = "breakpad/src/tools/windows/dump_syms/testdata/";
        return Stream.of(
                Arguments.of(b + "Native_x64_VS2013_KernelModeDriver.pdb", 0x1874, "FxDriverEntry", 0x2a, "FxDriverEntry"),
                Arguments.of(b + "Native_x64_VS2013_KernelModeDriver.pdb", 0x7000, "DriverEntry", -2, "DriverEntry"),
                Arguments.of(b + "Native_x64_VS2013_KernelModeDriver.pdb", 0x1000, "DeviceGetContext", -2, "DeviceGetContext"),
                Arguments.of(b + "Native_x86_VS2013_KernelModeDriver.pdb", 0x15b8, null, -2, "_FxDriverEntry@8"),
                Arguments.of(b + "Native_x86_VS2013_KernelModeDriver.pdb", 0x5000, null, -2, "_DriverEntry@8"),
                Arguments.of(b + "Uwp_ARM64_VS2019_Cpp.pdb", 0x1410, "_DllMainCRTStartup", 0x48, "_DllMainCRTStartup"),
                Arguments.of(b + "Uwp_ARM64_VS2019_Cpp.pdb", 0x1048, "DllMain", -2, "DllMain"),
                Arguments.of(b + "Uwp_ARM64_VS2019_Cpp.pdb", 0x1000, "__security_check_cookie", -2, "__security_check_cookie"),
                Arguments.of(b + "ARM64_CETShadowStack_NotApplicable.pdb", 0x3160, "main", -2, "main"),
                Arguments.of(b + "ARM_CETShadowStack_NotApplicable.pdb", 0x1cdc, "main", -2, "main"),
                Arguments.of(b + "Native_x86_VS2017_15.5.4_PdbStripped.pdb", 0x1340, null, -2, "__DllMainCRTStartup@12"),
                Arguments.of(b + "Native_x86_VS2017_15.5.4_PdbStripped.pdb", 0x1000, null, -2, "_DllMain@12"),
                Arguments.of(b + "Native_x64_VS2022_PDBPageSize_8192.pdb", 0x122c0, "main", -2, "main"),
                Arguments.of(b + "AllFail32.pdb", 0x1010, "CustomEntry", 0x17, "?CustomEntry@@YGHPAUHINSTANCE__@@KPAX@Z"),
                Arguments.of(b + "PassDB64.pdb", 0x1010, "CustomEntry", 0x14, "?CustomEntry@@YAHPEAUHINSTANCE__@@KPEAX@Z"),
                Arguments.of(b + "Native_x64_RustC_Rust_debuginfo2_v1.58.1.pdb", 0x1a504, null, -2, "mainCRTStartup"),
                Arguments.of(b + "Native_x64_RustC_Rust_debuginfo2_v1.58.1.pdb", 0x1260, null, -2, "main"),
                Arguments.of(b + "Native_x64_RustC_Rust_debuginfo2_v1.58.1.pdb", 0x1000, null, -2,
                        "_ZN4core3ops8function6FnOnce40call_once$u7b$$u7b$vtable.shim$u7d$$u7d$17h5c67194378d46c76E"),
                Arguments.of("symsrv/ShowSSEConfig.pdb/A62592418D7807494C4C44205044422E1/ShowSSEConfig.pdb", 0x1000,
                        "wmain", -2, "wmain"),
                Arguments.of("symsrv/ShowSSEConfig.pdb/A62592418D7807494C4C44205044422E1/ShowSSEConfig.pdb", 0x1480,
                        "wmainCRTStartup", 0x12, "wmainCRTStartup"),
                Arguments.of("samply/fixtures/win64-ci/WriteArgument.pdb", 0x1000, "main", -2, "main"),
                Arguments.of("samply/fixtures/win64-ci/WriteArgument.pdb", 0x12e0, "mainCRTStartup", -2, "mainCRTStartup"),
                Arguments.of("samply/fixtures/win64-ci/softokn3.pdb", 0x32f80, "_DllMainCRTStartup", -2, "_DllMainCRTStartup"),
                Arguments.of("samply/fixtures/win64-ci/softokn3.pdb", 0x3306c, "DllMain", -2, "DllMain"),
                Arguments.of("samply/fixtures/win64-ci/softokn3.pdb", 0xF1B0, null, -2, "NSC_GetFunctionList"),
                Arguments.of("samply/fixtures/win64-ci/softokn3.pdb", 0xF1B0, null, -2, "C_GetFunctionList"),
                Arguments.of("samply/fixtures/win64-ci/softokn3.pdb", 0x56A0, null, -2, "FC_GetFunctionList"),
                Arguments.of("ms-public-symbols/symstore/amdppm.pdb/1C19FDDB27BB3399D9B45973EFEAFCF31/amdppm.pdb",
                        0x27a0, "FxDriverEntry", -1, "FxDriverEntry"),
                Arguments.of("ms-public-symbols/symstore/amdppm.pdb/1C19FDDB27BB3399D9B45973EFEAFCF31/amdppm.pdb",
                        0x3635c, "DriverEntry", -1, "DriverEntry"),
                Arguments.of(bp + "dump_syms_regtest64.pdb", 0x1010, "main", -2, "main"),
                Arguments.of(bp + "dump_syms_regtest64.pdb", 0x1368, "mainCRTStartup", -2, "mainCRTStartup"),
                Arguments.of("symbolic/windows/crash.pdb", 0x2910, "main", 0x15e, "_main"),
                Arguments.of("symbolic/windows/crash.pdb", 0x2e15, null, -2, "_mainCRTStartup"),
                Arguments.of("symbolic/windows/crash.pdb", 0x2a6e, null, -2, "@__security_check_cookie@4"),
                Arguments.of("symbolic/windows/crash.pdb", 0x1000, "google_breakpad::CrashGenerationClient::RequestDump",
                        0x114, "?RequestDump@CrashGenerationClient@google_breakpad@@QAE_NPAU_EXCEPTION_POINTERS@@PAUMDRawAssertionInfo@@@Z"),
                Arguments.of("symbolic/windows/CrashWithException.pdb", 0x1170, "main", -2, "main"),
                Arguments.of("lldb/unittests/SymbolFile/PDB/Inputs/test-pdb.pdb", 0x1040, "_purecall", 7, null),
                Arguments.of("lldb/unittests/SymbolFile/PDB/Inputs/test-pdb.pdb", 0x1050, "main", 0x23, null),
                Arguments.of("lldb/unittests/SymbolFile/PDB/Inputs/test-pdb.pdb", 0x1080, "baz", 0xb, null),
                Arguments.of("lldb/unittests/SymbolFile/PDB/Inputs/test-pdb.pdb", 0x1090, "foo", 0x14, null),
                Arguments.of("lldb/unittests/SymbolFile/PDB/Inputs/test-pdb.pdb", 0x10b0, "bar", 0xb, null));
    }

    /**
     * @param lookupName expected name from {@code lookup}, or null to only check that the symbol starts at rva
     * @param size       expected procedure size; -1 expects a public (no size); -2 does not check
     */
    @ParameterizedTest(name = "{0} 0x{1}")
    @MethodSource("pointFacts")
    void rvaToName(String pdbPath, int rva, String lookupName, int size, String publicName) throws Exception {
        try (PdbFile pdb = PdbFile.open(Fixtures.require(pdbPath))) {
            Symbol s = pdb.symbolTable().lookup(rva).orElseThrow();
            assertThat(s.rva()).isEqualTo(rva);
            assertThat(s.offsetOf(rva)).isZero();
            if (lookupName != null) {
                assertThat(s.name()).isEqualTo(lookupName);
            }
            if (size == -1) {
                assertThat(s.kind()).isEqualTo(Symbol.Kind.PUBLIC);
                assertThat(s.sizeIfKnown()).isEmpty();
            } else if (size >= 0) {
                assertThat(s.kind()).isEqualTo(Symbol.Kind.PROCEDURE);
                assertThat(s.size()).isEqualTo(size);
                assertThat(s.covers(rva + size - 1)).isTrue();
                assertThat(pdb.symbolTable().lookup(rva + size - 1).orElseThrow().name()).isEqualTo(lookupName);
            }
            if (publicName != null) {
                assertThat(publicsAt(pdb, rva)).contains(publicName);
            }
        }
    }

    private static List<String> publicsAt(PdbFile pdb, long rva) {
        return pdb.publics().stream().filter(p -> pdb.addressMap().rva(p.segment(), p.offset()) == rva)
                .map(PublicSymbol::name).toList();
    }

    /**
     * PROVENANCE §5: entry points on incremental-link thunks have no public at or below them in their section;
     * a lookup must answer "no symbol", not a neighbour.
     */
    @Test
    void incrementalLinkThunksHaveNoSymbol() throws Exception {
        Map<String, Long> thunks = Map.of(
                "binskim/ARM64_CETShadowStack_NotApplicable.pdb", 0x12f4L,
                "binskim/ARM_CETShadowStack_NotApplicable.pdb", 0x12e8L, // 0x12e9 is the Thumb address
                "binskim/Native_x64_VS2022_PDBPageSize_8192.pdb", 0x112c6L,
                "binskim/AllFail32.pdb", 0x1005L,
                "binskim/PassDB64.pdb", 0x1005L,
                "lldb/unittests/SymbolFile/PDB/Inputs/test-pdb.pdb", 0x1014L);
        for (Map.Entry<String, Long> t : thunks.entrySet()) {
            try (PdbFile pdb = PdbFile.open(Fixtures.require(t.getKey()))) {
                assertThat(pdb.symbolTable().lookup(t.getValue())).as(t.getKey()).isEmpty();
            }
        }
    }

    /** PROVENANCE §2: 9 crash.pdb publics sit in segment 6, one past the last section: absolute, no RVA. */
    @Test
    void absolutePublicsHaveNoRva() throws Exception {
        try (PdbFile pdb = PdbFile.open(Fixtures.require("symbolic/windows/crash.pdb"))) {
            assertThat(pdb.sectionHeaders()).hasSize(5);
            List<PublicSymbol> absolute = pdb.publics().stream()
                    .filter(p -> pdb.addressMap().rva(p.segment(), p.offset()) == AddressMap.NO_RVA).toList();
            assertThat(absolute).hasSize(9).allMatch(p -> p.segment() == 6);
            assertThat(absolute).extracting(PublicSymbol::name).contains("___guard_fids_count");
            // symbolic's snapshot lists 120 (RVA, name) pairs: the 120 distinct RVAs of the function publics.
            assertThat(pdb.publics().stream().filter(PublicSymbol::isFunction)
                    .map(p -> pdb.addressMap().rva(p.segment(), p.offset())).distinct().count()).isEqualTo(120);
            assertThat(pdb.publics().stream().filter(PublicSymbol::isFunction).count()).isEqualTo(139);
        }
    }

    /** PROVENANCE §10: user32 publics map through the original section headers and OMAP. */
    @Test
    void user32OmapPublics() throws Exception {
        try (PdbFile pdb = PdbFile.open(Fixtures.require(
                "ms-public-symbols/symstore/user32.pdb/15F778B3671D4EFDBDCDE79905308B792/user32.pdb"))) {
            assertThat(pdb.hasOmap()).isTrue();
            assertThat(pdb.debugHeader().stream(DbiDebugHeader.ORIGINAL_SECTION_HEADERS)).isNotNegative();
            PublicSymbol box = pdb.publics().stream().filter(p -> p.name().equals("MessageBoxW")).findFirst()
                    .orElseThrow();
            assertThat(box.segment()).isEqualTo(1);
            assertThat(box.offset()).isEqualTo(352740);
            assertThat(pdb.addressMap().rva(1, 352740)).isEqualTo(0x711E4);
            Map<String, Long> exports = Map.of("MessageBoxA", 0x71188L, "CreateWindowExW", 0x12C30L,
                    "GetMessageW", 0x1C934L, "DispatchMessageW", 0x1C69CL, "wsprintfW", 0x236BCL);
            Map<String, Long> mapped = pdb.publics().stream().filter(p -> exports.containsKey(p.name()))
                    .collect(Collectors.toMap(PublicSymbol::name, p -> pdb.addressMap().rva(p.segment(), p.offset()),
                            (a, c) -> a));
            assertThat(mapped).isEqualTo(exports);
            Symbol s = pdb.symbolTable().lookup(0x711E4 + 0x20).orElseThrow();
            assertThat(s.name()).isEqualTo("MessageBoxW");
            assertThat(s.offsetOf(0x711E4 + 0x20)).isEqualTo(0x20);
            // the 7 hot-patched publics land on target-0 OMAP entries: unmapped
            for (String name : List.of("GetClipboardFormatNameW", "GetKeyNameTextW", "InternalGetWindowIcon",
                    "MapVirtualKeyExW", "SetClassLongA", "SetClassLongW", "VkKeyScanExW")) {
                assertThat(pdb.publics().stream().filter(p -> p.name().equals(name))
                        .map(p -> pdb.addressMap().rva(p.segment(), p.offset()))).as(name)
                        .containsOnly(AddressMap.NO_RVA);
            }
        }
    }

    /**
     * PROVENANCE §3a: Breakpad's DIA-based dump_syms output of the OMAP PDBs as an independent oracle. All PUBLIC
     * addresses are reproduced; procedure starts found among FUNC addresses: 158/158, 158/158, 157/158, 53/135.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"omap_reorder_funcs, 158, 158", "omap_stretched, 158, 158",
        "omap_reorder_bbs, 158, 157", "omap_stretched_filled, 135, 53"})
    void omapPdbsAgainstBreakpadSym(String stem, int mapped, int found) throws Exception {
        String dir = "breakpad/src/tools/windows/dump_syms/testdata/";
        org.faultline.symbols.breakpad.BreakpadSymbolFile sym =
                org.faultline.symbols.breakpad.BreakpadSymbolFile.open(Fixtures.require(dir + stem + ".sym"));
        try (PdbFile pdb = PdbFile.open(Fixtures.require(dir + stem + ".pdb"))) {
            assertThat(pdb.hasOmap()).isTrue();
            java.util.Set<Long> publicRvas = pdb.publics().stream()
                    .map(p -> pdb.addressMap().rva(p.segment(), p.offset())).collect(Collectors.toSet());
            assertThat(sym.publics()).hasSize(4).allSatisfy(p -> assertThat(publicRvas).contains(p.address()));
            java.util.Set<Long> funcStarts = sym.functions().stream()
                    .map(org.faultline.symbols.breakpad.FuncRecord::address).collect(Collectors.toSet());
            // distinct final start addresses (in omap_stretched_filled, 158 procedures land on 135 addresses)
            List<Long> procStarts = pdb.procedures().stream()
                    .map(p -> pdb.addressMap().rva(p.segment(), p.offset()))
                    .filter(r -> r != AddressMap.NO_RVA).distinct().toList();
            assertThat(procStarts).hasSize(mapped);
            assertThat(procStarts.stream().filter(funcStarts::contains).count()).isEqualTo(found);
        }
    }

    /** Every PE fixture with a PDB beside it matches it (RSDS GUID = info GUID, RSDS age = DBI age). */
    @Test
    void imagesMatchTheirPdbs() throws Exception {
        String[][] pairs = {
            {"symsrv/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe",
                "symsrv/ShowSSEConfig.pdb/A62592418D7807494C4C44205044422E1/ShowSSEConfig.pdb"},
            {"ms-public-symbols/symstore/amdppm.sys/c9c030003b000/amdppm.sys",
                "ms-public-symbols/symstore/amdppm.pdb/1C19FDDB27BB3399D9B45973EFEAFCF31/amdppm.pdb"},
            {"ms-public-symbols/rizin-testbins/user32.dll",
                "ms-public-symbols/symstore/user32.pdb/15F778B3671D4EFDBDCDE79905308B792/user32.pdb"},
            {"symbolic/windows/crash.exe", "symbolic/windows/crash.pdb"},
            {"symbolic/windows/crash.exe", "symbolic/windows/crash_with_srcsrv.pdb"},
            {"samply/fixtures/win64-ci/softokn3.dll", "samply/fixtures/win64-ci/softokn3.pdb"},
            {"binskim/ARM64_CETShadowStack_NotApplicable.exe", "binskim/ARM64_CETShadowStack_NotApplicable.pdb"},
            {"breakpad/src/tools/windows/dump_syms/testdata/dump_syms_regtest64.exe",
                "breakpad/src/tools/windows/dump_syms/testdata/dump_syms_regtest64.pdb"}};
        for (String[] pair : pairs) {
            CodeViewInfo cv;
            try (PeFile pe = PeFile.open(Fixtures.require(pair[0]))) {
                cv = pe.codeView().orElseThrow();
            }
            try (PdbFile pdb = PdbFile.openMatching(Fixtures.require(pair[1]), cv)) {
                assertThat(pdb.matches(cv.guid(), cv.age())).isTrue();
                assertThat(pdb.debugId()).isEqualTo(cv.debugId());
            }
        }
    }

    @Test
    void aMismatchIsRefusedNamingBothIds() throws Exception {
        String amdppm = "ms-public-symbols/symstore/amdppm.pdb/1C19FDDB27BB3399D9B45973EFEAFCF31/amdppm.pdb";
        try (PdbFile pdb = PdbFile.open(Fixtures.require(amdppm))) {
            assertThat(pdb.info().age()).isEqualTo(3);
            assertThat(pdb.age()).isEqualTo(1);
            // The info-stream age is not what RSDS matches.
            assertThat(pdb.matches(pdb.guid(), 3)).isFalse();
            assertThat(pdb.matches(pdb.guid(), 1)).isTrue();
            CodeViewInfo wrongAge = new CodeViewInfo(CodeViewInfo.RSDS, pdb.guid(), 0, 3, "amdppm.pdb");
            assertThatThrownBy(() -> pdb.requireMatch(wrongAge)).isInstanceOf(DebugIdMismatchException.class)
                    .hasMessageContaining("1C19FDDB27BB3399D9B45973EFEAFCF33")
                    .hasMessageContaining("1C19FDDB27BB3399D9B45973EFEAFCF31")
                    .hasMessageContaining("DBI age is 1");
        }
        CodeViewInfo other;
        try (PeFile pe = PeFile.open(Fixtures.require("symsrv/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe"))) {
            other = pe.codeView().orElseThrow();
        }
        assertThatThrownBy(() -> PdbFile.openMatching(Fixtures.require("samply/fixtures/win64-ci/WriteArgument.pdb"), other))
                .isInstanceOf(DebugIdMismatchException.class)
                .hasMessageContaining("A62592418D7807494C4C44205044422E1")
                .hasMessageContaining("DF5016E17D4C30144C4C44205044422E1")
                .hasMessageContaining("GUID differs");
    }

    /** MSF details: a stream directory spanning several blocks; the 8192-byte block size; named streams. */
    @Test
    void msfLayouts() throws Exception {
        try (PdbFile pdb = PdbFile.open(Fixtures.require(
                "ms-public-symbols/symstore/amdppm.pdb/1C19FDDB27BB3399D9B45973EFEAFCF31/amdppm.pdb"))) {
            assertThat(pdb.msf().blockSize()).isEqualTo(1024);
            assertThat(pdb.msf().superBlock().numDirectoryBytes()).isGreaterThan(pdb.msf().blockSize());
            assertThat(pdb.msf().streamCount()).isEqualTo(34);
        }
        try (PdbFile pdb = PdbFile.open(Fixtures.require("binskim/Native_x64_VS2022_PDBPageSize_8192.pdb"))) {
            assertThat(pdb.msf().blockSize()).isEqualTo(8192);
            assertThat(pdb.sectionHeaders().get(6).name()).isEqualTo(".msvcjmc"); // 8 bytes, no NUL
        }
        try (PdbFile pdb = PdbFile.open(Fixtures.require(
                "symsrv/ShowSSEConfig.pdb/A62592418D7807494C4C44205044422E1/ShowSSEConfig.pdb"))) {
            assertThat(pdb.info().namedStream("srcsrv")).isEqualTo(51);
            assertThat(pdb.msf().streamSize(51)).isEqualTo(873);
            assertThat(pdb.info().features()).contains(PdbInfo.FEATURE_VC140);
            assertThat(pdb.modules()).hasSize(45);
        }
    }
}
