package org.faultline.samples.scenarios;

import java.util.List;
import java.util.Optional;

/** The scenario catalogue: every committed sample dump, in the order the README lists them. */
public final class Scenarios {
    private Scenarios() {
    }

    public static List<Scenario> all() {
        return List.of(new CrowdStrikeCsagent(), new CrowdStrikeCsagentTruncated(), new CrowdStrikeCsagentBitmap(),
                new ContosoUserModeReadAv(), new ContosoFltReadOutOfBounds(), new ContosoFltWriteAv(),
                new FabrikamNdisNullRead(), new NtfsAccessViolation(), new ContosoVidSystemServiceException(),
                new DpcWatchdogViolation(), new FabrikamFltArm64ReadOutOfBounds());
    }

    public static Optional<Scenario> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
