package org.faultline.app.gui.common;

/** A file size shown as {@code 110 KiB} and sorted by bytes. */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    @Override
    public int compareTo(ByteSize o) {
        return Long.compare(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return Fmt.size(bytes);
    }
}
