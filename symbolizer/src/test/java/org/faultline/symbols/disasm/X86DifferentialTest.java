package org.faultline.symbols.disasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** x86-64 and x86 against objdump: 100,000 random 15-byte strings each. */
class X86DifferentialTest {
    static final int COUNT = Integer.getInteger("faultline.disasm.random", 100_000);

    private void check(ObjdumpOracle.Machine machine, X86Decoder decoder, long seed, long vma) throws Exception {
        Optional<ObjdumpOracle> oracle = ObjdumpOracle.find(machine);
        assumeTrue(oracle.isPresent(), ObjdumpOracle.absent(machine));
        Differential.Report r = Differential.randomStrings(machine + " random", decoder, oracle.get(),
                RandomBytes.random(seed, COUNT, 15), 14, (byte) 0x90, vma);
        System.out.println(oracle.get().version());
        System.out.println(r.summary(Integer.getInteger("faultline.disasm.examples", 15)));
        assertThat(r.total).isEqualTo(COUNT);
        assertThat(r.agreement()).as("agreement on decoded instructions").isGreaterThanOrEqualTo(0.999);
    }

    @Test
    void amd64RandomStrings() throws Exception {
        check(ObjdumpOracle.Machine.AMD64, X86Decoder.MODE_64, 64, 0xfffff80671500000L);
    }

    @Test
    void x86RandomStrings() throws Exception {
        check(ObjdumpOracle.Machine.X86, X86Decoder.MODE_32, 32, 0x401000L);
    }
}
