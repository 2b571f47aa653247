package org.faultline.symbols.store;

import java.util.Locale;
import java.util.Objects;
import org.faultline.dump.io.Guid;

/**
 * What a symbol store is asked for: a directory name, an index and the file name inside
 * ({@code name/INDEX/file}). Built only through the factories, which reduce names taken from a dump to a safe
 * component ({@link SymbolNames#fileName}) and format the index as symbol servers do:
 * <ul>
 *   <li>PDB (RSDS): GUID as 32 upper-case hex digits ({@code %08X%04X%04X} + Data4) then the age
 *       {@code %X};</li>
 *   <li>PDB (NB10): signature {@code %08X} then the age {@code %X};</li>
 *   <li>image: TimeDateStamp {@code %08X} then SizeOfImage {@code %x};</li>
 *   <li>Breakpad: the debug id (GUID + age, upper case), file {@code <debug file minus .pdb>.sym}.</li>
 * </ul>
 */
public final class SymbolKey {

    /** What kind of file the key names. */
    public enum Kind { PDB, IMAGE, BREAKPAD, OTHER }

    private final String name;
    private final String index;
    private final String fileName;
    private final Kind kind;

    private SymbolKey(String name, String index, String fileName, Kind kind) throws UnsafeNameException {
        this.name = SymbolNames.fileName(name);
        this.index = SymbolNames.index(index);
        this.fileName = SymbolNames.component(fileName);
        this.kind = kind;
    }

    /** A PDB named by an RSDS record: its path (any form; only the file name is used), GUID and age. */
    public static SymbolKey pdb(String pdbPath, Guid guid, long age) throws UnsafeNameException {
        return pdb(pdbPath, guid.toCompactHex(), age);
    }

    /** A PDB by file name, GUID as 32 hex digits (any case) and age. */
    public static SymbolKey pdb(String pdbPath, String guidHex, long age) throws UnsafeNameException {
        if (guidHex == null || guidHex.length() != 32) {
            throw new UnsafeNameException(String.valueOf(guidHex), "a GUID needs 32 hex digits");
        }
        String name = SymbolNames.fileName(pdbPath);
        return new SymbolKey(name, SymbolNames.index(guidHex).toUpperCase(Locale.ROOT) + u32Hex(age, true),
                name, Kind.PDB);
    }

    /** An NB10 (PDB 2.0) file: signature and age. */
    public static SymbolKey pdbNb10(String pdbPath, long signature, long age) throws UnsafeNameException {
        String name = SymbolNames.fileName(pdbPath);
        return new SymbolKey(name, String.format("%08X", u32(signature, "signature")) + u32Hex(age, true), name,
                Kind.PDB);
    }

    /** An image (exe, dll, sys) by file name, TimeDateStamp and SizeOfImage. */
    public static SymbolKey image(String imagePath, long timeDateStamp, long sizeOfImage)
            throws UnsafeNameException {
        String name = SymbolNames.fileName(imagePath);
        return new SymbolKey(name, String.format("%08X", u32(timeDateStamp, "TimeDateStamp"))
                + u32Hex(sizeOfImage, false), name, Kind.IMAGE);
    }

    /**
     * A Breakpad text file: {@code <debug file>/<debug id>/<debug file minus .pdb>.sym}. The debug id may be
     * given with dashes ({@code 3249d99d-0c40-4931-8610-f4e4fb0b6936-1}) and in any case.
     */
    public static SymbolKey breakpad(String debugFile, String debugId) throws UnsafeNameException {
        String name = SymbolNames.fileName(debugFile);
        String id = debugId == null ? "" : debugId.replace("-", "").toUpperCase(Locale.ROOT);
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".pdb") ? name.substring(0, name.length() - 4) : name;
        return new SymbolKey(name, id, stem + ".sym", Kind.BREAKPAD);
    }

    /** Any other file: {@code name/index/name}, the index taken as given (hex digits only). */
    public static SymbolKey of(String name, String index) throws UnsafeNameException {
        String n = SymbolNames.fileName(name);
        return new SymbolKey(n, index, n, Kind.OTHER);
    }

    private static long u32(long v, String what) throws UnsafeNameException {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new UnsafeNameException(Long.toString(v), what + " is not a 32-bit value");
        }
        return v;
    }

    private static String u32Hex(long v, boolean upper) throws UnsafeNameException {
        String s = Long.toHexString(u32(v, "value"));
        return upper ? s.toUpperCase(Locale.ROOT) : s;
    }

    /** The store directory name (PDB or image file name). */
    public String name() {
        return name;
    }

    /** The index directory, as servers expect it. */
    public String index() {
        return index;
    }

    /** The file name inside the index directory (differs from {@link #name} only for Breakpad). */
    public String fileName() {
        return fileName;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code name/index/fileName}. */
    public String relativePath() {
        return name + "/" + index + "/" + fileName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolKey k && k.name.equals(name) && k.index.equals(index)
                && k.fileName.equals(fileName) && k.kind == kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, index, fileName, kind);
    }

    @Override
    public String toString() {
        return relativePath();
    }
}
