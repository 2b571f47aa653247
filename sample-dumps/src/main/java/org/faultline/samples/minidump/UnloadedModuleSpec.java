package org.faultline.samples.minidump;

/**
 * One {@code MINIDUMP_UNLOADED_MODULE} (24 bytes) with its name string.
 *
 * @param base BaseOfImage
 * @param size SizeOfImage
 * @param checksum CheckSum
 * @param timestamp TimeDateStamp
 * @param name module name (written as a MINIDUMP_STRING)
 */
public record UnloadedModuleSpec(long base, long size, long checksum, long timestamp, String name) {
}
