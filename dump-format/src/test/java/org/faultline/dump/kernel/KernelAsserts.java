package org.faultline.dump.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.faultline.dump.CpuContext;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.samples.kernel.WrittenKernelDump;

/** Shared checks for the kernel dump tests: contexts against the writer's, opening written dumps. */
final class KernelAsserts {
    private KernelAsserts() {
    }

    /** Opens a dump written in memory. */
    static KernelDump open(WrittenKernelDump written) throws DumpFormatException {
        return KernelDump.read(new ArrayByteSource(written.bytes(), "synthetic"));
    }

    static KernelDump open(byte[] bytes) throws DumpFormatException {
        return KernelDump.read(new ArrayByteSource(bytes, "synthetic"));
    }

    /**
     * The context read equals the one the writer was given: same ContextFlags, and every register the reader
     * reports that the writer's context type knows has the written value. The reader must report at least the
     * program counter, stack and frame pointers.
     */
    static void assertContext(CpuContext read, org.faultline.samples.minidump.CpuContext<?> written) {
        assertThat(read).as("context").isNotNull();
        assertThat(read.flags()).as("ContextFlags").isEqualTo(written.contextFlags());
        int compared = 0;
        for (Map.Entry<String, Long> r : read.registers().entrySet()) {
            if (written.registerNames().contains(r.getKey())) {
                assertThat(r.getValue()).as("register %s", r.getKey()).isEqualTo(written.get(r.getKey()));
                compared++;
            }
        }
        assertThat(compared).as("registers compared").isGreaterThanOrEqualTo(16);
    }

    /** The diagnostics, as {@code CODE structure @0xOFFSET} lines for readable failure messages. */
    static List<String> lines(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.code() + " " + d.structure() + " @0x" + Long.toHexString(d.offset()))
                .toList();
    }

    /** The diagnostics of {@code dump} whose structure contains {@code structure}. */
    static List<Diagnostic> about(KernelDump dump, String structure) {
        return dump.diagnostics().stream().filter(d -> d.structure().contains(structure)).toList();
    }

    /** Exactly the one diagnostic expected at {@code offset}, with a non-blank message. */
    static Diagnostic only(KernelDump dump, String code, String structure, long offset) {
        List<Diagnostic> found = dump.diagnostics().stream()
                .filter(d -> d.code().equals(code) && d.structure().contains(structure) && d.offset() == offset).toList();
        assertThat(found).as("%s %s @0x%x among %s", code, structure, offset, lines(dump.diagnostics())).hasSize(1);
        assertThat(found.get(0).message()).isNotBlank();
        return found.get(0);
    }

    static long u64(byte[] b, long at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[(int) at + i] & 0xFF);
        }
        return v;
    }

    /** FILETIME (100 ns since 1601) of Unix epoch seconds. */
    static long filetime(long epochSeconds) {
        return (epochSeconds + 11_644_473_600L) * 10_000_000L;
    }
}
