package org.faultline.samples.kernel;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;

/** A {@link KernelPatcher} over a file on disk, patched in place with positioned writes. */
final class FilePatcher implements KernelPatcher {
    private final RandomAccessFile file;
    private final KernelLayout layout;

    FilePatcher(RandomAccessFile file, KernelLayout layout) {
        this.file = file;
        this.layout = layout;
    }

    @Override
    public KernelLayout layout() {
        return layout;
    }

    @Override
    public long size() {
        try {
            return file.length();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getU8(long offset) {
        KernelPatcher.checkInside(offset, 1, size());
        try {
            file.seek(offset);
            return file.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public KernelPatcher putBytes(long offset, byte[] data) {
        KernelPatcher.checkInside(offset, data.length, size());
        try {
            file.seek(offset);
            file.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public KernelPatcher truncate(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        try {
            if (length < file.length()) {
                file.setLength(length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public KernelPatcher append(byte[] data) {
        try {
            file.seek(file.length());
            file.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
