package org.faultline.symbols.breakpad;

import java.util.List;

/**
 * {@code INLINE <depth> <call_line> <call_file> <origin> (<address> <size>)+}: an inlined call inside the
 * preceding FUNC.
 */
public record InlineRecord(long depth, long callLine, long callFile, long origin, List<Range> ranges) {

    /** One address range of an inlined call. */
    public record Range(long address, long size) {
    }

    public InlineRecord {
        ranges = List.copyOf(ranges);
    }
}
