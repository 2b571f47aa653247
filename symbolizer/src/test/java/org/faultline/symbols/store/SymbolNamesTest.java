package org.faultline.symbols.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SymbolNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"..\\..\\x.pdb", "../../x.pdb", "C:\\Windows\\x.pdb", "\\\\server\\share\\x.pdb",
            "/tmp/x.pdb", "\\\\?\\C:\\x.pdb", "a/b\\c/x.pdb", "x.pdb"})
    void pathsAreReducedToTheirLastComponent(String raw) throws Exception {
        assertThat(SymbolNames.fileName(raw)).isEqualTo("x.pdb");
    }

    @Test
    void etcPasswdBecomesAPlainName() throws Exception {
        assertThat(SymbolNames.fileName("/etc/passwd")).isEqualTo("passwd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON", "con.pdb", "NUL", "nul", "Nul.tar.gz", "AUX.dll", "PRN", "COM1", "com9.sys",
            "LPT1", "lpt1.pdb", "COM\u00B9.pdb", "CONIN$", "conout$.x", "CLOCK$", "C:\\dir\\CON.pdb", "NUL .pdb"})
    void deviceNamesAreRefused(String raw) {
        assertThatThrownBy(() -> SymbolNames.fileName(raw)).isInstanceOf(UnsafeNameException.class)
                .hasMessageContaining("reserved device name");
    }

    @Test
    void otherUnsafeNamesAreRefusedWithAReason() {
        assertRefused("x\u0000.pdb", "NUL character");
        assertRefused("x.pdb\u0000", "NUL character");
        assertRefused("x\n.pdb", "control character U+000A");
        assertRefused("x\u001b[31m.pdb", "control character U+001B");
        assertRefused("x\u0085.pdb", "control character U+0085");
        assertRefused("x.pdb.", "ends with a dot");
        assertRefused("x.pdb ", "starts or ends with a space");
        assertRefused(" x.pdb", "starts or ends with a space");
        assertRefused("C:x.pdb", "contains ':'");
        assertRefused("x.pdb:stream", "contains ':'");
        assertRefused("x?.pdb", "contains '?'");
        assertRefused("x*.pdb", "contains '*'");
        assertRefused("a\\..", "is not a file name");
        assertRefused("..", "is not a file name");
        assertRefused(".", "is not a file name");
        assertRefused("C:\\dir\\", "empty file name");
        assertRefused("", "empty file name");
        assertRefused("x".repeat(300) + ".pdb", "longer than");
        assertRefused("\u00e9".repeat(150), "longer than"); // 150 chars, 300 UTF-8 bytes
        assertRefused("x\uD800.pdb", "unpaired surrogate");
    }

    @Test
    void ordinaryNamesPass() throws Exception {
        for (String ok : new String[] {"ntkrnlmp.pdb", "wntdll.pdb", "ShowSSEConfig.exe", "My App (x64).pdb",
                "con_x.pdb", "console.dll", "COM10.dll", "lpt.sys", ".hidden.pdb", "\u00e9t\u00e9.pdb", "x".repeat(200)}) {
            assertThat(SymbolNames.fileName(ok)).isEqualTo(ok);
        }
    }

    @Test
    void displayEscapesControlCharacters() {
        assertThat(SymbolNames.display("a\u0000b\nc")).isEqualTo("\"a\\u0000b\\u000Ac\"");
        assertThat(SymbolNames.display("x".repeat(300))).contains("(300 chars)");
    }

    private static void assertRefused(String raw, String reason) {
        assertThatThrownBy(() -> SymbolNames.fileName(raw)).as(SymbolNames.display(raw))
                .isInstanceOf(UnsafeNameException.class).hasMessageContaining(reason);
    }
}
