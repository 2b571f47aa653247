package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.faultline.dump.ModuleInfo;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.minidump.Layout;
import org.faultline.samples.minidump.ModuleSpec;
import org.faultline.samples.minidump.StreamType;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.SystemInfoSpec;
import org.faultline.samples.minidump.UnloadedModuleSpec;
import org.faultline.samples.minidump.WrittenDump;
import org.junit.jupiter.api.Test;

/** ModuleList (names, versions, CodeView identities) and UnloadedModuleList, read back as written. */
class SynthModulesTest {
    private static final String APP_GUID = "{971F98E5-CE60-41FF-B2D7-235BBEB34578}";
    private static final String UNICODE_PATH = "C:\\Users\\J\u00fcrgen\\AppData\\Local\\Temp\\\u00fcn\u00efc\u00f8d\u00e9.dll";

    private static SynthMinidump fourModules() {
        byte[] elf = new LeWriter().bytes(new byte[] {'L', 'E', 'p', 'B'}).bytes(Synth.pattern(20, 0)).toByteArray();
        return SynthMinidump.create().systemInfo(SystemInfoSpec.amd64())
                .module(ModuleSpec.of(0x7FF6_0000_0000L, 0x8000, "C:\\app\\app.exe").checksum(0x1_2345)
                        .timestamp(0x6500_ABCDL).fileVersion(1, 2, 3, 4).productVersion(1, 2, 0, 0)
                        .fileFlags(0x3F, 0x1).fileKind(0x40004, 1, 0).fileDate(0x0000_0001_0000_0002L)
                        .rsds(APP_GUID, 0x1A, "app.pdb").miscExeName("app.exe"))
                .module(ModuleSpec.of(0x7FFA_0000_0000L, 0x1F_0000, "C:\\Windows\\System32\\ntdll.dll")
                        .fileVersion(10, 0, 22621, 2506).nb10(0x3B7D_8410L, 2, "ntdll.pdb"))
                .module(ModuleSpec.of(0x1000_0000L, 0x2_0000, UNICODE_PATH).timestamp(0xFFFF_FFFFL))
                .module(ModuleSpec.of(0x5555_0000_0000L, 0x1_2000, "/usr/lib/libc.so.6").cvRecord(elf));
    }

