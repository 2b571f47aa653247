package org.faultline.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.pdb.PdbFile;
import org.faultline.symbols.pe.CodeViewInfo;
import org.faultline.symbols.pe.PeFile;
import org.junit.jupiter.api.Test;

/** The shared API, CodeView records built by hand, and files that must be refused. */
class ApiAndEdgeCasesTest {

    @Test
    void chainAsksTablesInOrder() {
        Symbol pdb = new Symbol("fromPdb", 0x100, 0x10, Symbol.Kind.PROCEDURE, null);
        Symbol export = new Symbol("fromExports", 0x80, Symbol.UNKNOWN_SIZE, Symbol.Kind.EXPORT, null);
        SymbolTable first = rva -> rva < 0x110 && rva >= 0x100 ? Optional.of(pdb) : Optional.empty();
        SymbolTable second = rva -> Optional.of(export);
        SymbolTable chain = SymbolTable.chain(List.of(first, SymbolTable.empty(), second));
        assertThat(chain.lookup(0x104)).contains(pdb);
        assertThat(chain.lookup(0x200)).contains(export);
        assertThat(SymbolTable.chain(List.of()).lookup(0)).isEmpty();
        assertThat(pdb.display(0x104)).isEqualTo("fromPdb+0x4");
        assertThat(pdb.display(0x100)).isEqualTo("fromPdb");
        assertThat(pdb.covers(0x10f)).isTrue();
        assertThat(pdb.covers(0x110)).isFalse();
        assertThat(export.covers(0x80)).isFalse();
        assertThat(export.sizeIfKnown()).isEmpty();
    }

    private static byte[] codeView(String sig, byte[] body, String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + body.length + name.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put(sig.getBytes(StandardCharsets.US_ASCII)).put(body).put(name).put((byte) 0);
        return b.array();
    }

    @Test
    void codeViewRecords() throws Exception {
        // NB10: offset 0, signature 0x3A2B1C0D, age 0x1F, path (PDB 2.0 key: %08X signature then %X age)
        ByteBuffer nb10 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(0x3A2B1C0D).putInt(0x1F);
        byte[] raw = codeView("NB10", nb10.array(), "c:\\build\\old.pdb");
        CodeViewInfo cv = CodeViewInfo.read(new ArrayByteSource(raw).cursor("CodeView", 0, raw.length));
        assertThat(cv.signature()).isEqualTo(CodeViewInfo.NB10);
        assertThat(cv.guid()).isNull();
        assertThat(cv.debugId()).isEqualTo("3A2B1C0D1F");
        assertThat(cv.pdbFileName()).isEqualTo("old.pdb");

        // RSDS with GUID {00112233-4455-6677-8899-AABBCCDDEEFF}, age 10
        ByteBuffer rsds = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(0x00112233)
                .putShort((short) 0x4455).putShort((short) 0x6677)
                .put(new byte[] {(byte) 0x88, (byte) 0x99, (byte) 0xAA, (byte) 0xBB, (byte) 0xCC, (byte) 0xDD,
                    (byte) 0xEE, (byte) 0xFF}).putInt(10);
        raw = codeView("RSDS", rsds.array(), "/tmp/x.pdb");
        cv = CodeViewInfo.read(new ArrayByteSource(raw).cursor("CodeView", 0, raw.length));
        assertThat(cv.debugId()).isEqualTo("00112233445566778899AABBCCDDEEFFA");
        assertThat(cv.pdbFileName()).isEqualTo("x.pdb");

        byte[] other = codeView("XXXX", new byte[0], "");
        assertThatThrownBy(() -> CodeViewInfo.read(new ArrayByteSource(other).cursor("CodeView", 0, other.length)))
                .isInstanceOf(DumpFormatException.UnsupportedFormat.class).hasMessageContaining("@0x0");
    }

    /** PROVENANCE §2 and §9: a portable PDB (BSJB) and a CAB named .pdb are not MSF files. */
    @Test
    void nonMsfPdbsAreRefused() {
        // Look the fixtures up first: without ../shared, Fixtures.require skips the test (an assumption), which
        // must not happen inside assertThatThrownBy, where it would count as the expected throw or a failure.
        java.nio.file.Path portable = Fixtures.require("symbolic/windows/portable.pdb");
        java.nio.file.Path crashPdb = Fixtures.require(
                "symbolicator/tests/fixtures/symbols/crash.pdb/3249D99D0C4049318610F4E4FB0B69361/crash.pdb");
        java.nio.file.Path notAnImage = Fixtures.require("symbolic/windows/crash.pdb");
        assertThatThrownBy(() -> PdbFile.open(portable))
                .isInstanceOf(DumpFormatException.BadSignature.class);
        assertThatThrownBy(() -> PdbFile.open(crashPdb))
                .isInstanceOf(DumpFormatException.BadSignature.class);
        assertThatThrownBy(() -> PeFile.open(notAnImage))
                .isInstanceOf(DumpFormatException.BadSignature.class).hasMessageContaining("not MZ");
        assertThatThrownBy(() -> PdbFile.read(new ArrayByteSource(new byte[10])))
                .isInstanceOf(DumpFormatException.class);
    }

    /** An image read from memory (a dump's copy): RVA = offset, no certificate table. */
    @Test
    void mappedLayout() throws Exception {
        byte[] file = Fixtures.bytes("binskim/PassDB64.dll");
        try (PeFile pe = PeFile.read(new ArrayByteSource(file), PeFile.Layout.MAPPED)) {
            assertThat(pe.fileOffsetOf(0x1000)).hasValue(0x1000);
            assertThat(pe.certificates()).isEmpty();
        }
    }
}
