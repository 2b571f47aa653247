package org.faultline.samples.minidump;

/**
 * One {@code MINIDUMP_HANDLE_DESCRIPTOR} (32 bytes) or {@code _2} (40 bytes, ObjectInfoRva 0).
 *
 * @param handle Handle value
 * @param typeName type name, or {@code null} for TypeNameRva 0
 * @param objectName object name, or {@code null} for ObjectNameRva 0
 * @param attributes Attributes
 * @param grantedAccess GrantedAccess
 * @param handleCount HandleCount
 * @param pointerCount PointerCount
 */
public record HandleSpec(long handle, String typeName, String objectName, long attributes, long grantedAccess,
        long handleCount, long pointerCount) {
}
