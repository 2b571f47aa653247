package org.faultline.symbols.breakpad;

/**
 * The {@code MODULE <os> <arch> <id> <debug_file>} line.
 *
 * @param os        {@code windows}, {@code Linux}, {@code mac}, …
 * @param arch      {@code x86}, {@code x86_64}, {@code arm64}, …
 * @param debugId   for Windows: GUID as 32 hex digits then the age in hex
 * @param debugFile the PDB (or other debug file) name
 */
public record ModuleRecord(String os, String arch, String debugId, String debugFile) {
}
