package org.faultline.symbols;

import java.nio.charset.Charset;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * NUL-terminated strings inside hostile bytes, read without copying more than the string itself. Shared by the
 * PE and PDB readers.
 */
public final class ByteStrings {
    private ByteStrings() {
    }

    /**
     * The NUL-terminated string at the cursor's position, reading at most {@code maxBytes} bytes and never past
     * the cursor's region; the cursor moves past the NUL (or to where the scan stopped).
     *
     * @throws DumpFormatException.InvalidValue when no NUL lies within reach and {@code requireNul} is set
     */
    public static String cString(Cursor c, long maxBytes, Charset charset, boolean requireNul)
            throws DumpFormatException {
        long start = c.absolutePosition();
        ByteSource src = c.source();
        long limit = Math.min(Math.min(c.remaining(), maxBytes), Math.max(0, src.size() - start));
        long n = 0;
        while (n < limit && src.byteAt(start + n) != 0) {
            n++;
        }
        boolean terminated = n < limit;
        if (!terminated && requireNul) {
            throw new DumpFormatException.InvalidValue(c.structure(), start,
                    "string has no NUL terminator within " + limit + " bytes");
        }
        byte[] raw = c.bytes((int) n);
        if (terminated) {
            c.skip(1);
        }
        return new String(raw, charset);
    }
}
