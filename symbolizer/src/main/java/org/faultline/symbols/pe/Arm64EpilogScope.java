package org.faultline.symbols.pe;

/**
 * One ARM64 epilog scope word of an {@code .xdata} record.
 *
 * @param startOffset raw Epilog Start Offset: instructions (4 bytes each) from the function start
 * @param reserved    the 4 reserved bits (18–21)
 * @param startIndex  byte index into the unwind codes of the epilog's first code
 */
public record Arm64EpilogScope(long startOffset, int reserved, int startIndex) {

    public static Arm64EpilogScope decode(long word) {
        return new Arm64EpilogScope(word & 0x3FFFF, (int) ((word >>> 18) & 0xF), (int) ((word >>> 22) & 0x3FF));
    }

    public long startOffsetBytes() {
        return startOffset * 4;
    }
}
