package org.faultline.dump.robust;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for every dump reader behind {@code Dumps.open}. In a normal test run (CI) Jazzer replays
 * the seed inputs under {@code src/test/resources/org/faultline/dump/robust/MinidumpFuzzTestInputs/dumps/};
 * with {@code JAZZER_FUZZ=1} it fuzzes (see README, "Fuzzing").
 */
class MinidumpFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void dumps(byte[] data) {
        Robustness.exercise(data);
    }
}
