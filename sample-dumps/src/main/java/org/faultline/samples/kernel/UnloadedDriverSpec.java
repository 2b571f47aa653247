package org.faultline.samples.kernel;

/**
 * One unloaded driver: the name (only its first 12 UTF-16 units are kept inline) and its former range.
 *
 * @param name driver file name
 * @param start StartAddress
 * @param end EndAddress
 */
public record UnloadedDriverSpec(String name, long start, long end) {
}
