package org.faultline.symbols.pe;

import java.nio.charset.StandardCharsets;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * IMAGE_SECTION_HEADER (40 bytes), as found both in a PE image and in a PDB's section-header streams.
 * {@code name} is at most 8 bytes: a name that fills all 8 has no NUL, so nothing beyond is read.
 */
public record ImageSectionHeader(String name, long virtualSize, long virtualAddress, long sizeOfRawData,
                                 long pointerToRawData, long pointerToRelocations, long pointerToLinenumbers,
                                 int numberOfRelocations, int numberOfLinenumbers, long characteristics) {
    public static final int SIZE = 40;

    public static final long SCN_CNT_CODE = 0x20;
    public static final long SCN_MEM_EXECUTE = 0x2000_0000L;
    public static final long SCN_MEM_READ = 0x4000_0000L;
    public static final long SCN_MEM_WRITE = 0x8000_0000L;

    public static ImageSectionHeader read(Cursor c) throws DumpFormatException {
        byte[] raw = c.bytes(8);
        int len = 0;
        while (len < 8 && raw[len] != 0) {
            len++;
        }
        String name = new String(raw, 0, len, StandardCharsets.UTF_8);
        return new ImageSectionHeader(name, c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u16(), c.u16(),
                c.u32());
    }

    /** The in-memory extent: {@code max(VirtualSize, SizeOfRawData)}, or VirtualSize when that is set alone. */
    public long virtualExtent() {
        return Math.max(virtualSize, sizeOfRawData);
    }

    /** Whether {@code rva} lies in {@code [VirtualAddress, VirtualAddress + virtualExtent())}. */
    public boolean containsRva(long rva) {
        return rva >= virtualAddress && rva - virtualAddress < virtualExtent();
    }

    public boolean isExecutable() {
        return (characteristics & (SCN_CNT_CODE | SCN_MEM_EXECUTE)) != 0;
    }
}
