package org.faultline.samples.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.faultline.samples.minidump.Amd64Context;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;

/** DUMP_HEADER64/32 offsets checked against the spec tables with literal offsets. */
class TriageHeaderTest {
    private static final long PAGE32 = 0x4547_4150L;
    private static final long PAGE64 = 0x4547_4150_4547_4150L;

    @Test
    void header64FieldsAtSpecOffsets() {
        Le b = new Le(KernelSamples.x64().toBytes());
        assertThat(b.ascii(0, 8)).isEqualTo("PAGEDU64");
        assertThat(b.u32(0x08)).isEqualTo(0xF);
        assertThat(b.u32(0x0C)).isEqualTo(19041);
        assertThat(b.u64(0x10)).isEqualTo(0x1AD000);
        assertThat(b.u64(0x18)).isEqualTo(0xFFFF_F804_7C6F_C500L);
        assertThat(b.u64(0x20)).isEqualTo(0xFFFF_F804_7C62_A390L);
        assertThat(b.u64(0x28)).isEqualTo(0xFFFF_F804_7C61_E200L);
        assertThat(b.u32(0x30)).isEqualTo(0x8664);
        assertThat(b.u32(0x34)).isEqualTo(16);
        assertThat(b.u32(0x38)).isEqualTo(0x1000_007EL);
        assertThat(b.u32(0x3C)).as("padding keeps PAGE").isEqualTo(PAGE32);
        assertThat(b.u64(0x40)).isEqualTo(0xFFFF_FFFF_C000_0005L);
        assertThat(b.u64(0x48)).isEqualTo(KernelSamples.DRIVER_PC);
        assertThat(b.u64(0x50)).isEqualTo(0xFFFF_8504_2989_1EE8L);
        assertThat(b.u64(0x58)).isEqualTo(0xFFFF_8504_2989_1720L);
        assertThat(b.ascii(0x60, 32)).as("VersionUser unset").isEqualTo("PAGE".repeat(8));
        assertThat(b.u64(0x80)).isEqualTo(0xFFFF_F804_7C60_0B20L);
        assertThat(b.u64(0x88)).as("no PHYSICAL_MEMORY_DESCRIPTOR in a triage dump").isEqualTo(PAGE64);
        // CONTEXT at 0x348: AMD64 ContextFlags @0x30, Rsp @0x98, Rip @0xF8
        assertThat(b.u32(0x348 + 0x30)).isEqualTo(0x0010_001FL);
        assertThat(b.u64(0x348 + 0x98)).isEqualTo(KernelSamples.TOP);
        assertThat(b.u64(0x348 + 0xF8)).isEqualTo(KernelSamples.BUGCHECK_PC);
        assertThat(b.u32(0x348 + 1232)).as("rest of the 3000-byte area").isEqualTo(PAGE32);
        // EXCEPTION_RECORD64 at 0xF00: the stand-in breakpoint at the context's Rip
        assertThat(b.u32(0xF00)).isEqualTo(0x8000_0003L);
        assertThat(b.u32(0xF04)).isEqualTo(1);
        assertThat(b.u64(0xF08)).isZero();
        assertThat(b.u64(0xF10)).isEqualTo(KernelSamples.BUGCHECK_PC);
        assertThat(b.u32(0xF18)).isZero();
        assertThat(b.u32(0xF1C)).isEqualTo(PAGE32);
        assertThat(b.u64(0xF20)).isEqualTo(PAGE64);
        assertThat(b.u32(0xF98)).isEqualTo(4);
        assertThat(b.u32(0xF9C)).isEqualTo(PAGE32);
        assertThat(b.u64(0xFA0)).as("RequiredDumpSpace defaults to the file size").isEqualTo(b.size());
        assertThat(b.u64(0xFA8)).as("FILETIME of 2000-01-01").isEqualTo(125_911_584_000_000_000L);
        assertThat(b.ascii(0xFB0, 22)).isEqualTo("synthetic triage dump\0");
        assertThat(b.u64(0x1030)).isEqualTo(36_000_000_000L);
        assertThat(b.u32(0x1038)).isEqualTo(0xEFF);
        assertThat(b.u32(0x103C)).as("SecondaryDataState unset").isEqualTo(PAGE32);
        assertThat(b.u32(0x1040)).isEqualTo(1);
        assertThat(b.u32(0x1044)).isEqualTo(0x110);
        assertThat(b.u32(0x1048)).isZero();
        assertThat(b.u8(0x104C)).isEqualTo('P');
        assertThat(b.u8(0x104D)).isZero();
        assertThat(b.u32(0x1050)).isEqualTo(PAGE32);
        assertThat(b.u32(0x1FFC)).isEqualTo(PAGE32);
    }

