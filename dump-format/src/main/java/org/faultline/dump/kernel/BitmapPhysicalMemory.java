package org.faultline.dump.kernel;

import org.faultline.dump.io.ByteSource;

/**
 * Physical memory of a bitmap dump: bit {@code pfn} of the bitmap (LSB first) says whether the page is
 * stored; stored pages follow in increasing PFN order. A rank index (set bits before every 512-bit block)
 * makes a lookup O(1): one index entry plus at most eight word popcounts, read from the mapped file.
 */
public final class BitmapPhysicalMemory implements PhysicalMemory {
    /** Bits per rank block. */
    private static final int BLOCK_BITS = 512;

    private final ByteSource source;
    private final long bitmapOffset;
    private final long bits;
    private final long firstPage;
    private final long[] rank;
    private final long counted;
    private final long declaredPresent;

    /**
     * @param bitmapOffset    file offset of the bitmap (must hold {@code ceil(bits / 8)} bytes; checked by caller)
     * @param bits            number of bits (physical pages covered)
     * @param firstPage       file offset of the first stored page
     * @param declaredPresent the header's count of stored pages
     */
    public BitmapPhysicalMemory(ByteSource source, long bitmapOffset, long bits, long firstPage, long declaredPresent) {
        this.source = source;
        this.bitmapOffset = bitmapOffset;
        this.bits = bits;
        this.firstPage = firstPage;
        this.declaredPresent = declaredPresent;
        int blocks = (int) ((bits + BLOCK_BITS - 1) / BLOCK_BITS);
        this.rank = new long[blocks + 1];
        long total = 0;
        for (int b = 0; b < blocks; b++) {
            rank[b] = total;
            for (int w = 0; w < BLOCK_BITS / 64; w++) {
                total += Long.bitCount(word((long) b * (BLOCK_BITS / 64) + w));
            }
        }
        rank[blocks] = total;
        this.counted = total;
    }

    /** The 64-bit bitmap word {@code index}, with bits past the end masked off. */
    private long word(long index) {
        long firstBit = index * 64;
        if (firstBit >= bits) {
            return 0;
        }
        long at = bitmapOffset + index * 8;
        long bytesLeft = (bits - firstBit + 7) / 8;
        long v;
        if (bytesLeft >= 8) {
            v = source.u64At(at);
        } else {
            v = 0;
            for (int i = 0; i < bytesLeft; i++) {
                v |= (long) source.byteAt(at + i) << (8 * i);
            }
        }
        long valid = bits - firstBit;
        return valid >= 64 ? v : v & ((1L << valid) - 1);
    }

    @Override
    public long fileOffset(long pfn) {
        if (pfn < 0 || pfn >= bits) {
            return -1;
        }
        long wordIndex = pfn >>> 6;
        long w = word(wordIndex);
        long bit = 1L << (pfn & 63);
        if ((w & bit) == 0) {
            return -1;
        }
        int block = (int) (pfn / BLOCK_BITS);
        long before = rank[block];
        for (long i = (long) block * (BLOCK_BITS / 64); i < wordIndex; i++) {
            before += Long.bitCount(word(i));
        }
        before += Long.bitCount(w & (bit - 1));
        return firstPage + before * PAGE;
    }

    /** Set bits counted in the bitmap (compare with the header's {@link #declaredPresent()}). */
    public long countedPresent() {
        return counted;
    }

    public long declaredPresent() {
        return declaredPresent;
    }

    @Override
    public long presentPages() {
        return counted;
    }

    @Override
    public long coveredPages() {
        return bits;
    }

    @Override
    public long endOfPages() {
        return firstPage + counted * PAGE;
    }

    @Override
    public String summary() {
        return "bitmap of " + bits + " pages, " + counted + " present, first page at file offset 0x"
                + Long.toHexString(firstPage);
    }
}
