package org.faultline.dump;

/**
 * A range of the crashed system's virtual memory that the dump holds bytes for.
 *
 * @param start      first virtual address
 * @param size       bytes available in the file for this range (after clamping to the file)
 * @param fileOffset where those bytes start in the file
 * @param declared   size the dump declares (larger than {@code size} when the file was cut short)
 */
public record MemoryRange(long start, long size, long fileOffset, long declared) {

    /** Whether the whole range {@code [address, address + length)} lies inside this range. */
    public boolean contains(long address, long length) {
        long off = address - start;
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(off, size) < 0
                && Long.compareUnsigned(length, size - off) <= 0;
    }

    /** The end address, exclusive. */
    public long end() {
        return start + size;
    }
}
