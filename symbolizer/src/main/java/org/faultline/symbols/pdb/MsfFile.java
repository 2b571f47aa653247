package org.faultline.symbols.pdb;

import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * The MSF 7.0 container: superblock, block map and stream directory. Streams are opened on demand; the free
 * block maps are ignored. Every size and block number from the file is checked against the file before it is
 * used or allocated for.
 */
public final class MsfFile {
    /** A stream size meaning "deleted / nil stream". */
    public static final long NIL_STREAM = 0xFFFF_FFFFL;

    private final ByteSource file;
    private final MsfSuperBlock superBlock;
    private final int blockSize;
    private final long[] sizes;
    private final long[][] blockLists;
    /** Where each stream's block list starts in the directory stream (for messages). */
    private final long[] listOffsets;
    private final MsfStream directory;

    private MsfFile(ByteSource file, MsfSuperBlock superBlock, long[] sizes, long[][] blockLists, long[] listOffsets,
                    MsfStream directory) {
        this.file = file;
        this.superBlock = superBlock;
        this.blockSize = (int) superBlock.blockSize();
        this.sizes = sizes;
        this.blockLists = blockLists;
        this.listOffsets = listOffsets;
        this.directory = directory;
    }

    /** Reads the superblock and the stream directory. */
    public static MsfFile read(ByteSource file) throws DumpFormatException {
        if (file.size() < MsfSuperBlock.SIZE) {
            if (file.size() >= 4 && file.u32At(0) != 0x7263694D) { // "Micr"
                throw new DumpFormatException.BadSignature("MSF superblock", 0,
                        "not a \"Microsoft C/C++ MSF 7.00\" file");
            }
            throw new DumpFormatException.Truncated("MSF superblock", 0,
                    "need " + MsfSuperBlock.SIZE + " bytes, " + file.size() + " in the file");
        }
        MsfSuperBlock sb = MsfSuperBlock.read(file.cursor("MSF superblock", 0, MsfSuperBlock.SIZE));
        long bs = sb.blockSize();
        if (bs < 512 || bs > 32768 || Long.bitCount(bs) != 1) {
            throw new DumpFormatException.InvalidValue("MSF superblock", 0x20,
                    "BlockSize " + bs + " is not a power of two between 512 and 32768");
        }
        long fileBlocks = (file.size() + bs - 1) / bs;
        long dirBytes = sb.numDirectoryBytes();
        long dirBlocks = (dirBytes + bs - 1) / bs;
        if (dirBytes < 4 || dirBlocks * 4 > bs) {
            throw new DumpFormatException.InvalidValue("MSF superblock", 0x2C, "NumDirectoryBytes " + dirBytes
                    + " needs " + dirBlocks + " directory blocks; one block map block holds at most " + bs / 4);
        }
        long mapBlock = sb.blockMapAddr();
        long numBlocks = Math.min(sb.numBlocks(), fileBlocks);
        if (mapBlock == 0 || mapBlock >= numBlocks || mapBlock * bs + dirBlocks * 4 > file.size()) {
            throw new DumpFormatException.InvalidValue("MSF superblock", 0x34,
                    "BlockMapAddr " + mapBlock + " is not a block in the file (" + numBlocks + " blocks)");
        }
        Cursor map = file.cursor("MSF block map", mapBlock * bs, dirBlocks * 4);
        long[] dirList = new long[(int) dirBlocks];
        for (int i = 0; i < dirBlocks; i++) {
            long at = map.absolutePosition();
            dirList[i] = map.u32();
            checkBlock(file, dirList[i], numBlocks, bs, Math.min(bs, dirBytes - i * bs), at, "MSF block map");
        }
        MsfStream dir = new MsfStream(file, -1, "stream directory", dirBytes, (int) bs, dirList);
        try {
            Cursor c = dir.cursor("MSF stream directory", 0, dirBytes);
            long numStreams = c.u32();
            if (numStreams * 4 > c.remaining()) {
                throw new DumpFormatException.InvalidValue("MSF stream directory", 0,
                        "NumStreams " + numStreams + " needs " + numStreams * 4 + " bytes, " + c.remaining()
                                + " remain");
            }
            int n = (int) numStreams;
            long[] sizes = new long[n];
            for (int i = 0; i < n; i++) {
                sizes[i] = c.u32();
            }
            long[][] lists = new long[n][];
            long[] listOffsets = new long[n];
            for (int i = 0; i < n; i++) {
                long size = sizes[i] == NIL_STREAM ? 0 : sizes[i];
                long count = (size + bs - 1) / bs;
                if (count * 4 > c.remaining()) {
                    throw new DumpFormatException.InvalidValue("MSF stream directory", c.position(),
                            "stream " + i + " of " + size + " bytes needs " + count + " block numbers, "
                                    + c.remaining() / 4 + " remain in the directory");
                }
                listOffsets[i] = c.position();
                long[] blocks = new long[(int) count];
                for (int k = 0; k < count; k++) {
                    blocks[k] = c.u32();
                }
                lists[i] = blocks;
            }
            return new MsfFile(file, sb, sizes, lists, listOffsets, dir);
        } catch (DumpFormatException e) {
            throw dir.relocate(e);
        }
    }

    private static void checkBlock(ByteSource file, long block, long numBlocks, long bs, long used, long at,
                                   String structure) throws DumpFormatException {
        if (block >= numBlocks || block * bs + used > file.size()) {
            throw new DumpFormatException.InvalidValue(structure, at,
                    "block " + block + " is past the end of the file (" + numBlocks + " blocks)");
        }
    }

    public MsfSuperBlock superBlock() {
        return superBlock;
    }

    public ByteSource file() {
        return file;
    }

    public int blockSize() {
        return blockSize;
    }

    public int streamCount() {
        return sizes.length;
    }

    /** The stream's size in bytes, or {@link #NIL_STREAM}; -1 when there is no such stream. */
    public long streamSize(int index) {
        return index >= 0 && index < sizes.length ? sizes[index] : -1;
    }

    /** Whether the stream exists and is not nil. */
    public boolean hasStream(int index) {
        return index >= 0 && index < sizes.length && sizes[index] != NIL_STREAM;
    }

    /**
     * Opens a stream after checking that every block it uses lies in the file.
     *
     * @throws DumpFormatException.InvalidValue for an unknown or nil stream, or a block outside the file
     */
    public MsfStream stream(int index, String name) throws DumpFormatException {
        if (!hasStream(index)) {
            throw new DumpFormatException.InvalidValue(name, 0, "stream " + index + " does not exist ("
                    + sizes.length + " streams)" + (index >= 0 && index < sizes.length ? " or is nil" : ""));
        }
        long size = sizes[index];
        long[] blocks = blockLists[index];
        long numBlocks = Math.min(superBlock.numBlocks(), (file.size() + blockSize - 1) / blockSize);
        for (int k = 0; k < blocks.length; k++) {
            checkBlock(file, blocks[k], numBlocks, blockSize, Math.min(blockSize, size - (long) k * blockSize),
                    directory.fileOffset(listOffsets[index] + 4L * k), "MSF stream directory (stream " + index + ")");
        }
        return new MsfStream(file, index, "stream " + index + " (" + name + ")", size, blockSize, blocks);
    }
}
