package org.faultline.triage.kb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Allocated minifilter altitudes ({@code minifilter-altitudes.tsv}, derived from Microsoft's "Allocated filter
 * altitudes", CC BY 4.0; see {@link Attributions}). Names are compared as plain, case-insensitive strings.
 */
public final class MinifilterAltitudes {
    static final String RESOURCE = "minifilter-altitudes.tsv";
    private static final String[] HEADER =
            {"file", "driver", "altitude", "company", "load_order_group", "range", "microsoft"};

    private final List<Minifilter> rows;
    private final Map<String, List<Minifilter>> byFile;
    private final List<LoadOrderGroup> groups;

    private MinifilterAltitudes(List<Minifilter> rows) {
        this.rows = List.copyOf(rows);
        Map<String, List<Minifilter>> index = new HashMap<>();
        Map<String, LoadOrderGroup> g = new LinkedHashMap<>();
        for (Minifilter m : rows) {
            index.computeIfAbsent(m.file().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(m);
            g.computeIfAbsent(m.loadOrderGroup(), k -> group(k, m.range()));
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byFile = Collections.unmodifiableMap(index);
        this.groups = List.copyOf(g.values());
    }

    private static final class Holder {
        static final MinifilterAltitudes STANDARD = load();
    }

    /** The bundled table. */
    public static MinifilterAltitudes standard() {
        return Holder.STANDARD;
    }

    /** Every row loaded, in the table's order. */
    public List<Minifilter> all() {
        return rows;
    }

    /**
     * All rows for a driver file name (case-insensitive; a path is cut to its last component). Rows the table
     * writes without an extension (e.g. "isafermon") also match the name with {@code .sys}.
     */
    public List<Minifilter> lookup(String fileName) {
        String key = KbData.fileKey(fileName);
        if (key.isEmpty()) {
            return List.of();
        }
        List<Minifilter> out = new ArrayList<>(byFile.getOrDefault(key, List.of()));
        if (key.endsWith(".sys")) {
            out.addAll(byFile.getOrDefault(key.substring(0, key.length() - 4), List.of()));
        }
        return List.copyOf(out);
    }

    /**
     * Rows for a driver, preferring those whose company equals {@code vendor} (case-insensitive, ignoring
     * punctuation and a trailing "Inc"/"Ltd"/"Corporation"...) when the vendor is known; all rows otherwise.
     */
    public List<Minifilter> lookup(String fileName, String vendor) {
        List<Minifilter> all = lookup(fileName);
        if (vendor == null || vendor.isBlank()) {
            return all;
        }
        String want = companyKey(vendor);
        List<Minifilter> exact = all.stream().filter(m -> companyKey(m.company()).equals(want)).toList();
        return exact.isEmpty() ? all : exact;
    }

    /** The load order group whose range holds {@code altitude} (decimal text, may be fractional). */
    public Optional<LoadOrderGroup> groupOf(String altitude) {
        BigDecimal a;
        try {
            a = new BigDecimal(altitude.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
        return groups.stream().filter(g -> g.contains(a)).findFirst();
    }

    /** The load order groups that have allocations, with their ranges. */
    public List<LoadOrderGroup> groups() {
        return groups;
    }

    static String companyKey(String company) {
        String s = company.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").trim();
        s = s.replaceAll("\\s+(inc|ltd|llc|co|corp|corporation|limited|gmbh|ag|sa|plc|pty)(\\s+.*)?$", "");
        return s.replaceAll("\\s+", " ").trim();
    }

    private static LoadOrderGroup group(String name, String range) {
        int dash = range.indexOf('-');
        return new LoadOrderGroup(name, range, new BigDecimal(range.substring(0, dash).trim()),
                new BigDecimal(range.substring(dash + 1).trim()));
    }

    static MinifilterAltitudes load() {
        List<Minifilter> rows = new ArrayList<>();
        for (String[] f : KbData.tsv(RESOURCE, HEADER)) {
            rows.add(new Minifilter(f[0], f[1], f[2], f[3], f[4], f[5], Boolean.parseBoolean(f[6])));
        }
        return new MinifilterAltitudes(rows);
    }
}
