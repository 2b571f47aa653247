package org.faultline.dump.io;

import java.util.Objects;

/** Bytes held in an array: for tests, for archive entries read into memory, and for small dumps. */
public final class ArrayByteSource implements ByteSource {
    private final byte[] bytes;
    private final String name;

    public ArrayByteSource(byte[] bytes, String name) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.name = Objects.requireNonNull(name, "name");
    }

    public ArrayByteSource(byte[] bytes) {
        this(bytes, "<memory>");
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void copy(long offset, byte[] dst, int dstOffset, int length) {
        System.arraycopy(bytes, Math.toIntExact(offset), dst, dstOffset, length);
    }

    @Override
    public int byteAt(long offset) {
        return bytes[Math.toIntExact(offset)] & 0xFF;
    }
}
