package org.faultline.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.samples.Corpus;
import org.faultline.symbols.pdb.PdbFile;
import org.faultline.symbols.pe.CodeViewInfo;
import org.faultline.symbols.pe.PeFile;
import org.junit.jupiter.api.Test;

/**
 * The acceptance fact: with {@code ms-public-symbols/} on the symbol path, the triage_x64 faulting frame
 * is symbolized as rizin's expected output names it ({@code amdppm!WriteIoMemRawEx+112}). The module base comes
 * from the dump's own driver list; every amdppm frame of rizin's expected stack is checked.
 */
class TriageFrameTest {
    private static final Pattern FRAME = Pattern.compile(
            "^(\\d+)\\s+(0x[0-9a-f]+) sp: \\S+\\s+\\d+\\s+\\[\\?\\?\\]\\s+pdb\\.amdppm\\.(\\S+)\\+(\\d+)\\s*$");

    @Test
    void amdppmFramesOfTriageX64() throws Exception {
        String dumpName = "rizin-testbins/triage_x64.dmp";
        Optional<Path> dumpPath = Corpus.file(dumpName);
        assumeTrue(dumpPath.isPresent(), Corpus.absent(dumpName));
        Optional<Path> expectedPath = Corpus.file(dumpName + ".expected.rizin-db-formats-dmp.txt");
        assumeTrue(expectedPath.isPresent(), Corpus.absent(dumpName + ".expected.rizin-db-formats-dmp.txt"));

        record Frame(long address, String name, long offset) {
        }
        List<Frame> frames = new ArrayList<>();
        for (String line : Fixtures.lines(expectedPath.get())) {
            Matcher m = FRAME.matcher(line);
            if (m.matches()) {
                frames.add(new Frame(Long.parseUnsignedLong(m.group(2).substring(2), 16), m.group(3),
                        Long.parseLong(m.group(4))));
            }
        }
        assertThat(frames).hasSize(6);
        assertThat(frames.get(0)).isEqualTo(new Frame(0xfffff8048b58334cL, "WriteIoMemRawEx", 112));

        ModuleInfo module;
        try (KernelDump dump = KernelDump.open(dumpPath.get())) {
            module = dump.moduleAt(frames.get(0).address()).orElseThrow();
        }
        assertThat(module.name()).isEqualToIgnoringCase("amdppm.sys");
        assertThat(module.base()).isEqualTo(0xfffff8048b580000L);
        assertThat(module.size()).isEqualTo(0x3b000);

        // The image in the store is keyed by the dump's TimeDateStamp/SizeOfImage; its RSDS names the PDB key.
        String store = "ms-public-symbols/symstore/";
        Path image = Fixtures.require(store + "amdppm.sys/" + ModuleInfo.codeIdOf(module.timestamp(), module.size())
                .toLowerCase(java.util.Locale.ROOT) + "/amdppm.sys");
        CodeViewInfo cv;
        try (PeFile pe = PeFile.open(image)) {
            assertThat(pe.codeId()).isEqualToIgnoringCase(ModuleInfo.codeIdOf(module.timestamp(), module.size()));
            cv = pe.codeView().orElseThrow();
        }
        Path pdbPath = Fixtures.require(store + cv.pdbFileName() + "/" + cv.debugId() + "/" + cv.pdbFileName());
        try (PdbFile pdb = PdbFile.openMatching(pdbPath, cv)) {
            SymbolTable table = pdb.symbolTable();
            for (Frame f : frames) {
                long rva = f.address() - module.base();
                Symbol s = table.lookup(rva).orElseThrow();
                assertThat(s.name()).as("frame at 0x%x", f.address()).isEqualTo(f.name());
                assertThat(s.offsetOf(rva)).as("frame at 0x%x", f.address()).isEqualTo(f.offset());
            }
            long faulting = frames.get(0).address() - module.base();
            assertThat(faulting).isEqualTo(0x334c);
            assertThat(table.lookup(faulting).orElseThrow().display(faulting)).isEqualTo("WriteIoMemRawEx+0x70");
        }
    }
}
