package org.faultline.symbols.pe;

import java.util.ArrayList;
import java.util.List;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * IMAGE_OPTIONAL_HEADER32 or IMAGE_OPTIONAL_HEADER64, as one record (PE32 fields widened). Raw values;
 * {@code dataDirectories} holds only the entries that are both counted by {@code numberOfRvaAndSizes} and fit in
 * {@code SizeOfOptionalHeader} (at most 16).
 */
public record ImageOptionalHeader(int magic, int majorLinkerVersion, int minorLinkerVersion, long sizeOfCode,
                                  long sizeOfInitializedData, long sizeOfUninitializedData,
                                  long addressOfEntryPoint, long baseOfCode, long imageBase,
                                  long sectionAlignment, long fileAlignment, int majorOperatingSystemVersion,
                                  int minorOperatingSystemVersion, int majorImageVersion, int minorImageVersion,
                                  int majorSubsystemVersion, int minorSubsystemVersion, long win32VersionValue,
                                  long sizeOfImage, long sizeOfHeaders, long checkSum, int subsystem,
                                  int dllCharacteristics, long sizeOfStackReserve, long sizeOfStackCommit,
                                  long sizeOfHeapReserve, long sizeOfHeapCommit, long loaderFlags,
                                  long numberOfRvaAndSizes, List<ImageDataDirectory> dataDirectories) {
    public static final int MAGIC_PE32 = 0x10B;
    public static final int MAGIC_PE32_PLUS = 0x20B;
    /** Bytes before the data directories in a PE32 optional header. */
    public static final int SIZE_PE32 = 96;
    /** Bytes before the data directories in a PE32+ optional header. */
    public static final int SIZE_PE32_PLUS = 112;
    /** The most data directories the format defines. */
    public static final int MAX_DIRECTORIES = 16;

    public ImageOptionalHeader {
        dataDirectories = List.copyOf(dataDirectories);
    }

    /**
     * Reads the header from a cursor spanning exactly {@code SizeOfOptionalHeader} bytes.
     *
     * @throws DumpFormatException.UnsupportedFormat for a magic other than PE32/PE32+ (ROM images, garbage)
     */
    public static ImageOptionalHeader read(Cursor c) throws DumpFormatException {
        long at = c.absolutePosition();
        int magic = c.u16();
        boolean plus;
        if (magic == MAGIC_PE32) {
            plus = false;
        } else if (magic == MAGIC_PE32_PLUS) {
            plus = true;
        } else {
            throw new DumpFormatException.UnsupportedFormat(c.structure(), at,
                    String.format("optional header magic 0x%X is neither PE32 (0x10B) nor PE32+ (0x20B)", magic));
        }
        int fixed = plus ? SIZE_PE32_PLUS : SIZE_PE32;
        if (c.length() < fixed) {
            throw new DumpFormatException.InvalidValue(c.structure(), at,
                    "SizeOfOptionalHeader " + c.length() + " is smaller than the " + fixed + " fixed bytes");
        }
        int majorLinker = c.u8();
        int minorLinker = c.u8();
        long sizeOfCode = c.u32();
        long sizeOfInit = c.u32();
        long sizeOfUninit = c.u32();
        long entry = c.u32();
        long baseOfCode = c.u32();
        long imageBase;
        if (plus) {
            imageBase = c.u64();
        } else {
            c.u32(); // BaseOfData
            imageBase = c.u32();
        }
        long sectionAlignment = c.u32();
        long fileAlignment = c.u32();
        int majorOs = c.u16();
        int minorOs = c.u16();
        int majorImage = c.u16();
        int minorImage = c.u16();
        int majorSub = c.u16();
        int minorSub = c.u16();
        long win32Version = c.u32();
        long sizeOfImage = c.u32();
        long sizeOfHeaders = c.u32();
        long checkSum = c.u32();
        int subsystem = c.u16();
        int dllCharacteristics = c.u16();
        long stackReserve = plus ? c.u64() : c.u32();
        long stackCommit = plus ? c.u64() : c.u32();
        long heapReserve = plus ? c.u64() : c.u32();
        long heapCommit = plus ? c.u64() : c.u32();
        long loaderFlags = c.u32();
        long numberOfRvaAndSizes = c.u32();
        long fit = c.remaining() / ImageDataDirectory.SIZE;
        int count = (int) Math.min(Math.min(numberOfRvaAndSizes, MAX_DIRECTORIES), fit);
        List<ImageDataDirectory> dirs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            dirs.add(ImageDataDirectory.read(c));
        }
        return new ImageOptionalHeader(magic, majorLinker, minorLinker, sizeOfCode, sizeOfInit, sizeOfUninit, entry,
                baseOfCode, imageBase, sectionAlignment, fileAlignment, majorOs, minorOs, majorImage, minorImage,
                majorSub, minorSub, win32Version, sizeOfImage, sizeOfHeaders, checkSum, subsystem,
                dllCharacteristics, stackReserve, stackCommit, heapReserve, heapCommit, loaderFlags,
                numberOfRvaAndSizes, dirs);
    }

    public boolean isPe32Plus() {
        return magic == MAGIC_PE32_PLUS;
    }

    /** The data directory at {@code index}, or an empty one when the header does not have it. */
    public ImageDataDirectory dataDirectory(int index) {
        return index >= 0 && index < dataDirectories.size() ? dataDirectories.get(index)
                : new ImageDataDirectory(0, 0);
    }
}
