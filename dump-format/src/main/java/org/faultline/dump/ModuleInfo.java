package org.faultline.dump;

/**
 * A loaded module (DLL, EXE, driver) as the dump records it.
 *
 * @param path      the full path or name as written in the dump (attacker-controlled text)
 * @param base      load address
 * @param size      size of the image in memory
 * @param timestamp PE TimeDateStamp
 * @param checksum  PE checksum (often 0)
 * @param version   file version {@code a.b.c.d}, or {@code null} when the dump has none
 * @param debugFile PDB (or other debug file) name, or {@code null}
 * @param debugId   symbol-server debug id: GUID as 32 uppercase hex digits then age in hex, or {@code null}
 * @param codeId    symbol-server code id: TIMESTAMP as 8 hex digits then SizeOfImage in hex
 */
public record ModuleInfo(String path, long base, long size, long timestamp, long checksum, String version,
                         String debugFile, String debugId, String codeId) {

    /** The file name: the part of {@link #path()} after the last {@code \} or {@code /}. */
    public String name() {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(cut + 1);
    }

    /** The end address (exclusive), saturating rather than wrapping. */
    public long end() {
        long end = base + size;
        return Long.compareUnsigned(end, base) < 0 ? -1L : end;
    }

    /** Whether {@code address} lies inside the image. */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, base) >= 0 && Long.compareUnsigned(address, end()) < 0;
    }

    /**
     * The code id as symbol servers key images: {@code %08X} of the timestamp then {@code %x} of the size (written
     * without {@code String.format}, which costs more than parsing the module: this runs for every module of every
     * dump in a fleet).
     */
    public static String codeIdOf(long timestamp, long size) {
        String t = Long.toHexString(timestamp).toUpperCase(java.util.Locale.ROOT);
        StringBuilder b = new StringBuilder(24);
        for (int i = t.length(); i < 8; i++) {
            b.append('0');
        }
        return b.append(t).append(Long.toHexString(size)).toString();
    }
}
