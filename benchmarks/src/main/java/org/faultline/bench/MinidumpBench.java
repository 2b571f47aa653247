package org.faultline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.faultline.dump.minidump.Minidump;
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
 * Open a corpus minidump from disk (memory-mapped) and read every stream it holds, as {@code faultline info}
 * does. The corpus is read from {@code ../shared/corpus} (or {@code -Dfaultline.shared=…}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MinidumpBench {

    @Param({
        "breakpad/minidump2.dmp", "breakpad/tiny-exe-with-cet-xsave.dmp", "breakpad/tiny-exe-fastfail.dmp",
        "breakpad/stack_exhaustion.dmp", "kdlibcpp/target_minidump.dmp", "kdlibcpp/targetapp_stacktest_wow64.cab.dmp",
        "lldb/fizzbuzz_no_heap.dmp", "rust-minidump/invalid-parameter.dmp", "rust-minidump/linux-mini.dmp",
        "rust-minidump/simple-crashpad.dmp", "symbolicator/windows.dmp"
    })
    public String file;

    private Path path;

    @Setup
    public void locate() {
        path = Corpus.file(file).orElseThrow(() -> new IllegalStateException(Corpus.absent(file)));
        if (!Files.isReadable(path)) {
            throw new IllegalStateException("cannot read " + path);
        }
    }

    @Benchmark
    public void openAndReadAllStreams(Blackhole bh) throws Exception {
        try (Minidump dump = Minidump.open(path)) {
            bh.consume(dump.diagnostics());
            bh.consume(dump.modules());
            bh.consume(dump.threads());
            bh.consume(dump.exception());
            bh.consume(dump.memory().ranges());
        }
    }
}
