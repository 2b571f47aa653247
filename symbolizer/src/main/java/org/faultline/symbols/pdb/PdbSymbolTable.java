package org.faultline.symbols.pdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.faultline.symbols.Symbol;
import org.faultline.symbols.SymbolTable;

/**
 * RVA → symbol over a PDB's procedures and publics, as sorted arrays searched by bisection.
 *
 * <ul>
 *   <li>A procedure whose {@code [start, start + length)} covers the address wins (with its size).</li>
 *   <li>Otherwise the nearest public at or below the address, provided it belongs to the section containing the
 *       address (so an address in an incremental-link thunk area below the first public of {@code .text} gets
 *       nothing, not a neighbour from another section). Publics have no size.</li>
 *   <li>Several publics at one RVA (identical code folding): function-flagged first, then the alphabetically
 *       first name, so answers are stable.</li>
 * </ul>
 */
public final class PdbSymbolTable implements SymbolTable {
    private static final int MAX_WALK_BACK = 64;
    private final AddressMap map;
    private final long[] procStart;
    private final long[] procEnd;
    /** procMaxEnd[i] = max(procEnd[0..i]): lets overlapping or nested ranges be found. */
    private final long[] procMaxEnd;
    private final String[] procName;
    private final long[] pubStart;
    private final int[] pubSection;
    private final String[] pubName;

    PdbSymbolTable(AddressMap map, List<ProcedureSymbol> procedures, List<PublicSymbol> publics) {
        this.map = map;
        record Proc(long start, long end, String name) {
        }
        List<Proc> procs = new ArrayList<>(procedures.size());
        for (ProcedureSymbol p : procedures) {
            long rva = map.rva(p.segment(), p.offset());
            if (rva != AddressMap.NO_RVA) {
                procs.add(new Proc(rva, rva + p.length(), p.name()));
            }
        }
        procs.sort(Comparator.comparingLong(Proc::start).thenComparing(Proc::end, Comparator.reverseOrder())
                .thenComparing(Proc::name));
        // Folded copies of one function (same range, in several modules): keep the first name.
        List<Proc> unique = new ArrayList<>(procs.size());
        for (Proc p : procs) {
            Proc last = unique.isEmpty() ? null : unique.get(unique.size() - 1);
            if (last == null || last.start != p.start || last.end != p.end) {
                unique.add(p);
            }
        }
        procs = unique;
        int n = procs.size();
        procStart = new long[n];
        procEnd = new long[n];
        procMaxEnd = new long[n];
        procName = new String[n];
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            Proc p = procs.get(i);
            procStart[i] = p.start;
            procEnd[i] = p.end;
            procName[i] = p.name;
            max = Math.max(max, p.end);
            procMaxEnd[i] = max;
        }

        record Pub(long rva, int section, boolean function, String name) {
        }
        List<Pub> pubs = new ArrayList<>(publics.size());
        for (PublicSymbol p : publics) {
            long rva = map.rva(p.segment(), p.offset());
            if (rva != AddressMap.NO_RVA) {
                // The section a public belongs to is the one its segment names (so __enc$textbss$end, at the
                // end of .textbss, is not taken for the first byte of .text); through OMAP, where the mapped
                // address lands.
                int section = map.omapFromSource() == null ? p.segment() - 1 : map.sectionIndexOf(rva);
                pubs.add(new Pub(rva, section, p.isFunction(), p.name()));
            }
        }
        pubs.sort(Comparator.comparingLong(Pub::rva).thenComparing(Pub::function, Comparator.reverseOrder())
                .thenComparing(Pub::name));
        long[] s = new long[pubs.size()];
        int[] sec = new int[pubs.size()];
        String[] nm = new String[pubs.size()];
        int k = 0;
        for (Pub p : pubs) {
            if (k > 0 && s[k - 1] == p.rva) {
                continue;
            }
            s[k] = p.rva;
            sec[k] = p.section;
            nm[k] = p.name;
            k++;
        }
        pubStart = Arrays.copyOf(s, k);
        pubSection = Arrays.copyOf(sec, k);
        pubName = Arrays.copyOf(nm, k);
    }

    /** Number of procedures with an RVA. */
    public int procedureCount() {
        return procStart.length;
    }

    /** Number of distinct public addresses. */
    public int publicAddressCount() {
        return pubStart.length;
    }

    /** The lowest and highest+1 RVA of any procedure or public (for benchmarks and sanity checks). */
    public long[] codeRange() {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        if (procStart.length > 0) {
            lo = procStart[0];
            hi = procMaxEnd[procMaxEnd.length - 1];
        }
        if (pubStart.length > 0) {
            lo = Math.min(lo, pubStart[0]);
            hi = Math.max(hi, pubStart[pubStart.length - 1] + 1);
        }
        return lo > hi ? new long[] {0, 0} : new long[] {lo, hi};
    }

    @Override
    public Optional<Symbol> lookup(long rva) {
        Symbol p = procedureAt(rva);
        if (p != null) {
            return Optional.of(p);
        }
        return Optional.ofNullable(publicAt(rva));
    }

    /** The procedure covering {@code rva}, or {@code null}. */
    Symbol procedureAt(long rva) {
        int i = floor(procStart, rva);
        // Walk back while an earlier range could still reach rva. Procedures do not nest and rarely overlap, so
        // the walk is short; it is bounded so that a hostile file cannot make every lookup linear.
        int steps = 0;
        while (i >= 0 && procMaxEnd[i] > rva && steps++ < MAX_WALK_BACK) {
            if (procEnd[i] > rva) {
                return new Symbol(procName[i], procStart[i], procEnd[i] - procStart[i], Symbol.Kind.PROCEDURE, null);
            }
            i--;
        }
        return null;
    }

    /** The nearest public at or below {@code rva} in the same section, or {@code null}. */
    Symbol publicAt(long rva) {
        int i = floor(pubStart, rva);
        if (i < 0) {
            return null;
        }
        int section = map.sectionIndexOf(rva);
        if (section < 0 || pubSection[i] != section) {
            return null;
        }
        return new Symbol(pubName[i], pubStart[i], Symbol.UNKNOWN_SIZE, Symbol.Kind.PUBLIC, null);
    }

    /** Index of the last element {@code <= key}, or -1. */
    private static int floor(long[] a, long key) {
        int lo = 0;
        int hi = a.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
