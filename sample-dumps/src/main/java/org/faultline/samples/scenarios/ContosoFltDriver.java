package org.faultline.samples.scenarios;

import java.util.List;
import java.util.Map;
import org.faultline.samples.kernel.DriverSpec;

/**
 * contosoflt.sys, a fictional file-system minifilter by the fictional Contoso Ltd. (not in Microsoft's list of
 * allocated altitudes), as loaded on the {@link Win10Machine}: one build, shared by the samples that crash in it.
 * Its PE TimeDateStamp and SizeOfImage are the {@code INFO CODE_ID} of the committed Breakpad symbol file
 * {@code sample-dumps/symbols/contosoflt.pdb/} {@value #DEBUG_ID} {@code /contosoflt.sym}, whose FUNC lines name the
 * functions below (RVAs).
 */
final class ContosoFltDriver {
    private ContosoFltDriver() {
    }

    static final String NAME = "contosoflt.sys";
    static final String PATH = "\\SystemRoot\\System32\\drivers\\contosoflt.sys";
    static final String COMPANY = "Contoso Ltd.";
    static final long BASE = 0xfffff806_7a4e_0000L;
    static final long SIZE = 0x3c000;
    static final long TIMESTAMP = 0x6581_f2a3L;
    static final long CHECKSUM = 0x4a7e2;
    /** The RSDS GUID and age of contosoflt.pdb, as the symbol file's MODULE line gives them. */
    static final String DEBUG_ID = "8A3C1F2E5B7D4C9EA1F20B3C4D5E6F701";

    // Function RVAs (FUNC lines of contosoflt.sym).
    static final long PRE_CREATE = 0x2400;
    static final long POST_WRITE = 0x2d40;
    static final long UPDATE_STREAM_STATS = 0x3100;
    static final long SCAN_BUFFER = 0x5a20;
    static final long MATCH_RULES = 0x6c40;
    /** ContosoFltWriteSequence, the global counter UpdateStreamStats increments (a PUBLIC data symbol). */
    static final long WRITE_SEQUENCE = 0x2_2200;

    /** Return sites: ContosoFltPreCreate+0x1a3 after calling MatchRules, MatchRules+0x4e after ScanBuffer, PostWrite+0xdf after UpdateStreamStats. */
    static final long RET_PRE_CREATE = PRE_CREATE + 0x1a3;
    static final long RET_MATCH_RULES = MATCH_RULES + 0x4e;
    static final long RET_POST_WRITE = POST_WRITE + 0xdf;

    /** The machine's driver list with contosoflt.sys loaded (last, at {@link #BASE}) and stamped to match its symbols. */
    static List<DriverSpec> drivers() {
        List<DriverSpec> list = Win10Machine.drivers(Map.of(NAME, BASE), Map.of(NAME, new Win10Machine.Module(PATH, SIZE)));
        return Win10Machine.stamped(list, NAME, TIMESTAMP, CHECKSUM);
    }

    /** The culprit as the truth names it: third-party, a file-system minifilter (FLTMGR calls it), altitude unknown. */
    static Truth.Culprit culprit() {
        return new Truth.Culprit(NAME, COMPANY, false, true, null, null);
    }

    /** The {@code INFO CODE_ID} of the symbol file: TimeDateStamp %08X, SizeOfImage %x. */
    static String codeId() {
        return String.format("%08X%x", TIMESTAMP, SIZE);
    }
}
