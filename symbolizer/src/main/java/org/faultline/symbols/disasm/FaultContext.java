package org.faultline.symbols.disasm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.MemoryReader;

/**
 * The code around a faulting address: a few instructions before and after it, the faulting instruction,
 * and where the registers of its memory operands last got their values within the window before it.
 *
 * @param address  the fault address (the faulting instruction's start)
 * @param before   instructions that end exactly at {@code address}, oldest first
 * @param faulting the instruction at {@code address}
 * @param after    instructions following it
 * @param origins  for each base or index register of the faulting instruction's memory operands, the last
 *                 instruction in {@code before} that wrote it (registers written by none are left out)
 */
public record FaultContext(long address, List<Instruction> before, Instruction faulting, List<Instruction> after,
                           List<RegisterOrigin> origins) {

    public FaultContext {
        before = List.copyOf(before);
        after = List.copyOf(after);
        origins = List.copyOf(origins);
    }

    /**
     * Where a register got its value: the instruction that last wrote it before the fault and a sentence
     * such as {@code r8 was loaded from [rax+r11*8]}.
     */
    public record RegisterOrigin(String register, Instruction writer, String description) {
    }

    /**
     * The context of the instruction at {@code address} in {@code memory}: {@code beforeCount} instructions
     * before it (as far as the bytes exist) and {@code afterCount} after. Empty when the architecture has
     * no decoder or the dump holds no bytes at {@code address}.
     */
    public static Optional<FaultContext> at(MemoryReader memory, Architecture architecture, long address,
                                            int beforeCount, int afterCount) {
        Optional<Decoder> decoder = Decoder.forArchitecture(architecture);
        if (decoder.isEmpty()) {
            return Optional.empty();
        }
        Decoder d = decoder.get();
        int want = d.maxLength() * (afterCount + 1);
        int have = (int) memory.readableFrom(address, want);
        if (have == 0) {
            return Optional.empty();
        }
        byte[] code = memory.read(address, have).orElseThrow();
        List<Instruction> forward = Disassembly.sweep(d, code, address, afterCount + 1);
        Instruction faulting = forward.get(0);
        List<Instruction> after = new ArrayList<>();
        for (Instruction in : forward.subList(1, forward.size())) {
            // An instruction cut by the end of the readable bytes is not shown.
            if (in.status() == Status.INVALID && "truncated".equals(in.note())) {
                break;
            }
            after.add(in);
        }
        List<Instruction> before = Disassembly.before(d, memory, address, beforeCount);
        return Optional.of(new FaultContext(address, before, faulting, after, origins(faulting, before)));
    }

    private static List<RegisterOrigin> origins(Instruction faulting, List<Instruction> before) {
        Set<String> registers = new LinkedHashSet<>();
        for (MemoryOperand m : faulting.memory()) {
            m.baseRegister().filter(r -> !r.equals("rip") && !r.equals("eip") && !r.equals("pc"))
                    .ifPresent(registers::add);
            m.indexRegister().ifPresent(registers::add);
        }
        List<RegisterOrigin> out = new ArrayList<>();
        for (String reg : registers) {
            for (int i = before.size() - 1; i >= 0; i--) {
                Instruction in = before.get(i);
                if (in.decoded() && in.writesRegister(reg)) {
                    out.add(new RegisterOrigin(reg, in, describe(reg, in)));
                    break;
                }
            }
        }
        return out;
    }

    /** The origin of {@code register} by register name. */
    public Optional<RegisterOrigin> originOf(String register) {
        return origins.stream().filter(o -> o.register().equals(register)).findFirst();
    }

    /** The addresses the faulting instruction's memory operands refer to, given the registers at the fault. */
    public List<OptionalLong> effectiveAddresses(CpuContext context) {
        List<OptionalLong> out = new ArrayList<>();
        for (MemoryOperand m : faulting.memory()) {
            out.add(faulting.effectiveAddress(m, context));
        }
        return out;
    }

    /** Every instruction of the window in address order. */
    public List<Instruction> window() {
        List<Instruction> all = new ArrayList<>(before);
        all.add(faulting);
        all.addAll(after);
        return all;
    }

    static String describe(String register, Instruction writer) {
        String m = writer.mnemonic();
        List<Operand> ops = writer.operands();
        boolean x86 = writer.architecture() != Architecture.ARM64;
        Optional<MemoryOperand> read = writer.memory().stream().filter(mo -> mo.access().reads()).findFirst();
        if (read.isPresent() && (m.startsWith("mov") || m.startsWith("ld") || m.equals("pop"))) {
            if (m.equals("pop")) {
                return register + " was popped from the stack";
            }
            return register + " was loaded from " + memoryText(writer, read.get());
        }
        if (m.equals("lea") && !writer.memory().isEmpty()) {
            return register + " was set to the address " + memoryText(writer, writer.memory().get(0));
        }
        if (m.equals("adrp") || m.equals("adr")) {
            return register + " was set to the address 0x" + Long.toHexString(((Operand.Target) ops.get(1)).address());
        }
        boolean move = x86 ? m.equals("mov") || m.startsWith("movzx") || m.startsWith("movsx") : m.equals("mov");
        if (move && ops.size() == 2) {
            Operand src = ops.get(1);
            if (src instanceof Operand.Register r) {
                return register + " was copied from " + r.name();
            }
            if (src instanceof Operand.Immediate i) {
                return register + " was set to 0x" + Long.toHexString(i.value());
            }
        }
        return register + " was last written by `" + writer.text() + "` at 0x" + Long.toHexString(writer.address());
    }

    /** The bracketed address as the instruction's text shows it ({@code [rax+r11*8]}, {@code [x1, #8]}). */
    static String memoryText(Instruction in, MemoryOperand mo) {
        String t = in.text();
        int open = t.indexOf('[');
        int close = t.indexOf(']', Math.max(open, 0));
        if (open >= 0 && close > open && in.memory().size() == 1) {
            return t.substring(open, close + 1);
        }
        return mo.addressText();
    }
}
