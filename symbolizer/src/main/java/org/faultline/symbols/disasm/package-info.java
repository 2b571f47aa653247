/**
 * Instruction decoding for crash analysis: x86-64, x86 (32- and 16-bit) and ARM64, written for Faultline
 * and checked against GNU objdump.
 *
 * <h2>What a decoder gives</h2>
 * {@link org.faultline.symbols.disasm.Decoder#decode} returns an immutable
 * {@link org.faultline.symbols.disasm.Instruction}: the bytes (so the length), a
 * {@link org.faultline.symbols.disasm.Status} (decoded, unsupported with its length where known, or
 * invalid), the text, the operands, the memory operands with base, index, scale, displacement, size,
 * segment and whether each is read, written, both or not accessed ({@code lea}), and the registers read
 * and written. {@link org.faultline.symbols.disasm.Instruction#effectiveAddress} computes a memory
 * operand's address from a thread context. What a decoder does not cover it says so
 * ({@code UNSUPPORTED}, with a note such as {@code EVEX (AVX-512)}); it never guesses.
 *
 * <h2>Layout</h2>
 * {@link org.faultline.symbols.disasm.X86Opcodes} and {@link org.faultline.symbols.disasm.X87Opcodes} hold
 * the x86 opcode maps as tables in the Intel SDM's operand notation ({@code Ev,Gv}); the
 * {@link org.faultline.symbols.disasm.X86Decoder} walks prefixes, the maps, ModRM/SIB and immediates,
 * then formats. {@link org.faultline.symbols.disasm.Arm64Decoder} follows the A64 encoding groups of the
 * Arm ARM. {@link org.faultline.symbols.disasm.Disassembly} sweeps and decodes backwards;
 * {@link org.faultline.symbols.disasm.FaultContext} puts the instructions around a fault together and
 * says where the faulting address registers came from ({@code r8 was loaded from [rax+r11*8]}).
 *
 * <h2>Text, and how it is compared with objdump</h2>
 * The text is objdump's ({@code objdump -d -M intel} for x86, including how it names unused prefixes
 * such as {@code rex.w} or {@code data16}, and its preferred ARM64 aliases), in a display form:
 * lowercase, one space after the mnemonic and each prefix, x86 operands joined by a bare comma, ARM64
 * operands by {@code ", "}, and objdump's RIP-relative comment kept as {@code " # 0x…"}. objdump's
 * output is brought to that form by {@link org.faultline.symbols.disasm.Instruction#normalizeObjdump}:
 * whitespace runs become one space, letters become lowercase, and ARM64 {@code // …} comments are
 * dropped. The differential tests compare length and normalised text instruction by instruction.
 */
package org.faultline.symbols.disasm;
