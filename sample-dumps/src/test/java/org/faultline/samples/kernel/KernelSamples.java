package org.faultline.samples.kernel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.faultline.samples.minidump.Amd64Context;
import org.faultline.samples.minidump.Arm64Context;
import org.faultline.samples.minidump.X86Context;

/** Triage dumps with every part the writer knows, shared by the structural tests. */
final class KernelSamples {
    static final long KERNBASE = 0xFFFF_F804_7BA0_0000L;
    static final long TOP = 0xFFFF_8504_2989_0EE8L;
    static final long STACK_END = 0xFFFF_8504_2989_3000L;
    static final long PRCB_VA = 0xFFFF_F804_7A00_0000L;
    static final long CTX_VA = 0xFFFF_F804_7A00_8000L;
    static final long BUGCHECK_PC = 0xFFFF_F804_7BDF_5A80L;
    static final long DRIVER_PC = 0xFFFF_F804_8B58_334CL;
    static final int PRCB_CONTEXT_POINTER = 0x85C0;
    static final long FAULT_SP = TOP + 0x1000;

    private KernelSamples() {
    }

    static Amd64Context bugcheckContext() {
        return Amd64Context.create().rip(BUGCHECK_PC).rsp(TOP).rbp(0xFFFF_8504_2989_2C10L).rcx(0x7E).eflags(0x40286);
    }

    static SynthKernelDump x64() {
        byte[] block = new byte[0x100];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) i;
        }
        return SynthKernelDump.triage(Arch.AMD64)
                .version(0xF, 19041).directoryTableBase(0x1AD000).pfnDataBase(0xFFFF_F804_7C6F_C500L)
                .psLoadedModuleList(0xFFFF_F804_7C62_A390L).psActiveProcessHead(0xFFFF_F804_7C61_E200L)
                .processors(16).bugCheck(0x1000_007EL, 0xFFFF_FFFF_C000_0005L, DRIVER_PC, 0xFFFF_8504_2989_1EE8L,
                        0xFFFF_8504_2989_1720L)
                .kdDebuggerDataBlock(0xFFFF_F804_7C60_0B20L)
                .headerContext(bugcheckContext())
                .systemTime(Instant.parse("2000-01-01T00:00:00Z"))
                .systemUpTime(Duration.ofSeconds(3600))
                .comment("synthetic triage dump")
                .productType(1).suiteMask(0x110)
                .triageContext(Amd64Context.create().rip(DRIVER_PC).rsp(FAULT_SP))
                .triageException(ExceptionRecord.of(ExceptionRecord.ACCESS_VIOLATION, DRIVER_PC, 0, 0x10))
                .mmStorage(MmStorage.create().set(MmStorage.Field.COMMITTED_PAGES, 0x12345))
                .unloadedDriver("dam.sys", 0xFFFF_F804_87DE_0000L, 0xFFFF_F804_87DF_C000L)
                .unloadedDriver("averyveryverylongname.sys", 0xFFFF_F804_79D3_0000L, 0xFFFF_F804_79D4_2000L)
                .prcb(new byte[0xAF00]).prcbPointer(PRCB_CONTEXT_POINTER, CTX_VA)
                .process(new byte[0xA40]).thread(new byte[0x898])
                .callStack(TOP, (int) (STACK_END - TOP))
                .stackU64s(TOP, 0x7E, DRIVER_PC)
                .debuggerData(KdDebuggerData.create(KERNBASE).psLoadedModuleList(0xFFFF_F804_7C62_A390L)
                        .psActiveProcessHead(0xFFFF_F804_7C61_E200L).mmPfnDatabase(0xFFFF_F804_7C6F_C500L)
                        .ntBuildLab(0xFFFF_F804_7C40_0000L).kiProcessorBlock(0xFFFF_F804_7C71_0000L)
                        .mmUnloadedDrivers(0xFFFF_F804_7C72_0000L))
                .driver(DriverSpec.of("\\SystemRoot\\system32\\ntoskrnl.exe", KERNBASE, 0x0104_6000, 0xA5_938C, 0x0D83_33E6)
                        .withEntryPoint(KERNBASE + 0x1000))
                .driver("hal.dll", 0xFFFF_F804_7944_0000L, 0x6000, 0xCE9F, 0x1A7B_E8E9)
                .driver("amdppm.sys", 0xFFFF_F804_8B57_0000L, 0x2_5000, 0x2_D0A1, 0x5F4E_1A2B)
                .dataPage(0xFFFF_F804_7C40_0000L, new byte[0x1000])
                .dataBlock(PRCB_VA, 0x1_0000)
                .dataBlock(DRIVER_PC & ~0xFFFL, block)
                .contextAt(CTX_VA, bugcheckContext())
                .trapFrameAt(FAULT_SP - TrapFrame64.SIZE, TrapFrame64.create().rip(DRIVER_PC).rsp(FAULT_SP).rbp(0x1234))
                .trailer("DumpBlob".getBytes(StandardCharsets.US_ASCII));
    }

    static SynthKernelDump arm64() {
        return SynthKernelDump.triage(Arch.ARM64).version(0xF, 17134).processors(8).bugCheck(0xE2)
                .headerContext(Arm64Context.create().pc(0xFFFF_F801_BCD5_2DE8L).sp(0xFFFF_9A8F_1234_5000L))
                .callStack(0xFFFF_9A8F_1234_5000L, 0x1000)
                .driver("ntoskrnl.exe", 0xFFFF_F801_BC80_0000L, 0x0096_0000, 0x8_0000, 0x5AD6_0A01);
    }

    static SynthKernelDump x86() {
        return SynthKernelDump.triage(Arch.X86).version(0xF, 7601).directoryTableBase(0x185000)
                .psLoadedModuleList(0x8298_4850L).bugCheck(0xD1, 0x1C, 2, 0, 0x8F2A_1234L)
                .kdDebuggerDataBlock(0x8296_0C28L)
                .headerContext(X86Context.create().eip(0x828C_8000L).esp(0x8A3F_F000L).ebp(0x8A3F_F100L))
                .systemTime(0)
                .comment("x86")
                .triageException(ExceptionRecord.of(ExceptionRecord.ACCESS_VIOLATION, 0x8F2A_1234L, 0, 0x1C))
                .mmStorage(MmStorage.create())
                .unloadedDriver("old.sys", 0x8F00_0000L, 0x8F01_0000L)
                .callStack(0x8A3F_F000L, 0x1000)
                .pokePointer(0x8A3F_F004L, 0x8F2A_1234L)
                .debuggerData(KdDebuggerData.create(0x8284_A000L))
                .driver("ntkrpamp.exe", 0x8284_A000L, 0x41_0000, 0x3C_8F2E, 0x4CE7_951A)
                .driver("faulty.sys", 0x8F2A_0000L, 0x8000, 0x1_2345, 0x5000_0000)
                .dataPage(0x8298_0000L, new byte[0x1000])
                .dataBlock(0x8F2A_1000L, 0x1000);
    }
}
