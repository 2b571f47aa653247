package org.faultline.dump;

import java.nio.file.Path;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.MappedByteSource;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.dump.minidump.Minidump;

/** Opens any supported crash dump as a {@link CrashDump}, choosing the reader by signature. */
public final class Dumps {
    private Dumps() {
    }

    /** Maps and opens {@code path}; the returned dump owns the mapping. */
    public static CrashDump open(Path path) throws DumpAccessException, DumpFormatException {
        MappedByteSource source = MappedByteSource.open(path);
        try {
            return open(source, true);
        } catch (DumpFormatException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Opens a dump held by {@code source}, which stays the caller's. */
    public static CrashDump open(ByteSource source) throws DumpFormatException {
        return open(source, false);
    }

    private static CrashDump open(ByteSource source, boolean owns) throws DumpFormatException {
        DetectedDump detected = DumpFiles.detect(source);
        return switch (detected.kind()) {
            case MINIDUMP -> owns ? Minidump.readOwning(source) : Minidump.read(source);
            case LEGACY_USER_DUMP_32, LEGACY_USER_DUMP_64 -> throw new DumpFormatException.UnsupportedFormat(
                    "file signature", 0, "unsupported format: legacy user-mode dump (" + detected.kind().signature() + ")");
            case KERNEL_DUMP_32, KERNEL_DUMP_64 -> owns ? KernelDump.readOwning(source) : KernelDump.read(source);
        };
    }
}
