package org.faultline.bench;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.faultline.symbols.disasm.Arm64Decoder;
import org.faultline.symbols.disasm.Decoder;
import org.faultline.symbols.disasm.Instruction;
import org.faultline.symbols.disasm.Status;
import org.faultline.symbols.disasm.X86Decoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Instructions decoded per second: a linear sweep over a fixed buffer of {@value #COUNT} valid
 * instructions. The buffer is made from seeded random bytes, keeping only what the decoder fully decodes
 * (so every architecture's buffer is valid code with a broad mix of forms: prefixes, ModRM/SIB, immediates,
 * SSE/AVX on x86; loads, stores, data processing and branches on ARM64). Scores are operations per second,
 * one operation being one instruction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class DecoderBench {
    static final int COUNT = 10_000;

    private byte[] x64;
    private byte[] arm64;

    @Setup
    public void build() {
        x64 = validCode(X86Decoder.MODE_64, 15, 64);
        arm64 = validCode(Arm64Decoder.INSTANCE, 4, 0xA64);
    }

    private static byte[] validCode(Decoder decoder, int width, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[width];
        int n = 0;
        while (n < COUNT) {
            rnd.nextBytes(b);
            Instruction in = decoder.decode(b, 0);
            if (in.status() == Status.DECODED && !in.text().contains("rex") && !in.text().startsWith("data16")) {
                out.writeBytes(in.bytes());
                n++;
            }
        }
        return out.toByteArray();
    }

    private static int sweep(Decoder decoder, byte[] code, Blackhole bh) {
        int off = 0;
        int n = 0;
        while (off < code.length) {
            Instruction in = decoder.decode(code, off, code.length - off, 0x140001000L + off);
            bh.consume(in);
            off += in.length();
            n++;
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public int amd64(Blackhole bh) {
        return sweep(X86Decoder.MODE_64, x64, bh);
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public int arm64(Blackhole bh) {
        return sweep(Arm64Decoder.INSTANCE, arm64, bh);
    }
}
