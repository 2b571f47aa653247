package org.faultline.app.gui.common;

/** A number shown in hex and sorted as unsigned (table cells, filter menus). */
public record HexValue(long value) implements Comparable<HexValue> {
    @Override
    public int compareTo(HexValue o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return Fmt.hex(value);
    }
}
