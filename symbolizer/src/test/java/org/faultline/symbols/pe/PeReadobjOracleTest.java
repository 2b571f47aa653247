package org.faultline.symbols.pe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.faultline.dump.io.Guid;
import org.faultline.samples.Corpus;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.LlvmText;
import org.faultline.symbols.LlvmText.Block;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PE fixture against its {@code <pe>.llvm-readobj.txt} oracle (llvm-readobj 16: file headers, sections,
 * debug directory, exports): all header fields it prints, every section, every debug entry with its CodeView
 * record, and every export entry.
 */
class PeReadobjOracleTest {

    static Stream<String> oracles() throws IOException {
        var root = Corpus.symbolFixture("");
        if (root.isEmpty()) {
            return Stream.of("(fixtures absent).llvm-readobj.txt");
        }
        try (Stream<Path> files = Files.walk(root.get())) {
            return files.map(p -> root.get().relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".llvm-readobj.txt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("oracles")
    void headersSectionsDebugAndExportsMatchLlvmReadobj(String oracle) throws Exception {
        Path oraclePath = Fixtures.require(oracle);
        Path pePath = Fixtures.require(oracle.substring(0, oracle.length() - ".llvm-readobj.txt".length()));
        Block root = LlvmText.parse(Fixtures.lines(oraclePath));
        try (PeFile pe = PeFile.open(pePath)) {
            Block fh = root.first("ImageFileHeader");
            assertThat(pe.machine()).isEqualTo((int) fh.number("Machine"));
            assertThat(pe.sections()).hasSize((int) fh.number("SectionCount"));
            assertThat(pe.timeDateStamp()).isEqualTo(fh.number("TimeDateStamp"));
            assertThat(pe.fileHeader().sizeOfOptionalHeader()).isEqualTo((int) fh.number("OptionalHeaderSize"));
            assertThat(pe.fileHeader().characteristics()).isEqualTo((int) Long.parseLong(
                    fh.first("Characteristics").attribute.substring(2), 16));

            Block oh = root.first("ImageOptionalHeader");
            ImageOptionalHeader h = pe.optionalHeader();
            assertThat(h.magic()).isEqualTo((int) oh.number("Magic"));
            assertThat(h.addressOfEntryPoint()).isEqualTo(oh.number("AddressOfEntryPoint"));
            assertThat(h.imageBase()).isEqualTo(oh.number("ImageBase"));
            assertThat(h.sizeOfImage()).isEqualTo(oh.number("SizeOfImage"));
            assertThat(h.sizeOfHeaders()).isEqualTo(oh.number("SizeOfHeaders"));
            assertThat(h.checkSum()).isEqualTo(oh.number("CheckSum"));
            assertThat(h.subsystem()).isEqualTo((int) oh.number("Subsystem"));
            assertThat(h.sectionAlignment()).isEqualTo(oh.number("SectionAlignment"));
            assertThat(h.fileAlignment()).isEqualTo(oh.number("FileAlignment"));
            assertThat(h.numberOfRvaAndSizes()).isEqualTo(oh.number("NumberOfRvaAndSize"));
            List<Long> dirs = new ArrayList<>();
            for (String v : oh.first("DataDirectory").fields.values()) {
                dirs.add(LlvmText.number(v));
            }
            List<Long> mine = new ArrayList<>();
            for (ImageDataDirectory d : h.dataDirectories()) {
                mine.add(d.virtualAddress());
                mine.add(d.size());
            }
            assertThat(mine).isEqualTo(dirs);
            assertThat(pe.ntHeadersOffset()).isEqualTo(root.first("DOSHeader").number("AddressOfNewExeHeader"));

            List<Block> sections = root.first("Sections").all("Section");
            for (int i = 0; i < sections.size(); i++) {
                Block s = sections.get(i);
                ImageSectionHeader mineS = pe.sections().get(i);
                assertThat(mineS.name()).as("section %d", i).isEqualTo(nameFromBytes(s.field("Name")));
                assertThat(mineS.virtualSize()).isEqualTo(s.number("VirtualSize"));
                assertThat(mineS.virtualAddress()).isEqualTo(s.number("VirtualAddress"));
                assertThat(mineS.sizeOfRawData()).isEqualTo(s.number("RawDataSize"));
                assertThat(mineS.pointerToRawData()).isEqualTo(s.number("PointerToRawData"));
                assertThat(mineS.characteristics()).isEqualTo(Long.parseLong(
                        s.first("Characteristics").attribute.substring(2), 16));
            }

            Block debug = root.first("DebugDirectory");
            List<Block> entries = debug == null ? List.of() : debug.all("DebugEntry");
            assertThat(pe.debugDirectories()).hasSize(entries.size());
            boolean sawCodeView = false;
            for (int i = 0; i < entries.size(); i++) {
                Block e = entries.get(i);
                ImageDebugDirectory d = pe.debugDirectories().get(i);
                assertThat(d.type()).isEqualTo(e.number("Type"));
                assertThat(d.sizeOfData()).isEqualTo(e.number("SizeOfData"));
                assertThat(d.addressOfRawData()).isEqualTo(e.number("AddressOfRawData"));
                assertThat(d.pointerToRawData()).isEqualTo(e.number("PointerToRawData"));
                assertThat(d.timeDateStamp()).isEqualTo(e.number("TimeDateStamp"));
                Block info = e.first("PDBInfo");
                if (info != null && !sawCodeView) {
                    sawCodeView = true;
                    CodeViewInfo cv = pe.codeView().orElseThrow();
                    assertThat(cv.signature()).isEqualTo(info.number("PDBSignature"));
                    assertThat(guidBytes(cv.guid())).isEqualTo(bytesInParens(info.field("PDBGUID")));
                    assertThat(cv.age()).isEqualTo(info.number("PDBAge"));
                    assertThat(cv.pdbPath()).isEqualTo(info.field("PDBFileName"));
                }
            }
            if (!sawCodeView) {
                assertThat(pe.codeView()).isEmpty();
            }

            List<Block> exports = root.all("Export");
            if (exports.isEmpty()) {
                assertThat(pe.exports().map(t -> t.functions().size()).orElse(0)).isZero();
            } else {
                List<ExportedFunction> fns = pe.exports().orElseThrow().functions();
                assertThat(fns).hasSize(exports.size());
                for (int i = 0; i < exports.size(); i++) {
                    Block x = exports.get(i);
                    ExportedFunction f = fns.get(i);
                    assertThat(f.ordinal()).isEqualTo(x.number("Ordinal"));
                    String name = x.field("Name");
                    assertThat(f.name() == null ? "" : f.name()).isEqualTo(name == null ? "" : name);
                    if (x.field("ForwardedTo") != null) {
                        assertThat(f.forwarder()).isEqualTo(x.field("ForwardedTo"));
                    } else {
                        assertThat(f.isForwarder()).isFalse();
                        assertThat(f.rva()).isEqualTo(x.number("RVA"));
                    }
                }
            }
            assertThat(pe.diagnostics()).isEmpty();
        }
    }

    /** {@code .text (2E 74 65 78 74 00 00 00)} → the bytes up to the first NUL. */
    private static String nameFromBytes(String field) {
        byte[] raw = bytesInParens(field);
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        return new String(raw, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] bytesInParens(String field) {
        String hex = field.substring(field.lastIndexOf('(') + 1, field.lastIndexOf(')')).replace(" ", "");
        return HexFormat.of().parseHex(hex);
    }

    /** The GUID as its 16 on-disk bytes (Data1..3 little-endian). */
    private static byte[] guidBytes(Guid g) {
        byte[] b = new byte[16];
        long d1 = g.data1();
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (d1 >>> (8 * i));
        }
        b[4] = (byte) g.data2();
        b[5] = (byte) (g.data2() >>> 8);
        b[6] = (byte) g.data3();
        b[7] = (byte) (g.data3() >>> 8);
        System.arraycopy(g.data4(), 0, b, 8, 8);
        return b;
    }
}
