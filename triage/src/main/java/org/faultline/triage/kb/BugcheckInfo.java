package org.faultline.triage.kb;

import java.util.List;
import java.util.Optional;

/**
 * What the knowledge base knows about one bug check code.
 *
 * @param code            the code as looked up (an _M variant keeps its own code)
 * @param name            symbolic name (with the {@code _M} suffix for _M variants)
 * @param meaning         one-line meaning, written for Faultline
 * @param parameters      documented parameter roles (those of the base code for _M variants)
 * @param access          which parameter holds what, for memory-access and exception codes
 * @param source          URL of the documentation page
 * @param parameterStatus how the page documents the parameters: {@code listed}, {@code by-subcode},
 *                        {@code none}, {@code undocumented} or {@code as-base}
 * @param subcodes        documented values of parameters (mostly parameter 1 subtypes)
 * @param liveDump        whether the page calls the code a live dump code
 * @param baseCode        for _M variants, the code whose meaning and parameters apply
 * @param notes           remarks on how the data was read from the page, if any
 */
public record BugcheckInfo(long code, String name, String meaning, List<ParameterInfo> parameters,
                           Optional<AccessLayout> access, String source, String parameterStatus,
                           List<Subcode> subcodes, boolean liveDump, Optional<Long> baseCode,
                           Optional<String> notes) {

    public BugcheckInfo {
        parameters = List.copyOf(parameters);
        subcodes = List.copyOf(subcodes);
    }

    /** The documented meaning of {@code value} in parameter {@code parameter}, if listed. */
    public Optional<Subcode> subcode(int parameter, long value) {
        return subcodes.stream().filter(s -> s.parameter() == parameter && s.value() == value).findFirst();
    }

    /** Code as {@code 0x0000007E}. */
    public String hexCode() {
        return KbData.hex(code);
    }
}
