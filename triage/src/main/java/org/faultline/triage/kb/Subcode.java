package org.faultline.triage.kb;

import java.util.List;

/**
 * A documented value of one bug check parameter (usually parameter 1, the subtype) and what it means.
 *
 * @param parameter       1-based number of the parameter that holds {@code value}
 * @param value           the value
 * @param meaning         short description, condensed from the documentation
 * @param otherParameters roles of the following parameters for this value (parameter 2, 3, ...), when documented
 */
public record Subcode(int parameter, long value, String meaning, List<String> otherParameters) {
    public Subcode {
        otherParameters = List.copyOf(otherParameters);
    }
}
