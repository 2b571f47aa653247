package org.faultline.samples.scenarios;

/**
 * Where the functions of the {@link Win10Machine}'s ntoskrnl.exe lie, so that every Windows 10 sample puts a
 * given kernel function at the same address: function starts, and return sites (the address after a call, as a
 * stack slot holds it) with the function that call enters. The names are what Microsoft's public symbols call
 * these functions in stacks of such crashes; the offsets are ours (no symbols ship with the samples). Sites shared
 * with {@link CrowdStrikeCsagent} use its numbers.
 */
final class Win10Kernel {
    private Win10Kernel() {
    }

    static final long NT = Win10Machine.NT_BASE;

    /**
     * A return address on the stack and the call before it: {@code call rel32} into {@code target}, or, with
     * {@code viaPointer}, {@code call qword ptr [rip+disp32]} through the pointer at {@code target} (an import
     * slot or a driver's {@code __guard_dispatch_icall_fptr}).
     */
    record Site(long returnAddress, long target, boolean viaPointer) {
        /** The 0x100 code bytes around the return address, as triage dumps keep them. */
        byte[] code() {
            return viaPointer ? Win10Machine.codeAroundPointerCall(returnAddress, target)
                    : Win10Machine.codeAroundReturn(returnAddress, target);
        }
    }

    private static Site site(long returnRva, long callee) {
        return new Site(NT + returnRva, callee, false);
    }

    // Function starts.
    static final long KE_BUG_CHECK_EX = NT + 0x3f_7b30;
    static final long MI_SYSTEM_FAULT = NT + 0x2d_1c00;
    static final long MM_ACCESS_FAULT = NT + 0x2b_6a00;
    static final long KI_BUG_CHECK_DISPATCH = NT + 0x40_9e40;
    static final long KI_EXCEPTION_DISPATCH = NT + 0x40_9980;
    static final long KI_DISPATCH_EXCEPTION = NT + 0x2a_4e10;
    static final long RTL_DISPATCH_EXCEPTION = NT + 0x2c_3600;
    static final long RTLP_EXECUTE_HANDLER_FOR_EXCEPTION = NT + 0x40_26b0;
    static final long C_SPECIFIC_HANDLER = NT + 0x3f_b0e0;
    static final long PSP_SYSTEM_THREAD_STARTUP_FILTER = NT + 0x40_f4a0;
    static final long KI_SYSTEM_SERVICE_HANDLER = NT + 0x40_1f90;
    static final long PSP_SYSTEM_THREAD_STARTUP = NT + 0x34_e850;
    static final long IOF_CALL_DRIVER = NT + 0x2a_9a10;
    static final long IOP_PARSE_DEVICE = NT + 0x61_f2a0;
    static final long OBP_LOOKUP_OBJECT_NAME = NT + 0x60_b590;
    static final long OB_OPEN_OBJECT_BY_NAME_EX = NT + 0x61_bd60;
    static final long IOP_CREATE_FILE = NT + 0x6a_1ec0;
    static final long NT_CREATE_FILE = NT + 0x6a_6d40;
    static final long IOP_SYNCHRONOUS_SERVICE_TAIL = NT + 0x63_26f0;
    static final long NT_WRITE_FILE = NT + 0x63_37a0;
    static final long KI_RETIRE_DPC_LIST = NT + 0x2a_6b10;
    static final long KI_EXECUTE_ALL_DPCS = NT + 0x2a_7c40;
    static final long KI_UPDATE_RUN_TIME = NT + 0x2e_1830;
    static final long KI_UPDATE_TIME = NT + 0x2e_0ac0;
    static final long KE_CLOCK_INTERRUPT_NOTIFY = NT + 0x2e_0330;
    static final long HALP_TIMER_CLOCK_INTERRUPT = NT + 0x2a_1e70;
    static final long KI_CALL_INTERRUPT_SERVICE_ROUTINE = NT + 0x2f_6a30;
    static final long KI_INTERRUPT_SUB_DISPATCH_NO_LOCK_NO_ETW = NT + 0x3f_d430;
    static final long KE_ACCUMULATE_TICKS = NT + 0x2e_1f20;
    static final long KX_WAIT_FOR_SPIN_LOCK_AND_ACQUIRE = NT + 0x3f_1c40;
    static final long KE_ACQUIRE_SPIN_LOCK_AT_DPC_LEVEL = NT + 0x2b_d7a0;
    static final long EXP_WORKER_THREAD = NT + 0x32_5a90;
    /** The Control Flow Guard thunk every indirect call in ntoskrnl goes through ({@code call} it, it jumps to rax). */
    static final long GUARD_DISPATCH_ICALL = NT + 0x40_3a20;

