package org.faultline.app.gui.common;

import java.util.Objects;

/**
 * What a teaching step points at in the window: a place (which tab, which kind of element), the element's key
 * there (a parameter name, a register, an instruction address, a module name, a frame index) and the value the
 * element shows, which the step's text quotes.
 *
 * @param place where
 * @param key   which element of that place ({@code P1}, {@code r8}, {@code fffff806715114e4}, {@code csagent.sys}),
 *              or empty for a place with one element
 * @param shows the text the highlighted element displays
 */
public record Highlight(Place place, String key, String shows) {
    /** The elements a step can point at, with the detail tab each lives in (null: always visible). */
    public enum Place {
        /** The verdict headline above the tabs. */
        VERDICT(null),
        /** The line under the verdict: file, format, OS, crash time. */
        DUMP_FACTS(null),
        /** A row of the Bugcheck tab's parameter table; key {@code P1}…{@code P4}. */
        PARAMETER("Bugcheck"),
        /** The Bugcheck tab's access line: kind, address, address class. */
        ACCESS("Bugcheck"),
        /** The Faulting frame tab's location: module+offset and address. */
        FAULT_LOCATION("Faulting frame"),
        /** A row of the Faulting frame tab's register table; key the register name. */
        REGISTER("Faulting frame"),
        /** A line of the Faulting frame tab's disassembly; key the instruction address as printed. */
        INSTRUCTION("Faulting frame"),
        /** A row of the Stack tab; key the frame index. */
        STACK_FRAME("Stack"),
        /** A row of the Modules tab; key the module name. */
        MODULE("Modules"),
        /** The known issue and its remediation beside the tabs. */
        KNOWN_ISSUE(null);

        private final String tab;

        Place(String tab) {
            this.tab = tab;
        }

        /** The title of the detail tab the element is in, or null when it is outside the tabs. */
        public String tab() {
            return tab;
        }
    }

    public Highlight {
        Objects.requireNonNull(place, "place");
        key = key == null ? "" : key;
        shows = shows == null ? "" : shows;
    }
}
