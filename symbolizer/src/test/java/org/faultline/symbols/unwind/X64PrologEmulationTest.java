package org.faultline.symbols.unwind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.MemoryReader;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.breakpad.BreakpadSymbolFile;
import org.faultline.symbols.pe.PeFile;
import org.faultline.symbols.pe.RuntimeFunction;
import org.faultline.symbols.pe.UnwindInfo;
import org.faultline.symbols.pe.X64ExceptionTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The x64 unwinder against the real prologs of real images. For every function whose prolog consists of
 * instructions this test can execute (push, sub rsp, mov/lea/xor with register or memory operands, movaps/movdqa
 * saves, {@code mov eax, imm; call __chkstk; sub rsp, rax}, the /GS cookie load scheduled into the prolog), the
 * prolog is run one instruction at a time on a synthetic stack, and after each instruction the function is
 * unwound from there: the caller's rip and rsp must come out exactly; after the whole prolog (the body) every
 * non-volatile register must too. The machine code, not the unwind codes, says what the prolog did, so this
 * checks the interpretation of the codes independently (about 2,500 prologs, 14,000 unwinds).
 */
class X64PrologEmulationTest {
    private static final long BASE = 0x7ff7_0000_0000L;
    private static final long ENTRY_RSP = 0x0000_0050_0010_0000L;
    private static final long RET = 0x7ff6_5555_4444L;
    private static final String[] GPR = X64PeUnwinder.GPR;

    /**
     * The optional third column names a Breakpad .sym that dump_syms made from the image: its STACK CFI rules
     * (body rules: {@code .cfa: $rsp N +}, {@code .ra: .cfa 8 - ^}) must unwind the body to the same caller.
     */
    @ParameterizedTest
    @CsvSource({
        "symsrv/ShowSSEConfig.exe/63E6C7F78000/ShowSSEConfig.exe, 0.9,",
        "symbolic/windows/CrashWithException.exe, 0.9,",
        "breakpad/src/tools/windows/dump_syms/testdata/pe_only_symbol_test.dll, 0.9, "
                + "breakpad/src/tools/windows/dump_syms/testdata/pe_only_symbol_test.sym",
        "breakpad/src/tools/windows/dump_syms/testdata/dump_syms_regtest64.exe, 0.9, "
                + "breakpad/src/tools/windows/dump_syms/testdata/dump_syms_regtest64.sym",
        "ms-public-symbols/symstore/amdppm.sys/c9c030003b000/amdppm.sys, 0.9,",
        "ms-public-symbols/rizin-testbins/user32.dll, 0.9,",
        "binskim/Native_x64_RustC_Rust_debuginfo2_v1.58.1.exe, 0.9,"})
    void unwindingFromEveryPrologInstructionRestoresTheCaller(String image, double coverage, String sym)
            throws Exception {
        try (PeFile pe = PeFile.open(Fixtures.require(image))) {
            X64ExceptionTable table = pe.x64ExceptionTable().orElseThrow();
            X64PeUnwinder unwinder = X64PeUnwinder.of(pe, BASE).orElseThrow();
            BreakpadCfiUnwinder cfi = sym == null ? null
                    : new BreakpadCfiUnwinder(BreakpadSymbolFile.open(Fixtures.require(sym)), BASE, a -> true);
            int cfiChecked = 0;
            int primaries = 0;
            int emulated = 0;
            int boundaries = 0;
            List<String> failures = new ArrayList<>();
            for (RuntimeFunction f : table.functions()) {
                UnwindInfo info = table.unwindInfo(f);
                if (info.isChained() || f.isIndirect() || info.sizeOfProlog() == 0) {
                    // A fragment: no prolog of its own. Or no prolog at all, which user32 (Windows 7) also writes
                    // for functions whose code does have one (CodeOffset 0 ALLOC_SMALL 68h before a 24-byte
                    // prolog): the data, not the unwinder, disagrees with the code there.
                    continue;
                }
                primaries++;
                byte[] code = bytes(pe, f.beginAddress(), info.sizeOfProlog() + 16);
                List<Machine> states = emulate(code, info.sizeOfProlog());
                if (states == null) {
                    continue;
                }
                emulated++;
                for (Machine m : states) {
                    boundaries++;
                    long pc = BASE + f.beginAddress() + m.offset;
                    Optional<CpuContext> caller = unwinder.unwind(pc, true, m.context(pc), m.memory());
                    String where = String.format("%s 0x%x+%d", image, f.beginAddress(), m.offset);
                    if (caller.isEmpty()) {
                        failures.add(where + ": no result");
                        continue;
                    }
                    CpuContext c = caller.get();
                    if (c.instructionPointer() != RET || c.stackPointer() != ENTRY_RSP + 8) {
                        failures.add(where + String.format(": rip 0x%x rsp 0x%x", c.instructionPointer(),
                                c.stackPointer()));
                    }
                    if (m.offset >= info.sizeOfProlog() && cfi != null) {
                        CpuContext callee = m.context(pc);
                        Optional<CpuContext> viaCfi = cfi.unwind(new StackFrame(0, pc, m.r[4], -1,
                                FrameTrust.CONTEXT, callee), callee, m.memory());
                        if (viaCfi.isEmpty() || viaCfi.get().instructionPointer() != RET
                                || viaCfi.get().stackPointer() != ENTRY_RSP + 8) {
                            failures.add(where + ": STACK CFI gives " + viaCfi);
                        }
                        cfiChecked++;
                    }
                    if (m.offset >= info.sizeOfProlog()) {
                        for (int r : new int[] {3, 5, 6, 7, 12, 13, 14, 15}) {
                            if (c.get(GPR[r]).orElse(-1) != initial(r)) {
                                failures.add(where + ": " + GPR[r] + " = 0x" + Long.toHexString(c.get(GPR[r]).orElse(-1)));
                            }
                        }
                    }
                }
            }
            assertThat(failures).as(image).isEmpty();
            if (cfi != null) {
                assertThat(cfiChecked).as("bodies unwound with STACK CFI").isGreaterThanOrEqualTo(emulated);
            }
            assertThat(emulated).as("%s: prologs emulated of %d (%d unwinds)", image, primaries, boundaries)
                    .isGreaterThanOrEqualTo((int) (primaries * coverage));
        }
    }

