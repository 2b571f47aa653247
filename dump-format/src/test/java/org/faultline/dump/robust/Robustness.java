package org.faultline.dump.robust;

import static org.assertj.core.api.Assertions.assertThat;

import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.DumpFormatException;

/**
 * The hostile-input contract, as one check: any byte sequence either opens (and then every accessor answers,
 * with damage reported as diagnostics) or fails with the typed error whose offset lies inside the file.
 * Anything else (an unchecked exception, an error) escapes and fails the calling test.
 */
public final class Robustness {
    private Robustness() {
    }

    /** What happened to one input. */
    public enum Outcome { PARSED, REJECTED }

    public static Outcome exercise(byte[] bytes) {
        ArrayByteSource source = new ArrayByteSource(bytes, "fuzz");
        CrashDump dump;
        try {
            dump = Dumps.open(source);
        } catch (DumpFormatException e) {
            assertThat(e.offset()).as("offset of %s", e.getMessage()).isBetween(0L, (long) bytes.length);
            assertThat(e.getMessage()).contains("@0x");
            return Outcome.REJECTED;
        }
        try (dump) {
            dump.format();
            dump.architecture();
            dump.os().cpuInfo();
            dump.modules().forEach(m -> dump.moduleAt(m.base()));
            dump.unloadedModules();
            for (ThreadInfo t : dump.threads()) {
                if (t.context() != null) {
                    t.context().instructionPointer();
                    dump.memory().read(t.context().stackPointer(), 64);
                }
            }
            dump.exception().ifPresent(e -> dump.memory().read(e.address(), 16));
            for (MemoryRange r : dump.memory().ranges()) {
                dump.memory().read(r.start(), (int) Math.min(r.size(), 4096));
                dump.memory().readableFrom(r.start(), Long.MAX_VALUE);
            }
            dump.crashTime();
            dump.diagnostics().forEach(d -> {
                assertThat(d.structure()).isNotBlank();
                assertThat(d.message()).isNotBlank();
            });
        }
        return Outcome.PARSED;
    }
}
