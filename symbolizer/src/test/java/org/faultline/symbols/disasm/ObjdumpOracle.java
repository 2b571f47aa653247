package org.faultline.symbols.disasm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GNU objdump as the oracle of the differential tests: writes bytes to a temporary file, runs
 * {@code objdump -D -z -b binary -m MACHINE [-M intel] --adjust-vma=VMA FILE} and parses its listing into
 * instructions (address, length, text). Lines that continue a long instruction's bytes are folded into
 * it; the length is the distance to the next instruction (or the bytes shown, for the last one).
 */
final class ObjdumpOracle {

    /** The machines we compare. */
    enum Machine {
        AMD64("i386:x86-64", true),
        X86("i386", true),
        ARM64("aarch64", false);

        final String bfdName;
        final boolean intel;

        Machine(String bfdName, boolean intel) {
            this.bfdName = bfdName;
            this.intel = intel;
        }
    }

    /** One instruction as objdump printed it. */
    record Line(long address, int length, String text) {
    }

    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{2}(?: [0-9a-f]{2})*|[0-9a-f]{8})\\s*(?:\\t(.*))?$");

    private final String executable;
    private final Machine machine;

    private ObjdumpOracle(String executable, Machine machine) {
        this.executable = executable;
        this.machine = machine;
    }

    /** An oracle for {@code machine}, or empty when no objdump on this machine knows it. */
    static Optional<ObjdumpOracle> find(Machine machine) {
        List<String> candidates = machine == Machine.ARM64
                ? List.of("aarch64-linux-gnu-objdump", "objdump") : List.of("objdump", "x86_64-linux-gnu-objdump");
        for (String exe : candidates) {
            if (knows(exe, machine.bfdName)) {
                return Optional.of(new ObjdumpOracle(exe, machine));
            }
        }
        return Optional.empty();
    }

    /** The message a test gives when it skips. */
    static String absent(Machine machine) {
        return "SKIPPED: no objdump that disassembles " + machine.bfdName + " (install binutils"
                + (machine == Machine.ARM64 ? "-aarch64-linux-gnu" : "") + "; .ci/run does)";
    }

    private static boolean knows(String exe, String bfdName) {
        try {
            Process p = new ProcessBuilder(exe, "--help").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                if (line.contains("supported architectures:")) {
                    for (String a : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                        if (a.equals(bfdName)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return executable + ": " + out.lines().findFirst().orElse("?");
    }

    /** Every instruction objdump lists for {@code bytes} loaded at {@code vma}. */
    List<Line> disassemble(byte[] bytes, long vma) throws IOException, InterruptedException {
        return disassemble(bytes, vma, a -> true);
    }

    /**
     * The instructions objdump lists for {@code bytes} loaded at {@code vma} whose address passes
     * {@code keep}, so that huge listings need not be held.
     */
    List<Line> disassemble(byte[] bytes, long vma, LongPredicate keep) throws IOException, InterruptedException {
        Path file = Files.createTempFile("faultline-objdump", ".bin");
        try {
            Files.write(file, bytes);
            List<String> cmd = new ArrayList<>(List.of(executable, "-D", "-z", "-b", "binary", "-m", machine.bfdName));
            if (machine.intel) {
                cmd.add("-M");
                cmd.add("intel");
            }
            cmd.add("--adjust-vma=0x" + Long.toHexString(vma));
            cmd.add(file.toString());
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<Line> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8),
                    1 << 20)) {
                long pendingAddress = 0;
                String pendingText = null;
                int pendingBytes = 0;
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = LINE.matcher(line);
                    if (!m.matches()) {
                        continue;
                    }
                    long address = Long.parseUnsignedLong(m.group(1), 16);
                    String hex = m.group(2);
                    int count = hex.length() == 8 && hex.indexOf(' ') < 0 ? 4 : (hex.length() + 1) / 3;
                    if (m.group(3) == null) {
                        pendingBytes += count; // a continuation of the previous instruction's bytes
                        continue;
                    }
                    if (pendingText != null && keep.test(pendingAddress)) {
                        out.add(new Line(pendingAddress, (int) (address - pendingAddress), pendingText));
                    }
                    pendingAddress = address;
                    pendingText = m.group(3);
                    pendingBytes = count;
                }
                if (pendingText != null && keep.test(pendingAddress)) {
                    out.add(new Line(pendingAddress, pendingBytes, pendingText));
                }
            }
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("objdump did not finish");
            }
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
