package org.faultline.dump.minidump;

/** MINIDUMP_HANDLE_DESCRIPTOR or _2, with its type and object names resolved (null when absent). */
public record MinidumpHandle(long handle, String typeName, String objectName, long attributes,
                             long grantedAccess, long handleCount, long pointerCount, long objectInfoRva) {
}
