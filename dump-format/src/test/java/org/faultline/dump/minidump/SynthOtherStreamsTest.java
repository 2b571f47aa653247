package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.minidump.CrashpadInfoSpec;
import org.faultline.samples.minidump.HandleSpec;
import org.faultline.samples.minidump.ModuleSpec;
import org.faultline.samples.minidump.StreamType;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.WrittenDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HandleData, comments, tokens and the Breakpad and Crashpad extension streams, read back as written. */
class SynthOtherStreamsTest {
    private static final UUID REPORT = UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    private static final UUID CLIENT = UUID.fromString("f0e1d2c3-b4a5-9687-7869-5a4b3c2d1e0f");

    @ParameterizedTest
    @ValueSource(ints = {32, 40})
    void handleDescriptors(int size) {
        WrittenDump w = SynthMinidump.create().handleDescriptorSize(size)
                .handle(new HandleSpec(0x4, "File", "\\Device\\HarddiskVolume3\\x.txt", 0, 0x12_019FL, 1, 2))
                .handle(new HandleSpec(0x8, "Event", null, 0x2, 0x1F_0003L, 1, 1))
                .handle(new HandleSpec(0xFFFF_FFFF_FFFF_FFFCL, null, null, 0, 0, 0xFFFF_FFFFL, 0x8000_0000L))
                .handle(new HandleSpec(0x10, "Key", "\\REGISTRY\\MACHINE\\SOFTWARE\\Cl\u00e9s", 0, 0x2_0019, 1, 1))
                .build();
        Minidump dump = Synth.read(w);
        assertThat(w.layout().stream(StreamType.HANDLE_DATA).dataSize()).isEqualTo(16 + 4L * size);
        assertThat(dump.handles()).containsExactly(
                new MinidumpHandle(0x4, "File", "\\Device\\HarddiskVolume3\\x.txt", 0, 0x12_019FL, 1, 2, 0),
                new MinidumpHandle(0x8, "Event", null, 0x2, 0x1F_0003L, 1, 1, 0),
                new MinidumpHandle(0xFFFF_FFFF_FFFF_FFFCL, null, null, 0, 0, 0xFFFF_FFFFL, 0x8000_0000L, 0),
                new MinidumpHandle(0x10, "Key", "\\REGISTRY\\MACHINE\\SOFTWARE\\Cl\u00e9s", 0, 0x2_0019, 1, 1, 0));
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void ansiComment() {
        Minidump dump = Synth.read(SynthMinidump.create().commentA("Crash in caf\u00e9 \u00bf?"));
        assertThat(dump.comment()).contains("Crash in caf\u00e9 \u00bf?");
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void wideComment() {
        Minidump dump = Synth.read(SynthMinidump.create().commentW("\u65e5\u672c\u8a9e \u2013 \uD83D\uDCA5 boom"));
        assertThat(dump.comment()).contains("\u65e5\u672c\u8a9e \u2013 \uD83D\uDCA5 boom");
    }

    @Test
    void wideCommentWinsOverAnsi() {
        Minidump dump = Synth.read(SynthMinidump.create().commentA("ansi").commentW("wide"));
        assertThat(dump.comment()).contains("wide");
        assertThat(Synth.read(SynthMinidump.create()).comment()).isEmpty();
    }

    /** MINIDUMP_TOKEN_INFO_LIST with two MINIDUMP_TOKEN_INFO_HEADER entries and their token bytes. */
    @Test
    void tokens() {
        byte[] first = Synth.filled(20, 0x11);
        byte[] second = Synth.filled(36, 0x22);
        int total = 16 + 16 + first.length + 16 + second.length;
        byte[] blob = new LeWriter().u32(total).u32(2).u32(16).u32(16)
                .u32(16 + first.length).u32(0x1001).u64(0x7C).bytes(first)
                .u32(16 + second.length).u32(0x1002).u64(0xFFFF_FFFF_FFFF_FFF8L).bytes(second).toByteArray();
        Minidump dump = Synth.read(SynthMinidump.create().token(blob));
        assertThat(dump.tokens()).containsExactly(new TokenInfo(0x1001, 0x7C, 36),
                new TokenInfo(0x1002, 0xFFFF_FFFF_FFFF_FFF8L, 52));
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void breakpadInfo() {
        BreakpadInfo both = Synth.read(SynthMinidump.create().breakpadInfo(3, 0x11C0, 0xBF4)).breakpadInfo().orElseThrow();
        assertThat(both).isEqualTo(new BreakpadInfo(3, 0x11C0, 0xBF4));
        assertThat(both.hasDumpThreadId()).isTrue();
        assertThat(both.hasRequestingThreadId()).isTrue();
        BreakpadInfo dumpOnly = Synth.read(SynthMinidump.create().breakpadInfo(1, 0x22, 0)).breakpadInfo().orElseThrow();
        assertThat(dumpOnly.hasDumpThreadId()).isTrue();
        assertThat(dumpOnly.hasRequestingThreadId()).isFalse();
    }

    @Test
    void assertion() {
        Minidump dump = Synth.read(SynthMinidump.create().assertionInfo("p != nullptr", "Widget::draw",
                "c:\\src\\widget.cpp", 42, 1));
        assertThat(dump.assertion()).contains(new AssertionInfo("p != nullptr", "Widget::draw", "c:\\src\\widget.cpp", 42, 1));
        assertThat(dump.assertion().orElseThrow().typeName()).isEqualTo("invalid parameter");
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void assertionFieldsFillingTheirWholeArrays() {
        String longest = "x".repeat(127) + "\u00e9";
        Minidump dump = Synth.read(SynthMinidump.create().assertionInfo(longest, "", "f", 0xFFFF_FFFFL, 2));
        AssertionInfo a = dump.assertion().orElseThrow();
        assertThat(a.expression()).isEqualTo(longest);
        assertThat(a.function()).isEmpty();
        assertThat(a.file()).isEqualTo("f");
        assertThat(a.line()).isEqualTo(0xFFFF_FFFFL);
        assertThat(a.typeName()).isEqualTo("pure virtual call");
    }

    @Test
    void crashpadInfoWithSimpleAnnotations() {
        Minidump dump = Synth.read(SynthMinidump.create().crashpadInfo(CrashpadInfoSpec.of(REPORT, CLIENT)
                .annotation("prod", "App").annotation("ver", "1.0").annotation("pl\u00e4tform", "\u65e5\u672c")));
        CrashpadInfo c = dump.crashpadInfo().orElseThrow();
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.reportId().toString()).isEqualTo(REPORT.toString());
        assertThat(c.clientId().toString()).isEqualTo(CLIENT.toString());
        assertThat(c.simpleAnnotations()).isEqualTo(Map.of("prod", "App", "ver", "1.0", "pl\u00e4tform", "\u65e5\u672c"));
        assertThat(c.modules()).isEmpty();
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void crashpadInfoWithoutAnnotations() {
        CrashpadInfo c = Synth.read(SynthMinidump.create().crashpadInfo(CrashpadInfoSpec.of(REPORT, CLIENT).version(2)))
                .crashpadInfo().orElseThrow();
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.simpleAnnotations()).isEmpty();
        assertThat(c.modules()).isEmpty();
    }

    /**
     * The writer's Crashpad stream has no module list, so this test writes MINIDUMP_CRASHPAD_INFO by hand as a
     * raw stream that carries everything it points to. RVAs are absolute, so the dump is built twice: once to
     * learn where the stream lands, once with the RVAs filled in (the layout does not depend on the content).
     */
    @Test
    void crashpadModuleAnnotations() {
        SynthMinidump probe = withModules(crashpadBlob(0));
        long rva = probe.build().layout().stream(StreamType.CRASHPAD_INFO).rva();
        WrittenDump w = withModules(crashpadBlob(rva)).build();
        assertThat(w.layout().stream(StreamType.CRASHPAD_INFO).rva()).isEqualTo(rva);

        Minidump dump = Synth.read(w);
        CrashpadInfo c = dump.crashpadInfo().orElseThrow();
        assertThat(c.reportId().toString()).isEqualTo(REPORT.toString());
        assertThat(c.simpleAnnotations()).isEqualTo(Map.of("channel", "beta"));
        assertThat(c.modules()).containsExactly(
                new CrashpadInfo.ModuleAnnotations(0, List.of("abort() called", "second \u00e9"),
                        Map.of("module-key", "m\u00f3dul\u00e9 value")),
                new CrashpadInfo.ModuleAnnotations(2, List.of(), Map.of("k", "v", "empty", "")));
        assertThat(dump.modules()).hasSize(3);
        assertThat(dump.diagnostics()).isEmpty();
    }

    private static SynthMinidump withModules(byte[] crashpad) {
        return SynthMinidump.create()
                .module(ModuleSpec.of(0x1000_0000L, 0x1000, "a.exe"))
                .module(ModuleSpec.of(0x2000_0000L, 0x1000, "b.dll"))
                .module(ModuleSpec.of(0x3000_0000L, 0x1000, "c.dll"))
                .rawStream(StreamType.CRASHPAD_INFO, crashpad);
    }

    /** A self-contained Crashpad info stream placed at file offset {@code base}. */
    private static byte[] crashpadBlob(long base) {
        Blob b = new Blob(base);
        LeWriter w = b.w;
        // MINIDUMP_CRASHPAD_INFO (current 64-byte form: version, ids, two locations, reserved, address mask).
        w.u32(1).guid(REPORT).guid(CLIENT).u32(0).u32(0).u32(0).u32(0).u32(0).u64(0);
        b.location(36, b.dictionary(Map.of("channel", "beta")));
        int list = w.align(4).position();
        w.u32(2).zeros(24);
        b.location(44, new int[] {w.position() - list, list});
        int m0 = b.moduleInfo(List.of("abort() called", "second \u00e9"), Map.of("module-key", "m\u00f3dul\u00e9 value"));
        int m2 = b.moduleInfo(List.of(), Map.of("k", "v", "empty", ""));
        w.putU32(list + 4, 0).putU32(list + 8, 20).putU32(list + 12, b.rva(m0));
        w.putU32(list + 16, 2).putU32(list + 20, 20).putU32(list + 24, b.rva(m2));
        return w.toByteArray();
    }

    /** Writes Crashpad structures into one buffer that will sit at file offset {@code base}. */
    private static final class Blob {
        final long base;
        final LeWriter w = new LeWriter();

        Blob(long base) {
            this.base = base;
        }

        long rva(int local) {
            return base + local;
        }

        /** Patches a MINIDUMP_LOCATION_DESCRIPTOR at {@code at} with {size, local offset}. */
        void location(int at, int[] sizeAndLocal) {
            w.putU32(at, sizeAndLocal[0]).putU32(at + 4, rva(sizeAndLocal[1]));
        }

        int utf8(String s) {
            int at = w.align(4).position();
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            w.u32(b.length).bytes(b).u8(0);
            return at;
        }

        /** MINIDUMP_SIMPLE_STRING_DICTIONARY; returns {size, local offset}. */
        int[] dictionary(Map<String, String> entries) {
            int at = w.align(4).position();
            w.u32(entries.size()).zeros(8 * entries.size());
            int size = w.position() - at;
            int i = 0;
            for (Map.Entry<String, String> e : entries.entrySet()) {
                int key = utf8(e.getKey());
                int value = utf8(e.getValue());
                w.putU32(at + 4 + 8 * i, rva(key)).putU32(at + 8 + 8 * i, rva(value));
                i++;
            }
            return new int[] {size, at};
        }

        /** MINIDUMP_RVA_LIST of UTF-8 strings; returns {size, local offset}. */
        int[] rvaList(List<String> strings) {
            int at = w.align(4).position();
            w.u32(strings.size()).zeros(4 * strings.size());
            int size = w.position() - at;
            for (int i = 0; i < strings.size(); i++) {
                w.putU32(at + 4 + 4 * i, rva(utf8(strings.get(i))));
            }
            return new int[] {size, at};
        }

        /** MINIDUMP_MODULE_CRASHPAD_INFO (version, list annotations, simple annotations, objects); local offset. */
        int moduleInfo(List<String> list, Map<String, String> simple) {
            int at = w.align(4).position();
            w.u32(1).zeros(24);
            if (!list.isEmpty()) {
                location(at + 4, rvaList(list));
            }
            location(at + 12, dictionary(simple));
            return at;
        }
    }

    @Test
    void linuxTextStreams() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Gr\u00fc\u00dfe CPU\n";
        String cmdline = "/usr/bin/app\0--flag\0";
        WrittenDump w = SynthMinidump.create()
                .linuxText(StreamType.LINUX_CPU_INFO, cpuinfo)
                .linuxText(StreamType.LINUX_PROC_STATUS, "Name:\tapp\nPid:\t4242\n")
                .linuxText(StreamType.LINUX_LSB_RELEASE, "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\n")
                .linuxText(StreamType.LINUX_CMD_LINE, cmdline)
                .linuxText(StreamType.LINUX_ENVIRON, "HOME=/root\0LANG=C.UTF-8\0")
                .linuxText(StreamType.LINUX_MAPS, "55d4a0000000-55d4a0001000 r--p 00000000 08:01 42 /usr/bin/app\n")
                .linuxText(0x4767_000B, "4242 (app) S 1\n")
                .rawStream(StreamType.LINUX_AUXV, new LeWriter().u64(6).u64(4096).u64(0).u64(0).toByteArray())
                .build();
        Minidump dump = Synth.read(w);
        assertThat(dump.linuxText(StreamType.LINUX_CPU_INFO)).contains(cpuinfo);
        assertThat(dump.linuxText(StreamType.LINUX_PROC_STATUS)).contains("Name:\tapp\nPid:\t4242\n");
        assertThat(dump.linuxText(StreamType.LINUX_LSB_RELEASE)).contains("DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\n");
        assertThat(dump.linuxText(StreamType.LINUX_CMD_LINE)).contains(cmdline);
        assertThat(dump.linuxText(StreamType.LINUX_ENVIRON)).contains("HOME=/root\0LANG=C.UTF-8\0");
        assertThat(dump.linuxText(StreamType.LINUX_MAPS))
                .contains("55d4a0000000-55d4a0001000 r--p 00000000 08:01 42 /usr/bin/app\n");
        assertThat(dump.linuxText(0x4767_000BL)).contains("4242 (app) S 1\n");
        // auxv is binary, not text; absent types are absent.
        assertThat(dump.linuxText(StreamType.LINUX_AUXV)).isEmpty();
        assertThat(dump.linuxText(0x4767_000CL)).isEmpty();
        assertThat(dump.directory()).extracting(MinidumpDirectory::name).contains("BreakpadLinuxCpuInfo",
                "BreakpadLinuxProcStatus", "BreakpadLinuxLsbRelease", "BreakpadLinuxCmdLine", "BreakpadLinuxEnviron",
                "BreakpadLinuxMaps", "BreakpadLinuxProcStat", "BreakpadLinuxAuxv");
        assertThat(dump.diagnostics()).isEmpty();
    }
}
