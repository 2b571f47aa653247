package org.faultline.dump.minidump;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.Guid;

/**
 * A module's CodeView record: which debug file (PDB) belongs to it and its identity.
 *
 * @param signature     the raw first u32 ({@code RSDS}, {@code NB10}, {@code LEpB}, …)
 * @param guid          PDB 7.0 GUID, or {@code null} for other kinds
 * @param pdb20Signature the PDB 2.0 timestamp signature (NB10), else 0
 * @param age           the PDB age
 * @param pdbFileName   the debug file name, or {@code null}
 * @param buildId       ELF build id bytes (Breakpad {@code LEpB}), else {@code null}
 */
public record CodeViewRecord(long signature, Guid guid, long pdb20Signature, long age, String pdbFileName,
                             byte[] buildId) {
    public static final long RSDS = 0x53445352L;
    public static final long NB10 = 0x3031424EL;
    public static final long ELF = 0x4270454CL;
    /** Longest debug-file name read: PDB paths are MAX_PATH-bound in practice. */
    private static final int MAX_NAME = 4096;

    public CodeViewRecord {
        buildId = buildId == null ? null : buildId.clone();
    }

    @Override
    public byte[] buildId() {
        return buildId == null ? null : buildId.clone();
    }

    static CodeViewRecord read(Cursor c) throws DumpFormatException {
        long sig = c.u32();
        if (sig == RSDS) {
            Guid guid = c.guid();
            long age = c.u32();
            String name = c.cString((int) Math.min(c.remaining(), MAX_NAME), StandardCharsets.UTF_8);
            return new CodeViewRecord(sig, guid, 0, age, name, null);
        }
        if (sig == NB10) {
            c.u32();
            long timestamp = c.u32();
            long age = c.u32();
            String name = c.cString((int) Math.min(c.remaining(), MAX_NAME), StandardCharsets.UTF_8);
            return new CodeViewRecord(sig, null, timestamp, age, name, null);
        }
        if (sig == ELF) {
            return new CodeViewRecord(sig, null, 0, 0, null, c.bytes((int) Math.min(c.remaining(), 1024)));
        }
        return new CodeViewRecord(sig, null, 0, 0, null, null);
    }

    /** The symbol-server debug id: 32 uppercase hex GUID digits then the age in hex; NB10 uses the timestamp. */
    public String debugId() {
        if (guid != null) {
            return guid.toCompactHex() + Long.toHexString(age).toUpperCase(Locale.ROOT);
        }
        if (signature == NB10) {
            return String.format("%08X%X", pdb20Signature, age);
        }
        if (buildId != null && buildId.length > 0) {
            // Breakpad's convention: the first 16 bytes of the build id as a GUID, age 0.
            byte[] id = java.util.Arrays.copyOf(buildId, 16);
            long d1 = (id[0] & 0xFFL) | (id[1] & 0xFFL) << 8 | (id[2] & 0xFFL) << 16 | (id[3] & 0xFFL) << 24;
            int d2 = (id[4] & 0xFF) | (id[5] & 0xFF) << 8;
            int d3 = (id[6] & 0xFF) | (id[7] & 0xFF) << 8;
            return new Guid(d1, d2, d3, java.util.Arrays.copyOfRange(id, 8, 16)).toCompactHex() + "0";
        }
        return null;
    }
}
