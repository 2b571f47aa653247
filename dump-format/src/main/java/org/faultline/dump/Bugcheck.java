package org.faultline.dump;

import java.util.List;

/**
 * A Windows bug check: the stop code and its four parameters.
 *
 * @param code       the bug check code, e.g. 0x50
 * @param parameters the four parameters
 */
public record Bugcheck(long code, List<Long> parameters) {

    public Bugcheck {
        parameters = List.copyOf(parameters);
    }
}
