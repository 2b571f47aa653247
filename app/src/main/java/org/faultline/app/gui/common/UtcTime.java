package org.faultline.app.gui.common;

/** A crash time shown as {@code 2024-07-19 04:41:17 UTC} and sorted by time. */
public record UtcTime(long epochSeconds) implements Comparable<UtcTime> {
    @Override
    public int compareTo(UtcTime o) {
        return Long.compare(epochSeconds, o.epochSeconds);
    }

    @Override
    public String toString() {
        return Fmt.time(epochSeconds);
    }
}
