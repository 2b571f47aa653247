package org.faultline.samples.scenarios;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.kernel.Arch;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.KdDebuggerData;
import org.faultline.samples.kernel.SynthKernelDump;
import org.faultline.samples.minidump.Arm64Context;

/**
 * Bug check 0x50 on ARM64 (Windows 11 24H2) in a fictional third-party minifilter, fabrikamflt.sys (Fabrikam,
 * Inc.): its pre-create callback, called by FLTMGR, matches a name hash against a 0x2000-byte pool table of 0x800
 * dwords and the loop's {@code b.ls} (instead of {@code b.lo}) lets {@code ldr w9, [x8]} read the first byte after
 * it. Laid out as the real ARM64 triage dump lays out its crash: the CONTEXT at KeBugCheck2 is inside the KPRCB
 * (Prcb+0x360), KPRCB+0x8a0 points at it, lr = 0; the KPRCB is also kept as a data block, so the pointer resolves.
 * The stack is a frame-record chain (fp, lr pairs). No ARM64 trap-frame layout is trusted, so none is written: the
 * chain stops at the exception boundary, and the fault's registers are known only as x8 = P1.
 */
public final class FabrikamFltArm64ReadOutOfBounds implements Scenario {
    static final String NAME = "fabrikamflt-arm64-read-oob";

    static final String DRIVER = "fabrikamflt.sys";
    static final long FABRIKAMFLT = 0xfffff803_5a6c_0000L;
    static final long SIZE = 0x1c000;
    /** FabrikamFltMatchName at RVA 0x4a60; {@code ldr w9, [x8]} at +0x18. */
    static final long MATCH_NAME = 0x4a60;
    static final long FAULT = FABRIKAMFLT + MATCH_NAME + 0x18;
    /** FabrikamFltPreCreate at RVA 0x2c10; it calls MatchName at +0x90. */
    static final long PRE_CREATE = 0x2c10;
    static final long TABLE = 0xffffd88e_1b3a_e000L;
    static final long COUNT = 0x800;
    static final long REFERENCED = TABLE + 4 * COUNT;

    static final long NT = Win11Arm64Machine.NT_BASE;
    static final long STACK_END = 0xffffd88e_2047_8000L;
    static final long TOP_OF_STACK = STACK_END - 0x1800;
    static final long THREAD = 0xffffd88e_1e93_d080L;
    static final Instant TIME = Instant.parse("2025-03-14T10:05:47Z");

    // FLTMGR.SYS (ARM64) RVAs: FltpPerformPreCallbacksWorker 0x5e30 (+0x3b4 after blr), FltpPassThroughInternal
    // 0x58c0 (+0xd8), FltpCreate 0x3c6f0 (+0x2f4).
    static final long FLTP_PERFORM_PRE_CALLBACKS_WORKER = 0x5e30;
    static final long FLTP_PASS_THROUGH_INTERNAL = 0x58c0;

    @Override
    public Truth truth() {
        return new Truth(NAME,
                "An ARM64 (Windows 11 24H2) bug check 0x50 in fabrikamflt.sys, a fictional third-party file-system"
                        + " minifilter called by FLTMGR: ldr w9, [x8] with x8 = P1, one element past a 0x2000-byte"
                        + " pool table, reads an unmapped page (P2 = 0). The same read out of bounds as on x64; the"
                        + " registers come from KeBugCheck2's CONTEXT inside the KPRCB, the stack from frame records.",
                "kernel-triage", "arm64", Win11Arm64Machine.BUILD,
                new Truth.Code(0x50, null, List.of(REFERENCED, 0L, FAULT, 2L)), null, "read", REFERENCED,
                FAULT, DRIVER, FAULT - FABRIKAMFLT, "ldr w9, [x8]",
                new Truth.Culprit(DRIVER, "Fabrikam, Inc.", false, true, null, null),
                "READ_OUT_OF_BOUNDS", true, false);
    }

