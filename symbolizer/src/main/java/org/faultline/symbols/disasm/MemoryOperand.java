package org.faultline.symbols.disasm;

import java.util.Optional;

/**
 * A memory operand: {@code segment:[base + index*scale + displacement]}, {@code size} bytes wide.
 *
 * <p>Register names are lowercase and as written in the instruction ({@code r8}, {@code eax}, {@code x1},
 * {@code w2}); {@code base} is {@code rip}/{@code eip} for x86 RIP-relative operands and {@code pc} for
 * ARM64 literal loads, both meaning the address of the next instruction on x86 and of this instruction
 * on ARM64 (see {@link Instruction#effectiveAddress}).
 *
 * @param segment      segment override ({@code fs}, {@code gs}, …) or {@code null} for the default
 * @param base         base register or {@code null}
 * @param index        index register or {@code null}
 * @param scale        multiplier of the index: 1, 2, 4 or 8 (ARM64: 1 &lt;&lt; shift)
 * @param displacement signed displacement (ARM64: the immediate offset; 0 for post-indexed forms)
 * @param size         bytes accessed; 0 when the instruction accesses none or an unknown amount
 * @param access       read, write, both or none
 * @param indexExtend  ARM64 extension applied to a 32-bit index ({@code uxtw}, {@code sxtw}, {@code sxtx}),
 *                     or {@code null}
 */
public record MemoryOperand(String segment, String base, String index, int scale, long displacement, int size,
                            Access access, String indexExtend) {

    /** The base register, if any. */
    public Optional<String> baseRegister() {
        return Optional.ofNullable(base);
    }

    /** The index register, if any. */
    public Optional<String> indexRegister() {
        return Optional.ofNullable(index);
    }

    /** {@code [rax+r11*8]}-style text with no size or segment, for messages. */
    public String addressText() {
        StringBuilder b = new StringBuilder("[");
        if (base != null) {
            b.append(base);
        }
        if (index != null) {
            if (base != null) {
                b.append('+');
            }
            b.append(index);
            if (indexExtend != null) {
                b.append(',').append(indexExtend);
            }
            if (scale != 1 || base == null) {
                b.append('*').append(scale);
            }
        }
        if (displacement != 0 || (base == null && index == null)) {
            if (base == null && index == null) {
                b.append("0x").append(Long.toHexString(displacement));
            } else if (displacement < 0) {
                b.append("-0x").append(Long.toHexString(-displacement));
            } else {
                b.append("+0x").append(Long.toHexString(displacement));
            }
        }
        return b.append(']').toString();
    }
}
