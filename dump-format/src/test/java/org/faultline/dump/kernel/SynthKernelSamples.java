package org.faultline.dump.kernel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.faultline.samples.kernel.Arch;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.ExceptionRecord;
import org.faultline.samples.kernel.KdDebuggerData;
import org.faultline.samples.kernel.KernelModuleList;
import org.faultline.samples.kernel.MmStorage;
import org.faultline.samples.kernel.SynthKernelDump;
import org.faultline.samples.kernel.TrapFrame64;
import org.faultline.samples.kernel.TriageField;
import org.faultline.samples.kernel.X64PageTables;
import org.faultline.samples.minidump.Amd64Context;
import org.faultline.samples.minidump.Arm64Context;
import org.faultline.samples.minidump.X86Context;

/**
 * Synthetic kernel dumps written by the independent writer in {@code sample-dumps}, with every value the tests
 * compare against named here. The "rich" triage dumps carry every part the writer knows; the "compact" ones are
 * kept to a few KiB for the truncation and bit-flip properties and the Jazzer seeds. The x64 machine for full and
 * bitmap dumps maps 4 KiB, 2 MiB and 1 GiB pages, a transition PTE, a mapped frame missing from the dump, a PTE
 * without P and a user-mode page, and holds a three-module PsLoadedModuleList.
 */
public final class SynthKernelSamples {
    private SynthKernelSamples() {
    }

    // ------------------------------------------------------------------ x64 triage

    /** x64 triage: values the writer is told. */
    public static final class X64 {
        public static final long KERNBASE = 0xFFFF_F804_7BA0_0000L;
        public static final long TOP = 0xFFFF_8504_2989_0EE8L;
        public static final long STACK_END = 0xFFFF_8504_2989_3000L;
        public static final long PRCB_VA = 0xFFFF_F804_7A00_0000L;
        public static final int PRCB_CONTEXT_POINTER = 0x85C0;
        public static final long CTX_VA = PRCB_VA + 0x8000;
        public static final long BUGCHECK_PC = 0xFFFF_F804_7BDF_5A80L;
        public static final long DRIVER_PC = 0xFFFF_F804_8B58_334CL;
        /** Bug check parameter 3 of 0x1000007E: the EXCEPTION_RECORD64, inside the saved stack. */
        public static final long RECORD_VA = 0xFFFF_8504_2989_1EE8L;
        /** Bug check parameter 4 of 0x1000007E (and parameter 3 of 0x3B): the faulting CONTEXT. */
        public static final long FAULT_CTX_VA = 0xFFFF_8504_2989_1720L;
        public static final long FAULT_SP = TOP + 0x1000;
        /** The KTRAP_FRAME of 0x8E: it ends at the faulting RSP. */
        public static final long TRAP_VA = FAULT_SP - TrapFrame64.SIZE;
        public static final long BUILD_LAB_VA = 0xFFFF_F804_7C40_0000L;
        public static final String BUILD_LAB = "19041.1.amd64fre.vb_release.191206-1406";
        public static final long KDBG_VA = 0xFFFF_F804_7C60_0B20L;
        public static final long PS_LOADED = 0xFFFF_F804_7C62_A390L;
        public static final long PS_ACTIVE = 0xFFFF_F804_7C61_E200L;
        public static final long PFN_DB = 0xFFFF_F804_7C6F_C500L;
        public static final long KI_PROCESSOR_BLOCK = 0xFFFF_F804_7C71_0000L;
        public static final long MM_UNLOADED = 0xFFFF_F804_7C72_0000L;
        /** A return address on the stack (in ntoskrnl); a data block holds 0x100 bytes there, apart from the code page. */
        public static final long RETURN_ADDRESS = BUGCHECK_PC + 0x40;
        public static final long CODE_PAGE = DRIVER_PC & ~0xFFFL;
        public static final Instant TIME = Instant.parse("2021-03-04T05:06:07Z");
        public static final long NT_STATUS = 0xC000_0005L;

