package org.faultline.symbols.pdb;

import java.util.List;

/**
 * The DBI optional debug header: an array of i16 stream indexes, -1 when absent. Slots: 0 FPO, 1 exception,
 * 2 fixup, 3 OMAP to source, 4 OMAP from source, 5 section headers, 6 token/RID map, 7 xdata, 8 pdata, 9 new
 * FPO, 10 original section headers.
 *
 * @param streams the indexes as stored (-1 or 0xFFFF both read as -1)
 */
public record DbiDebugHeader(List<Integer> streams) {
    public static final int FPO = 0;
    public static final int EXCEPTION = 1;
    public static final int FIXUP = 2;
    public static final int OMAP_TO_SRC = 3;
    public static final int OMAP_FROM_SRC = 4;
    public static final int SECTION_HEADERS = 5;
    public static final int TOKEN_RID_MAP = 6;
    public static final int XDATA = 7;
    public static final int PDATA = 8;
    public static final int NEW_FPO = 9;
    public static final int ORIGINAL_SECTION_HEADERS = 10;

    public DbiDebugHeader {
        streams = List.copyOf(streams);
    }

    /** The stream in {@code slot}, or -1. */
    public int stream(int slot) {
        return slot >= 0 && slot < streams.size() ? streams.get(slot) : -1;
    }
}
