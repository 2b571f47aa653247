package org.faultline.symbols.robust;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz targets for the PE, PDB and Breakpad readers. A normal test run replays the seed inputs (none are
 * committed: the fixtures' licences do not all allow copying); {@code JAZZER_FUZZ=1} fuzzes (README, "Fuzzing").
 */
class PeFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void pe(byte[] data) {
        SymbolRobustness.exercisePe(data);
    }

    @FuzzTest(maxDuration = "60s")
    void pdb(byte[] data) {
        SymbolRobustness.exercisePdb(data);
    }

    @FuzzTest(maxDuration = "60s")
    void sym(byte[] data) {
        SymbolRobustness.exerciseSym(data);
    }
}
