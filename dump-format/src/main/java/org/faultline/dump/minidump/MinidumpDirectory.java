package org.faultline.dump.minidump;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/** MINIDUMP_DIRECTORY: one entry of the stream directory, with its index in the directory. */
public record MinidumpDirectory(int index, long streamType, long dataSize, long rva) {
    public static final int SIZE = 12;

    public static MinidumpDirectory read(int index, Cursor c) throws DumpFormatException {
        return new MinidumpDirectory(index, c.u32(), c.u32(), c.u32());
    }

    /** The stream type's name, e.g. {@code ThreadListStream}, or {@code unknown (0x…)}. */
    public String name() {
        return StreamTypes.name(streamType);
    }
}
