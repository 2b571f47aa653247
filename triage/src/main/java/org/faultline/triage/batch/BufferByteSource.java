package org.faultline.triage.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.faultline.dump.io.ByteSource;

/**
 * The first {@code length} bytes of an array (an archive entry read into a buffer that may be larger), with
 * whole-word little-endian reads (the readers call them millions of times per fleet).
 */
final class BufferByteSource implements ByteSource {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

    @Override
    public int u16At(long offset) {
        return (short) U16.get(bytes, Math.toIntExact(offset)) & 0xFFFF;
    }

    @Override
    public long u32At(long offset) {
        return (int) U32.get(bytes, Math.toIntExact(offset)) & 0xFFFF_FFFFL;
    }

    @Override
    public long u64At(long offset) {
        return (long) U64.get(bytes, Math.toIntExact(offset));
    }
}