        public static final DriverSpec[] DRIVERS = {
            DriverSpec.of("\\SystemRoot\\system32\\ntoskrnl.exe", KERNBASE, 0x0104_6000, 0xA5_938C, 0x0D83_33E6)
                    .withEntryPoint(KERNBASE + 0x1000),
            DriverSpec.of("hal.dll", 0xFFFF_F804_7944_0000L, 0x6000, 0xCE9F, 0x1A7B_E8E9),
            DriverSpec.of("\\SystemRoot\\System32\\drivers\\amdppm.sys", 0xFFFF_F804_8B57_0000L, 0x2_5000, 0x2_D0A1,
                    0x5F4E_1A2B),
        };

        private X64() {
        }

        /** The CONTEXT KPRCB.Context points to: KeBugCheckEx's frame, SP = TopOfStack. */
        public static Amd64Context bugcheckContext() {
            return Amd64Context.create().rip(BUGCHECK_PC).rsp(TOP).rbp(0xFFFF_8504_2989_2C10L).rcx(0x7E)
                    .rdx(0xFFFF_FFFF_C000_0005L).r(8, DRIVER_PC).r(9, RECORD_VA).r(15, 0x1515).eflags(0x40286)
                    .segments(0x10, 0x2B, 0x2B, 0x53, 0x2B, 0x18);
        }

        /** The faulting CONTEXT at bug check parameter 4. */
        public static Amd64Context faultContext() {
            return Amd64Context.create().rip(DRIVER_PC).rsp(FAULT_SP).rax(0xDEAD).rbx(0xB0B).rsi(0x51).rdi(0xD1)
                    .r(12, 0x1212).eflags(0x10246).segments(0x10, 0x2B, 0x2B, 0x53, 0x2B, 0x18);
        }

        /** The KTRAP_FRAME at {@link #TRAP_VA}. */
        public static TrapFrame64 trapFrame() {
            return TrapFrame64.create().rip(DRIVER_PC).rsp(FAULT_SP).rbp(0x1234).set("rax", 0xAAAA).set("rcx", 0xCCCC)
                    .set("rdx", 0xDDDD).set("r8", 0x8888).set("r9", 0x9999).set("r10", 0x1010).set("r11", 0x1111)
                    .set("eflags", 0x10282).set("segcs", 0x10).set("segss", 0x18);
        }

        /** Every part, bug check 0x1000007E with the record at P3 and the context at P4 in the saved stack. */
        public static SynthKernelDump rich() {
            byte[] code = new byte[0x1000];
            for (int i = 0; i < code.length; i++) {
                code[i] = (byte) (i * 7);
            }
            byte[] dataPage = new byte[0x1000];
            byte[] lab = BUILD_LAB.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(lab, 0, dataPage, 0, lab.length);
            return SynthKernelDump.triage(Arch.AMD64)
                    .version(0xF, 19041).directoryTableBase(0x1AD000).pfnDataBase(PFN_DB)
                    .psLoadedModuleList(PS_LOADED).psActiveProcessHead(PS_ACTIVE)
                    .processors(16).bugCheck(0x1000_007EL, 0xFFFF_FFFF_C000_0005L, DRIVER_PC, RECORD_VA, FAULT_CTX_VA)
                    .kdDebuggerDataBlock(KDBG_VA)
                    .headerContext(faultContext())
                    .systemTime(TIME)
                    .systemUpTime(Duration.ofSeconds(3600))
                    .comment("synthetic triage dump")
                    .versionUser("faultline")
                    .secondaryDataState(0)
                    .productType(1).suiteMask(0x110).writerStatus(2)
                    .triageField(TriageField.SERVICE_PACK_BUILD, 0x1234)
                    .triageField(TriageField.BROKEN_DRIVER_OFFSET, 0x90)
                    .triageContext(Amd64Context.create().rip(DRIVER_PC).rsp(FAULT_SP).rax(0x7777))
                    .triageException(ExceptionRecord.of(NT_STATUS, DRIVER_PC, 0, 0x10))
                    .mmStorage(MmStorage.create().set(MmStorage.Field.COMMITTED_PAGES, 0x12345))
                    .unloadedDriver("dam.sys", 0xFFFF_F804_87DE_0000L, 0xFFFF_F804_87DF_C000L)
                    .unloadedDriver("averyveryverylongname.sys", 0xFFFF_F804_79D3_0000L, 0xFFFF_F804_79D4_2000L)
                    .prcb(new byte[0xAF00]).prcbPointer(PRCB_CONTEXT_POINTER, CTX_VA)
                    .process(filled(0xA40, 0xE5)).thread(filled(0x898, 0x7E))
                    .callStack(TOP, (int) (STACK_END - TOP))
                    .stackU64s(TOP, 0x7E, RETURN_ADDRESS)
                    .debuggerData(KdDebuggerData.create(KERNBASE).psLoadedModuleList(PS_LOADED)
                            .psActiveProcessHead(PS_ACTIVE).mmPfnDatabase(PFN_DB).ntBuildLab(BUILD_LAB_VA)
                            .kiProcessorBlock(KI_PROCESSOR_BLOCK).mmUnloadedDrivers(MM_UNLOADED))
                    .driver(DRIVERS[0]).driver(DRIVERS[1]).driver(DRIVERS[2])
                    .dataPage(BUILD_LAB_VA, dataPage)
                    .dataBlock(PRCB_VA, 0x1_0000)
                    .dataBlock(CODE_PAGE, code)
                    .dataBlock(RETURN_ADDRESS, filled(0x100, 0xC3))
                    .contextAt(CTX_VA, bugcheckContext())
                    .contextAt(FAULT_CTX_VA, faultContext())
                    .poke(RECORD_VA, record64(NT_STATUS, 0, 0, DRIVER_PC, 0, 0xFFFF_F804_0000_0010L))
                    .trapFrameAt(TRAP_VA, trapFrame())
                    .trailer("DumpBlob".getBytes(StandardCharsets.US_ASCII));
        }

