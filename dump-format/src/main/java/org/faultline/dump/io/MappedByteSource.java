package org.faultline.dump.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file mapped read-only in windows of at most {@link #WINDOW} bytes. A single mapping cannot exceed 2 GiB
 * and kernel dumps can be 64 GiB, so the file is split; a read that straddles two windows is assembled
 * byte by byte. Nothing is copied into the heap.
 */
public final class MappedByteSource implements ByteSource {
    /** Window size: 1 GiB. */
    public static final long WINDOW = 1L << 30;

    private final String name;
    private final long size;
    private final MappedByteBuffer[] windows;

    private MappedByteSource(String name, long size, MappedByteBuffer[] windows) {
        this.name = name;
        this.size = size;
        this.windows = windows;
    }

    /** Maps {@code path}. */
    public static MappedByteSource open(Path path) throws DumpAccessException {
        if (Files.isDirectory(path)) {
            throw new DumpAccessException(path, "is a folder, not a file", null);
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            int count = (int) ((size + WINDOW - 1) / WINDOW);
            MappedByteBuffer[] windows = new MappedByteBuffer[count];
            for (int i = 0; i < count; i++) {
                long start = i * WINDOW;
                long length = Math.min(WINDOW, size - start);
                windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
                windows[i].order(ByteOrder.LITTLE_ENDIAN);
            }
            Path fileName = path.getFileName();
            return new MappedByteSource(fileName == null ? path.toString() : fileName.toString(), size, windows);
        } catch (NoSuchFileException e) {
            throw new DumpAccessException(path, "no such file", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new DumpAccessException(path, "cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int byteAt(long offset) {
        return windows[(int) (offset / WINDOW)].get((int) (offset % WINDOW)) & 0xFF;
    }

    @Override
    public int u16At(long offset) {
        int within = (int) (offset % WINDOW);
        if (within <= WINDOW - 2) {
            return windows[(int) (offset / WINDOW)].getShort(within) & 0xFFFF;
        }
        return ByteSource.super.u16At(offset);
    }

    @Override
    public long u32At(long offset) {
        int within = (int) (offset % WINDOW);
        if (within <= WINDOW - 4) {
            return windows[(int) (offset / WINDOW)].getInt(within) & 0xFFFF_FFFFL;
        }
        return ByteSource.super.u32At(offset);
    }

    @Override
    public long u64At(long offset) {
        int within = (int) (offset % WINDOW);
        if (within <= WINDOW - 8) {
            return windows[(int) (offset / WINDOW)].getLong(within);
        }
        return ByteSource.super.u64At(offset);
    }

    @Override
    public void copy(long offset, byte[] dst, int dstOffset, int length) {
        long position = offset;
        int done = 0;
        while (done < length) {
            int window = (int) (position / WINDOW);
            int within = (int) (position % WINDOW);
            int chunk = (int) Math.min(length - done, WINDOW - within);
            windows[window].get(within, dst, dstOffset + done, chunk);
            done += chunk;
            position += chunk;
        }
    }
}
