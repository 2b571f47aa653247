package org.faultline.symbols.disasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ARM64 against objdump: 100,000 random 32-bit words (every one a known instruction start). */
class Arm64DifferentialTest {

    @Test
    void randomWords() throws Exception {
        Optional<ObjdumpOracle> oracle = ObjdumpOracle.find(ObjdumpOracle.Machine.ARM64);
        assumeTrue(oracle.isPresent(), ObjdumpOracle.absent(ObjdumpOracle.Machine.ARM64));
        Differential.Report r = Differential.randomStrings("ARM64 random", Arm64Decoder.INSTANCE, oracle.get(),
                RandomBytes.random(0xA64, X86DifferentialTest.COUNT, 4), 0, (byte) 0, 0xfffff80000100000L);
        System.out.println(oracle.get().version());
        System.out.println(r.summary(Integer.getInteger("faultline.disasm.examples", 15)));
        assertThat(r.total).isEqualTo(X86DifferentialTest.COUNT);
        assertThat(r.agreement()).as("agreement on decoded instructions").isGreaterThanOrEqualTo(0.999);
        assertThat(r.invalidAgreed).as("invalid words objdump also rejects").isEqualTo(r.invalid);
    }
}