        /** A few KiB: every list and pointer of {@link #rich()}, smaller blobs. */
        public static SynthKernelDump compact() {
            long top = 0xFFFF_8504_2989_2800L;
            long end = 0xFFFF_8504_2989_3000L;
            long record = top + 0x40;
            long fault = top + 0x100;
            long prcb = 0xFFFF_F804_7A00_0000L;
            return SynthKernelDump.triage(Arch.AMD64)
                    .version(0xF, 19041).directoryTableBase(0x1AD000).psLoadedModuleList(PS_LOADED)
                    .processors(2).bugCheck(0x1000_007EL, NT_STATUS, DRIVER_PC, record, fault)
                    .kdDebuggerDataBlock(KDBG_VA).headerContext(faultContext()).systemTime(TIME)
                    .mmStorage(MmStorage.create())
                    .unloadedDriver("dam.sys", 0xFFFF_F804_87DE_0000L, 0xFFFF_F804_87DF_C000L)
                    .prcb(new byte[0x200]).prcbPointer(0x100, prcb + 0x200)
                    .process(new byte[0x40]).thread(new byte[0x40])
                    .callStack(top, (int) (end - top))
                    .stackU64s(top, 0x7E, RETURN_ADDRESS)
                    .debuggerData(KdDebuggerData.create(KERNBASE).ntBuildLab(BUILD_LAB_VA).size(0x240))
                    .driver(DRIVERS[0]).driver(DRIVERS[1])
                    .dataPage(BUILD_LAB_VA, Arrays.copyOf(BUILD_LAB.getBytes(StandardCharsets.US_ASCII), 0x80))
                    .dataBlock(prcb, 0x700)
                    .dataBlock(CODE_PAGE, filled(0x100, 0x90))
                    .contextAt(prcb + 0x200, Amd64Context.create().rip(BUGCHECK_PC).rsp(top).rcx(0x7E))
                    .contextAt(fault, faultContext())
                    .poke(record, record64(NT_STATUS, 0, 0, DRIVER_PC, 0, 0x10));
        }
    }

    // ------------------------------------------------------------------ ARM64 triage

