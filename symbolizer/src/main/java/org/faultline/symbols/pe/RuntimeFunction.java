package org.faultline.symbols.pe;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * x64 RUNTIME_FUNCTION (12 bytes, an entry of {@code .pdata}). All three values are RVAs; the end is exclusive.
 * When bit 0 of {@code unwindInfoAddress} is set, the value (with the bit cleared) is the RVA of another
 * RUNTIME_FUNCTION whose unwind information this entry shares (seen in Windows 7 binaries).
 */
public record RuntimeFunction(long beginAddress, long endAddress, long unwindInfoAddress) {
    public static final int SIZE = 12;

    public static RuntimeFunction read(Cursor c) throws DumpFormatException {
        return new RuntimeFunction(c.u32(), c.u32(), c.u32());
    }

    public boolean contains(long rva) {
        return rva >= beginAddress && rva < endAddress;
    }

    /** Whether {@code unwindInfoAddress} points at another RUNTIME_FUNCTION rather than at UNWIND_INFO. */
    public boolean isIndirect() {
        return (unwindInfoAddress & 1) != 0;
    }
}
