package org.faultline.dump.kernel;

/**
 * The saved kernel stack of the crashing thread: VA {@code [limit, base)} (Windows names: the stack grows
 * down from its base to its limit), stored at {@code fileOffset}.
 */
public record StackRange(long limit, long base, long fileOffset) {
    public long size() {
        return base - limit;
    }

    public boolean contains(long address) {
        return Long.compareUnsigned(address, limit) >= 0 && Long.compareUnsigned(address, base) < 0;
    }
}