    /** ARM64 triage: values the writer is told. */
    public static final class Arm64 {
        public static final long KERNBASE = 0xFFFF_F801_BC80_0000L;
        public static final long TOP = 0xFFFF_9A8F_1234_4A40L;
        public static final long STACK_END = 0xFFFF_9A8F_1234_6000L;
        public static final long PRCB_VA = 0xFFFF_F801_BA00_0000L;
        /** KPRCB.Context sits at Prcb+0x8A0 and points into the PRCB itself (Prcb+0x360), as on the real file. */
        public static final int PRCB_CONTEXT_POINTER = 0x8A0;
        public static final long CTX_VA = PRCB_VA + 0x360;
        public static final long BUGCHECK_PC = 0xFFFF_F801_BCD5_2DE8L;
        public static final long DRIVER_PC = 0xFFFF_F801_C123_4568L;
        public static final long RECORD_VA = TOP + 0x200;
        public static final long FAULT_CTX_VA = TOP + 0x400;
        public static final long FAULT_SP = TOP + 0x1000;
        public static final long KDBG_VA = 0xFFFF_F801_BD00_0000L;
        public static final long BUILD_LAB_VA = 0xFFFF_F801_BD10_0000L;
        public static final String BUILD_LAB = "17134.1.arm64fre.rs4_release.180410-1804";

        public static final DriverSpec[] DRIVERS = {
            DriverSpec.of("ntoskrnl.exe", KERNBASE, 0x0096_0000, 0x8_0000, 0x5AD6_0A01),
            DriverSpec.of("\\SystemRoot\\System32\\drivers\\faulty.sys", 0xFFFF_F801_C120_0000L, 0x4_0000, 0x1_2345,
                    0x6000_0001),
        };

        private Arm64() {
        }

        public static Arm64Context bugcheckContext() {
            return Arm64Context.create().pc(BUGCHECK_PC).sp(TOP).fp(TOP).lr(0).x(0, 0x7E).x(1, 0xC000_0005L)
                    .x(19, 0x1919).cpsr(0x6000_0005L);
        }

        public static Arm64Context faultContext() {
            return Arm64Context.create().pc(DRIVER_PC).sp(FAULT_SP).fp(FAULT_SP + 0x40).lr(DRIVER_PC - 0x100)
                    .x(0, 0).x(8, 0x88).x(28, 0x2828).cpsr(0x8000_0005L);
        }

        public static SynthKernelDump rich() {
            byte[] dataPage = Arrays.copyOf(BUILD_LAB.getBytes(StandardCharsets.US_ASCII), 0x1000);
            return SynthKernelDump.triage(Arch.ARM64).version(0xF, 17134).processors(8)
                    .bugCheck(0x1000_007EL, 0xFFFF_FFFF_C000_0005L, DRIVER_PC, RECORD_VA, FAULT_CTX_VA)
                    .kdDebuggerDataBlock(KDBG_VA)
                    .headerContext(faultContext())
                    .systemTime(Instant.parse("2018-06-01T12:00:00Z"))
                    .comment("arm64")
                    .unloadedDriver("MSKSSRV.sys", 0xFFFF_F801_C000_0000L, 0xFFFF_F801_C001_0000L)
                    .unloadedDriver("dump_storport.sys", 0xFFFF_F801_C002_0000L, 0xFFFF_F801_C003_0000L)
                    .prcb(new byte[0x1000]).prcbPointer(PRCB_CONTEXT_POINTER, CTX_VA)
                    .process(new byte[0x100]).thread(new byte[0x100])
                    .callStack(TOP, (int) (STACK_END - TOP))
                    .stackU64s(TOP, TOP + 0x10, DRIVER_PC + 8)
                    .debuggerData(KdDebuggerData.create(KERNBASE).ntBuildLab(BUILD_LAB_VA))
                    .driver(DRIVERS[0]).driver(DRIVERS[1])
                    .dataPage(BUILD_LAB_VA, dataPage)
                    .dataBlock(PRCB_VA, 0x1000)
                    .contextAt(CTX_VA, bugcheckContext())
                    .contextAt(FAULT_CTX_VA, faultContext())
                    .poke(RECORD_VA, record64(0xC000_0005L, 0, 0, DRIVER_PC, 1, 0x18));
        }

