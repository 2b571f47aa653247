package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import org.faultline.samples.io.LeWriter;
import org.faultline.samples.minidump.MiscInfoSpec;
import org.faultline.samples.minidump.SynthMinidump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MiscInfo in its five sizes: a field is read only when it lies inside SizeOfInfo and its Flags1 bit is set;
 * otherwise it is {@code null}.
 */
class SynthMiscInfoTest {
    private static final String BUILD = "22621.1.amd64fre.ni_release.220506-1250";
    private static final String DBG_BUILD = "dbgcore.amd64fre.ni_release.220506-1250";
    private static final int ALL_FLAGS = 0x1 | 0x2 | 0x4 | 0x10 | 0x20 | 0x40 | 0x80 | 0x100 | 0x200;

    /** XSTATE_CONFIG_FEATURE_MSC_INFO: SizeOfInfo, ContextSize, EnabledFeatures (then the feature table). */
    private static byte[] xstate() {
        return new LeWriter().u32(528).u32(0x988).u64(0x8000_0000_0000_001FL).u32(0).u32(0x200).toByteArray();
    }

    /** Every field set; the writer drops what lies beyond the version's size. */
    private static MiscInfoSpec everything(int version) {
        return MiscInfoSpec.version(version).processId(4242).processTimes(0x6543_2000L, 3, 1)
                .processorPower(3600, 2400, 3500, 2, 1).integrityLevel(0x2000).executeFlags(0x4D).protectedProcess(0)
                .timeZone(85, -60, "W. Europe Standard Time", 0, "W. Europe Daylight Time", -60)
                .buildStrings(BUILD, DBG_BUILD).xstateData(xstate()).processCookie(0xC0FF_EE00L);
    }

