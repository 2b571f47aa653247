package org.faultline.samples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Test-side little-endian reader for the writers' output, deliberately independent of the writers' LeWriter and
 * of the dump-format parser; the minidump and kernel writer tests share it.
 */
public final class Le {
    private final byte[] bytes;
    private final ByteBuffer buf;

    public Le(byte[] bytes) {
        this.bytes = bytes;
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public int size() {
        return bytes.length;
    }

    public int u8(long off) {
        return bytes[(int) off] & 0xFF;
    }

    public int u16(long off) {
        return buf.getShort((int) off) & 0xFFFF;
    }

    public long u32(long off) {
        return buf.getInt((int) off) & 0xFFFF_FFFFL;
    }

    public long u64(long off) {
        return buf.getLong((int) off);
    }

    public byte[] bytes(long off, int n) {
        return Arrays.copyOfRange(bytes, (int) off, (int) off + n);
    }

    /** {@code n} bytes as text, one character per byte (ISO-8859-1). */
    public String ascii(long off, int n) {
        return new String(bytes(off, n), StandardCharsets.ISO_8859_1);
    }

    /** A fixed WCHAR array of {@code chars} characters, NULs included. */
    public String utf16(long off, int chars) {
        return new String(bytes(off, 2 * chars), StandardCharsets.UTF_16LE);
    }

    /** Reads a MINIDUMP_STRING, checking even length and the trailing NUL. */
    public String mdString(long rva) {
        int length = (int) u32(rva);
        assertThat(length % 2).as("MINIDUMP_STRING length even").isZero();
        assertThat(u16(rva + 4 + length)).as("MINIDUMP_STRING NUL").isZero();
        return new String(bytes(rva + 4, length), StandardCharsets.UTF_16LE);
    }

    /** Reads a fixed WCHAR array up to the first NUL. */
    public String wchars(long off, int chars) {
        String s = new String(bytes(off, 2 * chars), StandardCharsets.UTF_16LE);
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    /** Reads a NUL-terminated UTF-8 string. */
    public String cString(long off) {
        int end = (int) off;
        while (bytes[end] != 0) {
            end++;
        }
        return new String(bytes, (int) off, end - (int) off, StandardCharsets.UTF_8);
    }
}