        public static SynthKernelDump compact() {
            return SynthKernelDump.triage(Arch.ARM64).version(0xF, 22000).processors(1)
                    .bugCheck(0x1000_007EL, 0xC000_0005L, DRIVER_PC, RECORD_VA, FAULT_CTX_VA)
                    .headerContext(faultContext())
                    .unloadedDriver("MSKSSRV.sys", 0xFFFF_F801_C000_0000L, 0xFFFF_F801_C001_0000L)
                    .prcb(new byte[0x900]).prcbPointer(PRCB_CONTEXT_POINTER, CTX_VA)
                    .callStack(TOP, 0x800)
                    .driver(DRIVERS[0]).driver(DRIVERS[1])
                    .dataBlock(PRCB_VA, 0x700)
                    .contextAt(CTX_VA, bugcheckContext())
                    .contextAt(FAULT_CTX_VA, faultContext())
                    .poke(RECORD_VA, record64(0xC000_0005L, 0, 0, DRIVER_PC, 1, 0x18));
        }
    }

    // ------------------------------------------------------------------ x86 triage

    /** 32-bit x86 triage: values the writer is told. */
    public static final class X86 {
        public static final long KERNBASE = 0x8284_A000L;
        public static final long TOP = 0x8A3F_F000L;
        public static final int STACK_SIZE = 0x1000;
        public static final long DRIVER_PC = 0x8F2A_1234L;
        public static final long RECORD_VA = TOP + 0x100;
        public static final long FAULT_CTX_VA = TOP + 0x200;
        public static final long DATA_PAGE_VA = 0x8298_0000L;
        public static final long DATA_BLOCK_VA = 0x8F2A_1000L;
        public static final long KDBG_VA = 0x8296_0C28L;
        public static final String BUILD_LAB = "7601.24545.x86fre.win7sp1_ldr_escrow.200102-1707";

        public static final DriverSpec[] DRIVERS = {
            DriverSpec.of("ntkrpamp.exe", KERNBASE, 0x41_0000, 0x3C_8F2E, 0x4CE7_951A),
            DriverSpec.of("\\SystemRoot\\system32\\DRIVERS\\faulty.sys", 0x8F2A_0000L, 0x8000, 0x1_2345, 0x5000_0000),
            DriverSpec.of("hal.dll", 0x8281_3000L, 0x3_7000, 0x3_C5A1, 0x4CE7_8A09),
        };

        private X86() {
        }

        public static X86Context faultContext() {
            return X86Context.create().eip(DRIVER_PC).esp(TOP + 0x800).ebp(TOP + 0x840).eax(0xAA).ecx(0xCC)
                    .edi(0xD1).eflags(0x10246).segments(0x08, 0x23, 0x23, 0x30, 0, 0x10);
        }

        public static SynthKernelDump rich() {
            return SynthKernelDump.triage(Arch.X86).version(0xF, 7601).directoryTableBase(0x185000)
                    .psLoadedModuleList(0x8298_4850L).psActiveProcessHead(0x8298_C7D0L).pfnDataBase(0x8400_0000L)
                    .processors(2)
                    .bugCheck(0x1000_007EL, 0xC000_0005L, DRIVER_PC, RECORD_VA, FAULT_CTX_VA)
                    .kdDebuggerDataBlock(KDBG_VA)
                    .headerContext(X86Context.create().eip(0x828C_8000L).esp(TOP).ebp(TOP + 0x100))
                    .systemTime(Instant.parse("2012-12-12T12:12:12Z"))
                    .systemUpTime(Duration.ofMinutes(5))
                    .comment("x86")
                    .triageException(ExceptionRecord.of(0xC000_0005L, DRIVER_PC, 0, 0x1C))
                    .mmStorage(MmStorage.create())
                    .unloadedDriver("old.sys", 0x8F00_0000L, 0x8F01_0000L)
                    .prcb(new byte[0x400]).process(new byte[0x100]).thread(new byte[0x100])
                    .callStack(TOP, STACK_SIZE)
                    .pokePointer(TOP + 4, DRIVER_PC)
                    .debuggerData(KdDebuggerData.create(KERNBASE).ntBuildLab(DATA_PAGE_VA + 0x10))
                    .driver(DRIVERS[0]).driver(DRIVERS[1]).driver(DRIVERS[2])
                    .dataPage(DATA_PAGE_VA, dataPage())
                    .dataBlock(DATA_BLOCK_VA, filled(0x1000, 0xCC))
                    .poke(RECORD_VA, record32(0xC000_0005L, 0, 0, DRIVER_PC, 0, 0x1C))
                    .contextAt(FAULT_CTX_VA, faultContext());
        }

