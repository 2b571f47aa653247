package org.faultline.samples.minidump;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faultline.samples.io.LeWriter;

/** Windows ARM64 {@code CONTEXT}: 912 bytes, {@code ContextFlags} at 0, 16-byte aligned in the file. */
public final class Arm64Context extends CpuContext<Arm64Context> {
    /** Base structure size. */
    public static final int SIZE = 912;
    /** CONTEXT_ARM64 CPU bit. */
    public static final int CPU_FLAG = 0x0040_0000;
    /** CONTROL | INTEGER | FLOATING_POINT (CONTEXT_ARM64_FULL). */
    public static final int FULL = 0x0040_0007;
    /** Offset of V0. */
    public static final int V0_OFFSET = 0x110;

    private static final Map<String, Register> REGISTERS = build();

    private static Map<String, Register> build() {
        List<Object> t = new ArrayList<>(List.of("cpsr", 0x04, 4));
        for (int n = 0; n <= 28; n++) {
            t.addAll(List.of("x" + n, 0x08 + 8 * n, 8));
        }
        t.addAll(List.of("fp", 0xF0, 8, "lr", 0xF8, 8, "sp", 0x100, 8, "pc", 0x108, 8,
                "fpcr", 0x310, 4, "fpsr", 0x314, 4));
        return table(t.toArray());
    }

    private Arm64Context() {
        super(SIZE, 0, FULL, REGISTERS);
    }

    /** A zeroed context with {@code ContextFlags = 0x00400007}. */
    public static Arm64Context create() {
        return new Arm64Context();
    }

    @Override
    Arm64Context self() {
        return this;
    }

    @Override
    public int alignment() {
        return 16;
    }

    /** Sets X{@code n}; 29 and 30 go to FP and LR. */
    public Arm64Context x(int n, long v) {
        if (n < 0 || n > 30) {
            throw new IllegalArgumentException("x" + n);
        }
        return set(n == 29 ? "fp" : n == 30 ? "lr" : "x" + n, v);
    }

    /** Sets FP (X29). */
    public Arm64Context fp(long v) {
        return set("fp", v);
    }

    /** Sets LR (X30). */
    public Arm64Context lr(long v) {
        return set("lr", v);
    }

    /** Sets SP. */
    public Arm64Context sp(long v) {
        return set("sp", v);
    }

    /** Sets PC. */
    public Arm64Context pc(long v) {
        return set("pc", v);
    }

    /** Sets CPSR. */
    public Arm64Context cpsr(long v) {
        return set("cpsr", v);
    }

    /** Sets V{@code n} (0..31) from its low and high 64-bit halves. */
    public Arm64Context v(int n, long low, long high) {
        if (n < 0 || n > 31) {
            throw new IllegalArgumentException("v" + n);
        }
        byte[] b = new byte[16];
        LeWriter.putLe(b, 0, low, 8);
        LeWriter.putLe(b, 8, high, 8);
        return raw(V0_OFFSET + 16 * n, b);
    }
}
