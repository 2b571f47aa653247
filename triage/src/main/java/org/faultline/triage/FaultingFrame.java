package org.faultline.triage;

import java.util.List;

/**
 * The instruction that faulted and what its bytes say.
 *
 * @param address            the instruction's address
 * @param module             module file name, or {@code null}
 * @param offset             offset in the module, or {@code null}
 * @param symbol             {@code module!function+0x…} when symbols were found, else {@code null}
 * @param text               {@code csagent+0xe14ed} or the symbol form
 * @param instruction        Intel-syntax text of the instruction, or {@code null} when its bytes are not in the dump
 * @param instructionBytes   the bytes in hex, or {@code null}
 * @param effectiveAddress   the memory operand's address recomputed from the registers, or {@code null}
 * @param registersFrom      where the registers came from ({@code trap frame at 0x…}, {@code exception context})
 * @param provenance         sentences such as {@code r8 was loaded from [rax+r11*8], index r11 = 20}
 * @param disassembly        a few instructions around the fault, objdump-style lines, the faulting one marked
 */
public record FaultingFrame(long address, String module, Long offset, String symbol, String text, String instruction,
                            String instructionBytes, Long effectiveAddress, String registersFrom,
                            List<String> provenance, List<String> disassembly) {
    public FaultingFrame {
        provenance = List.copyOf(provenance);
        disassembly = List.copyOf(disassembly);
    }
}
