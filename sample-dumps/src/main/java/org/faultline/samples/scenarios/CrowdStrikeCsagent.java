package org.faultline.samples.scenarios;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.faultline.samples.kernel.Arch;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.KdDebuggerData;
import org.faultline.samples.kernel.SynthKernelDump;
import org.faultline.samples.kernel.TrapFrame64;
import org.faultline.samples.minidump.Amd64Context;

/**
 * The 2024-07-19 crash as a Windows kernel triage minidump (C:\Windows\Minidump), carrying every published
 * fact and nothing else (see sample-dumps/README.md for the sources). csagent.sys bytes are proprietary: the
 * code around the fault is a stand-in sequence ending at the faulting instruction, {@code mov r9d,[r8]}.
 */
public final class CrowdStrikeCsagent implements Scenario {
    static final String NAME = "crowdstrike-csagent-2024-07-19";

    // Published facts (Microsoft's WinDbg analysis, 2024-07-27).
    static final long CSAGENT = 0xfffff806_7143_0000L;
    static final long FAULT = 0xfffff806_7151_14edL;
    static final long REFERENCED = 0xffff8405_0000_0074L;
    static final long THREAD = 0xffffe402_fe86_8040L;
    static final long TRAP_FRAME = 0xffff9405_8305_ec20L;
    static final long FAULT_RSP = 0xffff9405_8305_edb0L;
    static final long FAULT_RBP = 0xffff9405_8305_eeb0L;
    static final long RAX = 0xffff9405_8305_f200L;
    static final long RDX = 0xffff9405_8305_f1d0L;

    // The rest of the machine (ours): the stack, the kernel's functions, the CONTEXT KPRCB.Context points to.
    static final long STACK_END = 0xffff9405_8306_0000L;
    static final long TOP_OF_STACK = 0xffff9405_8305_e3e8L;
    static final long NT = Win10Machine.NT_BASE;
    static final long KE_BUG_CHECK_EX = NT + 0x3f_7b30;
    static final long RET_MI_SYSTEM_FAULT = NT + 0x2d_1f35;
    static final long RET_MM_ACCESS_FAULT = NT + 0x2b_6f2a;
    static final long RET_KI_PAGE_FAULT = NT + 0x40_895e;
    static final long RET_PSP_SYSTEM_THREAD_STARTUP = NT + 0x34_e8a5;
    static final long RET_KI_START_SYSTEM_THREAD = NT + 0x40_d0d8;
    static final long BUGCHECK_CONTEXT = 0xffffe402_fd33_e2f0L;
    static final long BUILD_LAB_VA = NT + 0xc3_b5a0;
    static final long KDBG_VA = NT + 0xc0_0b20;
    static final long CRASH_TIME = Instant.parse("2024-07-19T04:41:17Z").getEpochSecond();

    /** csagent return addresses on the stack, from the faulting frame outwards: (slot VA, return address). */
    static final long[][] CSAGENT_FRAMES = {
        {0xffff9405_8305_ede8L, CSAGENT + 0xe_0c3a},
        {0xffff9405_8305_ee48L, CSAGENT + 0x8_d2f1},
        {0xffff9405_8305_eeb8L, CSAGENT + 0x8_c4e8},
        {0xffff9405_8305_ef88L, CSAGENT + 0x9_5a77},
        {0xffff9405_8305_f0b8L, CSAGENT + 0x4_a8c3},
    };

    @Override
    public Truth truth() {
        return new Truth(NAME,
                "The July 19, 2024 outage: bug check 0x50 in csagent.sys (CrowdStrike Falcon), a read of the"
                        + " invalid paged-pool address 0xffff840500000074 by mov r9d,[r8] at csagent+0xe14ed; r8"
                        + " was loaded from slot 20 (the 21st) of a 20-entry array on the stack: Channel File"
                        + " 291's 21st field. A read out of bounds in a third-party file-system minifilter.",
                "kernel-triage", "amd64", Win10Machine.BUILD,
                new Truth.Code(0x50, null, List.of(REFERENCED, 0L, FAULT, 2L)), null, "read", REFERENCED,
                FAULT, "csagent.sys", FAULT - CSAGENT, "mov r9d,dword ptr [r8]",
                new Truth.Culprit("csagent.sys", "CrowdStrike Ltd.", false, true, "321410", "FSFilter Anti-Virus"),
                "READ_OUT_OF_BOUNDS", true, false);
    }

