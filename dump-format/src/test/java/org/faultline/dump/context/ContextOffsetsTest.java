package org.faultline.dump.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.io.ArrayByteSource;
import org.junit.jupiter.api.Test;

/** The field offsets scans use to pre-test candidates agree with what {@link Contexts#read} parses. */
class ContextOffsetsTest {

    @Test
    void flagsAndStackPointerOffsetsMatchTheParser() throws Exception {
        Random random = new Random(19);
        for (Architecture arch : new Architecture[] {Architecture.AMD64, Architecture.ARM64}) {
            for (int i = 0; i < 200; i++) {
                byte[] b = new byte[Contexts.baseSize(arch)];
                random.nextBytes(b);
                ArrayByteSource s = new ArrayByteSource(b);
                CpuContext c = Contexts.read(arch, s.cursor("CONTEXT", 0, b.length));
                assertThat(s.u32At(Contexts.flagsOffset(arch))).as(arch.id()).isEqualTo(c.flags());
                assertThat(s.u64At(Contexts.stackPointerOffset64(arch))).as(arch.id()).isEqualTo(c.stackPointer());
            }
        }
    }
}
