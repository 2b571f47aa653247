package org.faultline.dump.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.kernel.SynthKernelSamples;
import org.faultline.samples.kernel.KernelLayout;
import org.faultline.samples.kernel.WrittenKernelDump;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The hostile-input contract ({@link Robustness}) over small synthetic kernel dumps from the independent writer:
 * x64, ARM64 and x86 triage dumps (a few KiB each, every part present) and x64 full and bitmap dumps (about 40 KiB,
 * page tables with 4 KiB and 2 MiB pages, a transition PTE and a module list). Every truncation point either opens
 * with at least one diagnostic or, inside the header, is rejected with the typed error; random bit flips, biased
 * towards the headers, lists and page tables, never escape the contract.
 */
class SyntheticKernelMutationProperties {

    /** The dumps mutated, by name. */
    enum Sample {
        TRIAGE_X64, TRIAGE_ARM64, TRIAGE_X86, FULL_X64, BITMAP_X64;

        WrittenKernelDump write() {
            return switch (this) {
                case TRIAGE_X64 -> SynthKernelSamples.X64.compact().build();
                case TRIAGE_ARM64 -> SynthKernelSamples.Arm64.compact().build();
                case TRIAGE_X86 -> SynthKernelSamples.X86.compact().build();
                case FULL_X64 -> SynthKernelSamples.Machine.compactFull().build();
                case BITMAP_X64 -> SynthKernelSamples.Machine.compactBitmap().build();
            };
        }
    }

    private static final Map<Sample, WrittenKernelDump> DUMPS = new EnumMap<>(Sample.class);

    static {
        for (Sample s : Sample.values()) {
            DUMPS.put(s, s.write());
        }
    }

    /** One flipped bit. */
    record Flip(int offset, int bit) {
    }

    /** Flips applied to one sample. */
    record Mutation(Sample sample, List<Flip> flips) {
        byte[] apply() {
            byte[] b = DUMPS.get(sample).bytes().clone();
            for (Flip f : flips) {
                b[f.offset()] ^= (byte) (1 << f.bit());
            }
            return b;
        }
    }

    private static void everyTruncationPoint(Sample sample) {
        WrittenKernelDump w = DUMPS.get(sample);
        byte[] full = w.bytes();
        int header = w.layout().arch().headerSize();
        int opened = 0;
        for (int cut = 0; cut < full.length; cut++) {
            Optional<List<Diagnostic>> result = Robustness.check(Arrays.copyOf(full, cut));
            if (cut >= header) {
                assertThat(result).as("%s cut at 0x%x opens", sample, cut).isPresent();
                assertThat(result.get()).as("%s cut at 0x%x says so", sample, cut).isNotEmpty();
                opened++;
            } else {
                assertThat(result).as("%s cut at 0x%x inside the header", sample, cut).isEmpty();
            }
        }
        assertThat(Robustness.check(full)).as("%s whole", sample).hasValue(List.of());
        assertThat(opened).isEqualTo(full.length - header);
    }

    @Example
    void everyTruncationPointOfTheX64TriageDump() {
        everyTruncationPoint(Sample.TRIAGE_X64);
    }

    @Example
    void everyTruncationPointOfTheArm64TriageDump() {
        everyTruncationPoint(Sample.TRIAGE_ARM64);
    }

    @Example
    void everyTruncationPointOfTheX86TriageDump() {
        everyTruncationPoint(Sample.TRIAGE_X86);
    }

    @Example
    void everyTruncationPointOfTheFullDump() {
        everyTruncationPoint(Sample.FULL_X64);
    }

    @Example
    void everyTruncationPointOfTheBitmapDump() {
        everyTruncationPoint(Sample.BITMAP_X64);
    }

    @Example
    void theSamplesAreSmall() {
        DUMPS.forEach((s, w) -> assertThat(w.bytes().length).as("%s", s).isLessThan(64 * 1024));
    }

    @Property(tries = 1000)
    void bitFlipsKeepTheContract(@ForAll("mutations") Mutation m) {
        Robustness.exercise(m.apply());
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Arbitraries.of(Sample.class).flatMap(sample -> {
            WrittenKernelDump w = DUMPS.get(sample);
            List<Arbitrary<Integer>> hot = new ArrayList<>();
            for (KernelLayout.Region r : structural(w)) {
                hot.add(Arbitraries.integers().between((int) r.offset(), (int) Math.min(r.end(), w.bytes().length) - 1));
            }
            Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, w.bytes().length - 1);
            Arbitrary<Integer> offset = Arbitraries.frequencyOf(
                    Tuple.of(1, anywhere),
                    Tuple.of(3, Arbitraries.oneOf(hot)));
            Arbitrary<Flip> flip = Combinators.combine(offset, Arbitraries.integers().between(0, 7)).as(Flip::new);
            return flip.list().ofMinSize(1).ofMaxSize(8).map(flips -> new Mutation(sample, flips));
        });
    }

    /** Where damage matters most: header fields, the physical-memory block, TRIAGE_DUMP, lists, bitmap, tables. */
    private static List<KernelLayout.Region> structural(WrittenKernelDump w) {
        KernelLayout layout = w.layout();
        List<KernelLayout.Region> out = new ArrayList<>();
        boolean is64 = layout.arch().is64();
        out.add(new KernelLayout.Region(0, is64 ? 0x90 : 0x70));
        out.add(layout.region("header.exception"));
        out.add(is64 ? new KernelLayout.Region(0xF98, 0xC8) : new KernelLayout.Region(0xF88, 0x48));
        for (String label : new String[] {"triage", "unloaded", "drivers", "stringPool", "dataBlocks", "valid",
            "header.physicalMemoryBlock", "bitmapHeader", "bitmap"}) {
            if (layout.regions().containsKey(label)) {
                out.add(layout.region(label));
            }
        }
        // the first stored pages of a memory dump are the page tables (the PML4 at frame 1 and its children)
        for (KernelLayout.PageRun r : layout.pages()) {
            if (r.firstPfn() <= 4) {
                out.add(new KernelLayout.Region(r.fileOffset(), Math.min(r.count(), 5 - r.firstPfn()) * KernelLayout.PAGE_SIZE));
            }
        }
        return out;
    }
}
