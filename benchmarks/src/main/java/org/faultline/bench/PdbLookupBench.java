package org.faultline.bench;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.faultline.samples.Corpus;
import org.faultline.symbols.Symbol;
import org.faultline.symbols.pdb.PdbFile;
import org.faultline.symbols.pdb.PdbSymbolTable;
import org.faultline.symbols.pe.ImageSectionHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Symbolize 10,000 random addresses inside a loaded PDB's code sections (procedures first, then publics), and
 * the cost of loading: opening the PDB and building its lookup table. Scores of {@code lookup10k} are lookups
 * per second.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PdbLookupBench {
    private static final int ADDRESSES = 10_000;

    @Param({"ms-public-symbols/symstore/amdppm.pdb/1C19FDDB27BB3399D9B45973EFEAFCF31/amdppm.pdb",
        "samply/fixtures/win64-ci/softokn3.pdb"})
    public String pdb;

    private Path path;
    private PdbFile file;
    private PdbSymbolTable table;
    private long[] rvas;

    @Setup(Level.Trial)
    public void load() throws Exception {
        path = Corpus.symbolFixture(pdb).orElseThrow(() -> new IllegalStateException(Corpus.absent(pdb)));
        file = PdbFile.open(path);
        table = file.symbolTable();
        long[] starts = file.sectionHeaders().stream().filter(ImageSectionHeader::isExecutable)
                .mapToLong(ImageSectionHeader::virtualAddress).toArray();
        long[] sizes = file.sectionHeaders().stream().filter(ImageSectionHeader::isExecutable)
                .mapToLong(ImageSectionHeader::virtualSize).toArray();
        SplittableRandom random = new SplittableRandom(42);
        rvas = new long[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            int s = random.nextInt(starts.length);
            rvas[i] = starts[s] + random.nextLong(Math.max(1, sizes[s]));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        file.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ADDRESSES)
    public int lookup10k(Blackhole bh) {
        int found = 0;
        for (long rva : rvas) {
            java.util.Optional<Symbol> s = table.lookup(rva);
            if (s.isPresent()) {
                found++;
                bh.consume(s.get());
            }
        }
        return found;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public PdbSymbolTable openAndIndex() throws Exception {
        try (PdbFile f = PdbFile.open(path)) {
            return f.symbolTable();
        }
    }
}
