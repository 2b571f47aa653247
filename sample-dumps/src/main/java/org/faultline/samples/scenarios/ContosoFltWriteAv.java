package org.faultline.samples.scenarios;

import static org.faultline.samples.scenarios.Win10Kernel.call;
import static org.faultline.samples.scenarios.Win10Kernel.callVia;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.TrapFrame64;
import org.faultline.samples.minidump.Amd64Context;

/**
 * Bug check 0x50 with P2 = 2: a write. The same contosoflt.sys build as {@link ContosoFltReadOutOfBounds}, another
 * day: in the post-write callback for WINWORD.EXE, ContosoFltUpdateStreamStats stores the write sequence number
 * into a stream context that was freed (its pool page released), {@code mov dword ptr [rcx+0x10],eax}. The fault
 * is a store; nothing was read out of bounds, so the read-out-of-bounds flag stays off although the driver is a
 * third-party minifilter.
 */
public final class ContosoFltWriteAv implements Scenario {
    static final String NAME = "contosoflt-write-av";

    static final long CONTOSOFLT = ContosoFltDriver.BASE;
    /** {@code mov dword ptr [rcx+0x10],eax} at ContosoFltUpdateStreamStats+0x14. */
    static final long FAULT = CONTOSOFLT + ContosoFltDriver.UPDATE_STREAM_STATS + 0x14;
    /** The stale stream context; its pool page was freed. */
    static final long STREAM_CONTEXT = 0xffffd58e_7c21_8f40L;
    static final long REFERENCED = STREAM_CONTEXT + 0x10;
    static final long SEQUENCE = 0x1c4e;
    static final long BYTES_WRITTEN = 0x10000;

    static final long STACK_END = 0xffffe58c_3b1f_7000L;
    static final long TOP_OF_STACK = STACK_END - 0xb80;
    static final long TRAP_FRAME = TOP_OF_STACK + 0x2a8;
    static final long FAULT_RSP = TRAP_FRAME + TrapFrame64.SIZE;
    static final long THREAD = 0xffffd58e_81c3_f080L;
    static final long BUGCHECK_CONTEXT = 0xffffd58e_7f0e_52f0L;
    static final Instant TIME = Instant.parse("2024-11-12T14:37:05Z");

    // FLTMGR.SYS RVAs: FltpPerformPostCallbacksWorker 0x7a80 (+0x347 calls the post-operation callback),
    // FltpPassThroughCompletionWorker 0x7630 (+0xf6), FltpLegacyProcessingAfterPreCallbacksCompleted 0x5930
    // (+0x2a0), FltpDispatch 0x4300 (+0xb6).
    static final long FLTP_PERFORM_POST_CALLBACKS_WORKER = 0x7a80;
    static final long FLTP_PASS_THROUGH_COMPLETION_WORKER = 0x7630;
    static final long FLTP_LEGACY_PROCESSING_AFTER_PRE_CALLBACKS = 0x5930;

    @Override
    public Truth truth() {
        return new Truth(NAME,
                "Bug check 0x50 with P2 = 2, a write: contosoflt.sys (fictional third-party minifilter) stores"
                        + " into a freed stream context (mov dword ptr [rcx+0x10],eax). The access kind comes from"
                        + " P2 and the instruction; a write access violation, not a read out of bounds, so the"
                        + " headline flag stays off for the same driver.",
                "kernel-triage", "amd64", Win10Machine.BUILD,
                new Truth.Code(0x50, null, List.of(REFERENCED, 2L, FAULT, 2L)), null, "write", REFERENCED,
                FAULT, ContosoFltDriver.NAME, FAULT - CONTOSOFLT, "mov dword ptr [rcx+0x10],eax",
                ContosoFltDriver.culprit(), "WRITE_ACCESS_VIOLATION", false, false);
    }

    /**
     * ContosoFltUpdateStreamStats(StreamContext = rcx, BytesWritten = rdx) at RVA 0x3100: a leaf without a frame;
     * ContosoFltWriteSequence is the global at RVA 0x22200.
     */
    static byte[] updateStreamStats() {
        return Win10Triage.code(
                "48 85 c9",                   // 3100 test rcx,rcx
                "74 17",                      // 3103 je 0x311c
                "b8 01 00 00 00",             // 3105 mov eax,0x1
                "f0 0f c1 05 ee f0 01 00",    // 310a lock xadd dword ptr [rip+0x1f0ee],eax   # 0x22200
                "ff c0",                      // 3112 inc eax
                "89 41 10",                   // 3114 mov dword ptr [rcx+0x10],eax   <- faults: the context is freed
                "f0 48 01 51 18",             // 3117 lock add qword ptr [rcx+0x18],rdx
                "c3");                        // 311c ret
    }

