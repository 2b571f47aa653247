package org.faultline.symbols.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.faultline.dump.io.ByteSource;

/**
 * A {@link ByteSource} over a file read with positional channel reads, not a memory mapping, so the file can
 * be deleted or replaced as soon as it is closed (Windows keeps mapped files locked). Small reads go through
 * one cached page. Thread-safe.
 */
final class ChannelByteSource implements ByteSource {
    private static final int PAGE = 8192;

    private final FileChannel channel;
    private final long size;
    private final String name;
    private final byte[] page = new byte[PAGE];
    private long pageStart = -1;
    private int pageLength;

    private ChannelByteSource(FileChannel channel, long size, String name) {
        this.channel = channel;
        this.size = size;
        this.name = name;
    }

    static ChannelByteSource open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new ChannelByteSource(ch, ch.size(), String.valueOf(file.getFileName()));
        } catch (RuntimeException e) {
            ch.close();
            throw e;
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
    public synchronized void copy(long offset, byte[] dst, int dstOffset, int length) {
        if (length <= PAGE / 2) {
            for (int i = 0; i < length; i++) {
                dst[dstOffset + i] = (byte) byteAt(offset + i);
            }
            return;
        }
        readFully(ByteBuffer.wrap(dst, dstOffset, length), offset);
    }

    @Override
    public synchronized int byteAt(long offset) {
        if (offset < pageStart || offset >= pageStart + pageLength) {
            pageStart = offset - offset % PAGE;
            pageLength = (int) Math.min(PAGE, size - pageStart);
            readFully(ByteBuffer.wrap(page, 0, pageLength), pageStart);
        }
        return page[(int) (offset - pageStart)] & 0xFF;
    }

    private void readFully(ByteBuffer buf, long position) {
        long at = position;
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, at);
                if (n < 0) {
                    throw new IOException(name + ": file shrank while being read (at " + at + ")");
                }
                at += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing useful to do: the file was only read
        }
    }
}
