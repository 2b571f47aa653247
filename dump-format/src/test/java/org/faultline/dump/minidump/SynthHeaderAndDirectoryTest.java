package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.faultline.dump.Architecture;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.ModuleInfo;
import org.faultline.samples.minidump.Layout;
import org.faultline.samples.minidump.ModuleSpec;
import org.faultline.samples.minidump.StreamType;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.SystemInfoSpec;
import org.faultline.samples.minidump.WrittenDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MINIDUMP_HEADER and the stream directory read back exactly as {@link SynthMinidump} wrote them. */
class SynthHeaderAndDirectoryTest {

    @Test
    void headerFields() {
        WrittenDump w = SynthMinidump.create().implementationVersion(0xA063).checksum(0x1234_5678L)
                .timestamp(0x6543_21FEL).flags(0x8000_0001_0004_1826L).directoryRva(0x40)
                .systemInfo(SystemInfoSpec.x86()).commentA("hi").build();
        Minidump dump = Synth.read(w);
        MinidumpHeader h = dump.header();
        assertThat(h.signature()).isEqualTo(0x504D_444DL);
        assertThat(h.version()).isEqualTo(0xA063_A793L);
        assertThat(h.isSupportedVersion()).isTrue();
        assertThat(h.numberOfStreams()).isEqualTo(2);
        assertThat(h.streamDirectoryRva()).isEqualTo(0x40);
        assertThat(h.checksum()).isEqualTo(0x1234_5678L);
        assertThat(h.timeDateStamp()).isEqualTo(0x6543_21FEL);
        assertThat(h.flags()).isEqualTo(0x8000_0001_0004_1826L);
        assertThat(dump.crashTime()).contains(0x6543_21FEL);
        assertThat(dump.format()).isEqualTo("minidump");
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void emptyDumpHasNoStreams() {
        Minidump dump = Synth.read(SynthMinidump.create());
        assertThat(dump.header().numberOfStreams()).isZero();
        assertThat(dump.directory()).isEmpty();
        assertThat(dump.systemInfo()).isEmpty();
        assertThat(dump.threads()).isEmpty();
        assertThat(dump.modules()).isEmpty();
        assertThat(dump.exception()).isEmpty();
        assertThat(dump.memory().ranges()).isEmpty();
        assertThat(dump.os().platform()).isEqualTo("unknown");
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void directoryOrderTypesSizesAndRvas() {
        WrittenDump w = SynthMinidump.create()
                .commentW("first")
                .systemInfo(SystemInfoSpec.amd64())
                .unusedEntry()
                .rawStream(0x1234_5678, new byte[] {1, 2, 3, 4, 5})
                .rawStream(13, new byte[8])
                .rawStream(0x4D7A_0004, "{}".getBytes(StandardCharsets.UTF_8))
                .linuxText(StreamType.LINUX_MAPS, "00400000-00452000 r-xp 00000000 08:02 173521 /bin/app\n")
                .directoryOrder(StreamType.SYSTEM_INFO, 0x1234_5678)
                .build();
        Minidump dump = Synth.read(w);

        List<Layout.DirectoryEntry> written = w.layout().directory();
        assertThat(dump.directory()).hasSize(written.size());
        for (int i = 0; i < written.size(); i++) {
            Layout.DirectoryEntry e = written.get(i);
            assertThat(dump.directory().get(i)).isEqualTo(new MinidumpDirectory(i, e.type(), e.dataSize(), e.rva()));
        }
        assertThat(dump.directory()).extracting(MinidumpDirectory::streamType)
                .containsExactly(7L, 0x1234_5678L, 11L, 0L, 13L, 0x4D7A_0004L, 0x4767_0009L);
        assertThat(dump.directory()).extracting(MinidumpDirectory::name).containsExactly("SystemInfoStream",
                "unknown (0x12345678)", "CommentStreamW", "UnusedStream", "FunctionTableStream", "MozSoftErrors",
                "BreakpadLinuxMaps");
        assertThat(dump.stream(0x1234_5678L)).hasValue(new MinidumpDirectory(1, 0x1234_5678L, 5,
                w.layout().stream(0x1234_5678L).rva()));
        assertThat(dump.stream(0x1234_5679L)).isEmpty();
        // Unknown types and unused entries are listed, never complained about.
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void unknownStreamTypesAreNamedByTheirNumber() {
        WrittenDump w = SynthMinidump.create().rawStream(0xCAFE, new byte[4])
                .rawStream(0x8000_0001, new byte[4]).rawStream(25, new byte[4]).build();
        Minidump dump = Synth.read(w);
        assertThat(dump.directory()).extracting(MinidumpDirectory::name)
                .containsExactly("unknown (0xcafe)", "unknown (0x80000001)", "unknown (0x19)");
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void opensFromAFile(@TempDir Path dir) throws Exception {
        WrittenDump w = SynthMinidump.create().timestamp(1_700_000_000L).systemInfo(SystemInfoSpec.arm64())
                .module(ModuleSpec.of(0x1_0000_0000L, 0x4000, "app")).build();
        Path file = w.writeTo(dir.resolve("synth.dmp"));
        try (Minidump dump = Minidump.open(file)) {
            assertThat(dump.header().numberOfStreams()).isEqualTo(2);
            assertThat(dump.modules()).extracting(ModuleInfo::path).containsExactly("app");
            assertThat(dump.source().size()).isEqualTo(w.bytes().length);
        }
        try (CrashDump dump = Dumps.open(file)) {
            assertThat(dump.architecture()).isEqualTo(Architecture.ARM64);
            assertThat(dump.crashTime()).contains(1_700_000_000L);
            assertThat(dump.diagnostics()).isEmpty();
        }
    }
}
