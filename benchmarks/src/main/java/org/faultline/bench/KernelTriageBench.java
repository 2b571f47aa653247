package org.faultline.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.samples.Corpus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Open a real kernel triage dump (memory-mapped) and read the whole triage body: drivers, unloaded drivers,
 * stack, data blocks, the KPRCB.Context scan and the bug check's exception record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelTriageBench {

    @Param({"rizin-testbins/triage_x64.dmp", "kdlibcpp/win10_arm64_mem.dmp"})
    public String file;

    private Path path;

    @Setup
    public void locate() {
        path = Corpus.file(file).orElseThrow(() -> new IllegalStateException(Corpus.absent(file)));
    }

    @Benchmark
    public void openAndReadTriageBody(Blackhole bh) throws Exception {
        try (KernelDump dump = KernelDump.open(path)) {
            bh.consume(dump.diagnostics());
            bh.consume(dump.modules());
            bh.consume(dump.threads());
            bh.consume(dump.exception());
            bh.consume(dump.bugcheckContext());
        }
    }
}
