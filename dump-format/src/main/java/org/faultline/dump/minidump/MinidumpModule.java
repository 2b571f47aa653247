package org.faultline.dump.minidump;

import org.faultline.dump.ModuleInfo;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * MINIDUMP_MODULE (108 bytes) with its name, version and CodeView record resolved.
 *
 * @param codeView the CodeView record, or {@code null} when absent or unreadable
 */
public record MinidumpModule(long baseOfImage, long sizeOfImage, long checksum, long timeDateStamp,
                             long moduleNameRva, VsFixedFileInfo versionInfo, long cvRecordSize, long cvRecordRva,
                             long miscRecordSize, long miscRecordRva, String name, CodeViewRecord codeView) {
    /** Never a compiler sizeof: the two trailing u64s would pad it to 112. */
    public static final int SIZE = 108;

    /** The fixed part; name and CodeView record are resolved by the caller. */
    record Fixed(long base, long size, long checksum, long timestamp, long nameRva, VsFixedFileInfo version,
                 long cvSize, long cvRva, long miscSize, long miscRva) {
        static Fixed read(Cursor c) throws DumpFormatException {
            long base = c.u64();
            long size = c.u32();
            long checksum = c.u32();
            long timestamp = c.u32();
            long nameRva = c.u32();
            VsFixedFileInfo version = VsFixedFileInfo.read(c);
            long cvSize = c.u32();
            long cvRva = c.u32();
            long miscSize = c.u32();
            long miscRva = c.u32();
            c.skip(16);
            return new Fixed(base, size, checksum, timestamp, nameRva, version, cvSize, cvRva, miscSize, miscRva);
        }
    }

    /** The module in the shared model. */
    public ModuleInfo toModuleInfo() {
        String debugFile = codeView == null ? null : codeView.pdbFileName();
        String debugId = codeView == null ? null : codeView.debugId();
        return new ModuleInfo(name, baseOfImage, sizeOfImage, timeDateStamp, checksum, versionInfo.fileVersion(),
                debugFile, debugId, ModuleInfo.codeIdOf(timeDateStamp, sizeOfImage));
    }
}