    static Win10Triage build() {
        List<DriverSpec> drivers = ContosoFltDriver.drivers();
        long fltmgr = Win10Machine.baseOf(drivers, "FLTMGR.SYS");
        Amd64Context atBugCheck = Amd64Context.create().rip(Win10Kernel.KE_BUG_CHECK_EX).rsp(TOP_OF_STACK)
                .rcx(0x50).rdx(REFERENCED).r(8, 2).r(9, FAULT).rax(0).rbx(0).rbp(TRAP_FRAME + 0x80)
                .eflags(0x40286).segments(0x10, 0x2b, 0x2b, 0x53, 0x2b, 0x18)
                .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0});
        TrapFrame64 trap = TrapFrame64.create().set("rax", SEQUENCE).set("rcx", STREAM_CONTEXT)
                .set("rdx", BYTES_WRITTEN).set("r8", 0xffffd58e_80a4_1c70L).set("r9", 0).set("r10", 0)
                .set("r11", 0xffffe58c_3b1f_6580L).rbp(FAULT_RSP + 0x90).rip(FAULT).rsp(FAULT_RSP)
                .set("segcs", 0x10).set("eflags", 0x10202).set("segss", 0x18);
        Win10Triage t = new Win10Triage(drivers, 0x50, new long[] {REFERENCED, 2, FAULT, 2}, atBugCheck,
                BUGCHECK_CONTEXT, TOP_OF_STACK, STACK_END, TIME, Duration.ofMinutes(1_312), "WINWORD.EXE", THREAD);
        t.codePage(CONTOSOFLT + ContosoFltDriver.UPDATE_STREAM_STATS, updateStreamStats());
        t.ret(TOP_OF_STACK, Win10Kernel.IN_MI_SYSTEM_FAULT);
        t.ret(TOP_OF_STACK + 0x100, Win10Kernel.IN_MM_ACCESS_FAULT);
        t.ret(TRAP_FRAME - 8, Win10Kernel.IN_KI_PAGE_FAULT_ACCESS);
        t.trapFrame(TRAP_FRAME, trap);
        // UpdateStreamStats has no frame: its return address is at the faulting rsp.
        t.ret(FAULT_RSP, call(CONTOSOFLT, ContosoFltDriver.RET_POST_WRITE, CONTOSOFLT + ContosoFltDriver.UPDATE_STREAM_STATS));
        t.ret(FAULT_RSP + 0x40, callVia(fltmgr, FLTP_PERFORM_POST_CALLBACKS_WORKER + 0x347,
                fltmgr + Win10Kernel.FLTMGR_GUARD_FPTR));
        t.ret(FAULT_RSP + 0xd0, call(fltmgr, FLTP_PASS_THROUGH_COMPLETION_WORKER + 0xf6,
                fltmgr + FLTP_PERFORM_POST_CALLBACKS_WORKER));
        t.ret(FAULT_RSP + 0x118, call(fltmgr, FLTP_LEGACY_PROCESSING_AFTER_PRE_CALLBACKS + 0x2a0,
                fltmgr + FLTP_PASS_THROUGH_COMPLETION_WORKER));
        t.ret(FAULT_RSP + 0x198, call(fltmgr, 0x4300 + 0xb6, fltmgr + FLTP_LEGACY_PROCESSING_AFTER_PRE_CALLBACKS));
        // NtWriteFile → IopSynchronousServiceTail → IofCallDriver enters FltpDispatch.
        t.ret(FAULT_RSP + 0x1f8, Win10Kernel.IN_IOF_CALL_DRIVER);
        t.ret(FAULT_RSP + 0x238, Win10Kernel.IN_IOP_SYNCHRONOUS_SERVICE_TAIL);
        t.ret(FAULT_RSP + 0x298, Win10Kernel.IN_NT_WRITE_FILE);
        t.ret(FAULT_RSP + 0x3a8, Win10Kernel.IN_KI_SYSTEM_SERVICE_COPY_END);
        // ContosoFltPostWrite saved the stale context pointer in its frame.
        t.u64s(FAULT_RSP + 0x20, STREAM_CONTEXT, BYTES_WRITTEN);
        return t;
    }

    @Override
    public byte[] write() {
        return build().toBytes();
    }
}
