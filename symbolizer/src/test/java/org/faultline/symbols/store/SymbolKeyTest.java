package org.faultline.symbols.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.faultline.dump.io.Guid;
import org.junit.jupiter.api.Test;

class SymbolKeyTest {

    @Test
    void pdbKeyFromAnRsdsGuid() throws Exception {
        // amdppm.pdb: RSDS GUID 1C19FDDB-27BB-3399-D9B4-5973EFEAFCF3, age 1 (PROVENANCE §10)
        Guid g = new Guid(0x1C19FDDBL, 0x27BB, 0x3399,
                new byte[] {(byte) 0xD9, (byte) 0xB4, 0x59, 0x73, (byte) 0xEF, (byte) 0xEA, (byte) 0xFC, (byte) 0xF3});
        SymbolKey k = SymbolKey.pdb("d:\\os\\obj\\amd64fre\\amdppm.pdb", g, 1);
        assertThat(k.relativePath()).isEqualTo("amdppm.pdb/1C19FDDB27BB3399D9B45973EFEAFCF31/amdppm.pdb");
        assertThat(k.kind()).isEqualTo(SymbolKey.Kind.PDB);
        // user32: age 2; the age is hex without padding
        assertThat(SymbolKey.pdb("user32.pdb", "15f778b3671d4efdbdcde79905308b79", 2).index())
                .isEqualTo("15F778B3671D4EFDBDCDE79905308B792");
        assertThat(SymbolKey.pdb("x.pdb", "15F778B3671D4EFDBDCDE79905308B79", 0x1A).index()).endsWith("1A");
        assertThat(SymbolKey.pdbNb10("old.pdb", 0x3A1B2C, 3).index()).isEqualTo("003A1B2C3");
    }

    @Test
    void imageKeyIsUpperTimestampLowerSize() throws Exception {
        assertThat(SymbolKey.image("ShowSSEConfig.exe", 0x63E6C7F7L, 0x8000).relativePath())
                .isEqualTo("ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe");
        assertThat(SymbolKey.image("\\SystemRoot\\System32\\drivers\\amdppm.sys", 0xC9C03000L, 0x3b000).index())
                .isEqualTo("C9C030003b000");
        assertThat(SymbolKey.image("a.dll", 0x1234, 0xABCDE).index()).isEqualTo("00001234abcde");
    }

    @Test
    void breakpadKeyNamesTheSymFile() throws Exception {
        SymbolKey k = SymbolKey.breakpad("c:\\test_app.pdb", "5A9832E5287241C1838ED98914E9B7FF1");
        assertThat(k.relativePath()).isEqualTo("test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym");
        assertThat(SymbolKey.breakpad("crash.pdb", "3249d99d-0c40-4931-8610-f4e4fb0b6936-1").index())
                .isEqualTo("3249D99D0C4049318610F4E4FB0B69361");
        assertThat(SymbolKey.breakpad("libxul.so", "ABCDEF01").fileName()).isEqualTo("libxul.so.sym");
    }

    @Test
    void badIndexesAndValuesAreRefused() {
        assertThatThrownBy(() -> SymbolKey.pdb("x.pdb", "1234", 1)).isInstanceOf(UnsafeNameException.class)
                .hasMessageContaining("32 hex digits");
        assertThatThrownBy(() -> SymbolKey.pdb("x.pdb", "../".repeat(10) + "..", 1))
                .isInstanceOf(UnsafeNameException.class).hasMessageContaining("not hexadecimal");
        assertThatThrownBy(() -> SymbolKey.image("x.dll", -1, 5)).isInstanceOf(UnsafeNameException.class);
        assertThatThrownBy(() -> SymbolKey.image("x.dll", 1, 1L << 32)).isInstanceOf(UnsafeNameException.class);
        assertThatThrownBy(() -> SymbolKey.of("x.dll", "12/34")).isInstanceOf(UnsafeNameException.class);
        assertThatThrownBy(() -> SymbolKey.of("x.dll", "１２")).isInstanceOf(UnsafeNameException.class);
        assertThatThrownBy(() -> SymbolKey.of("x.dll", "A".repeat(49))).isInstanceOf(UnsafeNameException.class);
        assertThatThrownBy(() -> SymbolKey.breakpad("x.pdb", "")).isInstanceOf(UnsafeNameException.class);
    }

    @Test
    void equalityIsByAllParts() throws Exception {
        assertThat(SymbolKey.of("a.pdb", "AB")).isEqualTo(SymbolKey.of("C:\\x\\a.pdb", "AB"))
                .isNotEqualTo(SymbolKey.of("a.pdb", "ab"));
    }
}
