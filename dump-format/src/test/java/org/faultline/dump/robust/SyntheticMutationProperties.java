package org.faultline.dump.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.faultline.samples.minidump.Layout;
import org.faultline.samples.minidump.WrittenDump;

/**
 * The hostile-input contract ({@link Robustness#exercise}) over synthetic dumps: every truncation point, and
 * random bit flips whose positions and bit indices jqwik generates (a quarter of them aimed at the header,
 * the directory and the first bytes of each stream and labelled sub-structure, where damage matters most).
 */
class SyntheticMutationProperties {
    private static final WrittenDump X86_CRASH = SyntheticDumps.x86Crash();
    private static final WrittenDump AMD64_FULL = SyntheticDumps.amd64Full();
    private static final WrittenDump ARM64 = SyntheticDumps.arm64Windows();
    private static final WrittenDump MEMORY64 = SyntheticDumps.amd64Memory64();

    /** One flipped bit. */
    record Flip(int position, int bit) {
    }

    // ------------------------------------------------------------------ truncation

    private static void everyTruncationPoint(WrittenDump dump) {
        byte[] full = dump.bytes();
        Map<Robustness.Outcome, Integer> seen = new EnumMap<>(Robustness.Outcome.class);
        for (int cut = 0; cut <= full.length; cut++) {
            seen.merge(Robustness.exercise(Arrays.copyOf(full, cut)), 1, Integer::sum);
        }
        // Cuts before the first whole directory entry are rejected; once one entry fits, the dump opens (the
        // missing entries become a diagnostic).
        int firstEntryEnd = (int) dump.layout().directoryRva() + 12;
        assertThat(seen.get(Robustness.Outcome.REJECTED)).isEqualTo(firstEntryEnd);
        assertThat(seen.get(Robustness.Outcome.PARSED)).isEqualTo(full.length + 1 - firstEntryEnd);
    }

    @Example
    void x86CrashEveryTruncation() {
        everyTruncationPoint(X86_CRASH);
    }

    @Example
    void amd64FullEveryTruncation() {
        everyTruncationPoint(AMD64_FULL);
    }

    @Example
    void arm64EveryTruncation() {
        everyTruncationPoint(ARM64);
    }

    @Example
    void memory64EveryTruncation() {
        everyTruncationPoint(MEMORY64);
    }

    // ------------------------------------------------------------------ bit flips

    private static void flipped(WrittenDump dump, List<Flip> flips) {
        byte[] mutated = dump.bytes().clone();
        for (Flip f : flips) {
            mutated[f.position()] ^= (byte) (1 << f.bit());
        }
        Robustness.exercise(mutated);
    }

    /** File offsets where structure starts: header, directory, each stream's first 32 bytes, each region's first 16. */
    private static List<Integer> hotSpots(WrittenDump dump) {
        Layout layout = dump.layout();
        TreeSet<Integer> hot = new TreeSet<>();
        addRange(hot, 0, layout.directoryRva() + 12L * layout.directory().size(), layout.fileSize());
        for (Layout.DirectoryEntry e : layout.directory()) {
            addRange(hot, e.rva(), Math.min(e.dataSize(), 32), layout.fileSize());
        }
        for (Layout.Region r : layout.regions().values()) {
            addRange(hot, r.offset(), Math.min(r.size(), 16), layout.fileSize());
        }
        return new ArrayList<>(hot);
    }

    private static void addRange(TreeSet<Integer> into, long from, long length, long fileSize) {
        for (long at = from; at < from + length && at < fileSize; at++) {
            into.add((int) at);
        }
    }

    private static Arbitrary<List<Flip>> flips(WrittenDump dump) {
        Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, dump.bytes().length - 1);
        Arbitrary<Integer> hot = Arbitraries.of(hotSpots(dump));
        Arbitrary<Integer> position = Arbitraries.frequencyOf(Tuple.of(1, hot), Tuple.of(3, anywhere));
        Arbitrary<Integer> bit = Arbitraries.integers().between(0, 7);
        return Combinators.combine(position, bit).as(Flip::new).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Flip>> x86CrashFlips() {
        return flips(X86_CRASH);
    }

    @Provide
    Arbitrary<List<Flip>> amd64FullFlips() {
        return flips(AMD64_FULL);
    }

    @Provide
    Arbitrary<List<Flip>> arm64Flips() {
        return flips(ARM64);
    }

    @Provide
    Arbitrary<List<Flip>> memory64Flips() {
        return flips(MEMORY64);
    }

    @Property(tries = 1000)
    void x86CrashBitFlips(@ForAll("x86CrashFlips") List<Flip> flips) {
        flipped(X86_CRASH, flips);
    }

    @Property(tries = 1000)
    void amd64FullBitFlips(@ForAll("amd64FullFlips") List<Flip> flips) {
        flipped(AMD64_FULL, flips);
    }

    @Property(tries = 1000)
    void arm64BitFlips(@ForAll("arm64Flips") List<Flip> flips) {
        flipped(ARM64, flips);
    }

    @Property(tries = 1000)
    void memory64BitFlips(@ForAll("memory64Flips") List<Flip> flips) {
        flipped(MEMORY64, flips);
    }
}