    @Test
    void modulesInTheSharedModel() {
        Minidump dump = Synth.read(fourModules());
        assertThat(dump.modules()).containsExactly(
                new ModuleInfo("C:\\app\\app.exe", 0x7FF6_0000_0000L, 0x8000, 0x6500_ABCDL, 0x1_2345, "1.2.3.4",
                        "app.pdb", "971F98E5CE6041FFB2D7235BBEB345781A", "6500ABCD8000"),
                new ModuleInfo("C:\\Windows\\System32\\ntdll.dll", 0x7FFA_0000_0000L, 0x1F_0000, 0, 0, "10.0.22621.2506",
                        "ntdll.pdb", "3B7D84102", "000000001f0000"),
                new ModuleInfo(UNICODE_PATH, 0x1000_0000L, 0x2_0000, 0xFFFF_FFFFL, 0, null, null, null, "FFFFFFFF20000"),
                // Breakpad's convention for ELF build ids: the first 16 bytes as a GUID, age 0.
                new ModuleInfo("/usr/lib/libc.so.6", 0x5555_0000_0000L, 0x1_2000, 0, 0, null, null,
                        "030201000504070608090A0B0C0D0E0F0", "0000000012000"));
        assertThat(dump.modules().get(0).name()).isEqualTo("app.exe");
        assertThat(dump.modules().get(2).name()).isEqualTo("\u00fcn\u00efc\u00f8d\u00e9.dll");
        assertThat(dump.modules().get(3).name()).isEqualTo("libc.so.6");
        assertThat(dump.moduleAt(0x7FF6_0000_7FFFL)).hasValueSatisfying(m -> assertThat(m.base()).isEqualTo(0x7FF6_0000_0000L));
        assertThat(dump.moduleAt(0x7FF6_0000_8000L)).isEmpty();
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void rawModuleEntries() {
        WrittenDump w = fourModules().build();
        Layout layout = w.layout();
        List<MinidumpModule> raw = Synth.read(w).moduleList();
        assertThat(raw).hasSize(4);

        MinidumpModule app = raw.get(0);
        assertThat(app.baseOfImage()).isEqualTo(0x7FF6_0000_0000L);
        assertThat(app.sizeOfImage()).isEqualTo(0x8000);
        assertThat(app.checksum()).isEqualTo(0x1_2345);
        assertThat(app.timeDateStamp()).isEqualTo(0x6500_ABCDL);
        assertThat(app.moduleNameRva()).isEqualTo(layout.region("module[0].name").offset());
        assertThat(app.cvRecordRva()).isEqualTo(layout.region("module[0].cv").offset());
        assertThat(app.cvRecordSize()).isEqualTo(layout.region("module[0].cv").size()).isEqualTo(24 + 8);
        assertThat(app.miscRecordRva()).isEqualTo(layout.region("module[0].misc").offset());
        assertThat(app.miscRecordSize()).isEqualTo(layout.region("module[0].misc").size()).isEqualTo(20);
        assertThat(app.versionInfo()).isEqualTo(new VsFixedFileInfo(0xFEEF_04BDL, 0x0001_0000L, 0x0001_0002L,
                0x0003_0004L, 0x0001_0002L, 0, 0x3F, 0x1, 0x40004, 1, 0, 1, 2));

        CodeViewRecord cv = app.codeView();
        assertThat(cv.signature()).isEqualTo(0x5344_5352L);
        assertThat(cv.guid().toString()).isEqualTo("971f98e5-ce60-41ff-b2d7-235bbeb34578");
        assertThat(cv.guid().toCompactHex()).isEqualTo("971F98E5CE6041FFB2D7235BBEB34578");
        assertThat(cv.age()).isEqualTo(0x1A);
        assertThat(cv.pdbFileName()).isEqualTo("app.pdb");
        assertThat(cv.debugId()).isEqualTo("971F98E5CE6041FFB2D7235BBEB345781A");

        CodeViewRecord nb10 = raw.get(1).codeView();
        assertThat(nb10.signature()).isEqualTo(0x3031_424EL);
        assertThat(nb10.guid()).isNull();
        assertThat(nb10.pdb20Signature()).isEqualTo(0x3B7D_8410L);
        assertThat(nb10.age()).isEqualTo(2);
        assertThat(nb10.pdbFileName()).isEqualTo("ntdll.pdb");
        assertThat(raw.get(1).versionInfo().fileVersion()).isEqualTo("10.0.22621.2506");
        assertThat(raw.get(1).miscRecordSize()).isZero();

        assertThat(raw.get(2).codeView()).isNull();
        assertThat(raw.get(2).cvRecordSize()).isZero();
        assertThat(raw.get(2).versionInfo().signature()).isZero();
        assertThat(raw.get(2).versionInfo().fileVersion()).isNull();

        CodeViewRecord elf = raw.get(3).codeView();
        assertThat(elf.signature()).isEqualTo(0x4270_454CL);
        assertThat(elf.buildId()).isEqualTo(Synth.pattern(20, 0));
        assertThat(elf.pdbFileName()).isNull();
    }

    @Test
    void moduleListPaddingQuirk() {
        WrittenDump w = SynthMinidump.create().moduleListPadding()
                .module(ModuleSpec.of(0x40_0000, 0x1_0000, "a.exe").timestamp(0x1111_1111L))
                .module(ModuleSpec.of(0x7000_0000L, 0x2_0000, "b.dll").timestamp(0x2222_2222L).fileVersion(5, 1, 2600, 0))
                .build();
        assertThat(w.layout().stream(StreamType.MODULE_LIST).dataSize()).isEqualTo(8 + 2 * 108);
        Minidump dump = Synth.read(w);
        assertThat(dump.modules()).extracting(ModuleInfo::path).containsExactly("a.exe", "b.dll");
        assertThat(dump.modules()).extracting(ModuleInfo::base).containsExactly(0x40_0000L, 0x7000_0000L);
        assertThat(dump.modules()).extracting(ModuleInfo::codeId).containsExactly("1111111110000", "2222222220000");
        assertThat(dump.modules()).extracting(ModuleInfo::version).containsExactly(null, "5.1.2600.0");
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void unloadedModules() {
        WrittenDump w = SynthMinidump.create()
                .unloadedModule(new UnloadedModuleSpec(0x7FFB_0000_0000L, 0x3000, 7, 0x1234, "C:\\gone\\gone.dll"))
                .unloadedModule(new UnloadedModuleSpec(0x6000_0000L, 0x1_5000, 0, 0xABCD_EF01L, "plugin-\u00e9t\u00e9.dll"))
                .build();
        Minidump dump = Synth.read(w);
        assertThat(dump.unloadedModules()).containsExactly(
                new ModuleInfo("C:\\gone\\gone.dll", 0x7FFB_0000_0000L, 0x3000, 0x1234, 7, null, null, null, "000012343000"),
                new ModuleInfo("plugin-\u00e9t\u00e9.dll", 0x6000_0000L, 0x1_5000, 0xABCD_EF01L, 0, null, null, null,
                        "ABCDEF0115000"));
        assertThat(dump.unloadedModuleList()).extracting(MinidumpUnloadedModule::moduleNameRva).containsExactly(
                w.layout().region("unloadedModule[0].name").offset(), w.layout().region("unloadedModule[1].name").offset());
        assertThat(dump.modules()).isEmpty();
        assertThat(dump.diagnostics()).isEmpty();
    }
}
