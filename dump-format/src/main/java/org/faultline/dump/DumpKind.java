package org.faultline.dump;

/** What the signature at offset 0 says a file is. */
public enum DumpKind {
    /** {@code MDMP}: a user-mode minidump (DbgHelp, WER, Breakpad, Crashpad). */
    MINIDUMP("MDMP", "user-mode minidump"),
    /** {@code PAGEDU64}: a 64-bit Windows kernel dump (x64 or ARM64). */
    KERNEL_DUMP_64("PAGEDU64", "64-bit kernel dump"),
    /** {@code PAGEDUMP}: a 32-bit Windows kernel dump (x86). */
    KERNEL_DUMP_32("PAGEDUMP", "32-bit kernel dump"),
    /** {@code USERDU64}: a legacy 64-bit user-mode dump (pre-minidump dbgeng format). */
    LEGACY_USER_DUMP_64("USERDU64", "legacy user-mode dump"),
    /** {@code USERDUMP}: a legacy 32-bit user-mode dump. */
    LEGACY_USER_DUMP_32("USERDUMP", "legacy user-mode dump");

    private final String signature;
    private final String description;

    DumpKind(String signature, String description) {
        this.signature = signature;
        this.description = description;
    }

    /** The ASCII signature at offset 0. */
    public String signature() {
        return signature;
    }

    public String description() {
        return description;
    }

    public boolean isKernel() {
        return this == KERNEL_DUMP_64 || this == KERNEL_DUMP_32;
    }

    public boolean isLegacyUserDump() {
        return this == LEGACY_USER_DUMP_64 || this == LEGACY_USER_DUMP_32;
    }
}
