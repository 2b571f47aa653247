package org.faultline.samples.kernel;

import java.util.Locale;
import java.util.Map;
import org.faultline.samples.io.LeWriter;

/**
 * An x64 {@code KTRAP_FRAME} (0x190 bytes) with the registers a kernel debugger restores from it: volatile
 * GPRs at 0x30–0x60, Rbp @0x158, Rip @0x168, SegCs @0x170, EFlags @0x178, Rsp @0x180, SegSs @0x188. On the
 * stack of a real x64 dump the frame ends exactly at the faulting RSP.
 */
public final class TrapFrame64 {
    /** Size of the structure. */
    public static final int SIZE = 0x190;

    private static final Map<String, int[]> REGISTERS = Map.ofEntries(
            Map.entry("rax", new int[] {0x30, 8}), Map.entry("rcx", new int[] {0x38, 8}),
            Map.entry("rdx", new int[] {0x40, 8}), Map.entry("r8", new int[] {0x48, 8}),
            Map.entry("r9", new int[] {0x50, 8}), Map.entry("r10", new int[] {0x58, 8}),
            Map.entry("r11", new int[] {0x60, 8}), Map.entry("rbp", new int[] {0x158, 8}),
            Map.entry("rip", new int[] {0x168, 8}), Map.entry("segcs", new int[] {0x170, 2}),
            Map.entry("eflags", new int[] {0x178, 4}), Map.entry("rsp", new int[] {0x180, 8}),
            Map.entry("segss", new int[] {0x188, 2}));

    private final byte[] bytes = new byte[SIZE];

    private TrapFrame64() {
    }

    /** A zeroed frame. */
    public static TrapFrame64 create() {
        return new TrapFrame64();
    }

    /** Sets a register by name: rax, rcx, rdx, r8–r11, rbp, rip, segcs, eflags, rsp, segss. */
    public TrapFrame64 set(String name, long value) {
        int[] r = REGISTERS.get(name.toLowerCase(Locale.ROOT));
        if (r == null) {
            throw new IllegalArgumentException("unknown KTRAP_FRAME register \"" + name + "\"");
        }
        LeWriter.putLe(bytes, r[0], value, r[1]);
        return this;
    }

    /** Sets Rip. */
    public TrapFrame64 rip(long v) {
        return set("rip", v);
    }

    /** Sets Rsp. */
    public TrapFrame64 rsp(long v) {
        return set("rsp", v);
    }

    /** Sets Rbp. */
    public TrapFrame64 rbp(long v) {
        return set("rbp", v);
    }

    /** The frame's bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }
}
