package org.faultline.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.RangeMemoryReader;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.samples.Corpus;
import org.faultline.symbols.ModuleMap;
import org.faultline.symbols.pe.PeFile;
import org.faultline.symbols.pe.RuntimeFunction;
import org.faultline.symbols.pe.UnwindCode;
import org.faultline.symbols.pe.UnwindInfo;
import org.faultline.symbols.pe.X64ExceptionTable;
import org.faultline.symbols.unwind.ModuleUnwinders;
import org.faultline.symbols.unwind.StackFrame;
import org.faultline.symbols.unwind.StackWalker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * x64 call-frame unwinding with PE unwind data, in frames per second.
 *
 * <p>{@code synthetic30}: a 30-frame kernel stack built from amdppm.sys's own unwind data (30 of its functions
 * whose frames are pushes, allocations and saves; each frame sized from its codes, each return address in the
 * next function's body, the last returning to 0), walked by {@link StackWalker} with {@link ModuleUnwinders}:
 * every frame is a CFI frame; warm (unwind data decoded and cached) and cold (a new ModuleUnwinders per walk). {@code triageX64}: the real walk of triage_x64.dmp from its exception context
 * (amdppm frames by CFI, then Wdf01000/ntoskrnl by scanning), per frame found.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UnwindBench {
    private static final String AMDPPM = "ms-public-symbols/symstore/amdppm.sys/c9c030003b000/amdppm.sys";
    private static final long BASE = 0xfffff8048b580000L;
    private static final long STACK = 0xffff850429880000L;
    private static final int FRAMES = 30;

    private PeFile image;
    private ModuleMap modules;
    private MemoryReader stack;
    private CpuContext start;
    private ModuleUnwinders warm;

    private CrashDump triage;
    private ModuleMap triageModules;
    private CpuContext triageStart;
    private long triageStackEnd;
    private int triageFrames;

    @Setup(Level.Trial)
    public void build() throws Exception {
        Path path = Corpus.symbolFixture(AMDPPM).orElseThrow(() -> new IllegalStateException(Corpus.absent(AMDPPM)));
        image = PeFile.open(path);
        X64ExceptionTable table = image.x64ExceptionTable().orElseThrow();
        List<RuntimeFunction> chosen = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (RuntimeFunction f : table.functions()) {
            if (chosen.size() == FRAMES) {
                break;
            }
            long size = frameSize(table, f);
            if (size > 0) {
                chosen.add(f);
                sizes.add(size);
            }
        }
        if (chosen.size() < FRAMES) {
            throw new IllegalStateException("only " + chosen.size() + " simple frames in " + AMDPPM);
        }
        long total = sizes.stream().mapToLong(Long::longValue).sum() + 0x100;
        ByteBuffer bytes = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 8 <= total; i += 8) {
            bytes.putLong(i, 0x5A5A_0000_0000L + i); // saved registers, locals
        }
        long rsp = 0;
        for (int i = 0; i < FRAMES; i++) {
            rsp += sizes.get(i);
            long ret = i + 1 < FRAMES ? BASE + bodyOf(table, chosen.get(i + 1)) : 0;
            bytes.putLong((int) rsp - 8, ret);
        }
        stack = new RangeMemoryReader(new ArrayByteSource(bytes.array(), "stack"),
                List.of(new MemoryRange(STACK, total, 0, total)));
        modules = new ModuleMap(List.of(new ModuleInfo("amdppm.sys", BASE, image.sizeOfImage(), 0, 0, null, null,
                null, null)), List.of());
        Map<String, Long> regs = new LinkedHashMap<>();
        for (String r : new String[] {"rbx", "rbp", "rsi", "rdi", "r12", "r13", "r14", "r15"}) {
            regs.put(r, 0x1111L);
        }
        regs.put("rsp", STACK);
        regs.put("rip", BASE + bodyOf(table, chosen.get(0)));
        start = new CpuContext(Architecture.AMD64, 0, regs);
        warm = ModuleUnwinders.ofImages(modules, m -> Optional.of(image));
        int walked = walkSynthetic(warm);
        if (walked != FRAMES) {
            throw new IllegalStateException("the synthetic stack walks to " + walked + " frames, not " + FRAMES);
        }

        String dump = "rizin-testbins/triage_x64.dmp";
        triage = Dumps.open(Corpus.file(dump).orElseThrow(() -> new IllegalStateException(Corpus.absent(dump))));
        triageModules = ModuleMap.of(triage);
        triageStart = triage.exception().orElseThrow().context();
        ThreadInfo t = triage.threads().get(0);
        triageStackEnd = t.stackStart() + t.stackSize();
        triageFrames = walkTriage();
        System.out.println("triage_x64.dmp walk: " + triageFrames + " frames");
    }

    /** The frame size of a function made of pushes, allocations and saves only (0 for any other). */
    private static long frameSize(X64ExceptionTable table, RuntimeFunction f) throws Exception {
        if (f.isIndirect()) {
            return 0;
        }
        List<UnwindInfo> chain = table.unwindChain(f);
        UnwindInfo u = chain.get(0);
        if (chain.size() != 1 || u.frameRegister() != 0 || u.codes().isEmpty()
                || f.beginAddress() + u.sizeOfProlog() + 1 >= f.endAddress()) {
            return 0;
        }
        long size = 8;
        for (UnwindCode c : u.codes()) {
            switch (c.op()) {
                case PUSH_NONVOL -> size += 8;
                case ALLOC_SMALL, ALLOC_LARGE -> size += c.operand();
                case SAVE_NONVOL, SAVE_NONVOL_FAR, SAVE_XMM128, SAVE_XMM128_FAR, EPILOG -> {
                }
                default -> {
                    return 0;
                }
            }
        }
        return size <= 0x2000 ? size : 0;
    }

    /** An RVA past the prolog of {@code f}: where a return address into it can point. */
    private static long bodyOf(X64ExceptionTable table, RuntimeFunction f) throws Exception {
        return f.beginAddress() + table.unwindInfo(f).sizeOfProlog() + 1;
    }

    @TearDown(Level.Trial)
    public void close() {
        image.close();
        triage.close();
    }

    private int walkSynthetic() {
        return walkSynthetic(ModuleUnwinders.ofImages(modules, m -> Optional.of(image)));
    }

    private int walkSynthetic(ModuleUnwinders unwinders) {
        List<StackFrame> frames = new StackWalker(stack, modules, Architecture.AMD64, unwinders).walk(start, 0);
        return frames.size();
    }

    private int walkTriage() {
        ModuleUnwinders unwinders = ModuleUnwinders.ofImages(triageModules,
                m -> m.name().equalsIgnoreCase("amdppm.sys") ? Optional.of(image) : Optional.empty());
        return new StackWalker(triage.memory(), triageModules, triage.architecture(), unwinders)
                .walk(triageStart, triageStackEnd).size();
    }

    /** Frames per second over the 30-frame stack, unwind data already decoded (one {@link ModuleUnwinders}). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(FRAMES)
    public int synthetic30() {
        return walkSynthetic(warm);
    }

    /** The same with a new {@link ModuleUnwinders} per walk: every function's UNWIND_INFO read afresh. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(FRAMES)
    public int synthetic30Cold() {
        return walkSynthetic();
    }

    /** Walks of triage_x64.dmp per second; multiply by {@link #triageFrames} (printed at setup) for frames. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int triageX64() {
        return walkTriage();
    }
}
