package org.faultline.samples.scenarios;

import java.util.Arrays;
import java.util.List;

/**
 * The July 19 triage dump cut to 60% of its length, as a partly copied or interrupted dump arrives. The header,
 * the triage header, the KeBugCheckEx context, the saved stack and the first nine driver entries survive;
 * the rest of the driver list (csagent.sys among it), the string pool with the names and the data blocks with
 * the code bytes are gone. What can still be said comes from the bug check parameters.
 */
public final class CrowdStrikeCsagentTruncated implements Scenario {
    static final String NAME = "crowdstrike-csagent-2024-07-19-truncated";

    @Override
    public byte[] write() {
        byte[] full = new CrowdStrikeCsagent().write();
        return Arrays.copyOf(full, full.length * 60 / 100);
    }

    @Override
    public Truth truth() {
        return new Truth(NAME,
                "The July 19 dump cut to 60%: the bug check still says a read of the invalid non-null address"
                        + " 0xffff840500000074 by the instruction at 0xfffff806715114ed, but the driver holding that"
                        + " address, the driver names and the code bytes are lost. A partial analysis with warnings,"
                        + " not a failure; without the culprit's identity the filter-driver flag cannot be raised.",
                "kernel-triage", "amd64", Win10Machine.BUILD,
                new Truth.Code(0x50, null, List.of(CrowdStrikeCsagent.REFERENCED, 0L, CrowdStrikeCsagent.FAULT, 2L)),
                null, "read", CrowdStrikeCsagent.REFERENCED, CrowdStrikeCsagent.FAULT, null, null, null,
                null, "READ_OUT_OF_BOUNDS", false, true);
    }
}
