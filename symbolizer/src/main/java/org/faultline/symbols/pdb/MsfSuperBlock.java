package org.faultline.symbols.pdb;

import java.util.Arrays;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/** The MSF 7.0 superblock at file offset 0 (56 bytes). Raw values. */
public record MsfSuperBlock(long blockSize, long freeBlockMapBlock, long numBlocks, long numDirectoryBytes,
                            long unknown, long blockMapAddr) {
    public static final int SIZE = 56;
    /** {@code "Microsoft C/C++ MSF 7.00\r\n" 1A 44 53 00 00 00}. */
    private static final byte[] MAGIC = {'M', 'i', 'c', 'r', 'o', 's', 'o', 'f', 't', ' ', 'C', '/', 'C', '+', '+',
        ' ', 'M', 'S', 'F', ' ', '7', '.', '0', '0', '\r', '\n', 0x1A, 'D', 'S', 0, 0, 0};
    /** The older "program database 2.00" (JG) format starts like this. */
    private static final byte[] OLD_MAGIC = "Microsoft C/C++ program database 2.00".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * @throws DumpFormatException.BadSignature       when the file is not an MSF file
     * @throws DumpFormatException.UnsupportedFormat   for the old PDB 2.00 format
     */
    public static MsfSuperBlock read(Cursor c) throws DumpFormatException {
        byte[] magic = c.bytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            if (Arrays.equals(Arrays.copyOf(magic, 32), Arrays.copyOf(OLD_MAGIC, 32))) {
                throw new DumpFormatException.UnsupportedFormat("MSF superblock", 0,
                        "a PDB 2.00 (JG) file; only MSF 7.00 PDBs are read");
            }
            throw new DumpFormatException.BadSignature("MSF superblock", 0,
                    "not a \"Microsoft C/C++ MSF 7.00\" file");
        }
        return new MsfSuperBlock(c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u32());
    }
}
