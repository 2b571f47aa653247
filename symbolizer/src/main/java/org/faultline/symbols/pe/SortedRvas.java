package org.faultline.symbols.pe;

/** Lookups in an ascending array of RVAs held as unsigned 32-bit values (exception table begin addresses). */
final class SortedRvas {
    private SortedRvas() {
    }

    /** The index of the last element not above {@code rva}, or -1 when every element is above it. */
    static int floor(int[] ascending, long rva) {
        int lo = 0;
        int hi = ascending.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if ((ascending[mid] & 0xFFFF_FFFFL) <= rva) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
