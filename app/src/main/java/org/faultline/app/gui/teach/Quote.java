package org.faultline.app.gui.teach;

import java.util.Objects;

/**
 * A value a teaching step quotes, taken from the analysis of the open dump.
 *
 * @param name    what it is ({@code bug check parameter 1})
 * @param pointer where {@code faultline analyze --format json} holds it (a JSON pointer: {@code /bugcheck/parameters/0})
 * @param value   the value as that JSON holds it ({@code 0xffff840500000074}, {@code 2024-07-19T04:41:17Z}, {@code true})
 * @param shown   the value as the step's text writes it (usually the same)
 */
public record Quote(String name, String pointer, String value, String shown) {
    public Quote {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(value, "value");
        shown = shown == null ? value : shown;
    }

    public Quote(String name, String pointer, String value) {
        this(name, pointer, value, value);
    }
}
