package org.faultline.symbols.pdb;

import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpFormatException;

/**
 * One MSF stream as a {@link ByteSource}: offsets are stream offsets, translated through the stream's block list
 * to file offsets. The block list is checked when the stream is opened (every block lies in the file), so the raw
 * getters are safe for any in-bounds stream offset.
 *
 * <p>Errors from parsing a stream carry stream offsets; {@link #relocate} turns them into file offsets.
 */
public final class MsfStream implements ByteSource {
    private final ByteSource file;
    private final int index;
    private final String name;
    private final long size;
    private final int blockSize;
    private final int shift;
    private final long[] blocks;

    MsfStream(ByteSource file, int index, String name, long size, int blockSize, long[] blocks) {
        this.file = file;
        this.index = index;
        this.name = name;
        this.size = size;
        this.blockSize = blockSize;
        this.shift = Integer.numberOfTrailingZeros(blockSize);
        this.blocks = blocks;
    }

    /** The stream number (-1 for the stream directory). */
    public int index() {
        return index;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String name() {
        return name;
    }

    /** The file offset of the byte at stream offset {@code offset} (clamped to the stream's last byte + 1). */
    public long fileOffset(long offset) {
        if (size == 0 || blocks.length == 0) {
            return 0;
        }
        if (offset >= size || offset < 0) {
            return fileOffset(size - 1) + 1;
        }
        return (blocks[(int) (offset >>> shift)] << shift) + (offset & (blockSize - 1));
    }

    @Override
    public int byteAt(long offset) {
        return file.byteAt(fileOffset(offset));
    }

    @Override
    public int u16At(long offset) {
        int within = (int) (offset & (blockSize - 1));
        if (within <= blockSize - 2) {
            return file.u16At(fileOffset(offset));
        }
        return ByteSource.super.u16At(offset);
    }

    @Override
    public long u32At(long offset) {
        int within = (int) (offset & (blockSize - 1));
        if (within <= blockSize - 4) {
            return file.u32At(fileOffset(offset));
        }
        return ByteSource.super.u32At(offset);
    }

    @Override
    public void copy(long offset, byte[] dst, int dstOffset, int length) {
        long pos = offset;
        int done = 0;
        while (done < length) {
            int within = (int) (pos & (blockSize - 1));
            int chunk = Math.min(length - done, blockSize - within);
            file.copy(fileOffset(pos), dst, dstOffset + done, chunk);
            done += chunk;
            pos += chunk;
        }
    }

    /**
     * The same error with its offset moved from this stream into the file, and the stream offset kept in the
     * structure name: {@code DBI header [stream 3 +0x40] @0x5040: ...}.
     */
    public DumpFormatException relocate(DumpFormatException e) {
        String structure = e.structure() + " [" + name + " +0x" + Long.toHexString(e.offset()) + "]";
        long offset = Math.min(fileOffset(e.offset()), file.size());
        DumpFormatException moved;
        if (e instanceof DumpFormatException.BadSignature) {
            moved = new DumpFormatException.BadSignature(structure, offset, e.detail());
        } else if (e instanceof DumpFormatException.UnsupportedFormat) {
            moved = new DumpFormatException.UnsupportedFormat(structure, offset, e.detail());
        } else if (e instanceof DumpFormatException.Truncated) {
            moved = new DumpFormatException.Truncated(structure, offset, e.detail().replace("in the file",
                    "in the stream"));
        } else if (e instanceof DumpFormatException.OutOfBounds) {
            moved = new DumpFormatException.OutOfBounds(structure, offset, e.detail());
        } else {
            moved = new DumpFormatException.InvalidValue(structure, offset, e.detail());
        }
        moved.initCause(e);
        return moved;
    }
}
