package org.faultline.symbols.pe;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * ARM64 {@code .pdata} entry (8 bytes): the function start RVA and one word that is either the RVA of an
 * {@code .xdata} record (Flag 0) or packed unwind data (Flag 1, or 2 for a fragment without prolog).
 */
public record Arm64RuntimeFunction(long beginAddress, long unwindData) {
    public static final int SIZE = 8;

    public static Arm64RuntimeFunction read(Cursor c) throws DumpFormatException {
        return new Arm64RuntimeFunction(c.u32(), c.u32());
    }

    /** The low two bits: 0 .xdata, 1 packed, 2 packed fragment, 3 reserved. */
    public int flag() {
        return (int) (unwindData & 3);
    }

    public boolean isPacked() {
        return flag() == 1 || flag() == 2;
    }

    /** The .xdata RVA (meaningful for Flag 0). */
    public long xdataRva() {
        return unwindData & ~3L;
    }

    /** The packed fields (meaningful for Flag 1 and 2). */
    public Arm64PackedUnwind packed() {
        return Arm64PackedUnwind.decode(unwindData);
    }
}