    /** The code page holding the fault: a stand-in sequence ending at the faulting instruction. */
    static byte[] codePage() {
        byte[] page = new byte[0x1000];
        Arrays.fill(page, (byte) 0xCC);
        long pageVa = FAULT & ~0xFFFL;
        int f = (int) (FAULT - pageVa);
        long callTarget = CSAGENT + 0xe_2100;
        long callNext = FAULT + 0x14;
        long rel = callTarget - callNext;
        byte[] code = {
            0x48, (byte) 0x8D, (byte) 0x84, 0x24, 0x50, 0x04, 0x00, 0x00, // lea rax,[rsp+0x450]   the 20-entry array
            0x44, (byte) 0x8B, 0x5E, 0x1C,                               // mov r11d,dword ptr [rsi+0x1c]  field index
            0x4D, 0x63, (byte) 0xDB,                                     // movsxd r11,r11d
            0x4E, (byte) 0x8B, 0x04, (byte) 0xD8,                        // mov r8,qword ptr [rax+r11*8]  slot 20 of 20
            0x4D, (byte) 0x85, (byte) 0xC0,                              // test r8,r8
            0x74, 0x1A,                                                  // je +0x1a
            0x45, (byte) 0x8B, 0x08,                                     // mov r9d,dword ptr [r8]   <- csagent+0xe14ed
            0x45, (byte) 0x85, (byte) 0xC9,                              // test r9d,r9d
            0x74, 0x12,                                                  // je +0x12
            0x49, (byte) 0x8B, 0x50, 0x08,                               // mov rdx,qword ptr [r8+0x8]
            0x48, (byte) 0x8B, (byte) 0xCF,                              // mov rcx,rdi
            (byte) 0xE8, (byte) rel, (byte) (rel >>> 8), (byte) (rel >>> 16), (byte) (rel >>> 24), // call
            0x48, (byte) 0x89, 0x43, 0x10,                               // mov qword ptr [rbx+0x10],rax
            0x33, (byte) 0xC0,                                           // xor eax,eax
            0x48, (byte) (0x83), (byte) 0xC4, 0x28,                      // add rsp,0x28
            (byte) 0xC3                                                  // ret
        };
        System.arraycopy(code, 0, page, f - 0x18, code.length);
        return page;
    }

    /** The 20 input values: pointers to strings in paged pool, as the interpreter's input array holds them. */
    static long[] inputArray() {
        long[] values = new long[21];
        for (int i = 0; i < 20; i++) {
            values[i] = 0xffff8405_2a6f_1000L + 0x40L * i;
        }
        values[20] = REFERENCED; // slot 20, past the end: whatever the stack held there
        return values;
    }

    static List<DriverSpec> drivers() {
        return Win10Machine.drivers(Map.of("csagent.sys", CSAGENT), Map.of());
    }

