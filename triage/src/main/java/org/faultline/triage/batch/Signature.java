package org.faultline.triage.batch;

import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.faultline.dump.DumpKind;

/** What the first bytes of a file or entry say it is. Names and extensions are never consulted. */
enum Signature {
    /** A crash dump of any kind {@link DumpKind} knows (MDMP, PAGEDU64, PAGEDUMP, and the legacy USERDU*). */
    DUMP(false, false),
    ZIP(true, false),
    SEVEN_Z(true, false),
    TAR(true, false),
    GZIP(true, true),
    BZIP2(true, true),
    XZ(true, true),
    OTHER(false, false);

    /** Bytes to read before classifying: tar's magic sits at offset 257. */
    static final int HEAD = 512;

    private static final byte[][] DUMP_SIGNATURES;

    static {
        DumpKind[] kinds = DumpKind.values();
        DUMP_SIGNATURES = new byte[kinds.length][];
        for (int i = 0; i < kinds.length; i++) {
            DUMP_SIGNATURES[i] = kinds[i].signature().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final boolean archive;
    private final boolean compressor;

    Signature(boolean archive, boolean compressor) {
        this.archive = archive;
        this.compressor = compressor;
    }

    /** Zip, 7z, tar or a compressed stream. */
    boolean archive() {
        return archive;
    }

    /** gzip, bzip2 or xz: one compressed member, which may itself be a tar, a dump or another archive. */
    boolean compressor() {
        return compressor;
    }

    /** Classifies the first {@code n} bytes of {@code head}. */
    static Signature of(byte[] head, int n) {
        for (byte[] sig : DUMP_SIGNATURES) {
            if (startsWith(head, n, sig)) {
                return DUMP;
            }
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8))) {
            return ZIP;
        }
        if (startsWith(head, n, new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C})) {
            return SEVEN_Z;
        }
        if (n >= 3 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B && head[2] == 8) {
            return GZIP;
        }
        if (n >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9') {
            return BZIP2;
        }
        if (startsWith(head, n, new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0})) {
            return XZ;
        }
        if (n >= 265 && TarArchiveInputStream.matches(head, n)) {
            return TAR;
        }
        return OTHER;
    }

    private static boolean startsWith(byte[] head, int n, byte[] sig) {
        if (n < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if (head[i] != sig[i]) {
                return false;
            }
        }
        return true;
    }
}
