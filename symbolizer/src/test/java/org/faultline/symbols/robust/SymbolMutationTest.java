package org.faultline.symbols.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.pdb.MsfFile;
import org.faultline.symbols.pdb.MsfStream;
import org.faultline.symbols.pdb.PdbFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Truncations and bit flips of small real PE, PDB and .sym files keep the hostile-input contract
 * ({@link SymbolRobustness}). Bounded: a few seconds in all.
 */
class SymbolMutationTest {

    private static Map<SymbolRobustness.Outcome, Integer> truncations(byte[] full, int step,
                                                                    Function<byte[], SymbolRobustness.Outcome> check) {
        Map<SymbolRobustness.Outcome, Integer> seen = new EnumMap<>(SymbolRobustness.Outcome.class);
        for (int cut = 0; cut <= full.length; cut += cut < 1024 ? 1 : step) {
            seen.merge(check.apply(Arrays.copyOf(full, cut)), 1, Integer::sum);
        }
        seen.merge(check.apply(full), 1, Integer::sum);
        return seen;
    }

    @ParameterizedTest
    @ValueSource(strings = {"binskim/PassDB64.dll", "binskim/Uwp_ARM64_VS2019_Cpp.dll",
        "binskim/Native_x64_VS2013_KernelModeDriver.sys"})
    void peTruncationsAndBitFlips(String file) {
        byte[] full = Fixtures.bytes(file);
        Map<SymbolRobustness.Outcome, Integer> seen = truncations(full, 3, SymbolRobustness::exercisePe);
        System.out.println(file + " truncations: " + seen);
        assertThat(seen.get(SymbolRobustness.Outcome.REJECTED)).isPositive();
        assertThat(seen.get(SymbolRobustness.Outcome.PARSED)).isPositive();
        SplittableRandom random = new SplittableRandom(file.hashCode());
        for (int round = 0; round < 1000; round++) {
            byte[] mutated = full.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                // Biased towards the headers and section table, where damage matters most.
                int at = random.nextInt(3) == 0 ? random.nextInt(Math.min(full.length, 1024)) : random.nextInt(full.length);
                mutated[at] ^= (byte) (1 << random.nextInt(8));
            }
            SymbolRobustness.exercisePe(mutated);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binskim/PassDB64.pdb", "binskim/AllFail32.pdb"})
    void pdbTruncationsAndBitFlips(String file) throws Exception {
        byte[] full = Fixtures.bytes(file);
        Map<SymbolRobustness.Outcome, Integer> seen = truncations(full, 17, SymbolRobustness::exercisePdb);
        System.out.println(file + " truncations: " + seen);
        assertThat(seen.get(SymbolRobustness.Outcome.REJECTED)).isPositive();
        assertThat(seen.get(SymbolRobustness.Outcome.PARSED)).isPositive();

        // Where damage hurts: the superblock, the block map and directory, the info and DBI streams and the
        // symbol record stream. Their file offsets come from the intact file.
        int[] hot = hotOffsets(full);
        SplittableRandom random = new SplittableRandom(file.hashCode());
        for (int round = 0; round < 1500; round++) {
            byte[] mutated = full.clone();
            int flips = 1 + random.nextInt(6);
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(4) == 0 ? random.nextInt(full.length) : hot[random.nextInt(hot.length)];
                mutated[at] ^= (byte) (1 << random.nextInt(8));
            }
            SymbolRobustness.exercisePdb(mutated);
        }
    }

    private static int[] hotOffsets(byte[] full) throws Exception {
        PdbFile pdb = PdbFile.read(new ArrayByteSource(full));
        MsfFile msf = pdb.msf();
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            out.add(i);
        }
        long map = msf.superBlock().blockMapAddr() * msf.blockSize();
        for (int i = 0; i < 16; i++) {
            out.add((int) map + i);
        }
        int[] streams = {1, 3, pdb.dbi().symRecordStream(), pdb.debugHeader().stream(5)};
        for (int index : streams) {
            MsfStream s = msf.stream(index, "hot");
            for (long off = 0; off < Math.min(s.size(), 512); off++) {
                out.add((int) s.fileOffset(off));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"breakpad/src/tools/windows/dump_syms/testdata/pe_only_symbol_test.sym"})
    void symTruncationsAndByteNoise(String file) {
        byte[] full = Fixtures.bytes(file);
        Map<SymbolRobustness.Outcome, Integer> seen = truncations(full, 11, SymbolRobustness::exerciseSym);
        assertThat(seen.get(SymbolRobustness.Outcome.PARSED)).isPositive();
        SplittableRandom random = new SplittableRandom(file.hashCode());
        byte[] alphabet = " \n\r0123456789abcdefFUNCPUBLICSTACKWINFILEm:.-^+$".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int round = 0; round < 300; round++) {
            byte[] mutated = full.clone();
            for (int i = 0; i < 1 + random.nextInt(20); i++) {
                mutated[random.nextInt(full.length)] = random.nextBoolean()
                        ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            SymbolRobustness.exerciseSym(mutated);
        }
    }
}
