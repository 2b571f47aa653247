package org.faultline.samples.minidump;

import java.util.Map;

/** x86 (i386) {@code CONTEXT}: 716 bytes, {@code ContextFlags} at 0, all registers 32-bit. */
public final class X86Context extends CpuContext<X86Context> {
    /** Base structure size. */
    public static final int SIZE = 716;
    /** CONTEXT_i386 CPU bit. */
    public static final int CPU_FLAG = 0x0001_0000;
    /** CONTROL | INTEGER | SEGMENTS | FLOATING_POINT | DEBUG_REGISTERS | EXTENDED_REGISTERS. */
    public static final int ALL = 0x0001_003F;
    /** The XSTATE low bit. */
    public static final int XSTATE = 0x40;

    private static final Map<String, Register> REGISTERS = table(
            "dr0", 0x04, 4, "dr1", 0x08, 4, "dr2", 0x0C, 4, "dr3", 0x10, 4, "dr6", 0x14, 4, "dr7", 0x18, 4,
            "gs", 0x8C, 4, "fs", 0x90, 4, "es", 0x94, 4, "ds", 0x98, 4,
            "edi", 0x9C, 4, "esi", 0xA0, 4, "ebx", 0xA4, 4, "edx", 0xA8, 4, "ecx", 0xAC, 4, "eax", 0xB0, 4,
            "ebp", 0xB4, 4, "eip", 0xB8, 4, "cs", 0xBC, 4, "eflags", 0xC0, 4, "esp", 0xC4, 4, "ss", 0xC8, 4);

    private X86Context() {
        super(SIZE, 0, ALL, REGISTERS);
    }

    /** A zeroed context with {@code ContextFlags = 0x0001003F}. */
    public static X86Context create() {
        return new X86Context();
    }

    @Override
    X86Context self() {
        return this;
    }

    @Override
    public int alignment() {
        return 4;
    }

    /** Sets EIP. */
    public X86Context eip(long v) {
        return set("eip", v);
    }

    /** Sets ESP. */
    public X86Context esp(long v) {
        return set("esp", v);
    }

    /** Sets EBP. */
    public X86Context ebp(long v) {
        return set("ebp", v);
    }

    /** Sets EAX. */
    public X86Context eax(long v) {
        return set("eax", v);
    }

    /** Sets EBX. */
    public X86Context ebx(long v) {
        return set("ebx", v);
    }

    /** Sets ECX. */
    public X86Context ecx(long v) {
        return set("ecx", v);
    }

    /** Sets EDX. */
    public X86Context edx(long v) {
        return set("edx", v);
    }

    /** Sets ESI. */
    public X86Context esi(long v) {
        return set("esi", v);
    }

    /** Sets EDI. */
    public X86Context edi(long v) {
        return set("edi", v);
    }

    /** Sets EFlags. */
    public X86Context eflags(long v) {
        return set("eflags", v);
    }

    /** Sets the segment registers CS, DS, ES, FS, GS, SS. */
    public X86Context segments(int cs, int ds, int es, int fs, int gs, int ss) {
        return set("cs", cs).set("ds", ds).set("es", es).set("fs", fs).set("gs", gs).set("ss", ss);
    }

    /** Appends an XSTATE tail and sets the XSTATE flag bit. */
    public X86Context xstate(byte[] tail) {
        return contextFlags(contextFlags() | XSTATE).extraBytes(tail);
    }
}
