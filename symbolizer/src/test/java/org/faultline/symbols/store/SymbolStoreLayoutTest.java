package org.faultline.symbols.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.faultline.symbols.store.SymbolStoreLayout.Candidate;
import org.faultline.symbols.store.SymbolStoreLayout.Form;
import org.junit.jupiter.api.Test;

class SymbolStoreLayoutTest {

    @Test
    void serverCandidatesArePlainThenCompressedThenFilePtr() throws Exception {
        SymbolKey k = SymbolKey.pdb("crash.pdb", "3249D99D0C4049318610F4E4FB0B6936", 1);
        assertThat(SymbolStoreLayout.serverCandidates(k)).extracting(Candidate::path, Candidate::form).containsExactly(
                org.assertj.core.groups.Tuple.tuple("crash.pdb/3249D99D0C4049318610F4E4FB0B69361/crash.pdb", Form.PLAIN),
                org.assertj.core.groups.Tuple.tuple("crash.pdb/3249D99D0C4049318610F4E4FB0B69361/crash.pd_", Form.COMPRESSED),
                org.assertj.core.groups.Tuple.tuple("crash.pdb/3249D99D0C4049318610F4E4FB0B69361/file.ptr", Form.FILE_PTR));
    }

    @Test
    void symbolicatorPathConventions() throws Exception {
        // crates/symbolicator-sources/src/paths.rs (PROVENANCE §9)
        SymbolKey pdb = SymbolKey.pdb("crash.pdb", "3249D99D0C4049318610F4E4FB0B6936", 1);
        SymbolKey exe = SymbolKey.image("crash.exe", 0x5AB38077L, 0x9000);
        SymbolKey sym = SymbolKey.breakpad("crash.pdb", "3249D99D0C4049318610F4E4FB0B69361");
        assertThat(pdb.relativePath()).isEqualTo("crash.pdb/3249D99D0C4049318610F4E4FB0B69361/crash.pdb");
        assertThat(exe.relativePath()).isEqualTo("crash.exe/5AB380779000/crash.exe");
        assertThat(sym.relativePath()).isEqualTo("crash.pdb/3249D99D0C4049318610F4E4FB0B69361/crash.sym");
        assertThat(SymbolStoreLayout.localCandidates(pdb, true, EnumSet.of(Form.PLAIN)).get(0).path())
                .isEqualTo("cr/crash.pdb/3249D99D0C4049318610F4E4FB0B69361/crash.pdb");
        assertThat(SymbolStoreLayout.localCandidates(exe, true, EnumSet.of(Form.PLAIN)).get(0).path())
                .isEqualTo("cr/crash.exe/5AB380779000/crash.exe");
    }

    @Test
    void compressedNames() {
        assertThat(SymbolStoreLayout.compressedName("x.pdb")).isEqualTo("x.pd_");
        assertThat(SymbolStoreLayout.compressedName("x.dll")).isEqualTo("x.dl_");
        assertThat(SymbolStoreLayout.compressedName("ntoskrnl.exe")).isEqualTo("ntoskrnl.ex_");
        assertThat(SymbolStoreLayout.compressedName("amdppm.sys")).isEqualTo("amdppm.sy_");
        assertThat(SymbolStoreLayout.compressedName("x")).isEqualTo("_");
    }

    @Test
    void localCandidatesTryCaseVariantsInOrder() throws Exception {
        SymbolKey k = SymbolKey.image("AMDPPM.SYS", 0xC9C03000L, 0x3b000);
        var plain = SymbolStoreLayout.localCandidates(k, false, EnumSet.of(Form.PLAIN));
        assertThat(plain).extracting(Candidate::path).containsExactly(
                "AMDPPM.SYS/C9C030003b000/AMDPPM.SYS",
                "AMDPPM.SYS/C9C030003B000/AMDPPM.SYS",
                "AMDPPM.SYS/c9c030003b000/AMDPPM.SYS",
                "amdppm.sys/C9C030003b000/amdppm.sys",
                "amdppm.sys/C9C030003B000/amdppm.sys",
                "amdppm.sys/c9c030003b000/amdppm.sys");
        var all = SymbolStoreLayout.localCandidates(k, false, EnumSet.allOf(Form.class));
        assertThat(all).hasSize(18);
        assertThat(all.get(6).form()).isEqualTo(Form.COMPRESSED);
        assertThat(all.get(17).path()).isEqualTo("amdppm.sys/c9c030003b000/file.ptr");
    }

    @Test
    void index2PrefixThatWouldBeDotDotIsSkipped() throws Exception {
        SymbolKey k = SymbolKey.of("..x.pdb", "AB");
        assertThat(SymbolStoreLayout.localCandidates(k, true, EnumSet.of(Form.PLAIN)))
                .extracting(Candidate::path).doesNotContain("../..x.pdb/AB/..x.pdb").contains("..x.pdb/AB/..x.pdb");
    }

    @Test
    void flatFolderCandidatesFollowDbgHelp() throws Exception {
        SymbolKey k = SymbolKey.pdb("boo.dll", "3249D99D0C4049318610F4E4FB0B6936", 1);
        assertThat(SymbolStoreLayout.flatCandidates(k)).extracting(Candidate::path)
                .containsExactly("boo.dll", "dll/boo.dll", "symbols/dll/boo.dll");
    }
}