        static byte[] dataPage() {
            byte[] page = new byte[0x1000];
            byte[] lab = BUILD_LAB.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(lab, 0, page, 0x10, lab.length);
            return page;
        }

        public static SynthKernelDump compact() {
            return SynthKernelDump.triage(Arch.X86).version(0xF, 7601).psLoadedModuleList(0x8298_4850L)
                    .bugCheck(0x1000_007EL, 0xC000_0005L, DRIVER_PC, RECORD_VA, FAULT_CTX_VA)
                    .kdDebuggerDataBlock(KDBG_VA)
                    .headerContext(X86Context.create().eip(0x828C_8000L).esp(TOP))
                    .unloadedDriver("old.sys", 0x8F00_0000L, 0x8F01_0000L)
                    .prcb(new byte[0x100])
                    .callStack(TOP, 0x600)
                    .debuggerData(KdDebuggerData.create(KERNBASE).size(0x240))
                    .driver(DRIVERS[0]).driver(DRIVERS[1])
                    .dataPage(DATA_PAGE_VA, new byte[0x80])
                    .dataBlock(DATA_BLOCK_VA, filled(0x100, 0xCC))
                    .poke(RECORD_VA, record32(0xC000_0005L, 0, 0, DRIVER_PC, 0, 0x1C))
                    .contextAt(FAULT_CTX_VA, faultContext());
        }
    }

    // ------------------------------------------------------------------ x64 machine for full and bitmap dumps

    /** A small x64 machine: page tables with every page size and hole, and a module list in memory. */
    public static final class Machine {
        public static final long PML4_PFN = 0x1AD;
        public static final long CR3 = PML4_PFN << 12;
        public static final long VA_4K = 0xFFFF_F800_0000_1000L;
        public static final long PFN_4K = 0x300;
        public static final long VA_2M = 0xFFFF_F800_0020_0000L;
        public static final long PFN_2M = 0x400;
        public static final long VA_1G = 0xFFFF_F800_4000_0000L;
        public static final long PFN_1G = 0x4_0000;
        /** Mapped to frame 0x301, which is not in the dump. */
        public static final long VA_ABSENT = 0xFFFF_F800_0000_3000L;
        /** A PTE naming frame 0x302 without the P bit. */
        public static final long VA_NOT_PRESENT = 0xFFFF_F800_0000_4000L;
        public static final long VA_UNMAPPED = 0xFFFF_F800_0000_5000L;
        /** A transition PTE (not present, bit 11 set, bit 10 clear) naming frame 0x303, which holds data. */
        public static final long VA_TRANSITION = 0xFFFF_F800_0000_6000L;
        public static final long PFN_TRANSITION = 0x303;
        /** A prototype PTE (not present, bits 10 and 11 set) naming frame 0x304, which holds data. */
        public static final long VA_PROTOTYPE = 0xFFFF_F800_0000_7000L;
        public static final long PFN_PROTOTYPE = 0x304;
        /** Two consecutive pages: the first is in the dump, the second maps to an absent frame. */
        public static final long VA_EDGE = 0xFFFF_F800_0000_8000L;
        public static final long VA_USER = 0x7FF6_1234_0000L;
        public static final long MODULES = 0xFFFF_F800_0001_0000L;
        public static final long KERNBASE = 0xFFFF_F800_0100_0000L;
        public static final byte[] TEXT_4K = ascii("four-k");
        public static final byte[] TEXT_2M = ascii("two-meg");
        public static final byte[] TEXT_1G = ascii("one-gig");
        public static final byte[] TEXT_USER = ascii("user");
        public static final byte[] TEXT_TRANSITION = ascii("in transition");
        public static final byte[] TEXT_PROTOTYPE = ascii("prototype");
        public static final byte[] TEXT_EDGE = ascii("edge");

