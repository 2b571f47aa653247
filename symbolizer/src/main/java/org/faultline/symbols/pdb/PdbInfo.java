package org.faultline.symbols.pdb;

import java.util.List;
import java.util.Map;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.Guid;

/**
 * The PDB info stream (stream 1): version, signature, age and GUID, then the named stream map and the feature
 * codes. Note that this age is <em>not</em> the one an image's RSDS record matches; see {@link PdbFile#matches}.
 *
 * @param version      20000404 for VC70
 * @param signature    a time_t (or a hash, for reproducible builds)
 * @param age          the info-stream age (bumped on every incremental write)
 * @param guid         the unique id the image's RSDS record repeats
 * @param namedStreams name → stream index ({@code /names}, {@code /LinkInfo}, {@code srcsrv}, …); empty when
 *                     the map could not be read
 * @param features     feature codes (20091201 VC110, 20140508 VC140, {@code NOTM}, {@code MINI})
 */
public record PdbInfo(long version, long signature, long age, Guid guid, Map<String, Integer> namedStreams,
                      List<Long> features) {
    /** Bytes of the fixed header. */
    public static final int SIZE = 28;
    public static final long VC70 = 20000404;
    public static final long FEATURE_VC110 = 20091201;
    public static final long FEATURE_VC140 = 20140508;
    public static final long FEATURE_NO_TYPE_MERGE = 0x4D544F4E; // "NOTM"
    public static final long FEATURE_MINIMAL_DEBUG_INFO = 0x494E494D; // "MINI"

    public PdbInfo {
        namedStreams = Map.copyOf(namedStreams);
        features = List.copyOf(features);
    }

    /** Reads the fixed header only. */
    static PdbInfo readHeader(Cursor c) throws DumpFormatException {
        long version = c.u32();
        long signature = c.u32();
        long age = c.u32();
        Guid guid = c.guid();
        return new PdbInfo(version, signature, age, guid, Map.of(), List.of());
    }

    PdbInfo with(Map<String, Integer> named, List<Long> featureCodes) {
        return new PdbInfo(version, signature, age, guid, named, featureCodes);
    }

    /** The stream a name maps to, or -1. */
    public int namedStream(String name) {
        return namedStreams.getOrDefault(name, -1);
    }
}
