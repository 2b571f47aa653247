package org.faultline.symbols.unwind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faultline.dump.CpuContext;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.ThreadInfo;
import org.faultline.samples.Corpus;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.ModuleMap;
import org.faultline.symbols.breakpad.BreakpadSymbolFile;
import org.faultline.symbols.pe.PeFile;
import org.junit.jupiter.api.Test;

/**
 * Call-frame walks held against independent oracles: rizin's walk of triage_x64.dmp (PE unwind data of
 * amdppm.sys) and Breakpad's minidump_stackwalk output for minidump2.dmp (test_app.sym and kernel32.sym).
 */
class CfiWalkOracleTest {
    private static final String AMDPPM = "ms-public-symbols/symstore/amdppm.sys/c9c030003b000/amdppm.sys";
    private static final String SYMBOLS = "breakpad/src/processor/testdata/symbols/";
    private static final String TEST_APP = SYMBOLS + "test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym";
    private static final String KERNEL32 = SYMBOLS + "kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.sym";

    private static Path corpus(String relative) {
        Optional<Path> p = Corpus.file(relative);
        assumeTrue(p.isPresent(), Corpus.absent(relative));
        return p.get();
    }

    /** rizin's frame lines: {@code 9  0xfffff8048b58313f sp: 0xffff850429892150  40 ...}, first walk only. */
    private static List<long[]> rizinFrames(Path expected) throws Exception {
        Pattern line = Pattern.compile("^(\\d+)\\s+0x([0-9a-f]+)\\s+sp: 0x([0-9a-f]+)\\s");
        List<long[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(expected)) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                int index = Integer.parseInt(m.group(1));
                if (index < out.size()) {
                    break; // the next test's walk
                }
                out.add(new long[] {index, Long.parseUnsignedLong(m.group(2), 16), Long.parseUnsignedLong(m.group(3), 16)});
            }
        }
        return out;
    }

    @Test
    void triageX64AmdppmFramesMatchRizinExactly() throws Exception {
        Path dumpPath = corpus("rizin-testbins/triage_x64.dmp");
        List<long[]> rizin = rizinFrames(corpus("rizin-testbins/triage_x64.dmp.expected.rizin-db-formats-dmp.txt"));
        assertThat(rizin).hasSizeGreaterThan(15);
        Path amdppm = Fixtures.require(AMDPPM);
        try (CrashDump dump = Dumps.open(dumpPath); PeFile image = PeFile.open(amdppm)) {
            ModuleMap map = ModuleMap.of(dump);
            ModuleInfo amd = map.moduleAt(0xfffff8048b58334cL).orElseThrow();
            assertThat(amd.name()).isEqualToIgnoringCase("amdppm.sys");
            assertThat(amd.base()).isEqualTo(0xfffff8048b580000L);
            ModuleUnwinders unwinders = ModuleUnwinders.ofImages(map,
                    m -> m.name().equalsIgnoreCase("amdppm.sys") ? Optional.of(image) : Optional.empty());
            CpuContext start = dump.exception().orElseThrow().context();
            assertThat(start.instructionPointer()).isEqualTo(0xfffff8048b58334cL);
            assertThat(start.stackPointer()).isEqualTo(0xffff850429892120L);
            ThreadInfo t = dump.threads().get(0);
            List<StackFrame> frames = new StackWalker(dump.memory(), map, dump.architecture(), unwinders)
                    .walk(start, t.stackStart() + t.stackSize());

            // Our frame i is rizin's frame 8 + i. Frames 9-13 are unwound from amdppm's .pdata, and so is 14, the
            // return into Wdf01000 that amdppm!EvtDevicePrepareHardware's unwind yields.
            assertThat(frames).hasSizeGreaterThan(7);
            for (int i = 0; i <= 6; i++) {
                long[] expected = rizin.get(8 + i);
                StackFrame f = frames.get(i);
                assertThat(f.pc()).as("pc of rizin frame %d", 8 + i).isEqualTo(expected[1]);
                assertThat(f.sp()).as("sp of rizin frame %d", 8 + i).isEqualTo(expected[2]);
                assertThat(f.trust()).as("trust of rizin frame %d", 8 + i)
                        .isEqualTo(i == 0 ? FrameTrust.CONTEXT : FrameTrust.CFI);
            }
            assertThat(map.describe(frames.get(6).pc())).startsWith("Wdf01000+");
            // Wdf01000 has no image here: whatever the fallback finds next is not call-frame information.
            assertThat(frames.get(7).trust()).isNotEqualTo(FrameTrust.CFI);
            assertThat(frames.get(5).registers().registers()).containsKeys("rbx", "rbp", "rsi", "rdi", "r12", "r13",
                    "r14", "r15", "rip", "rsp");
        }
    }

    /** {@code 0  test_app.exe!...} / {@code eip = 0x0040429e   esp = 0x0012fe84   ebp = ...} / {@code Found by: ...}. */
    private record BreakpadFrame(String module, long eip, long esp, long ebp, String foundBy) {
    }

    private static List<BreakpadFrame> breakpadThread0(Path expected) throws Exception {
        List<String> lines = Files.readAllLines(expected);
        Pattern head = Pattern.compile("^\\s*(\\d+)\\s+(\\S+?)!");
        Pattern reg = Pattern.compile("(\\w+) = 0x([0-9a-f]+)");
        List<BreakpadFrame> out = new ArrayList<>();
        int i = lines.indexOf("Thread 0 (crashed)") + 1;
        assertThat(i).isPositive();
        String module = null;
        long eip = -1;
        long esp = -1;
        long ebp = -1;
        for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
            String l = lines.get(i);
            Matcher h = head.matcher(l);
            if (h.find()) {
                module = h.group(2);
                continue;
            }
            if (l.trim().startsWith("Found by: ")) {
                out.add(new BreakpadFrame(module, eip, esp, ebp, l.trim().substring("Found by: ".length())));
                continue;
            }
            Matcher r = reg.matcher(l);
            while (r.find()) {
                long v = Long.parseLong(r.group(2), 16);
                switch (r.group(1)) {
                    case "eip" -> eip = v;
                    case "esp" -> esp = v;
                    case "ebp" -> ebp = v;
                    default -> {
                    }
                }
            }
        }
        return out;
    }

    @Test
    void minidump2ReproducesBreakpadStackwalkWithStackWin() throws Exception {
        Path dumpPath = corpus("breakpad/minidump2.dmp");
        List<BreakpadFrame> expected = breakpadThread0(corpus("breakpad/minidump2.dmp.expected.stackwalk.out"));
        assertThat(expected).hasSize(4);
        // The machine-readable output names the same modules for thread 0's four frames.
        List<String> machine = Files.readAllLines(corpus("breakpad/minidump2.dmp.expected.stackwalk.machine_readable.out"))
                .stream().filter(l -> l.startsWith("0|")).map(l -> l.split("\\|")[2]).toList();
        assertThat(machine).containsExactlyElementsOf(expected.stream().map(BreakpadFrame::module).toList());

        BreakpadSymbolFile testApp = BreakpadSymbolFile.open(Fixtures.require(TEST_APP));
        BreakpadSymbolFile kernel32 = BreakpadSymbolFile.open(Fixtures.require(KERNEL32));
        try (CrashDump dump = Dumps.open(dumpPath)) {
            ModuleMap map = ModuleMap.of(dump);
            ModuleUnwinders unwinders = ModuleUnwinders.ofBreakpad(map, m -> switch (m.name().toLowerCase(Locale.ROOT)) {
                case "test_app.exe" -> Optional.of(testApp);
                case "kernel32.dll" -> Optional.of(kernel32);
                default -> Optional.empty();
            });
            CpuContext start = dump.exception().orElseThrow().context();
            ThreadInfo crashed = dump.threads().get(0);
            List<StackFrame> frames = new StackWalker(dump.memory(), map, dump.architecture(), unwinders)
                    .walk(start, crashed.stackStart() + crashed.stackSize());
            assertThat(frames).hasSize(expected.size());
            for (int i = 0; i < frames.size(); i++) {
                BreakpadFrame e = expected.get(i);
                StackFrame f = frames.get(i);
                assertThat(map.moduleAt(f.pc()).orElseThrow().name()).isEqualToIgnoringCase(e.module());
                assertThat(f.pc()).as("eip of frame %d", i).isEqualTo(e.eip());
                assertThat(f.sp()).as("esp of frame %d", i).isEqualTo(e.esp());
                assertThat(f.registers().framePointer()).as("ebp of frame %d", i).isEqualTo(e.ebp());
                assertThat(f.trust()).isEqualTo(e.foundBy().equals("call frame info") ? FrameTrust.CFI
                        : FrameTrust.CONTEXT);
            }
        }
    }
}