        /** The modules of PsLoadedModuleList, in load order. */
        public static final KernelModuleList.Module[] MODULE_LIST = {
            new KernelModuleList.Module("\\SystemRoot\\system32\\ntoskrnl.exe", KERNBASE, 0x0104_6000, KERNBASE + 0x1000,
                    0xA5_938C, 0x0D83_33E6),
            new KernelModuleList.Module("\\SystemRoot\\system32\\hal.dll", 0xFFFF_F800_0300_0000L, 0x6000,
                    0xFFFF_F800_0300_1000L, 0xCE9F, 0x1A7B_E8E9),
            new KernelModuleList.Module("\\SystemRoot\\System32\\drivers\\amdppm.sys", 0xFFFF_F800_0400_0000L, 0x2_5000,
                    0xFFFF_F800_0400_1000L, 0x2_D0A1, 0x5F4E_1A2B),
        };

        private Machine() {
        }

        /** The full machine: 4 KiB, 2 MiB and 1 GiB pages, every kind of hole, a user page, the module list. */
        public static X64PageTables tables() {
            X64PageTables pt = X64PageTables.create(org.faultline.samples.kernel.PhysicalMemory.create(), PML4_PFN);
            pt.map4k(VA_4K, PFN_4K).write(VA_4K + 0x10, TEXT_4K);
            pt.map2m(VA_2M, PFN_2M).write(VA_2M + 0x1_2345, TEXT_2M);
            pt.map1g(VA_1G, PFN_1G).write(VA_1G + 0x345_6789, TEXT_1G);
            pt.map4k(VA_ABSENT, 0x301);
            pt.mapNotPresent(VA_NOT_PRESENT, 0x302);
            pt.map4k(VA_TRANSITION, PFN_TRANSITION).write(VA_TRANSITION + 0x20, TEXT_TRANSITION);
            pt.map4k(VA_PROTOTYPE, PFN_PROTOTYPE).write(VA_PROTOTYPE + 0x30, TEXT_PROTOTYPE);
            pt.map4k(VA_EDGE, 0x305).map4k(VA_EDGE + 0x1000, 0x306).write(VA_EDGE + 0xFFC, TEXT_EDGE);
            pt.map4k(VA_USER, 0x320).write(VA_USER + 0x800, TEXT_USER);
            pt.map4k(MODULES, 0x310, 4);
            moduleList().writeTo(pt, MODULES, MODULES + 0x100);
            // The transition and prototype PTEs: rewrite the leaf entries without P, keeping the frame.
            rewritePte(pt, VA_TRANSITION, (PFN_TRANSITION << 12) | TRANSITION | X64PageTables.RW);
            rewritePte(pt, VA_PROTOTYPE, (PFN_PROTOTYPE << 12) | TRANSITION | PROTOTYPE | X64PageTables.RW);
            return pt;
        }

        /** A few pages: 4 KiB and 2 MiB pages, the holes, a transition PTE and the module list, no 1 GiB page. */
        public static X64PageTables compactTables() {
            X64PageTables pt = X64PageTables.create(org.faultline.samples.kernel.PhysicalMemory.create(), 1);
            pt.map4k(VA_4K, 0x10).write(VA_4K + 0x10, TEXT_4K);
            pt.map2m(VA_2M, 0x200).write(VA_2M + 0x1_2345, TEXT_2M);
            pt.map4k(VA_ABSENT, 0x13);
            pt.map4k(VA_TRANSITION, 0x12).write(VA_TRANSITION + 0x20, TEXT_TRANSITION);
            pt.map4k(MODULES, 0x11);
            moduleList().writeTo(pt, MODULES, MODULES + 0x40);
            rewritePte(pt, VA_TRANSITION, (0x12L << 12) | TRANSITION | X64PageTables.RW);
            return pt;
        }

        public static KernelModuleList moduleList() {
            KernelModuleList list = KernelModuleList.create();
            for (KernelModuleList.Module m : MODULE_LIST) {
                list.module(m.fullName(), m.base(), m.size(), m.checksum(), m.timestamp());
            }
            return list;
        }

