package org.faultline.triage.kb;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which drivers and DLLs ship with Windows ({@code windows-inbox.tsv}) and known vendors of third-party drivers
 * ({@code third-party-drivers.tsv} and the non-Microsoft rows of the minifilter altitude table). A name match is
 * evidence, not proof: when the image is at hand its version resource's CompanyName wins. See README-drivers.md.
 */
public final class DriverCatalog {
    static final String INBOX = "windows-inbox.tsv";
    static final String THIRD_PARTY = "third-party-drivers.tsv";
    /** Evidence string for a name found in the inbox list. */
    public static final String INBOX_EVIDENCE = "name in Windows inbox list";
    /** Crash-dump and hibernation stacks load renamed copies of storage drivers with these prefixes. */
    private static final List<String> COPY_PREFIXES = List.of("dump_", "hiber_");

    private final Map<String, String> inbox;
    private final Map<String, String[]> thirdParty;
    private final MinifilterAltitudes altitudes;

    private DriverCatalog(Map<String, String> inbox, Map<String, String[]> thirdParty,
                          MinifilterAltitudes altitudes) {
        this.inbox = Collections.unmodifiableMap(inbox);
        this.thirdParty = Collections.unmodifiableMap(thirdParty);
        this.altitudes = altitudes;
    }

    private static final class Holder {
        static final DriverCatalog STANDARD = load(MinifilterAltitudes.standard());
    }

    /** The bundled catalog. */
    public static DriverCatalog standard() {
        return Holder.STANDARD;
    }

    /**
     * Whether the file name (case-insensitive; a path is cut to its last component) is in the Windows inbox list.
     * A {@code dump_}/{@code hiber_} copy counts as the driver it copies.
     */
    public boolean isWindowsInbox(String fileName) {
        return inboxKey(fileName).isPresent();
    }

    /** The vendor of a driver, if the name is known. */
    public Optional<String> vendorOf(String fileName) {
        return vendor(fileName).map(VendorMatch::vendor);
    }

    /**
     * The vendor of a driver and how it was decided: the inbox list first (Microsoft), then the allocated minifilter
     * altitudes of other companies, then the curated list of third-party drivers.
     */
    public Optional<VendorMatch> vendor(String fileName) {
        Optional<String> inboxName = inboxKey(fileName);
        if (inboxName.isPresent()) {
            return Optional.of(new VendorMatch("Microsoft", INBOX_EVIDENCE));
        }
        String key = KbData.fileKey(fileName);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Set<String> companies = new LinkedHashSet<>();
        for (Minifilter m : altitudes.lookup(key)) {
            if (!m.microsoft()) {
                companies.add(m.company());
            }
        }
        if (!companies.isEmpty()) {
            Set<String> keys = new LinkedHashSet<>();
            companies.forEach(c -> keys.add(MinifilterAltitudes.companyKey(c)));
            String first = companies.iterator().next();
            if (keys.size() == 1) {
                return Optional.of(new VendorMatch(first, "allocated minifilter altitude of " + first));
            }
            return Optional.of(new VendorMatch(first, "allocated minifilter altitudes of several companies: "
                    + String.join("; ", companies) + " (first listed taken)"));
        }
        String[] row = thirdParty.get(key);
        if (row != null) {
            return Optional.of(new VendorMatch(row[1], "name in list of known third-party drivers (" + row[2] + ")"));
        }
        return Optional.empty();
    }

    /** Number of names in the inbox list. */
    public int inboxCount() {
        return inbox.size();
    }

    /** Number of names in the curated third-party list. */
    public int thirdPartyCount() {
        return thirdParty.size();
    }

    private Optional<String> inboxKey(String fileName) {
        String key = KbData.fileKey(fileName);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (inbox.containsKey(key)) {
            return Optional.of(key);
        }
        for (String prefix : COPY_PREFIXES) {
            if (key.startsWith(prefix) && inbox.containsKey(key.substring(prefix.length()))) {
                return Optional.of(key.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    static DriverCatalog load(MinifilterAltitudes altitudes) {
        Map<String, String> inbox = new HashMap<>();
        for (String[] f : KbData.tsv(INBOX, "file", "source")) {
            if (inbox.put(KbData.fileKey(f[0]), f[1]) != null) {
                throw new IllegalStateException(INBOX + ": duplicate " + f[0]);
            }
        }
        Map<String, String[]> third = new HashMap<>();
        for (String[] f : KbData.tsv(THIRD_PARTY, "file", "vendor", "product", "source")) {
            if (third.put(KbData.fileKey(f[0]), f) != null) {
                throw new IllegalStateException(THIRD_PARTY + ": duplicate " + f[0]);
            }
        }
        return new DriverCatalog(inbox, third, altitudes);
    }
}
