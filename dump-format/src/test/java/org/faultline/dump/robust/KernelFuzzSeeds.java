package org.faultline.dump.robust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.faultline.dump.kernel.SynthKernelSamples;

/**
 * Writes the kernel-dump seeds of the Jazzer target {@code MinidumpFuzzTest}: the small synthetic triage (x64,
 * ARM64, x86), full and bitmap dumps the mutation properties use, each under 64 KiB. {@code KernelFuzzSeedsTest}
 * fails when the committed seeds differ from what this writes. To rewrite them (from the repository root):
 *
 * <pre>
 * ./mvnw -B -q -pl sample-dumps,dump-format test-compile
 * java -cp "dump-format/target/test-classes:dump-format/target/classes:sample-dumps/target/classes" \
 *     org.faultline.dump.robust.KernelFuzzSeeds \
 *     dump-format/src/test/resources/org/faultline/dump/robust/MinidumpFuzzTestInputs/dumps
 * </pre>
 */
public final class KernelFuzzSeeds {
    /** Where the seeds live, relative to the test classpath root (and to {@code src/test/resources}). */
    public static final String FOLDER = "org/faultline/dump/robust/MinidumpFuzzTestInputs/dumps";

    private KernelFuzzSeeds() {
    }

    /** File name → bytes. */
    public static Map<String, byte[]> seeds() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("kernel-triage-x64.dmp", SynthKernelSamples.X64.compact().toBytes());
        out.put("kernel-triage-arm64.dmp", SynthKernelSamples.Arm64.compact().toBytes());
        out.put("kernel-triage-x86.dmp", SynthKernelSamples.X86.compact().toBytes());
        out.put("kernel-full-x64.dmp", SynthKernelSamples.Machine.compactFull().toBytes());
        out.put("kernel-bitmap-x64.dmp", SynthKernelSamples.Machine.compactBitmap().toBytes());
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: KernelFuzzSeeds FOLDER");
            return;
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : seeds().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
            System.out.println(dir.resolve(e.getKey()) + " (" + e.getValue().length + " bytes)");
        }
    }
}