    private static MinidumpMiscInfo read(MiscInfoSpec spec) {
        Minidump dump = Synth.read(SynthMinidump.create().miscInfo(spec));
        assertThat(dump.diagnostics()).isEmpty();
        return dump.miscInfo().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void eachVersionReadsExactlyTheFieldsInsideItsSize(int version) {
        MinidumpMiscInfo m = read(everything(version));
        int[] sizes = {24, 44, 232, 832, 1364};
        assertThat(m.sizeOfInfo()).isEqualTo(sizes[version - 1]);
        assertThat(m.flags1()).isEqualTo(ALL_FLAGS);

        assertThat(m.processId()).isEqualTo(4242L);
        assertThat(m.processCreateTime()).isEqualTo(0x6543_2000L);
        assertThat(m.processUserTime()).isEqualTo(3L);
        assertThat(m.processKernelTime()).isEqualTo(1L);

        boolean v2 = version >= 2;
        assertThat(m.processorMaxMhz()).isEqualTo(v2 ? 3600L : null);
        assertThat(m.processorCurrentMhz()).isEqualTo(v2 ? 2400L : null);
        assertThat(m.processorMhzLimit()).isEqualTo(v2 ? 3500L : null);

        boolean v3 = version >= 3;
        assertThat(m.processIntegrityLevel()).isEqualTo(v3 ? 0x2000L : null);
        assertThat(m.processExecuteFlags()).isEqualTo(v3 ? 0x4DL : null);
        assertThat(m.protectedProcess()).isEqualTo(v3 ? 0L : null);
        assertThat(m.timeZoneId()).isEqualTo(v3 ? 85L : null);
        assertThat(m.timeZoneBias()).isEqualTo(v3 ? -60 : null);
        assertThat(m.standardName()).isEqualTo(v3 ? "W. Europe Standard Time" : null);
        assertThat(m.daylightName()).isEqualTo(v3 ? "W. Europe Daylight Time" : null);

        boolean v4 = version >= 4;
        assertThat(m.buildString()).isEqualTo(v4 ? BUILD : null);
        assertThat(m.dbgBuildString()).isEqualTo(v4 ? DBG_BUILD : null);

        boolean v5 = version >= 5;
        assertThat(m.xstateContextSize()).isEqualTo(v5 ? 0x988L : null);
        assertThat(m.xstateEnabledFeatures()).isEqualTo(v5 ? 0x8000_0000_0000_001FL : null);
        assertThat(m.processCookie()).isEqualTo(v5 ? 0xC0FF_EE00L : null);
    }

    @Test
    void clearFlagBitsHideTheirFields() {
        MinidumpMiscInfo m = read(everything(5).flags1(ALL_FLAGS & ~(0x1 | 0x40 | 0x100)));
        assertThat(m.processId()).isNull();
        assertThat(m.timeZoneId()).isNull();
        assertThat(m.timeZoneBias()).isNull();
        assertThat(m.standardName()).isNull();
        assertThat(m.daylightName()).isNull();
        assertThat(m.buildString()).isNull();
        assertThat(m.dbgBuildString()).isNull();
        assertThat(m.processCreateTime()).isEqualTo(0x6543_2000L);
        assertThat(m.processorMaxMhz()).isEqualTo(3600L);
        assertThat(m.processIntegrityLevel()).isEqualTo(0x2000L);
        assertThat(m.processExecuteFlags()).isEqualTo(0x4DL);
        assertThat(m.protectedProcess()).isEqualTo(0L);
        assertThat(m.processCookie()).isEqualTo(0xC0FF_EE00L);
    }

    @Test
    void noFlagsMeansNoFlaggedFields() {
        MinidumpMiscInfo m = read(everything(5).flags1(0));
        assertThat(m.flags1()).isZero();
        assertThat(m.processId()).isNull();
        assertThat(m.processCreateTime()).isNull();
        assertThat(m.processUserTime()).isNull();
        assertThat(m.processKernelTime()).isNull();
        assertThat(m.processorMaxMhz()).isNull();
        assertThat(m.processorCurrentMhz()).isNull();
        assertThat(m.processorMhzLimit()).isNull();
        assertThat(m.processIntegrityLevel()).isNull();
        assertThat(m.processExecuteFlags()).isNull();
        assertThat(m.protectedProcess()).isNull();
        assertThat(m.timeZoneId()).isNull();
        assertThat(m.buildString()).isNull();
        assertThat(m.processCookie()).isNull();
        // XStateData has no Flags1 bit: its own SizeOfInfo says whether it is there.
        assertThat(m.xstateContextSize()).isEqualTo(0x988L);
    }

    @Test
    void eachFlagAlone() {
        int[] bits = {0x1, 0x2, 0x4, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200};
        for (int bit : bits) {
            MinidumpMiscInfo m = read(everything(5).flags1(bit));
            assertThat(m.processId() != null).as("pid with 0x%x", bit).isEqualTo(bit == 0x1);
            assertThat(m.processCreateTime() != null).as("times with 0x%x", bit).isEqualTo(bit == 0x2);
            assertThat(m.processorMaxMhz() != null).as("power with 0x%x", bit).isEqualTo(bit == 0x4);
            assertThat(m.processIntegrityLevel() != null).as("integrity with 0x%x", bit).isEqualTo(bit == 0x10);
            assertThat(m.processExecuteFlags() != null).as("execute flags with 0x%x", bit).isEqualTo(bit == 0x20);
            assertThat(m.timeZoneId() != null).as("time zone with 0x%x", bit).isEqualTo(bit == 0x40);
            assertThat(m.protectedProcess() != null).as("protected with 0x%x", bit).isEqualTo(bit == 0x80);
            assertThat(m.buildString() != null).as("build string with 0x%x", bit).isEqualTo(bit == 0x100);
            assertThat(m.processCookie() != null).as("cookie with 0x%x", bit).isEqualTo(bit == 0x200);
        }
    }

    @Test
    void zeroXStateSizeMeansNoXState() {
        MinidumpMiscInfo m = read(MiscInfoSpec.version(5).processId(1));
        assertThat(m.xstateContextSize()).isNull();
        assertThat(m.xstateEnabledFeatures()).isNull();
        assertThat(m.processCookie()).isNull();
    }

    @Test
    void unusualSizeReadsWhatFits() {
        MinidumpMiscInfo m = read(MiscInfoSpec.ofSize(0x30).processId(7).integrityLevel(0x3000).executeFlags(2));
        assertThat(m.sizeOfInfo()).isEqualTo(0x30);
        assertThat(m.processId()).isEqualTo(7L);
        assertThat(m.processIntegrityLevel()).isEqualTo(0x3000L);
        assertThat(m.processExecuteFlags()).isNull();
    }

    @Test
    void processIdShortcut() {
        Minidump dump = Synth.read(SynthMinidump.create().miscInfo(MiscInfoSpec.version(1).processId(3932)));
        assertThat(dump.processId()).contains(3932L);
        assertThat(Synth.read(SynthMinidump.create()).processId()).isEmpty();
    }
}
