package org.faultline.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFilesTest {

    /** A header page pre-filled with "PAGE" as the kernel writes it, with the signature and a DumpType. */
    private static byte[] kernelHeader(String signature, int headerSize, int dumpTypeOffset, int dumpType) {
        byte[] b = new byte[headerSize];
        byte[] page = "PAGE".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            b[i] = page[i % 4];
        }
        byte[] sig = signature.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(sig, 0, b, 0, sig.length);
        b[dumpTypeOffset] = (byte) dumpType;
        b[dumpTypeOffset + 1] = 0;
        b[dumpTypeOffset + 2] = 0;
        b[dumpTypeOffset + 3] = 0;
        return b;
    }

    @Test
    void recognisesMinidump() throws Exception {
        byte[] b = new byte[32];
        System.arraycopy("MDMP".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        b[4] = (byte) 0x93;
        b[5] = (byte) 0xA7;
        DetectedDump d = DumpFiles.detect(new ArrayByteSource(b));
        assertThat(d.kind()).isEqualTo(DumpKind.MINIDUMP);
        assertThat(d.size()).isEqualTo(32);
        assertThat(d.rawKernelDumpType()).isEmpty();
    }

    @Test
    void recognises64BitKernelTriageDumpAndItsType() throws Exception {
        DetectedDump d = DumpFiles.detect(new ArrayByteSource(kernelHeader("PAGEDU64", 0x2000, 0xF98, 4)));
        assertThat(d.kind()).isEqualTo(DumpKind.KERNEL_DUMP_64);
        assertThat(d.kernelDumpType()).isEqualTo(KernelDumpType.TRIAGE);
        assertThat(d.describe()).isEqualTo("64-bit kernel dump (PAGEDU64), DumpType 4 (triage)");
    }

    @Test
    void recognises32BitKernelDumpAndReadsDumpTypeAtItsOwnOffset() throws Exception {
        DetectedDump d = DumpFiles.detect(new ArrayByteSource(kernelHeader("PAGEDUMP", 0x1000, 0xF88, 1)));
        assertThat(d.kind()).isEqualTo(DumpKind.KERNEL_DUMP_32);
        assertThat(d.kernelDumpType()).isEqualTo(KernelDumpType.FULL);
    }

    @Test
    void bitmapKernelDumpType() throws Exception {
        DetectedDump d = DumpFiles.detect(new ArrayByteSource(kernelHeader("PAGEDU64", 0x2000, 0xF98, 5)));
        assertThat(d.kernelDumpType()).isEqualTo(KernelDumpType.BITMAP_FULL);
    }

    @Test
    void kernelHeaderTooShortForDumpTypeIsStillRecognised() throws Exception {
        byte[] b = "PAGEDU64PAGEPAGE".getBytes(StandardCharsets.US_ASCII);
        DetectedDump d = DumpFiles.detect(new ArrayByteSource(b));
        assertThat(d.kind()).isEqualTo(DumpKind.KERNEL_DUMP_64);
        assertThat(d.rawKernelDumpType()).isEmpty();
        assertThat(d.describe()).contains("header truncated");
    }

    @Test
    void recognisesLegacyUserDumps() throws Exception {
        assertThat(DumpFiles.detect(new ArrayByteSource("USERDU64xxxxxxxx".getBytes(StandardCharsets.US_ASCII))).kind())
                .isEqualTo(DumpKind.LEGACY_USER_DUMP_64);
        assertThat(DumpFiles.detect(new ArrayByteSource("USERDUMPxxxxxxxx".getBytes(StandardCharsets.US_ASCII))).kind())
                .isEqualTo(DumpKind.LEGACY_USER_DUMP_32);
    }

    @Test
    void unknownSignatureNamesTheBytesAndOffset() {
        byte[] b = "# Faultline".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> DumpFiles.detect(new ArrayByteSource(b)))
                .isInstanceOfSatisfying(DumpFormatException.BadSignature.class, e -> {
                    assertThat(e.offset()).isZero();
                    assertThat(e.code()).isEqualTo("BAD_SIGNATURE");
                    assertThat(e.detail()).isEqualTo("unknown signature 23 20 46 61 (\"# Fa\")");
                });
    }

    @Test
    void partialSignatureIsNotAccepted() {
        byte[] b = "PAGEDU6".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> DumpFiles.detect(new ArrayByteSource(b)))
                .isInstanceOf(DumpFormatException.BadSignature.class);
        assertThatThrownBy(() -> DumpFiles.detect(new ArrayByteSource(new byte[] {'M', 'D'})))
                .isInstanceOf(DumpFormatException.BadSignature.class)
                .hasMessageContaining("too short (2 bytes)");
        assertThatThrownBy(() -> DumpFiles.detect(new ArrayByteSource(new byte[0])))
                .isInstanceOf(DumpFormatException.BadSignature.class)
                .hasMessageContaining("empty file");
    }

    @Test
    void detectsFromAFileAndReportsMissingFiles(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("x.dmp");
        Files.write(dump, kernelHeader("PAGEDU64", 0x2000, 0xF98, 4));
        assertThat(DumpFiles.detect(dump).kernelDumpType()).isEqualTo(KernelDumpType.TRIAGE);
        assertThatThrownBy(() -> DumpFiles.detect(dir.resolve("missing.dmp")))
                .isInstanceOf(DumpAccessException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> DumpFiles.detect(dir)).isInstanceOf(DumpAccessException.class)
                .hasMessageContaining("folder");
    }
}
