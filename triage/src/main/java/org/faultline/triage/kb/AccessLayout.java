package org.faultline.triage.kb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.faultline.dump.Architecture;

/**
 * Which bug check parameter (1-based) holds what, for memory-access and exception bug checks, only where the
 * documentation says so.
 *
 * @param referencedAddress     parameter holding the memory address that was accessed
 * @param accessKindParameter   parameter holding the access kind, decoded by {@code encodings}
 * @param fixedAccessKind       the access kind implied by the code itself (0xBE write, 0xFC execute)
 * @param encodings             documented encodings of the access-kind parameter
 * @param instructionAddress    parameter holding the address of the faulting instruction
 * @param exceptionCode         parameter holding the exception code
 * @param exceptionRecord       parameter holding the address of an EXCEPTION_RECORD
 * @param contextRecord         parameter holding the address of a CONTEXT record
 * @param trapFrame             parameter holding the address of a trap frame
 * @param onlyWhenExceptionCode when present, {@code referencedAddress} and the access kind hold only when the
 *                              exception-code parameter has this value (0x1E with STATUS_ACCESS_VIOLATION)
 */
public record AccessLayout(OptionalInt referencedAddress, OptionalInt accessKindParameter,
                           Optional<AccessKind> fixedAccessKind, List<AccessEncoding> encodings,
                           OptionalInt instructionAddress, OptionalInt exceptionCode, OptionalInt exceptionRecord,
                           OptionalInt contextRecord, OptionalInt trapFrame, OptionalLong onlyWhenExceptionCode) {

    public AccessLayout {
        encodings = List.copyOf(encodings);
    }

    /**
     * Decodes the access kind from the bug check parameters. Variants whose architecture or build range does not
     * match are ignored; if the remaining variants disagree on the value, or none knows it, the result is empty.
     *
     * @param parameters the four parameters
     * @param arch       the dump's architecture ({@code UNKNOWN} when not known)
     * @param build      the Windows build number, or 0 when not known
     */
    public Optional<AccessKind> accessKind(List<Long> parameters, Architecture arch, int build) {
        if (!conditionHolds(parameters)) {
            return Optional.empty();
        }
        if (fixedAccessKind.isPresent()) {
            return fixedAccessKind;
        }
        OptionalLong raw = parameter(parameters, accessKindParameter);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Map<AccessKind, Boolean> found = new HashMap<>();
        for (AccessEncoding e : encodings) {
            if (e.appliesTo(arch, build)) {
                AccessKind k = e.values().get(raw.getAsLong());
                if (k != null) {
                    found.put(k, Boolean.TRUE);
                }
            }
        }
        return found.size() == 1 ? Optional.of(found.keySet().iterator().next()) : Optional.empty();
    }

    /** The referenced address, when the layout names it and its condition holds. */
    public OptionalLong referencedAddress(List<Long> parameters) {
        return conditionHolds(parameters) ? parameter(parameters, referencedAddress) : OptionalLong.empty();
    }

    /** The faulting instruction's address, when the layout names it. */
    public OptionalLong instructionAddress(List<Long> parameters) {
        return parameter(parameters, instructionAddress);
    }

    private boolean conditionHolds(List<Long> parameters) {
        if (onlyWhenExceptionCode.isEmpty()) {
            return true;
        }
        OptionalLong code = parameter(parameters, exceptionCode);
        // Exception codes are 32-bit; 64-bit dumps often sign-extend them (0xFFFFFFFFC0000005).
        return code.isPresent() && (code.getAsLong() & 0xFFFF_FFFFL) == onlyWhenExceptionCode.getAsLong();
    }

    private static OptionalLong parameter(List<Long> parameters, OptionalInt which) {
        if (which.isEmpty() || parameters == null) {
            return OptionalLong.empty();
        }
        int i = which.getAsInt() - 1;
        if (i < 0 || i >= parameters.size() || parameters.get(i) == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(parameters.get(i));
    }
}
