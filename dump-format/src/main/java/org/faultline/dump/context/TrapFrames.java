package org.faultline.dump.context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.MemoryReader;

/**
 * The x64 KTRAP_FRAME (0x190 bytes): the registers the kernel saves on a trap or interrupt, which is how a
 * debugger shows the faulting instruction's registers when the crash context sits in KeBugCheckEx.
 * Layout: Microsoft's public ntoskrnl symbols as published by the Vergilius Project (_KTRAP_FRAME, x64,
 * Windows 10/11), cross-checked in {@code kernel-dump.md} §12 against a real triage dump. The frame holds
 * the volatile registers plus rbx/rdi/rsi/rbp, rip, rsp, eflags and segments; the other non-volatile
 * registers are not saved there.
 */
public final class TrapFrames {
    /** Size of the x64 KTRAP_FRAME. */
    public static final int AMD64_SIZE = 0x190;

    /** Register name → offset in the x64 KTRAP_FRAME, for the 64-bit registers. */
    private static final Map<String, Integer> AMD64_REGISTERS = new LinkedHashMap<>();

    static {
        AMD64_REGISTERS.put("rax", 0x30);
        AMD64_REGISTERS.put("rbx", 0x140);
        AMD64_REGISTERS.put("rcx", 0x38);
        AMD64_REGISTERS.put("rdx", 0x40);
        AMD64_REGISTERS.put("rsi", 0x150);
        AMD64_REGISTERS.put("rdi", 0x148);
        AMD64_REGISTERS.put("rbp", 0x158);
        AMD64_REGISTERS.put("rsp", 0x180);
        AMD64_REGISTERS.put("r8", 0x48);
        AMD64_REGISTERS.put("r9", 0x50);
        AMD64_REGISTERS.put("r10", 0x58);
        AMD64_REGISTERS.put("r11", 0x60);
        AMD64_REGISTERS.put("rip", 0x168);
    }

    private TrapFrames() {
    }

    /** Offset of a 64-bit register in the x64 KTRAP_FRAME, for writers and tests. */
    public static int amd64Offset(String register) {
        Integer off = AMD64_REGISTERS.get(register);
        if (off == null) {
            throw new IllegalArgumentException("no 64-bit register " + register + " in KTRAP_FRAME");
        }
        return off;
    }

    /** Reads an x64 KTRAP_FRAME at {@code address}; empty when its bytes are not in the dump. */
    public static Optional<CpuContext> readAmd64(MemoryReader memory, long address) {
        return memory.read(address, AMD64_SIZE).map(b -> {
            Map<String, Long> r = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : AMD64_REGISTERS.entrySet()) {
                r.put(e.getKey(), u64(b, e.getValue()));
            }
            r.put("eflags", u64(b, 0x178) & 0xFFFF_FFFFL);
            r.put("cs", u64(b, 0x170) & 0xFFFF);
            r.put("ss", u64(b, 0x188) & 0xFFFF);
            r.put("mxcsr", u64(b, 0x2C) & 0xFFFF_FFFFL);
            return new CpuContext(Architecture.AMD64, 0, r);
        });
    }

    private static long u64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
