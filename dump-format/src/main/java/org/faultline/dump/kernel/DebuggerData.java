package org.faultline.dump.kernel;

/**
 * The fields Faultline uses from the KDDEBUGGER_DATA64 copy in a triage dump.
 *
 * @param ownerTag        {@code KDBG} as a u32 when the copy is real
 */
public record DebuggerData(long ownerTag, long size, long kernBase, long psLoadedModuleList,
                           long psActiveProcessHead, long mmPfnDatabase, long ntBuildLab, long kiProcessorBlock,
                           long mmUnloadedDrivers) {
    /** {@code KDBG}. */
    public static final long KDBG = 0x4742444BL;
}
