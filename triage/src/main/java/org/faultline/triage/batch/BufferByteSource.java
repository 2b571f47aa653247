package org.faultline.triage.batch;

import org.faultline.dump.io.ByteSource;

/** The first {@code length} bytes of an array (an archive entry read into a buffer that may be larger). */
final class BufferByteSource implements ByteSource {
    private final byte[] bytes;
    private final int length;
    private final String name;

    BufferByteSource(byte[] bytes, int length, String name) {
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " outside the buffer of " + bytes.length);
        }
        this.bytes = bytes;
        this.length = length;
        this.name = name;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void copy(long offset, byte[] dst, int dstOffset, int n) {
        System.arraycopy(bytes, Math.toIntExact(offset), dst, dstOffset, n);
    }

    @Override
    public int byteAt(long offset) {
        return bytes[Math.toIntExact(offset)] & 0xFF;
    }
}
