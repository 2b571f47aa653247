package org.faultline.samples.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.faultline.samples.minidump.Layout.Region;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    @Test
    void sameCallsGiveSameBytes() {
        SynthMinidump builder = Samples.everything();
        byte[] first = builder.toBytes();
        assertThat(builder.toBytes()).isEqualTo(first);
        assertThat(Samples.everything().toBytes()).isEqualTo(first);
        assertThat(Samples.everything().build().layout()).isEqualTo(builder.build().layout());
    }

    @Test
    void everyStreamAndRegionLiesInsideTheFileWithoutOverlap() {
        WrittenDump dump = Samples.everything().build();
        long end = dump.bytes().length;
        assertThat(dump.layout().fileSize()).isEqualTo(end);
        List<Region> regions = dump.layout().regions().entrySet().stream()
                .filter(e -> !e.getKey().equals("header"))
                .map(Map.Entry::getValue)
                .sorted(Comparator.comparingLong(Region::offset))
                .toList();
        for (int i = 1; i < regions.size(); i++) {
            assertThat(regions.get(i).offset()).isGreaterThanOrEqualTo(regions.get(i - 1).end());
        }
        assertThat(regions.get(regions.size() - 1).end()).isLessThanOrEqualTo(end);
    }
}
