package org.faultline.symbols.robust;

import static org.assertj.core.api.Assertions.assertThat;

import org.faultline.dump.Diagnostic;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.breakpad.BreakpadSymbolFile;
import org.faultline.symbols.pdb.PdbFile;
import org.faultline.symbols.pdb.PdbSymbolTable;
import org.faultline.symbols.pe.Arm64ExceptionTable;
import org.faultline.symbols.pe.Arm64RuntimeFunction;
import org.faultline.symbols.pe.ImageSectionHeader;
import org.faultline.symbols.pe.PeFile;
import org.faultline.symbols.pe.RuntimeFunction;
import org.faultline.symbols.pe.X64ExceptionTable;

/**
 * The hostile-input contract for the symbol readers, as one check per format: any bytes either parse (and then
 * every accessor answers, damage reported as diagnostics or typed errors) or fail with the typed error whose
 * offset lies inside the file. Anything else — an unchecked exception, an error — escapes and fails the test.
 */
public final class SymbolRobustness {
    private SymbolRobustness() {
    }

    /** What happened to one input. */
    public enum Outcome { PARSED, REJECTED }

    /** Most unwind entries decoded per input (keeps a bit-flip round short). */
    private static final int MAX_UNWIND = 2000;

    static void checkError(DumpFormatException e, int length) {
        assertThat(e.offset()).as("offset of %s", e.getMessage()).isBetween(0L, (long) length);
        assertThat(e.getMessage()).contains("@0x");
    }

    static void checkDiagnostics(Iterable<Diagnostic> diagnostics, int length) {
        for (Diagnostic d : diagnostics) {
            assertThat(d.structure()).isNotBlank();
            assertThat(d.message()).isNotBlank();
            assertThat(d.offset()).as("offset of %s", d).isBetween(0L, (long) length);
        }
    }

    public static Outcome exercisePe(byte[] bytes) {
        for (PeFile.Layout layout : PeFile.Layout.values()) {
            PeFile pe;
            try {
                pe = PeFile.read(new ArrayByteSource(bytes, "fuzz.dll"), layout);
            } catch (DumpFormatException e) {
                checkError(e, bytes.length);
                return Outcome.REJECTED;
            }
            pe.codeId();
            for (ImageSectionHeader s : pe.sections()) {
                pe.fileOffsetOf(s.virtualAddress());
                pe.availableAtRva(s.virtualAddress() + s.virtualSize());
            }
            pe.exports().ifPresent(t -> {
                t.functions();
                t.functions().forEach(f -> t.lookup(f.rva()));
            });
            pe.codeView().ifPresent(cv -> cv.debugId());
            pe.versionInfo().ifPresent(v -> v.companyName());
            pe.hasAuthenticodeSignature();
            pe.x64ExceptionTable().ifPresent(t -> exerciseX64(t, bytes.length));
            pe.arm64ExceptionTable().ifPresent(t -> exerciseArm64(t, bytes.length));
            checkDiagnostics(pe.diagnostics(), bytes.length);
        }
        return Outcome.PARSED;
    }

    private static void exerciseX64(X64ExceptionTable t, int length) {
        for (int i = 0; i < Math.min(t.size(), MAX_UNWIND); i++) {
            RuntimeFunction f = t.get(i);
            t.functionAt(f.beginAddress());
            try {
                t.unwindChain(f);
            } catch (DumpFormatException e) {
                checkError(e, length);
            }
        }
    }

    private static void exerciseArm64(Arm64ExceptionTable t, int length) {
        for (int i = 0; i < Math.min(t.size(), MAX_UNWIND); i++) {
            Arm64RuntimeFunction f = t.get(i);
            try {
                if (!f.isPacked()) {
                    t.unwindData(f).prologCodes();
                }
                t.functionAt(f.beginAddress());
            } catch (DumpFormatException e) {
                checkError(e, length);
            }
        }
    }

    public static Outcome exercisePdb(byte[] bytes) {
        PdbFile pdb;
        try {
            pdb = PdbFile.read(new ArrayByteSource(bytes, "fuzz.pdb"));
        } catch (DumpFormatException e) {
            checkError(e, bytes.length);
            return Outcome.REJECTED;
        }
        pdb.debugId();
        pdb.info().namedStreams();
        pdb.modules();
        pdb.sectionHeaders();
        PdbSymbolTable table = pdb.symbolTable();
        long[] range = table.codeRange();
        for (int i = 0; i <= 16; i++) {
            table.lookup(range[0] + (range[1] - range[0]) * i / 16);
        }
        for (ImageSectionHeader s : pdb.sectionHeaders()) {
            table.lookup(s.virtualAddress());
        }
        checkDiagnostics(pdb.diagnostics(), bytes.length);
        return Outcome.PARSED;
    }

    public static Outcome exerciseSym(byte[] bytes) {
        BreakpadSymbolFile sym;
        try {
            sym = BreakpadSymbolFile.read(bytes, "fuzz.sym");
        } catch (DumpFormatException e) {
            checkError(e, bytes.length);
            return Outcome.REJECTED;
        }
        sym.codeId();
        sym.functions().forEach(f -> sym.lookup(f.address() + f.size() / 2));
        sym.publics().forEach(p -> sym.lookup(p.address()));
        sym.cfi().forEach(c -> {
            sym.cfiAt(c.address());
            c.rulesAt(c.address() + 1);
        });
        sym.stackWinAt(4, 0x1000);
        checkDiagnostics(sym.warnings(), bytes.length);
        return Outcome.PARSED;
    }
}
