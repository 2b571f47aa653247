package org.faultline.symbols.pdb;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * The DBI stream header (stream 3, 64 bytes; "NewDBIHdr"). Stream indexes are u16 with 0xFFFF meaning none;
 * the substream sizes are signed 32-bit values.
 */
public record DbiHeader(long versionSignature, long versionHeader, long age, int globalStreamIndex,
                        int buildNumber, int publicStreamIndex, int pdbDllVersion, int symRecordStream,
                        int pdbDllRbld, long modInfoSize, long sectionContributionSize, long sectionMapSize,
                        long sourceInfoSize, long typeServerMapSize, long mfcTypeServerIndex,
                        long optionalDbgHeaderSize, long ecSubstreamSize, int flags, int machine, long padding) {
    public static final int SIZE = 64;
    public static final long V70 = 19990903;
    /** Flags bit 1: private symbols were stripped (a public PDB). */
    public static final int FLAG_STRIPPED = 0x2;
    /** Flags bit 0: incrementally linked. */
    public static final int FLAG_INCREMENTAL = 0x1;
    public static final int NO_STREAM = 0xFFFF;

    /**
     * @throws DumpFormatException.UnsupportedFormat for the old (pre-VC 4.1) header without the -1 signature
     */
    static DbiHeader read(Cursor c) throws DumpFormatException {
        long at = c.absolutePosition();
        long sig = c.u32();
        if (sig != 0xFFFF_FFFFL) {
            throw new DumpFormatException.UnsupportedFormat(c.structure(), at,
                    String.format("VersionSignature 0x%08X is not -1 (an old DBI format)", sig));
        }
        return new DbiHeader(sig, c.u32(), c.u32(), c.u16(), c.u16(), c.u16(), c.u16(), c.u16(), c.u16(), c.u32(),
                c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u16(), c.u16(), c.u32());
    }

    public boolean isStripped() {
        return (flags & FLAG_STRIPPED) != 0;
    }

    /** The seven substream sizes, in the order the substreams follow the header. */
    long[] substreamSizesInOrder() {
        return new long[] {modInfoSize, sectionContributionSize, sectionMapSize, sourceInfoSize, typeServerMapSize,
            ecSubstreamSize, optionalDbgHeaderSize};
    }
}
