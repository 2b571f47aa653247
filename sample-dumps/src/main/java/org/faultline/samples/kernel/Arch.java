package org.faultline.samples.kernel;

import org.faultline.samples.minidump.Amd64Context;
import org.faultline.samples.minidump.Arm64Context;
import org.faultline.samples.minidump.CpuContext;
import org.faultline.samples.minidump.X86Context;

/** The processor of a kernel dump: header flavour (32- or 64-bit), MachineImageType and CONTEXT type. */
public enum Arch {
    /** x64: {@code PAGEDU64}, MachineImageType 0x8664. */
    AMD64(0x8664, true, "rip", "rsp"),
    /** ARM64: {@code PAGEDU64}, MachineImageType 0xAA64. */
    ARM64(0xAA64, true, "pc", "sp"),
    /** x86: {@code PAGEDUMP}, MachineImageType 0x14C. */
    X86(0x014C, false, "eip", "esp");

    private final int machine;
    private final boolean is64;
    private final String pc;
    private final String sp;

    Arch(int machine, boolean is64, String pc, String sp) {
        this.machine = machine;
        this.is64 = is64;
        this.pc = pc;
        this.sp = sp;
    }

    /** IMAGE_FILE_MACHINE value written to MachineImageType. */
    public int machineImageType() {
        return machine;
    }

    /** True for the {@code PAGEDU64} header (x64, ARM64). */
    public boolean is64() {
        return is64;
    }

    /** Header size, which is also where the dump body starts: 0x2000 (64-bit) or 0x1000 (32-bit). */
    public int headerSize() {
        return is64 ? 0x2000 : 0x1000;
    }

    /** Size of a pointer in the target: 8 or 4. */
    public int pointerSize() {
        return is64 ? 8 : 4;
    }

    /** A zeroed CONTEXT of this architecture with its usual ContextFlags. */
    public CpuContext<?> newContext() {
        return switch (this) {
            case AMD64 -> Amd64Context.create();
            case ARM64 -> Arm64Context.create();
            case X86 -> X86Context.create();
        };
    }

    /** Name of the program-counter register in {@link CpuContext#get(String)}. */
    public String pcRegister() {
        return pc;
    }

    /** Name of the stack-pointer register in {@link CpuContext#get(String)}. */
    public String spRegister() {
        return sp;
    }
}
