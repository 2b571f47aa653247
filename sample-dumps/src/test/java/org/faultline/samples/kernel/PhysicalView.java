package org.faultline.samples.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.faultline.samples.testing.Le;

/**
 * Test-side reader of a 64-bit full or bitmap dump: physical address → file offset from the header's runs or the
 * bitmap, and a hand-written x64 page walk. Independent of the writer and of the dump-format parser.
 */
final class PhysicalView {
    /** A page walk: the entry read at each level (0 = PML4E) and the resulting physical address, or -1. */
    record Walk(long[] entries, int levels, long pa) {
    }

    private final Le b;
    /** {firstPfn, count, fileOffset}. */
    final List<long[]> runs = new ArrayList<>();

    PhysicalView(Le b) {
        this.b = b;
        long type = b.u32(0xF98);
        if (type == 1) {
            long n = b.u32(0x88);
            long at = 0x2000;
            for (int i = 0; i < n; i++) {
                long base = b.u64(0x98 + 16L * i);
                long count = b.u64(0xA0 + 16L * i);
                runs.add(new long[] {base, count, at});
                at += count * 0x1000;
            }
        } else {
            long firstPage = b.u64(0x2020);
            long bits = b.u64(0x2030);
            long n = 0;
            for (long pfn = 0; pfn < bits; pfn++) {
                if ((b.u8(0x2038 + (pfn >>> 3)) & (1 << (pfn & 7))) != 0) {
                    long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                    if (last != null && last[0] + last[1] == pfn) {
                        last[1]++;
                    } else {
                        runs.add(new long[] {pfn, 1, firstPage + n * 0x1000});
                    }
                    n++;
                }
            }
        }
    }

    OptionalLong fileOffset(long pa) {
        long pfn = pa >>> 12;
        for (long[] r : runs) {
            if (pfn >= r[0] && pfn < r[0] + r[1]) {
                return OptionalLong.of(r[2] + (pfn - r[0]) * 0x1000 + (pa & 0xFFF));
            }
        }
        return OptionalLong.empty();
    }

    long physU64(long pa) {
        return b.u64(fileOffset(pa).orElseThrow(() -> new AssertionError("PA 0x" + Long.toHexString(pa) + " not in the dump")));
    }

    /** Walks the x64 tables by hand: 9-bit indexes at 39/30/21/12, P = bit 0, PS = bit 7. */
    Walk walk(long cr3, long va) {
        long[] entries = new long[4];
        long table = cr3 & 0x000F_FFFF_FFFF_F000L;
        for (int level = 0; level < 4; level++) {
            long index = (va >>> (39 - 9 * level)) & 511;
            long e = physU64(table + 8 * index);
            entries[level] = e;
            if ((e & 1) == 0) {
                return new Walk(entries, level + 1, -1);
            }
            long frame = e & 0x000F_FFFF_FFFF_F000L;
            if (level == 1 && (e & 0x80) != 0) {
                return new Walk(entries, 2, (frame & ~0x3FFF_FFFFL) | (va & 0x3FFF_FFFFL));
            }
            if (level == 2 && (e & 0x80) != 0) {
                return new Walk(entries, 3, (frame & ~0x1F_FFFFL) | (va & 0x1F_FFFFL));
            }
            if (level == 3) {
                return new Walk(entries, 4, frame | (va & 0xFFF));
            }
            table = frame;
        }
        throw new AssertionError();
    }

    long virtU64(long cr3, long va) {
        return physU64(walk(cr3, va).pa());
    }

    byte[] virtBytes(long cr3, long va, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) b.u8(fileOffset(walk(cr3, va + i).pa()).orElseThrow());
        }
        return out;
    }
}
