package org.faultline.samples.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MiscInfoTest {
    @ParameterizedTest
    @CsvSource({"1, 24", "2, 44", "3, 232", "4, 832", "5, 1364"})
    void everyVersionHasItsSize(int version, int size) {
        WrittenDump dump = SynthMinidump.create().miscInfo(MiscInfoSpec.version(version).processId(7)).build();
        Le le = new Le(dump.bytes());
        Layout.DirectoryEntry e = dump.layout().stream(15);
        assertThat(e.dataSize()).isEqualTo(size);
        assertThat(le.u32(e.rva())).isEqualTo(size);
        assertThat(le.u32(e.rva() + 4)).isEqualTo(1);
        assertThat(le.u32(e.rva() + 8)).isEqualTo(7);
    }

    @Test
    void version5FieldsAndFlags() {
        MiscInfoSpec spec = MiscInfoSpec.version(5).processId(4242).processTimes(0x6000_0000L, 12, 3)
                .processorPower(3600, 2400, 3600, 1, 0).integrityLevel(0x2000).executeFlags(0x4D)
                .protectedProcess(0).timeZone(2, -60, "W. Europe Standard Time", 0, "W. Europe Daylight Time", -60)
                .buildStrings("19041.1.amd64fre.vb_release.191206-1406", "dbghelp.amd64fre")
                .processCookie(0xC00C1E);
        Le le = new Le(spec.toBytes());
        assertThat(le.size()).isEqualTo(1364);
        assertThat(le.u32(4)).isEqualTo(0x1 | 0x2 | 0x4 | 0x10 | 0x20 | 0x40 | 0x80 | 0x100 | 0x200);
        assertThat(le.u32(8)).isEqualTo(4242);
        assertThat(le.u32(0x0C)).isEqualTo(0x6000_0000L);
        assertThat(le.u32(0x10)).isEqualTo(12);
        assertThat(le.u32(0x14)).isEqualTo(3);
        assertThat(le.u32(0x18)).isEqualTo(3600);
        assertThat(le.u32(0x1C)).isEqualTo(2400);
        assertThat(le.u32(0x24)).isEqualTo(1);
        assertThat(le.u32(0x2C)).isEqualTo(0x2000);
        assertThat(le.u32(0x30)).isEqualTo(0x4D);
        assertThat(le.u32(0x38)).isEqualTo(2);
        assertThat((int) le.u32(0x3C)).isEqualTo(-60);
        assertThat(le.wchars(0x40, 32)).isEqualTo("W. Europe Standard Time");
        assertThat(le.wchars(0x3C + 0x58, 32)).isEqualTo("W. Europe Daylight Time");
        assertThat((int) le.u32(0x3C + 0xA8)).isEqualTo(-60);
        assertThat(le.wchars(0xE8, 260)).isEqualTo("19041.1.amd64fre.vb_release.191206-1406");
        assertThat(le.wchars(0x2F0, 40)).isEqualTo("dbghelp.amd64fre");
        assertThat(le.u32(0x550)).isEqualTo(0xC00C1E);
    }

    @Test
    void fieldsBeyondTheSizeAreDroppedAndFlagsCanLie() {
        Le le = new Le(MiscInfoSpec.version(1).processId(1).buildStrings("x", "y").flags1(0x3FF).toBytes());
        assertThat(le.size()).isEqualTo(24);
        assertThat(le.u32(4)).isEqualTo(0x3FF);
        Le odd = new Le(MiscInfoSpec.ofSize(1372).processCookie(5).toBytes());
        assertThat(odd.size()).isEqualTo(1372);
        assertThat(odd.u32(0)).isEqualTo(1372);
        assertThat(odd.u32(0x550)).isEqualTo(5);
        assertThatThrownBy(() -> MiscInfoSpec.version(6)).isInstanceOf(IllegalArgumentException.class);
    }
}
