package org.faultline.samples.kernel;

/**
 * The finished file handed to each {@link KernelDamage} in turn, in memory or on disk, with the
 * {@link KernelLayout} of the undamaged file to aim at. Patches outside the current file fail with
 * {@link IllegalArgumentException}.
 */
public interface KernelPatcher {
    /** The layout of the undamaged file. */
    KernelLayout layout();

    /** Current file size. */
    long size();

    /** Reads one byte. */
    int getU8(long offset);

    /** Overwrites bytes at {@code offset}. */
    KernelPatcher putBytes(long offset, byte[] data);

    /** Cuts the file to {@code length} bytes (no-op if already shorter). */
    KernelPatcher truncate(long length);

    /** Appends bytes at the end of the file. */
    KernelPatcher append(byte[] data);

    /** Writes {@code value} little-endian in {@code width} bytes (1, 2, 4 or 8) at {@code offset}. */
    default KernelPatcher putLe(long offset, long value, int width) {
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException("width 1, 2, 4 or 8: " + width);
        }
        byte[] b = new byte[width];
        for (int i = 0; i < width; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return putBytes(offset, b);
    }

    /** Flips bit {@code bit} (0..7) of the byte at {@code offset}. */
    default KernelPatcher flipBit(long offset, int bit) {
        if (bit < 0 || bit > 7) {
            throw new IllegalArgumentException("bit 0..7: " + bit);
        }
        return putBytes(offset, new byte[] {(byte) (getU8(offset) ^ (1 << bit))});
    }

    /** Fails unless {@code [offset, offset + width)} lies inside a file of {@code size} bytes. */
    static void checkInside(long offset, long width, long size) {
        if (offset < 0 || width < 0 || offset > size - width) {
            throw new IllegalArgumentException("patch of " + width + " bytes at 0x" + Long.toHexString(offset)
                    + " outside a file of " + size + " bytes");
        }
    }
}