    @Test
    void systemTimeFromEpochSecondsAndInstant() {
        Le zero = new Le(SynthKernelDump.triage(Arch.AMD64).systemTime(0).toBytes());
        assertThat(zero.u64(0xFA8)).isEqualTo(0x019D_B1DE_D53E_8000L);
        Le nanos = new Le(SynthKernelDump.triage(Arch.AMD64).systemTime(Instant.ofEpochSecond(0, 250)).toBytes());
        assertThat(nanos.u64(0xFA8)).isEqualTo(0x019D_B1DE_D53E_8002L);
    }

    @Test
    void arm64Header() {
        Le b = new Le(KernelSamples.arm64().toBytes());
        assertThat(b.ascii(0, 8)).isEqualTo("PAGEDU64");
        assertThat(b.u32(0x0C)).isEqualTo(17134);
        assertThat(b.u32(0x30)).isEqualTo(0xAA64);
        assertThat(b.u32(0x34)).isEqualTo(8);
        assertThat(b.u32(0x38)).isEqualTo(0xE2);
        assertThat(b.u64(0x40)).isZero();
        // ARM64 CONTEXT: ContextFlags @0, Sp @0x100, Pc @0x108
        assertThat(b.u32(0x348)).isEqualTo(0x0040_0007L);
        assertThat(b.u64(0x348 + 0x108)).isEqualTo(0xFFFF_F801_BCD5_2DE8L);
        assertThat(b.u64(0xF10)).isEqualTo(0xFFFF_F801_BCD5_2DE8L);
        assertThat(b.u32(0xF98)).isEqualTo(4);
    }

    @Test
    void header32FieldsAtSpecOffsets() {
        Le b = new Le(KernelSamples.x86().toBytes());
        assertThat(b.ascii(0, 8)).isEqualTo("PAGEDUMP");
        assertThat(b.u32(0x08)).isEqualTo(0xF);
        assertThat(b.u32(0x0C)).isEqualTo(7601);
        assertThat(b.u32(0x10)).isEqualTo(0x185000);
        assertThat(b.u32(0x18)).isEqualTo(0x8298_4850L);
        assertThat(b.u32(0x20)).isEqualTo(0x14C);
        assertThat(b.u32(0x24)).isEqualTo(1);
        assertThat(b.u32(0x28)).isEqualTo(0xD1);
        assertThat(b.u32(0x2C)).isEqualTo(0x1C);
        assertThat(b.u32(0x30)).isEqualTo(2);
        assertThat(b.u32(0x34)).isZero();
        assertThat(b.u32(0x38)).isEqualTo(0x8F2A_1234L);
        assertThat(b.u32(0x3C)).as("VersionUser unset").isEqualTo(PAGE32);
        assertThat(b.u8(0x5C)).as("PaeEnabled").isZero();
        assertThat(b.u32(0x60)).isEqualTo(0x8296_0C28L);
        assertThat(b.u32(0x64)).as("PHYSICAL_MEMORY_DESCRIPTOR32 unset").isEqualTo(PAGE32);
        // x86 CONTEXT at 0x320: ContextFlags @0, Eip @0xB8, Esp @0xC4
        assertThat(b.u32(0x320)).isEqualTo(0x0001_003FL);
        assertThat(b.u32(0x320 + 0xB8)).isEqualTo(0x828C_8000L);
        assertThat(b.u32(0x320 + 0xC4)).isEqualTo(0x8A3F_F000L);
        // EXCEPTION_RECORD32 at 0x7D0: code, flags, record, address @0xC, NumberParameters @0x10
        assertThat(b.u32(0x7D0)).isEqualTo(0x8000_0003L);
        assertThat(b.u32(0x7D0 + 0xC)).isEqualTo(0x828C_8000L);
        assertThat(b.u32(0x7D0 + 0x10)).isZero();
        assertThat(b.u32(0x7D0 + 0x14)).isEqualTo(PAGE32);
        assertThat(b.ascii(0x820, 4)).isEqualTo("x86\0");
        assertThat(b.u32(0xF88)).isEqualTo(4);
        assertThat(b.u32(0xF8C)).isEqualTo(0xEFF);
        assertThat(b.u32(0xF90)).isEqualTo(PAGE32);
        assertThat(b.u32(0xF94)).isEqualTo(1);
        assertThat(b.u32(0xF98)).isEqualTo(0x110);
        assertThat(b.u32(0xF9C)).isZero();
        assertThat(b.u64(0xFA0)).isEqualTo(b.size());
        assertThat(b.u64(0xFB8)).isZero();
        assertThat(b.u64(0xFC0)).isEqualTo(0x019D_B1DE_D53E_8000L);
        assertThat(b.u32(0xFFC)).isEqualTo(PAGE32);
    }

