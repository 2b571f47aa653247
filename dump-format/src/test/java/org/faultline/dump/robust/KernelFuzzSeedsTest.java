package org.faultline.dump.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed kernel seeds of the Jazzer target are what {@link KernelFuzzSeeds} writes, and open cleanly. */
class KernelFuzzSeedsTest {

    @Test
    void committedSeedsAreUpToDate() throws Exception {
        for (Map.Entry<String, byte[]> e : KernelFuzzSeeds.seeds().entrySet()) {
            String resource = "/" + KernelFuzzSeeds.FOLDER + "/" + e.getKey();
            try (InputStream in = KernelFuzzSeedsTest.class.getResourceAsStream(resource)) {
                assertThat(in).as("%s is committed (rewrite with KernelFuzzSeeds)", resource).isNotNull();
                assertThat(in.readAllBytes()).as("%s is up to date (rewrite with KernelFuzzSeeds)", resource)
                        .isEqualTo(e.getValue());
            }
            assertThat(e.getValue().length).isLessThan(64 * 1024);
            assertThat(Robustness.check(e.getValue())).as(e.getKey()).hasValue(java.util.List.of());
        }
    }
}
