package org.faultline.dump.context;

import java.util.LinkedHashMap;
import java.util.Map;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * Reads CONTEXT records. The layout is chosen by the architecture the dump declares (ContextFlags sits at a
 * different offset on each CPU, so it cannot pick the layout itself); a context larger than the base
 * structure (extended XSTATE) is read by its known prefix.
 */
public final class Contexts {
    /** Size of the x86 CONTEXT. */
    public static final int X86_SIZE = 0x2CC;
    /** Size of the AMD64 CONTEXT. */
    public static final int AMD64_SIZE = 0x4D0;
    /** Size of the ARM64 CONTEXT. */
    public static final int ARM64_SIZE = 0x390;
    /** Size of the Windows ARM (32-bit) CONTEXT. */
    public static final int ARM_SIZE = 0x1A0;

    private static final String[] AMD64_GPR = {
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip"
    };

    private Contexts() {
    }

    /** The base size of a CONTEXT for {@code arch}, or 0 when Faultline has no layout for it. */
    public static int baseSize(Architecture arch) {
        return switch (arch) {
            case X86 -> X86_SIZE;
            case AMD64 -> AMD64_SIZE;
            case ARM64 -> ARM64_SIZE;
            case ARM -> ARM_SIZE;
            case UNKNOWN -> 0;
        };
    }

    /**
     * Where {@link #read} finds ContextFlags (a u32) in a CONTEXT of {@code arch}: for scans that test many
     * candidates cheaply before parsing one.
     */
    public static int flagsOffset(Architecture arch) {
        return switch (arch) {
            case AMD64 -> 0x30;
            case X86, ARM64, ARM -> 0;
            case UNKNOWN -> throw new IllegalArgumentException("no CONTEXT layout for " + arch.id());
        };
    }

    /** Where {@link #read} finds the stack pointer (rsp, sp: a u64) in a 64-bit CONTEXT of {@code arch}. */
    public static int stackPointerOffset64(Architecture arch) {
        return switch (arch) {
            case AMD64 -> 0x98;
            case ARM64 -> 0x100;
            default -> throw new IllegalArgumentException("not a 64-bit CONTEXT layout: " + arch.id());
        };
    }

    /**
     * Reads a CONTEXT for {@code arch} from the start of {@code c}, which must hold at least the base size.
     *
     * @throws DumpFormatException.UnsupportedFormat for an architecture without a layout
     * @throws DumpFormatException.InvalidValue      when the region is smaller than the base structure
     */
    public static CpuContext read(Architecture arch, Cursor c) throws DumpFormatException {
        int need = baseSize(arch);
        if (need == 0) {
            throw new DumpFormatException.UnsupportedFormat(c.structure(), c.base(),
                    "no CONTEXT layout for architecture " + arch.id());
        }
        if (c.length() < need) {
            throw new DumpFormatException.InvalidValue(c.structure(), c.base(),
                    "a " + arch.id() + " CONTEXT needs " + need + " bytes, the record has " + c.length());
        }
        return switch (arch) {
            case X86 -> x86(c);
            case AMD64 -> amd64(c);
            case ARM64 -> arm64(c);
            default -> arm(c);
        };
    }

    private static CpuContext x86(Cursor c) throws DumpFormatException {
        Map<String, Long> r = new LinkedHashMap<>();
        long flags = c.seek(0).u32();
        String[] debug = {"dr0", "dr1", "dr2", "dr3", "dr6", "dr7"};
        for (String d : debug) {
            r.put(d, c.u32());
        }
        c.seek(0x8C);
        for (String s : new String[] {"gs", "fs", "es", "ds", "edi", "esi", "ebx", "edx", "ecx", "eax", "ebp",
                "eip", "cs", "eflags", "esp", "ss"}) {
            r.put(s, c.u32());
        }
        return new CpuContext(Architecture.X86, flags, order(r, "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp",
                "esp", "eip", "eflags", "cs", "ds", "es", "fs", "gs", "ss", "dr0", "dr1", "dr2", "dr3", "dr6",
                "dr7"));
    }

    private static CpuContext amd64(Cursor c) throws DumpFormatException {
        Map<String, Long> r = new LinkedHashMap<>();
        long flags = c.seek(0x30).u32();
        r.put("mxcsr", c.u32());
        for (String s : new String[] {"cs", "ds", "es", "fs", "gs", "ss"}) {
            r.put(s, (long) c.u16());
        }
        r.put("eflags", c.u32());
        for (String d : new String[] {"dr0", "dr1", "dr2", "dr3", "dr6", "dr7"}) {
            r.put(d, c.u64());
        }
        for (String g : AMD64_GPR) {
            r.put(g, c.u64());
        }
        Map<String, Long> ordered = order(r, "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9",
                "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags", "cs", "ds", "es", "fs", "gs", "ss",
                "mxcsr", "dr0", "dr1", "dr2", "dr3", "dr6", "dr7");
        return new CpuContext(Architecture.AMD64, flags, ordered);
    }

    private static CpuContext arm64(Cursor c) throws DumpFormatException {
        Map<String, Long> r = new LinkedHashMap<>();
        long flags = c.seek(0).u32();
        long cpsr = c.u32();
        for (int i = 0; i <= 28; i++) {
            r.put("x" + i, c.u64());
        }
        r.put("fp", c.u64());
        r.put("lr", c.u64());
        r.put("sp", c.u64());
        r.put("pc", c.u64());
        r.put("cpsr", cpsr);
        c.seek(0x310);
        r.put("fpcr", c.u32());
        r.put("fpsr", c.u32());
        return new CpuContext(Architecture.ARM64, flags, r);
    }

    private static CpuContext arm(Cursor c) throws DumpFormatException {
        Map<String, Long> r = new LinkedHashMap<>();
        long flags = c.seek(0).u32();
        for (int i = 0; i <= 12; i++) {
            r.put("r" + i, c.u32());
        }
        r.put("sp", c.u32());
        r.put("lr", c.u32());
        r.put("pc", c.u32());
        r.put("cpsr", c.u32());
        return new CpuContext(Architecture.ARM, flags, r);
    }

    private static Map<String, Long> order(Map<String, Long> r, String... names) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, r.get(n));
        }
        return out;
    }
}