    @Test
    void everyFieldCanBeSetOrLeftUnset() {
        Le b = new Le(SynthKernelDump.triage(Arch.AMD64).header(HeaderField.MAJOR_VERSION, 0xC)
                .writerStatus(2).secondaryDataState(3).versionUser("user").dumpType(1).requiredDumpSpace(0x1234)
                .miniDumpFields(0x1).header(HeaderField.ATTRIBUTES, 5).header(HeaderField.BOOT_ID, 6)
                .unset(HeaderField.MINOR_VERSION).unset(HeaderField.CONTEXT_RECORD).unset(HeaderField.EXCEPTION)
                .unset(HeaderField.PRODUCT_TYPE).toBytes());
        assertThat(b.u32(0x08)).isEqualTo(0xC);
        assertThat(b.u32(0x0C)).isEqualTo(PAGE32);
        assertThat(b.u32(0x1048)).isEqualTo(2);
        assertThat(b.u32(0x103C)).isEqualTo(3);
        assertThat(b.ascii(0x60, 6)).isEqualTo("user\0\0");
        assertThat(b.u32(0xF98)).isEqualTo(1);
        assertThat(b.u64(0xFA0)).isEqualTo(0x1234);
        assertThat(b.u32(0x1038)).isEqualTo(1);
        assertThat(b.u32(0x1050)).isEqualTo(5);
        assertThat(b.u32(0x1054)).isEqualTo(6);
        assertThat(b.u64(0x348 + 0x30)).isEqualTo(PAGE64);
        assertThat(b.u32(0xF00)).isEqualTo(PAGE32);
        assertThat(b.u32(0x1040)).isEqualTo(PAGE32);
        assertThatThrownBy(() -> SynthKernelDump.triage(Arch.X86).header(HeaderField.BOOT_ID, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SynthKernelDump.triage(Arch.AMD64).comment("x".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerExceptionCanBeAnyRecord() {
        Le b = new Le(SynthKernelDump.triage(Arch.AMD64).headerContext(Amd64Context.create().rip(0x1000))
                .headerException(ExceptionRecord.of(ExceptionRecord.ACCESS_VIOLATION, 0x2000, 1, 0xDEAD)
                        .withFlags(0).withNumberParameters(200))
                .toBytes());
        assertThat(b.u32(0xF00)).isEqualTo(0xC000_0005L);
        assertThat(b.u64(0xF10)).isEqualTo(0x2000);
        assertThat(b.u32(0xF18)).isEqualTo(200);
        assertThat(b.u64(0xF20)).isEqualTo(1);
        assertThat(b.u64(0xF28)).isEqualTo(0xDEAD);
        assertThat(b.u64(0xF30)).isEqualTo(PAGE64);
    }
}
