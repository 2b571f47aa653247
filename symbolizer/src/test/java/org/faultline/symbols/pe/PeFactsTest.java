package org.faultline.symbols.pe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PE facts quoted in {@code symbol-fixtures/PROVENANCE.md} and {@code _tools/oracle-summary.json}, and the
 * version resource and certificate table.
 */
class PeFactsTest {

    static Stream<Map.Entry<String, JsonNode>> images() {
        return Fixtures.summaryEntries("PE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void identityMatchesOracleSummary(Map.Entry<String, JsonNode> entry) throws Exception {
        JsonNode o = entry.getValue();
        try (PeFile pe = PeFile.open(Fixtures.require(entry.getKey()))) {
            int machine = switch (o.path("machine").asText()) {
                case "IMAGE_FILE_MACHINE_I386" -> ImageFileHeader.MACHINE_I386;
                case "IMAGE_FILE_MACHINE_AMD64" -> ImageFileHeader.MACHINE_AMD64;
                case "IMAGE_FILE_MACHINE_ARM64" -> ImageFileHeader.MACHINE_ARM64;
                case "IMAGE_FILE_MACHINE_ARMNT" -> ImageFileHeader.MACHINE_ARMNT;
                default -> -1;
            };
            assertThat(pe.machine()).isEqualTo(machine);
            long timestamp = Long.parseLong(o.path("timestamp").asText().substring(2), 16);
            long sizeOfImage = Long.parseLong(o.path("size_of_image").asText());
            assertThat(pe.timeDateStamp()).isEqualTo(timestamp);
            assertThat(pe.sizeOfImage()).isEqualTo(sizeOfImage);
            assertThat(pe.codeId()).isEqualTo(String.format("%08X%x", timestamp, sizeOfImage));
            assertThat(pe.optionalHeader().imageBase())
                    .isEqualTo(Long.parseUnsignedLong(o.path("image_base").asText().substring(2), 16));
            if (o.has("rsds_guid")) {
                CodeViewInfo cv = pe.codeView().orElseThrow();
                assertThat(cv.guid().toString().toUpperCase(Locale.ROOT)).isEqualTo(o.path("rsds_guid").asText());
                assertThat(cv.age()).isEqualTo(o.path("rsds_age").asLong());
                assertThat(cv.pdbPath()).isEqualTo(o.path("rsds_path").asText());
            } else {
                assertThat(pe.codeView()).isEmpty();
            }
            assertThat(pe.exports().map(t -> t.functions().size()).orElse(0)).isEqualTo(o.path("exports").asInt());
        }
    }

    @Test
    void showSseConfigMatchesItsSymbolStoreKeys() throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require("symsrv/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe"))) {
            assertThat(pe.ntHeadersOffset()).isEqualTo(0x78);
            assertThat(pe.isPe32Plus()).isTrue();
            assertThat(pe.codeId()).isEqualTo("63E6C7F78000");
            assertThat(pe.optionalHeader().addressOfEntryPoint()).isEqualTo(0x1480);
            CodeViewInfo cv = pe.codeView().orElseThrow();
            assertThat(cv.debugId()).isEqualTo("A62592418D7807494C4C44205044422E1");
            assertThat(cv.pdbFileName()).isEqualTo("ShowSSEConfig.pdb");
        }
    }

    @Test
    void symbolicPeFacts() throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require("symbolic/windows/crash.exe"))) {
            assertThat(pe.codeId()).isEqualToIgnoringCase("5ab380779000");
            assertThat(pe.codeView().orElseThrow().guid()).hasToString("3249d99d-0c40-4931-8610-f4e4fb0b6936");
            assertThat(pe.codeView().orElseThrow().age()).isEqualTo(1);
            assertThat(pe.codeView().orElseThrow().pdbPath())
                    .isEqualTo("C:\\projects\\breakpad-tools\\windows\\Release\\crash.pdb");
            assertThat(pe.optionalHeader().imageBase()).isEqualTo(0x400000);
            assertThat(pe.isPe32Plus()).isFalse();
            assertThat(pe.x64ExceptionTable()).isEmpty();
        }
        try (PeFile pe = PeFile.open(Fixtures.require("symbolic/windows/CrashWithException.exe"))) {
            assertThat(pe.codeId()).isEqualToIgnoringCase("5c9e09599000");
            assertThat(pe.codeView().orElseThrow().guid()).hasToString("f535c5fb-2ae8-4bb8-aa20-6c30be566c5a");
            assertThat(pe.optionalHeader().imageBase()).isEqualTo(0x140000000L);
            assertThat(pe.x64ExceptionTable()).isPresent(); // has_unwind_info: true
        }
        try (PeFile pe = PeFile.open(Fixtures.require("symbolic/windows/arm64/test.exe"))) {
            assertThat(pe.machine()).isEqualTo(ImageFileHeader.MACHINE_ARM64);
            assertThat(pe.codeId()).isEqualTo("69FE3F7D37000");
            assertThat(pe.codeView()).isEmpty();
            assertThat(pe.debugDirectories()).extracting(ImageDebugDirectory::type)
                    .containsOnly(ImageDebugDirectory.TYPE_POGO);
        }
        try (PeFile pe = PeFile.open(Fixtures.require("symbolic/windows/integration.dll"))) {
            assertThat(pe.optionalHeader().dataDirectory(ImageDataDirectory.CLR_HEADER).present()).isTrue();
            assertThat(pe.timeDateStamp()).isEqualTo(0xAADADA8FL);
        }
    }

    @Test
    void breakpadPeFacts() throws Exception {
        String dir = "breakpad/src/tools/windows/dump_syms/testdata/";
        try (PeFile pe = PeFile.open(Fixtures.require(dir + "dump_syms_regtest64.exe"))) {
            assertThat(pe.codeId()).isEqualToIgnoringCase("589DFD111A000"); // INFO CODE_ID, upper case there
            assertThat(pe.codeView().orElseThrow().debugId()).isEqualTo("72E103A85CB249078B76B2E7C06257B13");
            assertThat(pe.optionalHeader().addressOfEntryPoint()).isEqualTo(0x1368);
        }
        try (PeFile pe = PeFile.open(Fixtures.require(dir + "pe_only_symbol_test.dll"))) {
            assertThat(pe.codeId()).isEqualTo("5C8AD05F12000");
            assertThat(pe.codeView().orElseThrow().debugId()).isEqualTo("2A5EAB481FAB4A17A9761CDC14FE531A1");
            assertThat(pe.codeView().orElseThrow().pdbFileName()).isEqualTo("pe_only_symbol_test.pdb");
            assertThat(pe.exports()).isEmpty();
        }
    }

    @Test
    void amdppmImageIsKeyedLikeItsStoreDirectories() throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require("ms-public-symbols/symstore/amdppm.sys/c9c030003b000/amdppm.sys"))) {
            assertThat(pe.codeId()).isEqualToIgnoringCase("c9c030003b000"); // the store directory is lower case
            assertThat(pe.codeView().orElseThrow().debugId()).isEqualTo("1C19FDDB27BB3399D9B45973EFEAFCF31");
            assertThat(pe.codeView().orElseThrow().pdbFileName()).isEqualTo("amdppm.pdb");
            assertThat(pe.optionalHeader().addressOfEntryPoint()).isEqualTo(0x27A0);
        }
    }

    @Test
    void user32ExportsForwardersAndOmapCrossCheckedRvas() throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require("ms-public-symbols/rizin-testbins/user32.dll"))) {
            ExportTable t = pe.exports().orElseThrow();
            assertThat(t.dllName()).isEqualTo("USER32.dll");
            assertThat(t.named()).hasSize(830);
            assertThat(t.named()).filteredOn(f -> !f.isForwarder()).hasSize(826); // PROVENANCE: 826 named exports
            assertThat(t.functions()).filteredOn(ExportedFunction::isForwarder)
                    .extracting(ExportedFunction::name, ExportedFunction::forwarder)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("DefDlgProcA", "NTDLL.NtdllDialogWndProc_A"),
                            org.assertj.core.groups.Tuple.tuple("DefDlgProcW", "NTDLL.NtdllDialogWndProc_W"),
                            org.assertj.core.groups.Tuple.tuple("DefWindowProcA", "NTDLL.NtdllDefWindowProc_A"),
                            org.assertj.core.groups.Tuple.tuple("DefWindowProcW", "NTDLL.NtdllDefWindowProc_W"));
            Map<String, Long> expected = Map.of("MessageBoxW", 0x711E4L, "MessageBoxA", 0x71188L,
                    "CreateWindowExW", 0x12C30L, "GetMessageW", 0x1C934L, "DispatchMessageW", 0x1C69CL,
                    "wsprintfW", 0x236BCL);
            expected.forEach((name, rva) -> assertThat(t.named()).filteredOn(f -> f.name().equals(name))
                    .extracting(ExportedFunction::rva).containsExactly(rva));
            // Exports as a last-resort symbol source: inside MessageBoxW, never a forwarder.
            Symbol s = t.lookup(0x711E4 + 0x10).orElseThrow();
            assertThat(s.name()).isEqualTo("MessageBoxW");
            assertThat(s.kind()).isEqualTo(Symbol.Kind.EXPORT);
            assertThat(s.offsetOf(0x711E4 + 0x10)).isEqualTo(0x10);
            assertThat(t.lookup(0x10)).isEmpty(); // in the headers, not in a section with exports
        }
    }

    @Test
    void softokn3OrdinalBaseZero() throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require("samply/fixtures/win64-ci/softokn3.dll"))) {
            ExportTable t = pe.exports().orElseThrow();
            assertThat(t.directory().ordinalBase()).isZero();
            assertThat(t.directory().numberOfFunctions()).isEqualTo(11);
            assertThat(t.directory().numberOfNames()).isEqualTo(10);
            ExportedFunction first = t.functions().get(0);
            assertThat(first.ordinal()).isZero();
            assertThat(first.rva()).isZero();
            assertThat(first.name()).isNull();
            assertThat(t.named()).extracting(ExportedFunction::name, ExportedFunction::rva).contains(
                    org.assertj.core.groups.Tuple.tuple("C_GetFunctionList", 0xF1B0L),
                    org.assertj.core.groups.Tuple.tuple("FC_GetFunctionList", 0x56A0L),
                    org.assertj.core.groups.Tuple.tuple("NSC_GetFunctionList", 0xF1B0L));
            // Two names on one address: the lookup answers with the alphabetically first.
            assertThat(t.lookup(0xF1B0).orElseThrow().name()).isEqualTo("C_GetFunctionList");
        }
    }

    /**
     * Version strings as {@code strings -el} (GNU binutils) shows them in the files; the fixed file info as
     * {@code FileVersion}'s leading numbers.
     */
    @Test
    void versionResources() throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require("ms-public-symbols/symstore/amdppm.sys/c9c030003b000/amdppm.sys"))) {
            VersionInfo v = pe.versionInfo().orElseThrow();
            assertThat(v.companyName()).contains("Microsoft Corporation");
            assertThat(v.productName()).contains("Microsoft\u00AE Windows\u00AE Operating System");
            assertThat(v.fileVersion()).contains("10.0.19041.1110 (WinBuild.160101.0800)");
            assertThat(v.fileDescription()).contains("Processor Device Driver");
            assertThat(v.originalFilename()).contains("amdppm.sys");
            assertThat(v.tables()).extracting(VersionInfo.StringTable::key).containsExactly("040904B0");
            assertThat(v.fixed().fileVersion()).isEqualTo("10.0.19041.1110");
        }
        try (PeFile pe = PeFile.open(Fixtures.require("ms-public-symbols/rizin-testbins/user32.dll"))) {
            VersionInfo v = pe.versionInfo().orElseThrow();
            assertThat(v.companyName()).contains("Microsoft Corporation");
            assertThat(v.fileDescription()).contains("Multi-User Windows USER API Client DLL");
            assertThat(v.fileVersion()).contains("6.1.7600.16385 (win7_rtm.090713-1255)");
            assertThat(v.originalFilename()).contains("user32");
            assertThat(v.fixed().fileVersion()).isEqualTo("6.1.7600.16385");
        }
        try (PeFile pe = PeFile.open(Fixtures.require("samply/fixtures/win64-ci/softokn3.dll"))) {
            VersionInfo v = pe.versionInfo().orElseThrow();
            assertThat(v.companyName()).contains("Mozilla Foundation");
            assertThat(v.productName()).contains("Firefox Nightly");
            assertThat(v.fileVersion()).contains("78.0a1");
            assertThat(v.fileDescription()).contains("");
            assertThat(v.originalFilename()).contains("softokn3.dll");
        }
        try (PeFile pe = PeFile.open(Fixtures.require("symbolic/windows/integration.dll"))) {
            VersionInfo v = pe.versionInfo().orElseThrow();
            assertThat(v.fileVersion()).contains("3.19.0.0");
            assertThat(v.originalFilename()).contains("foo.dll");
        }
        try (PeFile pe = PeFile.open(Fixtures.require("symsrv/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe"))) {
            assertThat(pe.versionInfo()).isEmpty(); // no resource directory
            assertThat(pe.diagnostics()).isEmpty();
        }
    }

    /** Certificate tables as the llvm-readobj oracles give them (CertificateTableRVA/Size: a file offset). */
    @Test
    void authenticodePresence() throws Exception {
        record Signed(String file, long offset, long size) {
        }
        for (Signed s : new Signed[] {
            new Signed("ms-public-symbols/symstore/amdppm.sys/c9c030003b000/amdppm.sys", 0x31800, 0x2140),
            new Signed("binskim/Native_x64_VS2013_KernelModeDriver.sys", 0x2E00, 0x688),
            new Signed("binskim/Native_x86_VS2013_KernelModeDriver.sys", 0x2200, 0x670)}) {
            try (PeFile pe = PeFile.open(Fixtures.require(s.file))) {
                assertThat(pe.hasAuthenticodeSignature()).as(s.file).isTrue();
                WinCertificate c = pe.certificates().get(0);
                assertThat(c.offset()).isEqualTo(s.offset);
                assertThat(c.length()).isEqualTo(s.size);
                assertThat(c.revision()).isEqualTo(0x200);
                assertThat(c.certificateType()).isEqualTo(WinCertificate.TYPE_PKCS_SIGNED_DATA);
            }
        }
        for (String unsigned : new String[] {"ms-public-symbols/rizin-testbins/user32.dll",
            "binskim/PassDB64.dll", "samply/fixtures/win64-ci/softokn3.dll"}) {
            try (PeFile pe = PeFile.open(Fixtures.require(unsigned))) {
                assertThat(pe.hasAuthenticodeSignature()).as(unsigned).isFalse();
                assertThat(pe.certificates()).isEmpty();
            }
        }
    }

    @Test
    void rvaToFileOffset() throws Exception {
        // amdppm.sys .text: VirtualAddress 0x1000, PointerToRawData 0x400 (llvm-readobj oracle)
        try (PeFile pe = PeFile.open(Fixtures.require("ms-public-symbols/symstore/amdppm.sys/c9c030003b000/amdppm.sys"))) {
            assertThat(pe.fileOffsetOf(0x1000)).hasValue(0x400);
            assertThat(pe.fileOffsetOf(0x334c)).hasValue(0x334c - 0x1000 + 0x400);
            assertThat(pe.fileOffsetOf(0x10)).hasValue(0x10); // headers map 1:1
            assertThat(pe.sectionAt(0x334c).orElseThrow().name()).isEqualTo(".text");
            assertThat(pe.fileOffsetOf(0x3b000 + 0x1000)).isEmpty(); // past the image
        }
        // .textbss has no raw data at all: its bytes are not in the file
        try (PeFile pe = PeFile.open(Fixtures.require("binskim/Native_x64_VS2022_PDBPageSize_8192.exe"))) {
            assertThat(pe.sectionAt(0x1000).orElseThrow().name()).isEqualTo(".textbss");
            assertThat(pe.fileOffsetOf(0x1000)).isEmpty();
            assertThat(pe.sections().get(6).name()).isEqualTo(".msvcjmc"); // 8 bytes, no NUL
        }
    }
}
