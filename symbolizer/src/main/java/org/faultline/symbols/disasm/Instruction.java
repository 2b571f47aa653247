package org.faultline.symbols.disasm;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;

/**
 * One decoded instruction.
 *
 * <p>{@link #text()} is the Intel-syntax (x86) or ARM (ARM64) text as GNU objdump writes it, in the
 * display form: lowercase, one space after the mnemonic and after each prefix name, operands separated by
 * a bare comma, and objdump's {@code # 0x…} comment after RIP-relative operands kept as {@code " # 0x…"}.
 * objdump's own output becomes the same string by {@link #normalizeObjdump(String)}.
 *
 * @param architecture the decoder's architecture ({@code X86} for 16- and 32-bit x86 code)
 * @param address      where the instruction lies
 * @param status       decoded, unsupported or invalid
 * @param mnemonic     the mnemonic ({@code mov}, {@code ldr}); for x86 without prefixes; empty unless decoded
 * @param text         the display text; {@code (bad)} when invalid, {@code (unsupported)} when unsupported
 * @param operands     the operands in written order; empty unless decoded
 * @param memory       the memory operands, in written order, with their access
 * @param reads        registers read, by the names the instruction uses (including address registers)
 * @param writes       registers written, by the names the instruction uses
 * @param note         why the instruction is unsupported or invalid; empty when decoded
 */
public record Instruction(Architecture architecture, long address, byte[] bytes, Status status, String mnemonic,
                          String text, List<Operand> operands, List<MemoryOperand> memory, Set<String> reads,
                          Set<String> writes, String note) {

    public Instruction {
        bytes = bytes.clone();
        operands = List.copyOf(operands);
        memory = List.copyOf(memory);
        reads = Set.copyOf(reads);
        writes = Set.copyOf(writes);
    }

    /** The instruction's bytes (a copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** The address just after the instruction. */
    public long nextAddress() {
        return address + bytes.length;
    }

    public boolean decoded() {
        return status == Status.DECODED;
    }

    /** The bytes as objdump shows them: lowercase hex pairs separated by single spaces. */
    public String hexBytes() {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** {@code fffff806715114ed: 45 8b 08  mov r9d,dword ptr [r8]}: lowercase hex address, bytes, text. */
    public String line() {
        return Long.toHexString(address) + ": " + hexBytes() + "  " + text;
    }

    /** Whether the instruction writes {@code register} or a register overlapping it (x86 {@code r8d} → r8). */
    public boolean writesRegister(String register) {
        String want = Registers.canonical(architecture, register);
        for (String w : writes) {
            if (Registers.canonical(architecture, w).equals(want)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The address {@code operand} refers to, given the registers in {@code context}: empty when a register
     * is missing from the context or the segment is {@code fs}/{@code gs} (their bases are not in a
     * CONTEXT). Other segment bases count as 0. {@code rip}/{@code eip} mean the next instruction's
     * address; ARM64 {@code pc} this instruction's. 32-bit address registers give a 32-bit address.
     */
    public java.util.OptionalLong effectiveAddress(MemoryOperand operand, CpuContext context) {
        if (operand.segment() != null && (operand.segment().equals("fs") || operand.segment().equals("gs"))) {
            return java.util.OptionalLong.empty();
        }
        long sum = operand.displacement();
        long mask = architecture == Architecture.X86 ? 0xFFFF_FFFFL : -1L;
        if (operand.base() != null) {
            java.util.OptionalLong v = registerValue(operand.base(), context);
            if (v.isEmpty()) {
                return v;
            }
            sum += v.getAsLong();
            mask = Registers.addressMask(architecture, operand.base(), mask);
        }
        if (operand.index() != null) {
            java.util.OptionalLong v = registerValue(operand.index(), context);
            if (v.isEmpty()) {
                return v;
            }
            long index = v.getAsLong();
            if ("sxtw".equals(operand.indexExtend())) {
                index = (int) index;
            } else if ("uxtw".equals(operand.indexExtend())) {
                index &= 0xFFFF_FFFFL;
            }
            sum += index * operand.scale();
            if (operand.base() == null) {
                mask = Registers.addressMask(architecture, operand.index(), mask);
            }
        }
        return java.util.OptionalLong.of(sum & mask);
    }

    private java.util.OptionalLong registerValue(String name, CpuContext context) {
        return switch (name) {
            case "rip", "eip" -> java.util.OptionalLong.of(nextAddress());
            case "pc" -> java.util.OptionalLong.of(address);
            default -> Registers.value(architecture, name, context);
        };
    }

    /**
     * objdump's instruction text in the display form: whitespace runs (objdump pads mnemonics with spaces
     * or a tab) become one space and letters become lowercase. So {@code "mov    r9d,DWORD PTR [r8]"}
     * becomes {@code "mov r9d,dword ptr [r8]"} and {@code "ldr\tx0, [x1, #8]"} becomes
     * {@code "ldr x0, [x1, #8]"}. ARM64 objdump comments ({@code // #16}) are dropped; x86
     * {@code # 0x…} comments are kept.
     */
    public static String normalizeObjdump(String objdumpText) {
        String t = objdumpText;
        int slash = t.indexOf("//");
        if (slash >= 0) {
            t = t.substring(0, slash);
        }
        t = t.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
        return t;
    }
}