    private static byte[] bytes(PeFile pe, long rva, int length) throws Exception {
        long n = Math.min(length, pe.availableAtRva(rva));
        return pe.cursorAtRva("code", rva, n, 0).bytes((int) n);
    }

    private static long initial(int reg) {
        return 0x5EED_0000_0000L + 0x1111L * reg;
    }

    /** The machine state after some prolog instructions. */
    private static final class Machine {
        final long[] r = new long[16];
        final Map<Long, Long> stores = new LinkedHashMap<>();
        int offset;

        Machine() {
            for (int i = 0; i < 16; i++) {
                r[i] = initial(i);
            }
            r[4] = ENTRY_RSP;
        }

        long load(long address) {
            Long v = stores.get(address);
            return v != null ? v : address == ENTRY_RSP ? RET : 0xF111_0000_0000L + (address & ~7L);
        }

        Machine copy() {
            Machine m = new Machine();
            System.arraycopy(r, 0, m.r, 0, 16);
            m.stores.putAll(stores);
            m.offset = offset;
            return m;
        }

        CpuContext context(long pc) {
            Map<String, Long> regs = new LinkedHashMap<>();
            for (int i = 0; i < 16; i++) {
                regs.put(GPR[i], r[i]);
            }
            regs.put("rip", pc);
            return new CpuContext(Architecture.AMD64, 0, regs);
        }

        /** The stack: the return address, what the prolog stored, filler words elsewhere near the stack. */
        MemoryReader memory() {
            Map<Long, Long> words = new HashMap<>(stores);
            words.put(ENTRY_RSP, RET);
            long low = Math.min(r[4], ENTRY_RSP) - 0x1000;
            long high = ENTRY_RSP + 0x1000;
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
    }

    /**
     * Runs the prolog: the state at offset 0 and after each instruction, ending exactly at {@code prologSize};
     * {@code null} when an instruction is not one this emulator knows.
     */
    static List<Machine> emulate(byte[] code, int prologSize) {
        List<Machine> states = new ArrayList<>();
        Machine m = new Machine();
        states.add(m.copy());
        int p = 0;
        while (p < prologSize) {
            int len = step(code, p, m);
            if (len <= 0) {
                return null;
            }
            p += len;
            m.offset = p;
            states.add(m.copy());
        }
        return p == prologSize ? states : null;
    }

