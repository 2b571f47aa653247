package org.faultline.symbols.pdb;

import java.nio.charset.StandardCharsets;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.ByteStrings;

/**
 * One ModInfo record of the DBI module list (one per object file or import library). Raw values, selected.
 *
 * @param index             0-based position in the list (S_PROCREF's imod is this + 1)
 * @param section           the first section contribution's 1-based section
 * @param sectionOffset     … its offset
 * @param sectionSize       … its size
 * @param flags             ModInfo flags
 * @param symbolStream      the module's symbol stream, or 0xFFFF for none
 * @param symByteSize       bytes of CodeView symbols in that stream (including the 4-byte signature)
 * @param c11ByteSize       bytes of C11 line info after the symbols
 * @param c13ByteSize       bytes of C13 line info after that
 * @param sourceFileCount   number of contributing source files
 * @param moduleName        module name (object file path, or e.g. {@code * Linker *})
 * @param objFileName       the object or library file name
 */
public record DbiModule(int index, int section, long sectionOffset, long sectionSize, int flags, int symbolStream,
                        long symByteSize, long c11ByteSize, long c13ByteSize, int sourceFileCount,
                        String moduleName, String objFileName) {
    /** Bytes before the two names. */
    public static final int FIXED_SIZE = 64;
    private static final int MAX_NAME = 64 * 1024;

    static DbiModule read(Cursor c, int index) throws DumpFormatException {
        c.u32(); // Unused1
        int section = c.u16();
        c.u16();
        long offset = c.u32();
        long size = c.u32();
        c.skip(28 - 12); // characteristics, module index, padding, data CRC, reloc CRC
        int flags = c.u16();
        int stream = c.u16();
        long symBytes = c.u32();
        long c11 = c.u32();
        long c13 = c.u32();
        int files = c.u16();
        c.u16();
        c.u32(); // Unused2
        c.u32(); // SourceFileNameIndex
        c.u32(); // PdbFilePathNameIndex
        String module = ByteStrings.cString(c, MAX_NAME, StandardCharsets.UTF_8, true);
        String obj = ByteStrings.cString(c, MAX_NAME, StandardCharsets.UTF_8, true);
        long pad = (4 - (c.position() & 3)) & 3;
        c.skip(Math.min(pad, c.remaining()));
        return new DbiModule(index, section, offset, size, flags, stream, symBytes, c11, c13, files, module, obj);
    }

    public boolean hasSymbolStream() {
        return symbolStream != DbiHeader.NO_STREAM;
    }
}
