package org.faultline.dump.kernel;

/** TRIAGE_DATA_BLOCK: {@code size} bytes of kernel memory at {@code address}, stored at file {@code offset}. */
public record DataBlock(long address, long offset, long size) {
    public static final int SIZE = 16;
}
