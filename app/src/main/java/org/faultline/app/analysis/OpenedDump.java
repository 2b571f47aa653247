package org.faultline.app.analysis;

import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;

/**
 * A dump kept open while the window shows it (threads, memory, structure): its bytes and the parsed dump.
 * Reads are absolute, so several threads may read at once. Closing releases nothing a reader in flight still
 * holds (mappings go with the garbage collector).
 */
public final class OpenedDump implements AutoCloseable {
    private final DumpInput input;
    private final ByteSource bytes;
    private final CrashDump dump;

    private OpenedDump(DumpInput input, ByteSource bytes, CrashDump dump) {
        this.input = input;
        this.bytes = bytes;
        this.dump = dump;
    }

    public static OpenedDump open(DumpInput input) throws DumpAccessException, DumpFormatException {
        ByteSource bytes = input.open();
        try {
            return new OpenedDump(input, bytes, Dumps.open(bytes));
        } catch (DumpFormatException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    public DumpInput input() {
        return input;
    }

    /** The file's bytes. */
    public ByteSource bytes() {
        return bytes;
    }

    public CrashDump dump() {
        return dump;
    }

    @Override
    public void close() {
        dump.close();
        bytes.close();
    }
}