        public static Amd64Context context() {
            return Amd64Context.create().rip(KERNBASE + 0x3F_5A80).rsp(VA_4K + 0xF00).rax(0x1111).rcx(0xE2)
                    .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0})
                    .segments(0x10, 0x2B, 0x2B, 0x53, 0x2B, 0x18);
        }

        public static SynthKernelDump configure(SynthKernelDump s, long cr3) {
            return s.version(0xF, 19045).directoryTableBase(cr3).psLoadedModuleList(MODULES)
                    .psActiveProcessHead(0xFFFF_F800_0002_0000L).pfnDataBase(0xFFFF_FA80_0000_0000L)
                    .kdDebuggerDataBlock(0xFFFF_F800_0003_0000L)
                    .processors(4).bugCheck(0xE2, 1, 2, 3, 4).headerContext(context()).systemTime(1_700_000_000L);
        }

        public static SynthKernelDump full() {
            X64PageTables pt = tables();
            return configure(SynthKernelDump.full(Arch.AMD64, pt.memory()), pt.directoryTableBase());
        }

        public static SynthKernelDump bitmap(boolean kernel) {
            X64PageTables pt = tables();
            return configure(SynthKernelDump.bitmap(pt.memory(), kernel), pt.directoryTableBase());
        }

        public static SynthKernelDump compactFull() {
            X64PageTables pt = compactTables();
            return configure(SynthKernelDump.full(Arch.AMD64, pt.memory()), pt.directoryTableBase());
        }

        public static SynthKernelDump compactBitmap() {
            X64PageTables pt = compactTables();
            return configure(SynthKernelDump.bitmap(pt.memory(), true), pt.directoryTableBase());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** PTE bit 11: a transition PTE (Windows: the page is on a standby or modified list, still in RAM). */
    public static final long TRANSITION = 1L << 11;
    /** PTE bit 10: a prototype PTE (Windows: the real PTE lives elsewhere). */
    public static final long PROTOTYPE = 1L << 10;

    /** The physical address of the leaf PTE of {@code va}, by a hand walk of 4-level tables in the writer's memory. */
    public static long pteAddress(X64PageTables pt, long va) {
        org.faultline.samples.kernel.PhysicalMemory mem = pt.memory();
        long table = pt.directoryTableBase();
        for (int level = 0; level < 3; level++) {
            long entry = mem.readU64(table + 8 * ((va >>> (39 - 9 * level)) & 0x1FF));
            if ((entry & 1) == 0 || (entry & 0x80) != 0) {
                throw new IllegalStateException("no page table for 0x" + Long.toHexString(va));
            }
            table = entry & X64PageTables.ADDRESS_MASK;
        }
        return table + 8 * ((va >>> 12) & 0x1FF);
    }

    private static void rewritePte(X64PageTables pt, long va, long pte) {
        pt.memory().writeU64(pteAddress(pt, va), pte);
    }

    /** EXCEPTION_RECORD64 (0x98 bytes), as the kernel writes it on the stack. */
    public static byte[] record64(long code, long flags, long nested, long address, long... parameters) {
        byte[] b = new byte[0x98];
        put(b, 0, code, 4);
        put(b, 4, flags, 4);
        put(b, 8, nested, 8);
        put(b, 0x10, address, 8);
        put(b, 0x18, parameters.length, 4);
        for (int i = 0; i < parameters.length; i++) {
            put(b, 0x20 + 8 * i, parameters[i], 8);
        }
        return b;
    }

    /** EXCEPTION_RECORD32 (0x50 bytes). */
    public static byte[] record32(long code, long flags, long nested, long address, long... parameters) {
        byte[] b = new byte[0x50];
        put(b, 0, code, 4);
        put(b, 4, flags, 4);
        put(b, 8, nested, 4);
        put(b, 0xC, address, 4);
        put(b, 0x10, parameters.length, 4);
        for (int i = 0; i < parameters.length; i++) {
            put(b, 0x14 + 4 * i, parameters[i], 4);
        }
        return b;
    }

    public static byte[] filled(int size, int value) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) value);
        return b;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] b, int at, long value, int width) {
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
