package org.faultline.triage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * @param registers          the general-purpose registers the analysis used, name → value in the source's order,
 *                           only those the source holds (a trap frame saves no r12–r15); empty, never null, when
 *                           there are none
 * @param provenance         sentences such as {@code r8 was loaded from [rax+r11*8], index r11 = 20}
 * @param disassembly        a few instructions around the fault, objdump-style lines, the faulting one marked
 */
public record FaultingFrame(long address, String module, Long offset, String symbol, String text, String instruction,
                            String instructionBytes, Long effectiveAddress, String registersFrom,
                            Map<String, Long> registers, List<String> provenance, List<String> disassembly) {
    public FaultingFrame {
        Map<String, Long> copy = new LinkedHashMap<>();
        if (registers != null) {
            registers.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "register name"),
                    Objects.requireNonNull(value, () -> "value of register " + name)));
        }
        registers = Collections.unmodifiableMap(copy);
        provenance = List.copyOf(provenance);
        disassembly = List.copyOf(disassembly);
    }
}
