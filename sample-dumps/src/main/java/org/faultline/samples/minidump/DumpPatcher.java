package org.faultline.samples.minidump;

import java.util.Arrays;
import org.faultline.samples.io.LeWriter;

/** The finished file handed to each {@link Damage} in turn, with the {@link Layout} to aim at. */
public final class DumpPatcher {
    private byte[] bytes;
    private final Layout layout;

    DumpPatcher(byte[] bytes, Layout layout) {
        this.bytes = bytes;
        this.layout = layout;
    }

    /** The layout of the undamaged file. */
    public Layout layout() {
        return layout;
    }

    /** Current file size. */
    public long size() {
        return bytes.length;
    }

    /** Writes {@code value} little-endian in {@code width} bytes (1, 2, 4 or 8) at {@code offset}. */
    public DumpPatcher putLe(long offset, long value, int width) {
        LeWriter.putLe(bytes, inside(offset, width), value, width);
        return this;
    }

    /** Overwrites bytes at {@code offset}. */
    public DumpPatcher putBytes(long offset, byte[] data) {
        System.arraycopy(data, 0, bytes, inside(offset, data.length), data.length);
        return this;
    }

    /** Flips bit {@code bit} (0..7) of the byte at {@code offset}. */
    public DumpPatcher flipBit(long offset, int bit) {
        if (bit < 0 || bit > 7) {
            throw new IllegalArgumentException("bit 0..7: " + bit);
        }
        bytes[inside(offset, 1)] ^= (byte) (1 << bit);
        return this;
    }

    /** Cuts the file to {@code length} bytes (no-op if already shorter). */
    public DumpPatcher truncate(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (length < bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) length);
        }
        return this;
    }

    /** Appends bytes at the end of the file. */
    public DumpPatcher append(byte[] data) {
        int old = bytes.length;
        bytes = Arrays.copyOf(bytes, Math.addExact(old, data.length));
        System.arraycopy(data, 0, bytes, old, data.length);
        return this;
    }

    byte[] bytes() {
        return bytes;
    }

    private int inside(long offset, int width) {
        if (offset < 0 || offset > bytes.length - (long) width) {
            throw new IllegalArgumentException("patch of " + width + " bytes at 0x" + Long.toHexString(offset)
                    + " outside a file of " + bytes.length + " bytes");
        }
        return (int) offset;
    }
}