    // Return sites: "in F after calling G".
    /** nt!MiSystemFault+0x335 → KeBugCheckEx (bug check 0x50). */
    static final Site IN_MI_SYSTEM_FAULT = site(0x2d_1f35, KE_BUG_CHECK_EX);
    /** nt!MmAccessFault+0x52a → MiSystemFault. */
    static final Site IN_MM_ACCESS_FAULT = site(0x2b_6f2a, MI_SYSTEM_FAULT);
    /** nt!KiPageFault+0x35e → MmAccessFault. */
    static final Site IN_KI_PAGE_FAULT_ACCESS = site(0x40_895e, MM_ACCESS_FAULT);
    /** nt!KiPageFault+0x469 → KiBugCheckDispatch (a fault at raised IRQL: bug check 0xD1). */
    static final Site IN_KI_PAGE_FAULT_BUGCHECK = site(0x40_8a69, KI_BUG_CHECK_DISPATCH);
    /** nt!KiPageFault+0x443 → KiExceptionDispatch (the fault becomes an exception). */
    static final Site IN_KI_PAGE_FAULT_EXCEPTION = site(0x40_8a43, KI_EXCEPTION_DISPATCH);
    /** nt!KiBugCheckDispatch+0x69 → KeBugCheckEx. */
    static final Site IN_KI_BUG_CHECK_DISPATCH = site(0x40_9ea9, KE_BUG_CHECK_EX);
    /** nt!KiExceptionDispatch+0x12c → KiDispatchException. */
    static final Site IN_KI_EXCEPTION_DISPATCH = site(0x40_9aac, KI_DISPATCH_EXCEPTION);
    /** nt!KiDispatchException+0x186 → RtlDispatchException. */
    static final Site IN_KI_DISPATCH_EXCEPTION = site(0x2a_4f96, RTL_DISPATCH_EXCEPTION);
    /** nt!RtlDispatchException+0x297 → RtlpExecuteHandlerForException. */
    static final Site IN_RTL_DISPATCH_EXCEPTION = site(0x2c_3897, RTLP_EXECUTE_HANDLER_FOR_EXCEPTION);
    /** nt!RtlpExecuteHandlerForException+0x12 → the frame's handler (indirect, through the guard thunk). */
    static final Site IN_RTLP_EXECUTE_HANDLER = site(0x40_26c2, GUARD_DISPATCH_ICALL);
    /** nt!_C_specific_handler+0xa2 → the scope's exception filter (indirect). */
    static final Site IN_C_SPECIFIC_HANDLER = site(0x3f_b182, GUARD_DISPATCH_ICALL);
    /** nt!PspSystemThreadStartup$filt$0+0x44 → KeBugCheckEx (bug check 0x7E). */
    static final Site IN_PSP_SYSTEM_THREAD_STARTUP_FILTER = site(0x40_f4e4, KE_BUG_CHECK_EX);
    /** nt!KiSystemServiceHandler+0x7c → KiBugCheckDispatch (bug check 0x3B). */
    static final Site IN_KI_SYSTEM_SERVICE_HANDLER = site(0x40_200c, KI_BUG_CHECK_DISPATCH);
    /** nt!KiStartSystemThread+0x28 → PspSystemThreadStartup. */
    static final Site IN_KI_START_SYSTEM_THREAD = site(0x40_d0d8, PSP_SYSTEM_THREAD_STARTUP);
    /** nt!IopParseDevice+0x632 → IofCallDriver. */
    static final Site IN_IOP_PARSE_DEVICE = site(0x61_f8d2, IOF_CALL_DRIVER);
    /** nt!ObpLookupObjectName+0x719 → the object type's parse routine, IopParseDevice (indirect). */
    static final Site IN_OBP_LOOKUP_OBJECT_NAME = site(0x60_bca9, GUARD_DISPATCH_ICALL);
    /** nt!ObOpenObjectByNameEx+0x1df → ObpLookupObjectName. */
    static final Site IN_OB_OPEN_OBJECT_BY_NAME_EX = site(0x61_bf3f, OBP_LOOKUP_OBJECT_NAME);
    /** nt!IopCreateFile+0x3f1 → ObOpenObjectByNameEx. */
    static final Site IN_IOP_CREATE_FILE = site(0x6a_22b1, OB_OPEN_OBJECT_BY_NAME_EX);
    /** nt!NtCreateFile+0x79 → IopCreateFile. */
    static final Site IN_NT_CREATE_FILE = site(0x6a_6db9, IOP_CREATE_FILE);
    /** nt!KiSystemServiceCopyEnd+0x25 → the system service (indirect). */
    static final Site IN_KI_SYSTEM_SERVICE_COPY_END = site(0x40_c4f5, GUARD_DISPATCH_ICALL);
    /** nt!IofCallDriver+0x55 → the driver's dispatch routine (indirect). */
    static final Site IN_IOF_CALL_DRIVER = site(0x2a_9a65, GUARD_DISPATCH_ICALL);
    /** nt!ExpWorkerThread+0x105 → the work item's routine (indirect). */
    static final Site IN_EXP_WORKER_THREAD = site(0x32_5b95, GUARD_DISPATCH_ICALL);
    /** nt!PspSystemThreadStartup+0x55 → the thread's start routine (indirect). */
    static final Site IN_PSP_SYSTEM_THREAD_STARTUP = site(0x34_e8a5, GUARD_DISPATCH_ICALL);
    /** nt!KiExecuteAllDpcs+0x30e → the DPC routine (indirect). */
    static final Site IN_KI_EXECUTE_ALL_DPCS = site(0x2a_7f4e, GUARD_DISPATCH_ICALL);
    /** nt!IopSynchronousServiceTail+0x1a8 → IofCallDriver. */
    static final Site IN_IOP_SYNCHRONOUS_SERVICE_TAIL = site(0x63_2898, IOF_CALL_DRIVER);
    /** nt!NtWriteFile+0x675 → IopSynchronousServiceTail. */
    static final Site IN_NT_WRITE_FILE = site(0x63_3e15, IOP_SYNCHRONOUS_SERVICE_TAIL);
    /** nt!KiIdleLoop+0x9e → KiRetireDpcList. */
    static final Site IN_KI_IDLE_LOOP = site(0x3f_da3e, KI_RETIRE_DPC_LIST);
    /** nt!KiRetireDpcList+0x1ef → KiExecuteAllDpcs. */
    static final Site IN_KI_RETIRE_DPC_LIST = site(0x2a_6cff, KI_EXECUTE_ALL_DPCS);
    /** nt!KeAccumulateTicks+0x1c8c4c (its cold bug check path) → KeBugCheckEx (bug check 0x133). */
    static final Site IN_KE_ACCUMULATE_TICKS = site(0x4a_ab6c, KE_BUG_CHECK_EX);
    /** nt!KiUpdateRunTime+0x5d → KeAccumulateTicks. */
    static final Site IN_KI_UPDATE_RUN_TIME = site(0x2e_188d, KE_ACCUMULATE_TICKS);
    /** nt!KiUpdateTime+0x4a1 → KiUpdateRunTime. */
    static final Site IN_KI_UPDATE_TIME = site(0x2e_0f61, KI_UPDATE_RUN_TIME);
    /** nt!KeClockInterruptNotify+0x2e3 → KiUpdateTime. */
    static final Site IN_KE_CLOCK_INTERRUPT_NOTIFY = site(0x2e_0613, KI_UPDATE_TIME);
    /** nt!HalpTimerClockInterrupt+0xe2 → KeClockInterruptNotify. */
    static final Site IN_HALP_TIMER_CLOCK_INTERRUPT = site(0x2a_1f52, KE_CLOCK_INTERRUPT_NOTIFY);
    /** nt!KiCallInterruptServiceRoutine+0xa5 → the ISR, here HalpTimerClockInterrupt (indirect). */
    static final Site IN_KI_CALL_INTERRUPT_SERVICE_ROUTINE = site(0x2f_6ad5, GUARD_DISPATCH_ICALL);
    /** nt!KiInterruptSubDispatchNoLockNoEtw+0xfa → KiCallInterruptServiceRoutine. */
    static final Site IN_KI_INTERRUPT_SUB_DISPATCH = site(0x3f_d52a, KI_CALL_INTERRUPT_SERVICE_ROUTINE);
    /** nt!KiInterruptDispatchNoLockNoEtw+0x37 → KiInterruptSubDispatchNoLockNoEtw (after the switch to the ISR stack). */
    static final Site IN_KI_INTERRUPT_DISPATCH = site(0x3f_d657, KI_INTERRUPT_SUB_DISPATCH_NO_LOCK_NO_ETW);
    /** nt!KeAcquireSpinLockAtDpcLevel+0x5c → KxWaitForSpinLockAndAcquire. */
    static final Site IN_KE_ACQUIRE_SPIN_LOCK_AT_DPC_LEVEL = site(0x2b_d7fc, KX_WAIT_FOR_SPIN_LOCK_AND_ACQUIRE);

    // Other Microsoft modules of the machine: RVAs, the bases come from the driver list.
    /** FLTMGR.SYS's {@code __guard_dispatch_icall_fptr}, through which it calls minifilter callbacks. */
    static final long FLTMGR_GUARD_FPTR = 0x5_e1a8;
    /** ndis.sys's {@code __guard_dispatch_icall_fptr}. */
    static final long NDIS_GUARD_FPTR = 0x12_a3b0;
    /** dxgkrnl.sys's {@code __guard_dispatch_icall_fptr}. */
    static final long DXGKRNL_GUARD_FPTR = 0x2f_4c18;

    /** A return site in any module: {@code base + returnRva}, after {@code call rel32} into {@code callee}. */
    static Site call(long base, long returnRva, long callee) {
        return new Site(base + returnRva, callee, false);
    }

    /** A return site in any module: {@code base + returnRva}, after a call through the pointer at {@code slot}. */
    static Site callVia(long base, long returnRva, long slot) {
        return new Site(base + returnRva, slot, true);
    }
}
