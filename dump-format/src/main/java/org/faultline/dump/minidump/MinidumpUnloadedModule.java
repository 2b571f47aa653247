package org.faultline.dump.minidump;

import org.faultline.dump.ModuleInfo;

/** MINIDUMP_UNLOADED_MODULE (24 bytes) with its name resolved. */
public record MinidumpUnloadedModule(long baseOfImage, long sizeOfImage, long checksum, long timeDateStamp,
                                     long moduleNameRva, String name) {
    public static final int SIZE = 24;

    public ModuleInfo toModuleInfo() {
        return new ModuleInfo(name, baseOfImage, sizeOfImage, timeDateStamp, checksum, null, null, null,
                ModuleInfo.codeIdOf(timeDateStamp, sizeOfImage));
    }
}
