package org.faultline.symbols.pe;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/** IMAGE_FILE_HEADER (the COFF header, 20 bytes right after {@code PE\0\0}). Raw values. */
public record ImageFileHeader(int machine, int numberOfSections, long timeDateStamp, long pointerToSymbolTable,
                              long numberOfSymbols, int sizeOfOptionalHeader, int characteristics) {
    public static final int SIZE = 20;

    public static final int MACHINE_I386 = 0x014C;
    public static final int MACHINE_AMD64 = 0x8664;
    public static final int MACHINE_ARM64 = 0xAA64;
    public static final int MACHINE_ARMNT = 0x01C4;
    /** Characteristics bit: the image is a DLL. */
    public static final int CHARACTERISTIC_DLL = 0x2000;

    public static ImageFileHeader read(Cursor c) throws DumpFormatException {
        return new ImageFileHeader(c.u16(), c.u16(), c.u32(), c.u32(), c.u32(), c.u16(), c.u16());
    }

    /** A short machine name: {@code x86}, {@code amd64}, {@code arm64}, {@code arm}, or the hex value. */
    public String machineName() {
        return switch (machine) {
            case MACHINE_I386 -> "x86";
            case MACHINE_AMD64 -> "amd64";
            case MACHINE_ARM64 -> "arm64";
            case MACHINE_ARMNT -> "arm";
            default -> String.format("0x%04X", machine);
        };
    }

    public boolean isDll() {
        return (characteristics & CHARACTERISTIC_DLL) != 0;
    }
}
