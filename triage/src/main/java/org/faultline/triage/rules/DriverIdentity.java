package org.faultline.triage.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.faultline.dump.ModuleInfo;
import org.faultline.symbols.ModuleMap;
import org.faultline.symbols.Symbolizer;
import org.faultline.symbols.pe.PeFile;
import org.faultline.symbols.unwind.StackFrame;
import org.faultline.triage.Culprit;
import org.faultline.triage.kb.DriverCatalog;
import org.faultline.triage.kb.Minifilter;
import org.faultline.triage.kb.MinifilterAltitudes;
import org.faultline.triage.kb.VendorMatch;

/**
 * Evidence steps 4 and 5: whose code a module is (the image's CompanyName when the image is at hand, else the
 * Windows inbox list, the vendor list and the altitude table) and whether it is a file-system filter (an
 * allocated altitude, FLTMGR frames below it).
 */
public final class DriverIdentity {
    private final DriverCatalog drivers;
    private final MinifilterAltitudes altitudes;

    public DriverIdentity(DriverCatalog drivers, MinifilterAltitudes altitudes) {
        this.drivers = drivers;
        this.altitudes = altitudes;
    }

    /** The altitude table. */
    public MinifilterAltitudes altitudes() {
        return altitudes;
    }

    /** Whether the dump says who the module is (a damaged dump can lose the names). */
    public static boolean known(ModuleInfo m) {
        return !m.name().startsWith("<unreadable");
    }

    public boolean isMicrosoft(ModuleInfo m, Symbolizer symbolizer) {
        Optional<String> company = imageCompany(m, symbolizer);
        if (company.isPresent()) {
            return company.get().toLowerCase(Locale.ROOT).startsWith("microsoft");
        }
        if (drivers.isWindowsInbox(m.name())) {
            return true;
        }
        List<Minifilter> mf = altitudes.lookup(m.name());
        return !mf.isEmpty() && mf.stream().allMatch(Minifilter::microsoft);
    }

    public static Optional<String> imageCompany(ModuleInfo m, Symbolizer symbolizer) {
        Optional<PeFile> image = symbolizer.symbolsFor(m).image();
        return image.flatMap(PeFile::versionInfo).flatMap(v -> v.companyName());
    }

    public String vendorOf(ModuleInfo m, Symbolizer symbolizer) {
        Optional<String> company = imageCompany(m, symbolizer);
        if (company.isPresent()) {
            return company.get();
        }
        if (drivers.isWindowsInbox(m.name())) {
            return "Microsoft";
        }
        return drivers.vendorOf(m.name()).orElse(null);
    }

    public Culprit identify(ModuleInfo m, Symbolizer symbolizer, List<StackFrame> walked, int index,
                             ModuleMap modules, String reason) {
        boolean microsoft = isMicrosoft(m, symbolizer);
        String vendor;
        String how;
        Optional<String> company = imageCompany(m, symbolizer);
        if (company.isPresent()) {
            vendor = company.get();
            how = "CompanyName in the image's version resource";
        } else if (drivers.isWindowsInbox(m.name())) {
            vendor = "Microsoft";
            how = DriverCatalog.INBOX_EVIDENCE;
        } else {
            Optional<VendorMatch> v = drivers.vendor(m.name());
            vendor = v.map(VendorMatch::vendor).orElse(null);
            how = v.map(VendorMatch::evidence).orElse("not in the Windows inbox list, no known vendor");
        }
        List<Minifilter> rows = vendor == null ? altitudes.lookup(m.name()) : altitudes.lookup(m.name(), vendor);
        List<String> filterEvidence = new ArrayList<>();
        Minifilter row = rows.isEmpty() ? null : rows.get(0);
        if (row != null) {
            filterEvidence.add("allocated minifilter altitude " + row.altitude() + " (" + row.loadOrderGroup() + ", "
                    + row.company() + ")");
        }
        for (int i = index + 1; i < walked.size(); i++) {
            Optional<ModuleInfo> below = modules.moduleAt(walked.get(i).lookupAddress());
            if (below.isPresent() && below.get().name().equalsIgnoreCase("fltmgr.sys")) {
                filterEvidence.add("FLTMGR.SYS frames below it on the stack: it runs as a file-system minifilter");
                break;
            }
        }
        Culprit.Filter filter = filterEvidence.isEmpty() ? null : new Culprit.Filter(
                row == null ? null : row.altitude(), row == null ? null : row.loadOrderGroup(), filterEvidence);
        return new Culprit(m.name(), m.path(), vendor, microsoft, how, filter, reason);
    }

    public static String identityText(Culprit c) {
        StringBuilder s = new StringBuilder(c.module()).append(c.microsoft() ? " is Microsoft's" : " is third-party");
        if (c.vendor() != null && !c.microsoft()) {
            s.append(" (").append(c.vendor()).append(")");
        }
        if (c.filter() != null) {
            s.append("; a file-system filter driver");
            if (c.filter().altitude() != null) {
                s.append(", ").append(c.filter().group()).append(", altitude ").append(c.filter().altitude());
            }
        }
        return s.toString();
    }
}
