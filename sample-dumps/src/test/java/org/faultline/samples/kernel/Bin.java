package org.faultline.samples.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Test-side little-endian reader, independent of the writer's LeWriter and of the dump-format parser. */
final class Bin {
    private final byte[] bytes;
    private final ByteBuffer buf;

    Bin(byte[] bytes) {
        this.bytes = bytes;
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    int size() {
        return bytes.length;
    }

    int u8(long off) {
        return bytes[(int) off] & 0xFF;
    }

    int u16(long off) {
        return buf.getShort((int) off) & 0xFFFF;
    }

    long u32(long off) {
        return buf.getInt((int) off) & 0xFFFF_FFFFL;
    }

    long u64(long off) {
        return buf.getLong((int) off);
    }

    byte[] bytes(long off, int n) {
        return Arrays.copyOfRange(bytes, (int) off, (int) off + n);
    }

    String ascii(long off, int n) {
        return new String(bytes(off, n), StandardCharsets.ISO_8859_1);
    }

    String utf16(long off, int chars) {
        return new String(bytes(off, 2 * chars), StandardCharsets.UTF_16LE);
    }
}
