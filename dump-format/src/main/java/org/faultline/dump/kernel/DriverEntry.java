package org.faultline.dump.kernel;

import org.faultline.dump.ModuleInfo;

/**
 * One DUMP_DRIVER_ENTRY of a triage dump's driver list, with its name resolved from the string pool.
 *
 * @param fileOffset where the entry starts in the file
 */
public record DriverEntry(long fileOffset, long nameOffset, String name, long dllBase, long sizeOfImage,
                          long checkSum, long timeDateStamp) {

    public ModuleInfo toModuleInfo() {
        return new ModuleInfo(name, dllBase, sizeOfImage, timeDateStamp, checkSum, null, null, null,
                ModuleInfo.codeIdOf(timeDateStamp, sizeOfImage));
    }
}