    /** Executes one instruction at {@code p}; its length, or 0 when unknown. */
    private static int step(byte[] c, int p, Machine m) {
        int start = p;
        boolean opsize = false;
        if (at(c, p) == 0x66) {
            opsize = true;
            p++;
        }
        int rex = 0;
        if (at(c, p) >= 0x40 && at(c, p) <= 0x4F) {
            rex = at(c, p);
            p++;
        }
        boolean w = (rex & 8) != 0;
        int rexR = (rex & 4) << 1;
        int rexB = (rex & 1) << 3;
        int op = at(c, p++);
        if (op < 0) {
            return 0;
        }
        if (!opsize && op >= 0x50 && op <= 0x57) { // push r64
            int reg = (op - 0x50) | rexB;
            m.r[4] -= 8;
            m.stores.put(m.r[4], m.r[reg]);
            return p - start;
        }
        if (!opsize && op >= 0xB8 && op <= 0xBF && !w) { // mov r32, imm32
            m.r[(op - 0xB8) | rexB] = u32(c, p);
            return p + 4 - start;
        }
        if (!opsize && op == 0xE8 && rex == 0) { // call __chkstk: probes the stack, changes nothing we track
            return p + 4 - start;
        }
        if (!opsize && op == 0xFF && at(c, p) >= 0xF0 && at(c, p) <= 0xF7) { // push r64 in its FF /6 form
            int reg = (at(c, p) & 7) | rexB;
            m.r[4] -= 8;
            m.stores.put(m.r[4], m.r[reg]);
            return p + 1 - start;
        }
        if ((op == 0x89 && !w || op == 0x88) && at(c, p) >= 0 && at(c, p) >> 6 != 3) {
            // a 32-, 16- or 8-bit store (parameters homed): nothing the unwinder reads
            Operand o = operand(c, p, rexB, m);
            return o == null ? 0 : p + o.length - start;
        }
        if (op == 0x0F) {
            int op2 = at(c, p++);
            if ((op2 == 0x29 || op2 == 0x7F && opsize) && at(c, p) >= 0) { // movaps / movdqa store
                Operand o = operand(c, p, rexB, m);
                return o == null || o.register || o.ripRelative ? 0 : p + o.length - start;
            }
            return 0;
        }
        if (opsize || !w) {
            return 0;
        }
        int modrm = at(c, p);
        if (modrm < 0) {
            return 0;
        }
        int reg = ((modrm >> 3) & 7) | rexR;
        Operand o = operand(c, p, rexB, m);
        if (o == null) {
            return 0;
        }
        p += o.length;
        switch (op) {
            case 0x83, 0x81 -> { // sub r/m64, imm
                if (!o.register || ((modrm >> 3) & 7) != 5) {
                    return 0;
                }
                long imm = op == 0x83 ? c[p] : (int) u32(c, p);
                m.r[o.reg] -= imm;
                return p + (op == 0x83 ? 1 : 4) - start;
            }
            case 0x89 -> { // mov r/m64, r64
                if (o.register) {
                    m.r[o.reg] = m.r[reg];
                } else if (!o.ripRelative) {
                    m.stores.put(o.address, m.r[reg]);
                }
                return p - start;
            }
            case 0x8B -> { // mov r64, r/m64 (the /GS cookie load is often scheduled into the prolog)
                m.r[reg] = o.register ? m.r[o.reg] : o.ripRelative ? 0xC00C1EL : m.load(o.address);
                return p - start;
            }
            case 0x33 -> { // xor r64, r64 (the cookie xor rsp)
                if (!o.register) {
                    return 0;
                }
                m.r[reg] ^= m.r[o.reg];
                return p - start;
            }
            case 0x8D -> { // lea r64, [base + disp]
                if (o.register) {
                    return 0;
                }
                m.r[reg] = o.ripRelative ? 0x1EA0L : o.address;
                return p - start;
            }
            case 0x2B -> { // sub r64, r64
                if (!o.register) {
                    return 0;
                }
                m.r[reg] -= m.r[o.reg];
                return p - start;
            }
            default -> {
                return 0;
            }
        }
    }

    /** A ModRM operand: a register, {@code [base + disp]} (no index), or RIP-relative (a global). */
    private record Operand(boolean register, int reg, long address, int length, boolean ripRelative) {
        Operand(boolean register, int reg, long address, int length) {
            this(register, reg, address, length, false);
        }
    }

    private static Operand operand(byte[] c, int p, int rexB, Machine m) {
        int modrm = at(c, p);
        int mod = modrm >> 6;
        int rm = modrm & 7;
        if (mod == 3) {
            return new Operand(true, rm | rexB, 0, 1);
        }
        int len = 1;
        int base = rm | rexB;
        if (rm == 4) {
            int sib = at(c, p + 1);
            if (sib < 0 || ((sib >> 3) & 7) != 4 || (sib & 7) == 5) {
                return null; // an index register, or no base
            }
            base = (sib & 7) | rexB;
            len++;
        } else if (mod == 0 && rm == 5) {
            return at(c, p + 4) < 0 ? null : new Operand(false, -1, 0, 5, true);
        }
        long disp = 0;
        if (mod == 1) {
            if (at(c, p + len) < 0) {
                return null;
            }
            disp = c[p + len];
            len += 1;
        } else if (mod == 2) {
            if (at(c, p + len + 3) < 0) {
                return null;
            }
            disp = (int) u32(c, p + len);
            len += 4;
        }
        return new Operand(false, -1, m.r[base] + disp, len);
    }

    private static int at(byte[] c, int i) {
        return i >= 0 && i < c.length ? c[i] & 0xFF : -1;
    }

    private static long u32(byte[] c, int i) {
        if (i + 3 >= c.length) {
            return 0;
        }
        return (c[i] & 0xFFL) | (c[i + 1] & 0xFFL) << 8 | (c[i + 2] & 0xFFL) << 16 | (c[i + 3] & 0xFFL) << 24;
    }
}
