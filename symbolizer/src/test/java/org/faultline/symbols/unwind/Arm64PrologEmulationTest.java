package org.faultline.symbols.unwind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.MemoryReader;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.pe.Arm64ExceptionTable;
import org.faultline.symbols.pe.Arm64RuntimeFunction;
import org.faultline.symbols.pe.PeFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ARM64 unwinder against the real prologs and epilogs of real images (packed and {@code .xdata} entries).
 * Each prolog is executed one instruction at a time on a synthetic stack (stp/str in their offset and pre-index
 * forms, sub sp, add x29, pacibsp, the {@code __chkstk} sequence) and after each instruction the function is
 * unwound from there: sp and pc must be the caller's; from the body, with every register the prolog saved given
 * a new value, all of x19–x28 and fp must come back. Then each epilog the unwind data describes is executed the
 * same way (ldp/ldr, add sp, mov sp, x29, autibsp, up to ret or a tail branch) and unwound from each of its
 * instructions. An epilog whose instructions are not where the data places it fails the test.
 */
class Arm64PrologEmulationTest {
    private static final long BASE = 0x7ff6_4000_0000L;
    private static final long ENTRY_SP = 0x0000_0050_0020_0000L;
    private static final long RET = 0x0000_7ff6_1234_5678L;
    private static final long PAC = 0x0012_0000_0000_0000L;
    private static final int RET_INSN = 0xD65F03C0;

