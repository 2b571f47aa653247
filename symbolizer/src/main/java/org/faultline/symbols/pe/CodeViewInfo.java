package org.faultline.symbols.pe;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.Guid;
import org.faultline.symbols.ByteStrings;

/**
 * The CodeView debug record an image points to: which PDB belongs to it. {@code RSDS} (PDB 7.0) carries a GUID,
 * {@code NB10} (PDB 2.0) a timestamp signature.
 *
 * @param signature      {@link #RSDS} or {@link #NB10}
 * @param guid           the PDB 7.0 GUID, or {@code null} for NB10
 * @param pdb20Signature the NB10 timestamp signature, else 0
 * @param age            the age the image expects the PDB to have
 * @param pdbPath        the PDB path the linker wrote (often a build-machine path)
 */
public record CodeViewInfo(long signature, Guid guid, long pdb20Signature, long age, String pdbPath) {
    public static final long RSDS = 0x53445352L;
    public static final long NB10 = 0x3031424EL;
    /** Longest PDB path read. */
    static final int MAX_PATH = 4096;

    /**
     * Reads a record that fills the cursor's region.
     *
     * @throws DumpFormatException.UnsupportedFormat for another CodeView signature
     */
    public static CodeViewInfo read(Cursor c) throws DumpFormatException {
        long at = c.absolutePosition();
        long sig = c.u32();
        if (sig == RSDS) {
            Guid guid = c.guid();
            long age = c.u32();
            String path = ByteStrings.cString(c, MAX_PATH, StandardCharsets.UTF_8, false);
            return new CodeViewInfo(sig, guid, 0, age, path);
        }
        if (sig == NB10) {
            c.u32(); // offset, always 0
            long timestamp = c.u32();
            long age = c.u32();
            String path = ByteStrings.cString(c, MAX_PATH, StandardCharsets.UTF_8, false);
            return new CodeViewInfo(sig, null, timestamp, age, path);
        }
        throw new DumpFormatException.UnsupportedFormat(c.structure(), at,
                String.format("CodeView signature 0x%08X is neither RSDS nor NB10", sig));
    }

    /** The symbol-store debug id: GUID as 32 uppercase hex digits (NB10: {@code %08X} signature), then age {@code %X}. */
    public String debugId() {
        String age = Long.toHexString(this.age).toUpperCase(Locale.ROOT);
        return guid != null ? guid.toCompactHex() + age : String.format("%08X", pdb20Signature) + age;
    }

    /** The file-name part of {@link #pdbPath()}: what symbol stores key on. */
    public String pdbFileName() {
        int cut = Math.max(pdbPath.lastIndexOf('\\'), pdbPath.lastIndexOf('/'));
        return pdbPath.substring(cut + 1);
    }
}
