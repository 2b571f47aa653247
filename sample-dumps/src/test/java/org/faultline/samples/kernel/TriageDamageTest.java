package org.faultline.samples.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageDamageTest {
    private static final int T = 0x2000;
    private final WrittenKernelDump clean = KernelSamples.x64().build();

    @Test
    void truncatesAtAnyByteAndKeepsTheCleanLayout() {
        for (long cut : new long[] {0, 1, 7, 0x1FFF, 0x2000, 0x2040, clean.layout().region("valid").offset() + 2}) {
            WrittenKernelDump d = KernelSamples.x64().damage(KernelDamage.truncate(cut)).build();
            assertThat(d.bytes()).isEqualTo(Arrays.copyOf(clean.bytes(), (int) cut));
            assertThat(d.layout()).isEqualTo(clean.layout());
        }
        assertThat(KernelSamples.x64().damage(KernelDamage.truncateBy(3)).toBytes()).hasSize(clean.bytes().length - 3);
        assertThat(KernelSamples.x64().damage(KernelDamage.truncate(1L << 40)).toBytes()).isEqualTo(clean.bytes());
    }

    @Test
    void flipsBitsRepeatably() {
        assertThat(KernelSamples.x64().damage(KernelDamage.flipBit(0, 0)).toBytes()[0]).isEqualTo((byte) ('P' ^ 1));
        byte[] a = KernelSamples.x64().damage(KernelDamage.flipRandomBits(7, 20)).toBytes();
        byte[] b = KernelSamples.x64().damage(KernelDamage.flipRandomBits(7, 20)).toBytes();
        byte[] c = KernelSamples.x64().damage(KernelDamage.flipRandomBits(8, 20)).toBytes();
        assertThat(a).isEqualTo(b).isNotEqualTo(clean.bytes()).isNotEqualTo(c).hasSameSizeAs(clean.bytes());
    }

    @Test
    void brokenMarkerAndDanglingValidOffset() {
        Le b = new Le(KernelSamples.x64().damage(KernelDamage.breakValidMarker()).toBytes());
        long valid = clean.layout().region("valid").offset();
        assertThat(b.ascii(valid, 4)).isEqualTo("TRGX");
        Le o = new Le(KernelSamples.x64().damage(KernelDamage.triage(TriageField.VALID_OFFSET, 0xFFFF_FFF0L)).toBytes());
        assertThat(o.u32(T + 8)).isEqualTo(0xFFFF_FFF0L);
        assertThat(o.ascii(valid, 4)).isEqualTo("TRGD");
    }

    @Test
    void driverListDamage() {
        long size = clean.bytes().length;
        Le b = new Le(KernelSamples.x64().damage(KernelDamage.driverCount(100_000),
                KernelDamage.driverNameOffset(1, size + 0x100), KernelDamage.driverNameLength(0, 0x7FFF_FFFFL),
                KernelDamage.driverNameWithoutNul(2)).toBytes());
        long list = b.u32(T + 0x30);
        assertThat(b.u32(T + 0x34)).isEqualTo(100_000);
        assertThat(b.u32(list + 0x90)).isEqualTo(size + 0x100);
        assertThat(b.u32(b.u32(list))).isEqualTo(0x7FFF_FFFFL);
        long name2 = b.u32(list + 0x120);
        assertThat(b.u16(name2 + 4 + 2 * b.u32(name2))).isEqualTo('X');
        Le pool = new Le(KernelSamples.x64().damage(KernelDamage.triage(TriageField.STRING_POOL_OFFSET, size)).toBytes());
        assertThat(pool.u32(T + 0x38)).isEqualTo(size);
    }

    @Test
    void dataBlockDamage() {
        long size = clean.bytes().length;
        Le b = new Le(KernelSamples.x64().damage(KernelDamage.dataBlockOffset(0, size - 8),
                KernelDamage.dataBlockSize(1, 0xFFFF_FFFFL), KernelDamage.dataBlocksCount(0x1000_0000)).toBytes());
        long blocks = b.u32(T + 0x78);
        assertThat(b.u32(blocks + 8)).isEqualTo(size - 8);
        assertThat(b.u32(blocks + 16 + 12)).isEqualTo(0xFFFF_FFFFL);
        assertThat(b.u32(T + 0x7C)).isEqualTo(0x1000_0000);
        Le u = new Le(KernelSamples.x64().damage(KernelDamage.unloadedDriverCount(-1)).toBytes());
        assertThat(u.u64(u.u32(T + 0x18))).isEqualTo(-1);
    }

    @Test
    void unsetFieldsReadPage() {
        Le b = new Le(KernelSamples.x64().damage(KernelDamage.unset(HeaderField.DUMP_TYPE),
                KernelDamage.unset(HeaderField.BUGCHECK_PARAMETER2), KernelDamage.unset(HeaderField.KD_SECONDARY_VERSION),
                KernelDamage.unset("debuggerData")).toBytes());
        assertThat(b.ascii(0xF98, 4)).isEqualTo("PAGE");
        assertThat(b.ascii(0x48, 8)).isEqualTo("PAGEPAGE");
        assertThat(b.u8(0x104D)).isEqualTo('A');
        assertThat(b.ascii(b.u32(T + 0x70) + 0x10, 4)).as("KDBG tag gone").isEqualTo("PAGE");
        Le x = new Le(KernelSamples.x86().damage(KernelDamage.unset(HeaderField.MACHINE_IMAGE_TYPE),
                KernelDamage.header(HeaderField.DUMP_TYPE, 0xFFFF_FFFFL)).toBytes());
        assertThat(x.ascii(0x20, 4)).isEqualTo("PAGE");
        assertThat(x.u32(0xF88)).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void patchesOutsideTheFileFail() {
        assertThatThrownBy(() -> KernelSamples.x64().damage(KernelDamage.truncate(0x10), KernelDamage.putU32(0x10, 1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> SynthKernelDump.triage(Arch.AMD64).damage(KernelDamage.driverNameLength(0, 1)).build())
                .hasMessageContaining("no region");
    }

    @Test
    void fileAndStreamOutputMatchTheBytes(@TempDir Path dir) throws Exception {
        SynthKernelDump s = KernelSamples.x64().damage(KernelDamage.breakValidMarker(), KernelDamage.truncateBy(5),
                KernelDamage.append(new byte[] {1, 2, 3}));
        byte[] bytes = s.toBytes();
        Path file = dir.resolve("triage.dmp");
        assertThat(s.writeTo(file)).isEqualTo(clean.layout());
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeTo(out);
        assertThat(out.toByteArray()).isEqualTo(bytes);
    }
}