    /** The registers at the KeBugCheckEx call: what the header CONTEXT and KPRCB.Context hold. */
    static Amd64Context atBugCheck() {
        return Amd64Context.create().rip(KE_BUG_CHECK_EX).rsp(TOP_OF_STACK)
                .rcx(0x50).rdx(REFERENCED).r(8, 0).r(9, FAULT).rax(0).rbx(0).rbp(FAULT_RBP - 0x300)
                .eflags(0x40282).segments(0x10, 0x2b, 0x2b, 0x53, 0x2b, 0x18)
                .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0});
    }

    /** The trap frame the page fault pushed, with the published registers. */
    static TrapFrame64 trapFrame() {
        return TrapFrame64.create().set("rax", RAX).set("rcx", 3).set("rdx", RDX).set("r8", REFERENCED)
                .set("r9", 0).set("r10", 0).set("r11", 0x14).rbp(FAULT_RBP).rip(FAULT).rsp(FAULT_RSP)
                .set("segcs", 0x10).set("eflags", 0x10282).set("segss", 0x18);
    }

    /** Return addresses on the stack: (slot VA, return address, the function the preceding call went to). */
    static List<long[]> returns() {
        List<long[]> returns = new ArrayList<>();
        returns.add(new long[] {TOP_OF_STACK, RET_MI_SYSTEM_FAULT, NT + 0x3f_7b30});
        returns.add(new long[] {TOP_OF_STACK + 0x138, RET_MM_ACCESS_FAULT, NT + 0x2d_1c00});
        returns.add(new long[] {TRAP_FRAME - 8, RET_KI_PAGE_FAULT, NT + 0x2b_6a00});
        for (long[] frame : CSAGENT_FRAMES) {
            returns.add(new long[] {frame[0], frame[1], CSAGENT + 0xe_1400});
        }
        returns.add(new long[] {0xffff9405_8305_fc58L, RET_PSP_SYSTEM_THREAD_STARTUP, CSAGENT + 0x4_a000});
        returns.add(new long[] {0xffff9405_8305_fc88L, RET_KI_START_SYSTEM_THREAD, NT + 0x34_e850});
        return returns;
    }

    static SynthKernelDump build() {
        Amd64Context atBugCheck = atBugCheck();
        byte[] prcb = new byte[0xaf00];
        byte[] process = new byte[0xa40];
        byte[] system = "System".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(system, 0, process, 0x5a8, system.length);
        byte[] thread = new byte[0x898];
        SynthKernelDump d = SynthKernelDump.triage(Arch.AMD64)
                .version(0xF, Win10Machine.BUILD)
                .directoryTableBase(0x1ad000)
                .pfnDataBase(0xffffa500_0000_0000L)
                .psLoadedModuleList(NT + 0xc2_a2b0)
                .psActiveProcessHead(NT + 0xc1_e1c0)
                .processors(8)
                .bugCheck(0x50, REFERENCED, 0, FAULT, 2)
                .kdDebuggerDataBlock(KDBG_VA)
                .headerContext(atBugCheck)
                .systemTime(CRASH_TIME)
                .systemUpTime(Duration.ofSeconds(134))
                .productType(1)
                .suiteMask(0x110)
                .prcb(prcb)
                .prcbPointer(0x8, THREAD)
                .prcbPointer(0x85c0, BUGCHECK_CONTEXT)
                .process(process)
                .thread(thread)
                .callStack(TOP_OF_STACK, (int) (STACK_END - TOP_OF_STACK))
                .unloadedDriver("dump_storpor", 0xfffff806_6e2a_0000L, 0xfffff806_6e2a_e000L)
                .unloadedDriver("WdBoot.sys", 0xfffff806_6e1f_0000L, 0xfffff806_6e20_2000L)
                .debuggerData(KdDebuggerData.create(NT).psLoadedModuleList(NT + 0xc2_a2b0)
                        .psActiveProcessHead(NT + 0xc1_e1c0).ntBuildLab(BUILD_LAB_VA)
                        .kiProcessorBlock(NT + 0xd1_6c40));
        for (DriverSpec driver : drivers()) {
            d.driver(driver);
        }
        d.dataBlock(FAULT & ~0xFFFL, codePage());
        d.dataBlock(BUGCHECK_CONTEXT, atBugCheck.toBytes());
        byte[] lab = Arrays.copyOf(Win10Machine.BUILD_LAB.getBytes(StandardCharsets.US_ASCII), 0x40);
        d.dataBlock(BUILD_LAB_VA, lab);
        // The stack: KeBugCheckEx's caller chain down to the page fault, the trap frame, csagent's frames,
        // the system thread's start.
        d.trapFrameAt(TRAP_FRAME, trapFrame());
        for (long[] r : returns()) {
            d.pokeU64(r[0], r[1]);
            d.dataBlock(r[1] - 0x80, Win10Machine.codeAroundReturn(r[1], r[2]));
        }
        d.stackU64s(RAX, inputArray());
        d.stackU64s(RDX, 0x1b, RAX, 0x14);
        return d;
    }

    @Override
    public byte[] write() {
        return build().toBytes();
    }
}