    @ParameterizedTest
    @CsvSource({
        "binskim/ARM64_CETShadowStack_NotApplicable.exe, 0.9, 0.9",
        "binskim/Uwp_ARM64_VS2019_Cpp.dll, 0.9, 0.9",
        "symbolic/windows/arm64/test.exe, 0.9, 0.8"})
    void unwindingFromEveryPrologAndEpilogInstructionRestoresTheCaller(String image, double prologCoverage,
                                                                       double epilogCoverage) throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require(image))) {
            Arm64ExceptionTable table = pe.arm64ExceptionTable().orElseThrow();
            Arm64PeUnwinder unwinder = Arm64PeUnwinder.of(pe, BASE).orElseThrow();
            List<String> failures = new ArrayList<>();
            int functions = 0;
            int emulated = 0;
            int epilogs = 0;
            int epilogsRun = 0;
            int unwinds = 0;
            for (Arm64RuntimeFunction f : table.functions()) {
                if (f.flag() == 2) {
                    continue; // a fragment: no prolog or epilog
                }
                Arm64PeUnwinder.Plan plan = unwinder.planOf(f);
                if (plan.functionLength() < 0) {
                    continue;
                }
                functions++;
                int n = plan.prologInstructions();
                int[] code = words(pe, f.beginAddress(), (int) plan.functionLength() / 4);
                Machine m = new Machine();
                List<Machine> states = new ArrayList<>();
                states.add(m.copy());
                boolean ok = true;
                for (int i = 0; i < n && ok; i++) {
                    ok = i < code.length && m.prolog(code[i]);
                    m.offset += 4;
                    states.add(m.copy());
                }
                if (!ok) {
                    continue;
                }
                emulated++;
                String name = String.format("%s 0x%x", image, f.beginAddress());
                for (Machine s : states) {
                    unwinds++;
                    boolean body = s.offset == 4L * n;
                    check(unwinder, f, body ? s.body() : s, body, name + "+" + s.offset, failures);
                }
                Machine body = states.get(states.size() - 1).body();
                for (Arm64PeUnwinder.Epilog e : plan.epilogs()) {
                    epilogs++;
                    int start = (int) (e.start() / 4);
                    int count = e.instructions();
                    Machine em = body.copy();
                    if (start >= 0 && start < code.length && e.codes().get(0).opcode() == 0xE1 && body.framePointer
                            && (code[start] & 0xFF8003FF) == 0x910003FF) {
                        // set_fp's epilog instruction is "add sp, sp, #n": the body allocated n more below fp.
                        em.sp = em.x[29] - ((code[start] >> 10) & 0xFFF);
                    }
                    List<Machine> epilogStates = new ArrayList<>();
                    boolean decoded = start >= 0 && start + count <= code.length;
                    boolean helper = false;
                    for (int k = 0; k < count && decoded; k++) {
                        em.offset = e.start() + 4L * k;
                        epilogStates.add(em.copy());
                        helper |= k < count - 1 && (code[start + k] & 0xFC000000) == 0x94000000;
                        decoded = em.epilog(code[start + k], k == count - 1);
                    }
                    if (helper || decoded && (em.sp != ENTRY_SP || em.x[30] != RET)) {
                        continue; // a helper call in the epilog, or a function meant to leave sp changed
                    }
                    if (!decoded) {
                        failures.add(String.format("%s: epilog at +0x%x is not %d epilog instructions", name,
                                e.start(), count));
                        continue;
                    }
                    epilogsRun++;
                    for (Machine s : epilogStates) {
                        unwinds++;
                        check(unwinder, f, s, true, name + " epilog+" + s.offset, failures);
                    }
                }
            }
            assertThat(failures).as(image).isEmpty();
            assertThat(emulated).as("%s: prologs emulated of %d (%d unwinds)", image, functions, unwinds)
                    .isGreaterThanOrEqualTo((int) (functions * prologCoverage));
            assertThat(epilogsRun).as("%s: epilogs run of %d", image, epilogs)
                    .isGreaterThanOrEqualTo((int) (epilogs * epilogCoverage));
        }
    }

    private static void check(Arm64PeUnwinder unwinder, Arm64RuntimeFunction f, Machine s, boolean registers,
                              String where, List<String> failures) {
        long pc = BASE + f.beginAddress() + s.offset;
        Optional<CpuContext> out = unwinder.unwind(pc, true, s.context(pc), s.memory());
        if (out.isEmpty()) {
            failures.add(where + ": no result");
            return;
        }
        CpuContext c = out.get();
        if (c.instructionPointer() != RET || c.stackPointer() != ENTRY_SP) {
            failures.add(String.format("%s: pc 0x%x sp 0x%x", where, c.instructionPointer(), c.stackPointer()));
        }
        if (registers) {
            for (int r = 19; r <= 29; r++) {
                String name = r == 29 ? "fp" : "x" + r;
                if (c.get(name).orElse(-1) != initial(r)) {
                    failures.add(where + ": " + name + " = 0x" + Long.toHexString(c.get(name).orElse(-1)));
                }
            }
        }
    }

    private static int[] words(PeFile pe, long rva, int count) throws Exception {
        long n = Math.min(4L * count, pe.availableAtRva(rva)) / 4;
        byte[] b = pe.cursorAtRva("code", rva, 4 * n, 0).bytes((int) (4 * n));
        int[] out = new int[(int) n];
        for (int i = 0; i < n; i++) {
            out[i] = (b[4 * i] & 0xFF) | (b[4 * i + 1] & 0xFF) << 8 | (b[4 * i + 2] & 0xFF) << 16 | (b[4 * i + 3] & 0xFF) << 24;
        }
        return out;
    }

    private static long initial(int reg) {
        return reg == 30 ? RET : 0x5EED_0000_0000L + 0x1111L * reg;
    }

    /** Registers x0–x30, sp, and the stack words written. */
    private static final class Machine {
        final long[] x = new long[31];
        long sp = ENTRY_SP;
        final Map<Long, Long> stores = new HashMap<>();
        final Set<Integer> saved = new HashSet<>();
        boolean framePointer;
        long offset;

        Machine() {
            for (int i = 0; i < 31; i++) {
                x[i] = initial(i);
            }
        }

        Machine copy() {
            Machine m = new Machine();
            System.arraycopy(x, 0, m.x, 0, 31);
            m.sp = sp;
            m.stores.putAll(stores);
            m.saved.addAll(saved);
            m.framePointer = framePointer;
            m.offset = offset;
            return m;
        }

        /** The body: every register the prolog saved (and so may use) holds something else now. */
        Machine body() {
            Machine m = copy();
            for (int r : saved) {
                if (r != 29 || !framePointer) { // x29 set up as the frame pointer keeps pointing at the frame
                    m.x[r] = 0xB0D1_0000_0000L + r;
                }
            }
            return m;
        }

        CpuContext context(long pc) {
            Map<String, Long> r = new LinkedHashMap<>();
            for (int i = 0; i < 29; i++) {
                r.put("x" + i, x[i]);
            }
            r.put("fp", x[29]);
            r.put("lr", x[30]);
            r.put("sp", sp);
            r.put("pc", pc);
            return new CpuContext(Architecture.ARM64, 0, r);
        }

        MemoryReader memory() {
            Map<Long, Long> words = new HashMap<>(stores);
            long low = Math.min(sp, ENTRY_SP) - 0x1000;
            long high = ENTRY_SP + 0x1000;
            return new MemoryReader() {
                @Override
                public List<MemoryRange> ranges() {
                    return List.of();
                }

                @Override
                public Optional<byte[]> read(long address, int length) {
                    if (address < low || address + length > high) {
                        return Optional.empty();
                    }
                    byte[] out = new byte[length];
                    for (int i = 0; i < length; i++) {
                        long a = address + i;
                        long word = words.getOrDefault(a & ~7L, 0xF111_0000_0000L + (a & ~7L));
                        out[i] = (byte) (word >>> (8 * (a & 7)));
                    }
                    return Optional.of(out);
                }

                @Override
                public long readableFrom(long address, long max) {
                    return address < low || address >= high ? 0 : Math.min(max, high - address);
                }
            };
        }

        private void store(long address, int reg, boolean fp) {
            stores.put(address, fp || reg == 31 ? 0xD0D0_0000_0000L + reg : x[reg]);
            if (!fp && reg >= 19) {
                saved.add(reg);
            }
        }

        private long load(long address) {
            Long v = stores.get(address);
            return v != null ? v : 0xF111_0000_0000L + address;
        }

        /** Executes one prolog instruction; false when it is not one this test knows. */
        boolean prolog(int i) {
            int rt = i & 31;
            int rn = (i >> 5) & 31;
            int rt2 = (i >> 10) & 31;
            long imm7 = ((long) ((i >> 15) & 0x7F) << 57 >> 57) * 8;
            long imm9 = (long) ((i >> 12) & 0x1FF) << 55 >> 55;
            long imm12 = (i >> 10) & 0xFFF;
            if (i == 0xD503237F) { // pacibsp
                x[30] |= PAC;
                return true;
            }
            if (i == 0xD503201F) { // nop
                return true;
            }
            if ((i & 0xFFE0001F) == 0xD280000F) { // movz x15, #imm (for __chkstk)
                x[15] = (long) ((i >> 5) & 0xFFFF) << (16 * ((i >> 21) & 3));
                return true;
            }
            if ((i & 0xFC000000) == 0x94000000) { // bl __chkstk: probes, changes nothing tracked
                return true;
            }
            if (i == 0xCB2F73FF) { // sub sp, sp, x15, uxtx #4
                sp -= x[15] << 4;
                return true;
            }
            int pairOp = i & 0xFFC00000;
            if ((pairOp == 0xA9800000 || pairOp == 0xA9000000 || pairOp == 0x6D800000 || pairOp == 0x6D000000)
                    && rn == 31) { // stp (x or d), pre-index or offset
                boolean fp = (pairOp & 0xF0000000) == 0x60000000;
                long address = sp + imm7;
                store(address, rt, fp);
                store(address + 8, rt2, fp);
                if ((pairOp & 0x00800000) != 0) {
                    sp = address;
                }
                return true;
            }
            if (((i & 0xFFE00C00) == 0xF8000C00 || (i & 0xFFE00C00) == 0xFC000C00) && rn == 31) { // str pre-index
                sp += imm9;
                store(sp, rt, (i & 0xFFE00C00) == 0xFC000C00);
                return true;
            }
            if (((i & 0xFFC00000) == 0xF9000000 || (i & 0xFFC00000) == 0xFD000000) && rn == 31) { // str offset
                store(sp + imm12 * 8, rt, (i & 0xFFC00000) == 0xFD000000);
                return true;
            }
            if ((i & 0xFF800000) == 0xD1000000 && rt == 31 && rn == 31) { // sub sp, sp, #imm
                sp -= imm12 << ((i >> 22) & 1) * 12;
                return true;
            }
            if ((i & 0xFF800000) == 0x91000000 && rt == 29 && rn == 31) { // add x29, sp, #imm (mov x29, sp)
                x[29] = sp + (imm12 << ((i >> 22) & 1) * 12);
                framePointer = true;
                return true;
            }
            return false;
        }

        /** Executes one epilog instruction; the last must end the function (ret or a tail branch). */
        boolean epilog(int i, boolean last) {
            if (last) {
                return i == RET_INSN || (i & 0xFC000000) == 0x14000000 || (i & 0xFFFFFC1F) == 0xD61F0000;
            }
            int rt = i & 31;
            int rn = (i >> 5) & 31;
            int rt2 = (i >> 10) & 31;
            long imm7 = ((long) ((i >> 15) & 0x7F) << 57 >> 57) * 8;
            long imm9 = (long) ((i >> 12) & 0x1FF) << 55 >> 55;
            long imm12 = (i >> 10) & 0xFFF;
            if (i == 0xD50323FF) { // autibsp
                x[30] &= ~PAC;
                return true;
            }
            int pairOp = i & 0xFFC00000;
            if ((pairOp == 0xA8C00000 || pairOp == 0xA9400000 || pairOp == 0x6CC00000 || pairOp == 0x6D400000)
                    && rn == 31) { // ldp (x or d), post-index or offset
                boolean fp = (pairOp & 0xF0000000) == 0x60000000;
                long address = (pairOp & 0x00800000) != 0 ? sp : sp + imm7;
                if (!fp) {
                    x[rt] = load(address);
                    x[rt2] = load(address + 8);
                }
                if ((pairOp & 0x00800000) != 0) {
                    sp += imm7;
                }
                return true;
            }
            if (((i & 0xFFE00C00) == 0xF8400400 || (i & 0xFFE00C00) == 0xFC400400) && rn == 31) { // ldr post-index
                if ((i & 0xFFE00C00) == 0xF8400400) {
                    x[rt] = load(sp);
                }
                sp += imm9;
                return true;
            }
            if (((i & 0xFFC00000) == 0xF9400000 || (i & 0xFFC00000) == 0xFD400000) && rn == 31) { // ldr offset
                if ((i & 0xFFC00000) == 0xF9400000) {
                    x[rt] = load(sp + imm12 * 8);
                }
                return true;
            }
            if ((i & 0xFF800000) == 0x91000000 && rt == 31 && (rn == 31 || rn == 29)) { // add sp, sp|x29, #imm
                sp = (rn == 31 ? sp : x[29]) + (imm12 << ((i >> 22) & 1) * 12);
                return true;
            }
            return false;
        }
    }
}
