package org.faultline.samples.kernel;

import java.util.Arrays;

/** A {@link KernelPatcher} over an in-memory file. */
final class ArrayPatcher implements KernelPatcher {
    private byte[] bytes;
    private final KernelLayout layout;

    ArrayPatcher(byte[] bytes, KernelLayout layout) {
        this.bytes = bytes;
        this.layout = layout;
    }

    @Override
    public KernelLayout layout() {
        return layout;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public int getU8(long offset) {
        KernelPatcher.checkInside(offset, 1, bytes.length);
        return bytes[(int) offset] & 0xFF;
    }

    @Override
    public KernelPatcher putBytes(long offset, byte[] data) {
        KernelPatcher.checkInside(offset, data.length, bytes.length);
        System.arraycopy(data, 0, bytes, (int) offset, data.length);
        return this;
    }

    @Override
    public KernelPatcher truncate(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (length < bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) length);
        }
        return this;
    }

    @Override
    public KernelPatcher append(byte[] data) {
        int old = bytes.length;
        bytes = Arrays.copyOf(bytes, Math.addExact(old, data.length));
        System.arraycopy(data, 0, bytes, old, data.length);
        return this;
    }

    byte[] bytes() {
        return bytes;
    }
}