    /**
     * FabrikamFltMatchName(Table = x0, Count = w1, Hash = w2) at RVA 0x4a60, as GNU as assembles it and
     * aarch64-linux-gnu-objdump prints it.
     */
    static byte[] matchName() {
        return Win11Arm64Machine.words(
                0xa9be7bfd, // 4a60 stp x29, x30, [sp, #-32]!
                0x910003fd, // 4a64 mov x29, sp
                0xf9000bf3, // 4a68 str x19, [sp, #16]
                0x2a0203f3, // 4a6c mov w19, w2
                0x5280000a, // 4a70 mov w10, #0x0
                0x8b2a4808, // 4a74 add x8, x0, w10, uxtw #2
                0xb9400109, // 4a78 ldr w9, [x8]          <- faults with w10 = count
                0x6b13013f, // 4a7c cmp w9, w19
                0x540000c0, // 4a80 b.eq 0x4a98
                0x1100054a, // 4a84 add w10, w10, #0x1
                0x6b01015f, // 4a88 cmp w10, w1
                0x54ffff49, // 4a8c b.ls 0x4a74           the bug: b.lo was meant
                0x52800000, // 4a90 mov w0, #0x0
                0x14000004, // 4a94 b 0x4aa4
                0xaa0803e0, // 4a98 mov x0, x8
                0x94000040, // 4a9c bl 0x4b9c             FabrikamFltLogMatch
                0x52800020, // 4aa0 mov w0, #0x1
                0xf9400bf3, // 4aa4 ldr x19, [sp, #16]
                0xa8c27bfd, // 4aa8 ldp x29, x30, [sp], #32
                0xd65f03c0); // 4aac ret
    }

    static List<DriverSpec> drivers() {
        return Win11Arm64Machine.drivers(Map.of(DRIVER, FABRIKAMFLT),
                Map.of(DRIVER, new Win10Machine.Module("\\SystemRoot\\System32\\drivers\\" + DRIVER, SIZE)));
    }

    /** A frame record {fp, lr} of the chain, and the call before lr (a bl to {@code target}, or blr when 0). */
    private record Frame(long at, long next, long lr, long target) {
    }

