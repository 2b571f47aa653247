package org.faultline.samples.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Test-side little-endian reader, deliberately independent of the writer's LeWriter. */
final class Le {
    private final byte[] bytes;
    private final ByteBuffer buf;

    Le(byte[] bytes) {
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
        return new String(bytes(off, n), StandardCharsets.US_ASCII);
    }

    /** Reads a MINIDUMP_STRING, checking even length and the trailing NUL. */
    String mdString(long rva) {
        int length = (int) u32(rva);
        assertThat(length % 2).as("MINIDUMP_STRING length even").isZero();
        assertThat(u16(rva + 4 + length)).as("MINIDUMP_STRING NUL").isZero();
        return new String(bytes(rva + 4, length), StandardCharsets.UTF_16LE);
    }

    /** Reads a fixed WCHAR array up to the first NUL. */
    String wchars(long off, int chars) {
        String s = new String(bytes(off, 2 * chars), StandardCharsets.UTF_16LE);
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    /** Reads a NUL-terminated UTF-8 string. */
    String cString(long off) {
        int end = (int) off;
        while (bytes[end] != 0) {
            end++;
        }
        return new String(bytes, (int) off, end - (int) off, StandardCharsets.UTF_8);
    }
}
