package org.faultline.samples.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.faultline.samples.minidump.Layout.DirectoryEntry;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;

class OtherStreamsTest {
    private final WrittenDump dump = Samples.everything().build();
    private final Le le = new Le(dump.bytes());

    @Test
    void handleDataWith32ByteDescriptors() {
        DirectoryEntry e = dump.layout().stream(12);
        long s = e.rva();
        assertThat(e.dataSize()).isEqualTo(16 + 2 * 32);
        assertThat(le.u32(s)).isEqualTo(16);
        assertThat(le.u32(s + 4)).isEqualTo(32);
        assertThat(le.u32(s + 8)).isEqualTo(2);
        long h = s + 16;
        assertThat(le.u64(h)).isEqualTo(4);
        assertThat(le.mdString(le.u32(h + 8))).isEqualTo("File");
        assertThat(le.mdString(le.u32(h + 12))).isEqualTo("\\Device\\HarddiskVolume3\\x.txt");
        assertThat(le.u32(h + 0x14)).isEqualTo(0x12019F);
        assertThat(le.u32(h + 0x18)).isEqualTo(1);
        assertThat(le.u32(h + 0x1C)).isEqualTo(2);
        assertThat(le.mdString(le.u32(h + 32 + 8))).isEqualTo("Event");
        assertThat(le.u32(h + 32 + 12)).isZero();
    }

    @Test
    void handleDataWith40ByteDescriptors() {
        WrittenDump d = SynthMinidump.create().handleDescriptorSize(40).handle(new HandleSpec(1, null, null, 2, 3, 4, 5))
                .handle(new HandleSpec(9, "Key", null, 0, 0, 0, 0)).build();
        Le l = new Le(d.bytes());
        long s = d.layout().stream(12).rva();
        assertThat(d.layout().stream(12).dataSize()).isEqualTo(16 + 2 * 40);
        assertThat(l.u32(s + 4)).isEqualTo(40);
        assertThat(l.u64(s + 16 + 40)).isEqualTo(9);
        assertThat(l.mdString(l.u32(s + 16 + 40 + 8))).isEqualTo("Key");
    }

    @Test
    void commentsAndToken() {
        DirectoryEntry a = dump.layout().stream(10);
        assertThat(le.ascii(a.rva(), (int) a.dataSize())).isEqualTo("ansi comment\0");
        DirectoryEntry w = dump.layout().stream(11);
        assertThat(new String(le.bytes(w.rva(), (int) w.dataSize()), StandardCharsets.UTF_16LE)).isEqualTo("wide comment\0");
        DirectoryEntry t = dump.layout().stream(19);
        assertThat(le.bytes(t.rva(), (int) t.dataSize())).containsExactly(9, 9, 9, 9);
    }

    @Test
    void breakpadInfoAndAssertion() {
        DirectoryEntry b = dump.layout().stream(0x47670001);
        assertThat(b.dataSize()).isEqualTo(12);
        assertThat(le.u32(b.rva())).isEqualTo(3);
        assertThat(le.u32(b.rva() + 4)).isEqualTo(0x300);
        assertThat(le.u32(b.rva() + 8)).isEqualTo(0x100);
        DirectoryEntry a = dump.layout().stream(0x47670002);
        assertThat(a.dataSize()).isEqualTo(3 * 256 + 8);
        assertThat(le.wchars(a.rva(), 128)).isEqualTo("p != nullptr");
        assertThat(le.wchars(a.rva() + 256, 128)).isEqualTo("main");
        assertThat(le.wchars(a.rva() + 512, 128)).isEqualTo("app.cpp");
        assertThat(le.u32(a.rva() + 768)).isEqualTo(42);
        assertThat(le.u32(a.rva() + 772)).isEqualTo(1);
    }

    @Test
    void crashpadInfoWithAnnotations() {
        DirectoryEntry c = dump.layout().stream(0x43500001);
        long s = c.rva();
        assertThat(c.dataSize()).isEqualTo(52);
        assertThat(le.u32(s)).isEqualTo(1);
        assertThat(le.u32(s + 4)).isEqualTo(0x0a1b2c3dL);
        assertThat(le.u16(s + 8)).isEqualTo(0x4e5f);
        assertThat(le.bytes(s + 12, 8)).containsExactly(0x82, 0x93, 0xa4, 0xb5, 0xc6, 0xd7, 0xe8, 0xf9);
        assertThat(le.u32(s + 20)).isEqualTo(0xf0e1d2c3L);
        long dictSize = le.u32(s + 36);
        long dict = le.u32(s + 40);
        assertThat(dictSize).isEqualTo(4 + 2 * 8);
        assertThat(le.u32(s + 44)).as("module list location empty").isZero();
        assertThat(le.u32(s + 48)).isZero();
        assertThat(le.u32(dict)).isEqualTo(2);
        assertThat(utf8(le.u32(dict + 4))).isEqualTo("prod");
        assertThat(utf8(le.u32(dict + 8))).isEqualTo("App");
        assertThat(utf8(le.u32(dict + 12))).isEqualTo("ver");
        assertThat(utf8(le.u32(dict + 16))).isEqualTo("1.0");
    }

    @Test
    void crashpadInfoWithoutAnnotationsHasEmptyLocations() {
        WrittenDump d = SynthMinidump.create().crashpadInfo(CrashpadInfoSpec.of(Samples.REPORT, Samples.CLIENT)).build();
        Le l = new Le(d.bytes());
        long s = d.layout().stream(0x43500001).rva();
        assertThat(l.bytes(s + 36, 16)).containsOnly(0);
        assertThat(l.size()).isEqualTo(s + 52);
    }

    @Test
    void linuxTextAndRawStreams() {
        DirectoryEntry cpu = dump.layout().stream(0x47670003);
        assertThat(le.ascii(cpu.rva(), (int) cpu.dataSize())).isEqualTo("processor\t: 0\n");
        DirectoryEntry raw = dump.layout().stream(0x4D7A0004);
        assertThat(le.ascii(raw.rva(), (int) raw.dataSize())).isEqualTo("{}");
    }

    private String utf8(long rva) {
        int length = (int) le.u32(rva);
        assertThat(le.u8(rva + 4 + length)).isZero();
        return new String(le.bytes(rva + 4, length), StandardCharsets.UTF_8);
    }
}