    static SynthKernelDump build() {
        List<DriverSpec> drivers = drivers();
        long fltmgr = Win10Machine.baseOf(drivers, "FLTMGR.SYS");
        // The frame records from KeBugCheck2 up: KeBugCheckEx tail-calls KeBugCheck2, so its caller, MiSystemFault,
        // is the first return address.
        long r0 = TOP_OF_STACK + 0x10;
        long r1 = TOP_OF_STACK + 0x590;
        long r2 = r1 + 0x70;
        long r3 = r2 + 0xc0;
        long r4 = r3 + 0x40;
        long faultSp = r4 + 0x370;
        long r5 = faultSp + 0x60;
        long r6 = r5 + 0xa0;
        long r7 = r6 + 0x120;
        long r8 = r7 + 0x60;
        long r9 = r8 + 0x50;
        long r10 = r9 + 0x40;
        long r11 = r10 + 0x1d0;
        long r12 = r11 + 0x1b0;
        long r13 = r12 + 0x110;
        long r14 = r13 + 0x120;
        long r15 = r14 + 0x90;
        List<Frame> frames = List.of(
                new Frame(r0, r1, NT + Win11Arm64Machine.MI_SYSTEM_FAULT + 0x2c4, NT + Win11Arm64Machine.KE_BUG_CHECK_EX),
                new Frame(r1, r2, NT + Win11Arm64Machine.MM_ACCESS_FAULT + 0x3a8, NT + Win11Arm64Machine.MI_SYSTEM_FAULT),
                new Frame(r2, r3, NT + Win11Arm64Machine.KI_ABORT_EXCEPTION + 0x1b0, NT + Win11Arm64Machine.MM_ACCESS_FAULT),
                new Frame(r3, r4, NT + Win11Arm64Machine.KI_SYNCHRONOUS_EXCEPTION + 0x2c,
                        NT + Win11Arm64Machine.KI_ABORT_EXCEPTION),
                // r4: KiSynchronousException's own record, {0, 0}: the trap frame above it is not written.
                new Frame(faultSp, r5, FABRIKAMFLT + PRE_CREATE + 0x94, FABRIKAMFLT + MATCH_NAME),
                new Frame(r5, r6, fltmgr + FLTP_PERFORM_PRE_CALLBACKS_WORKER + 0x3b4, 0),
                new Frame(r6, r7, fltmgr + FLTP_PASS_THROUGH_INTERNAL + 0xd8, fltmgr + FLTP_PERFORM_PRE_CALLBACKS_WORKER),
                new Frame(r7, r8, fltmgr + 0x3_c6f0 + 0x2f4, fltmgr + FLTP_PASS_THROUGH_INTERNAL),
                new Frame(r8, r9, NT + Win11Arm64Machine.IOF_CALL_DRIVER + 0x68, 0),
                new Frame(r9, r10, NT + Win11Arm64Machine.IOP_PARSE_DEVICE + 0x6c4, NT + Win11Arm64Machine.IOF_CALL_DRIVER),
                new Frame(r10, r11, NT + Win11Arm64Machine.OBP_LOOKUP_OBJECT_NAME + 0x5ac, 0),
                new Frame(r11, r12, NT + Win11Arm64Machine.OB_OPEN_OBJECT_BY_NAME_EX + 0x1f4,
                        NT + Win11Arm64Machine.OBP_LOOKUP_OBJECT_NAME),
                new Frame(r12, r13, NT + Win11Arm64Machine.IOP_CREATE_FILE + 0x3dc,
                        NT + Win11Arm64Machine.OB_OPEN_OBJECT_BY_NAME_EX),
                new Frame(r13, r14, NT + Win11Arm64Machine.NT_CREATE_FILE + 0x84, NT + Win11Arm64Machine.IOP_CREATE_FILE),
                new Frame(r14, r15, NT + Win11Arm64Machine.KI_SYSTEM_SERVICE + 0x1d8, 0));

        Arm64Context atBugCheck = Arm64Context.create()
                .x(0, 0x50).x(1, REFERENCED).x(2, 0).x(3, FAULT).x(4, 2)
                .x(18, Win11Arm64Machine.KPCR).x(19, 0x50)
                .fp(r0).lr(0).sp(TOP_OF_STACK).pc(NT + Win11Arm64Machine.KE_BUG_CHECK2 + 0x124).cpsr(0x6000_0344L);
        // The KPRCB copy: CurrentThread at +0x8, the CONTEXT at +0x360, the pointer to it at +0x8a0.
        byte[] prcb = new byte[0x6400];
        LeWriter.putLe(prcb, 0x8, THREAD, 8);
        System.arraycopy(atBugCheck.toBytes(), 0, prcb, 0x360, Arm64Context.SIZE);
        LeWriter.putLe(prcb, 0x8a0, Win11Arm64Machine.PRCB + 0x360, 8);

        SynthKernelDump d = SynthKernelDump.triage(Arch.ARM64)
                .version(0xF, Win11Arm64Machine.BUILD)
                .directoryTableBase(0x8_0a5c_3000L)
                .pfnDataBase(0xffffdc00_0000_0000L)
                .psLoadedModuleList(NT + 0x9d_2a40)
                .psActiveProcessHead(NT + 0x9c_8e20)
                .processors(8)
                .bugCheck(0x50, REFERENCED, 0, FAULT, 2)
                .kdDebuggerDataBlock(NT + 0x9b_0e70)
                .headerContext(atBugCheck)
                .systemTime(TIME)
                .systemUpTime(Duration.ofMinutes(38))
                .productType(1)
                .suiteMask(0x110)
                .prcb(prcb)
                .process(new byte[0x7f8])
                .thread(new byte[0x830])
                .callStack(TOP_OF_STACK, (int) (STACK_END - TOP_OF_STACK))
                .unloadedDriver("dump_storpor", 0xfffff803_5fd0_0000L, 0xfffff803_5fd1_0000L)
                .unloadedDriver("WdBoot.sys", 0xfffff803_5fc4_0000L, 0xfffff803_5fc5_2000L)
                .debuggerData(KdDebuggerData.create(NT).size(0x368).psLoadedModuleList(NT + 0x9d_2a40)
                        .psActiveProcessHead(NT + 0x9c_8e20).ntBuildLab(NT + 0xa1_3b18)
                        .kiProcessorBlock(NT + 0xa4_1e80));
        for (DriverSpec driver : drivers) {
            d.driver(driver);
        }
        DataBlocks blocks = new DataBlocks(d);
        blocks.add(Win11Arm64Machine.PRCB, prcb);
        blocks.add(NT + 0xa1_3b18, Arrays.copyOf(Win11Arm64Machine.BUILD_LAB.getBytes(StandardCharsets.US_ASCII), 0x40));
        blocks.add(FAULT & ~0xFFFL, codePage());
        for (Frame f : frames) {
            d.stackU64s(f.at(), f.next(), f.lr());
            blocks.add(f.lr() - 0x80, f.target() == 0 ? Win11Arm64Machine.codeAroundIndirectCall()
                    : Win11Arm64Machine.codeAroundCall(f.lr(), f.target()));
        }
        // r15, the system call's record, stays {0, 0} and ends the chain; the pre-create's frame keeps the table
        // and its count.
        d.stackU64s(r5 + 0x10, TABLE, COUNT);
        return d;
    }

    /** The page of fabrikamflt holding MatchName, brk elsewhere. */
    static byte[] codePage() {
        int[] words = new int[0x400];
        Arrays.fill(words, Win11Arm64Machine.BRK);
        byte[] page = Win11Arm64Machine.words(words);
        byte[] code = matchName();
        System.arraycopy(code, 0, page, (int) (MATCH_NAME & 0xFFF), code.length);
        return page;
    }

    @Override
    public byte[] write() {
        return build().toBytes();
    }
}
