package org.faultline.samples.minidump;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faultline.samples.io.LeWriter;

/** AMD64 {@code CONTEXT}: 1232 bytes, {@code ContextFlags} at 0x30, 16-byte aligned in the file. */
public final class Amd64Context extends CpuContext<Amd64Context> {
    /** Base structure size. */
    public static final int SIZE = 1232;
    /** CONTEXT_AMD64 CPU bit. */
    public static final int CPU_FLAG = 0x0010_0000;
    /** CONTROL | INTEGER | SEGMENTS | FLOATING_POINT | DEBUG_REGISTERS. */
    public static final int ALL = 0x0010_001F;
    /** The XSTATE low bit. */
    public static final int XSTATE = 0x40;
    /** Offset of Xmm0 (inside FltSave). */
    public static final int XMM0_OFFSET = 0x1A0;

    private static final Map<String, Register> REGISTERS = build();

    private static Map<String, Register> build() {
        List<Object> t = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            t.addAll(List.of("p" + (i + 1) + "home", 8 * i, 8));
        }
        t.addAll(List.of("mxcsr", 0x34, 4, "cs", 0x38, 2, "ds", 0x3A, 2, "es", 0x3C, 2, "fs", 0x3E, 2,
                "gs", 0x40, 2, "ss", 0x42, 2, "eflags", 0x44, 4,
                "dr0", 0x48, 8, "dr1", 0x50, 8, "dr2", 0x58, 8, "dr3", 0x60, 8, "dr6", 0x68, 8, "dr7", 0x70, 8));
        String[] gprs = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip"};
        for (int i = 0; i < gprs.length; i++) {
            t.addAll(List.of(gprs[i], 0x78 + 8 * i, 8));
        }
        t.addAll(List.of("vectorcontrol", 0x4A0, 8, "debugcontrol", 0x4A8, 8,
                "lastbranchtorip", 0x4B0, 8, "lastbranchfromrip", 0x4B8, 8,
                "lastexceptiontorip", 0x4C0, 8, "lastexceptionfromrip", 0x4C8, 8));
        return table(t.toArray());
    }

    private Amd64Context() {
        super(SIZE, 0x30, ALL, REGISTERS);
    }

    /** A zeroed context with {@code ContextFlags = 0x0010001F}. */
    public static Amd64Context create() {
        return new Amd64Context();
    }

    @Override
    Amd64Context self() {
        return this;
    }

    @Override
    public int alignment() {
        return 16;
    }

    /** Sets RIP. */
    public Amd64Context rip(long v) {
        return set("rip", v);
    }

    /** Sets RSP. */
    public Amd64Context rsp(long v) {
        return set("rsp", v);
    }

    /** Sets RBP. */
    public Amd64Context rbp(long v) {
        return set("rbp", v);
    }

    /** Sets RAX. */
    public Amd64Context rax(long v) {
        return set("rax", v);
    }

    /** Sets RBX. */
    public Amd64Context rbx(long v) {
        return set("rbx", v);
    }

    /** Sets RCX. */
    public Amd64Context rcx(long v) {
        return set("rcx", v);
    }

    /** Sets RDX. */
    public Amd64Context rdx(long v) {
        return set("rdx", v);
    }

    /** Sets RSI. */
    public Amd64Context rsi(long v) {
        return set("rsi", v);
    }

    /** Sets RDI. */
    public Amd64Context rdi(long v) {
        return set("rdi", v);
    }

    /** Sets R{@code n}, 8 ≤ n ≤ 15. */
    public Amd64Context r(int n, long v) {
        if (n < 8 || n > 15) {
            throw new IllegalArgumentException("r" + n);
        }
        return set("r" + n, v);
    }

    /** Sets EFlags. */
    public Amd64Context eflags(long v) {
        return set("eflags", v);
    }

    /** Sets the segment registers CS, DS, ES, FS, GS, SS. */
    public Amd64Context segments(int cs, int ds, int es, int fs, int gs, int ss) {
        return set("cs", cs).set("ds", ds).set("es", es).set("fs", fs).set("gs", gs).set("ss", ss);
    }

    /** Sets XMM{@code n} (0..15) from its low and high 64-bit halves. */
    public Amd64Context xmm(int n, long low, long high) {
        if (n < 0 || n > 15) {
            throw new IllegalArgumentException("xmm" + n);
        }
        byte[] b = new byte[16];
        LeWriter.putLe(b, 0, low, 8);
        LeWriter.putLe(b, 8, high, 8);
        return raw(XMM0_OFFSET + 16 * n, b);
    }

    /** Appends an XSTATE tail and sets the XSTATE flag bit. */
    public Amd64Context xstate(byte[] tail) {
        return contextFlags(contextFlags() | XSTATE).extraBytes(tail);
    }
}
