package org.faultline.samples.scenarios;

import static org.faultline.samples.scenarios.Win10Kernel.callVia;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.TrapFrame64;
import org.faultline.samples.minidump.Amd64Context;

/**
 * Bug check 0x133 DPC_WATCHDOG_VIOLATION, P1 = 1: the processor spent too long in total at DISPATCH_LEVEL or above.
 * The clock interrupt's tick accounting (KeAccumulateTicks) bug checks on the per-processor ISR stack, which is the
 * saved call stack; the interrupted code, a storport DPC spinning for a spin lock in KxWaitForSpinLockAndAcquire on
 * the idle thread's stack, is visible only through the interrupt's trap frame and that stack page, kept as a data
 * block. Nothing faulted: no access, no faulting instruction, and the dump alone names no culprit.
 */
public final class DpcWatchdogViolation implements Scenario {
    static final String NAME = "dpc-watchdog-violation";

    /** P3: nt's DPC_WATCHDOG_GLOBAL_TRIAGE_BLOCK. */
    static final long TRIAGE_BLOCK = Win10Kernel.NT + 0xcf_b320;
    static final long WATCHDOG_PERIOD = 0x1e00;

    /** The processor's ISR stack: the saved call stack. */
    static final long ISR_STACK_END = 0xfffff806_7e69_5000L;
    static final long TOP_OF_STACK = ISR_STACK_END - 0x340;
    /** The idle thread's stack, interrupted by the clock: one page of it as a data block. */
    static final long IDLE_STACK_END = 0xfffff806_7e68_3000L;
    static final long TRAP_FRAME = IDLE_STACK_END - 0x800;
    static final long INTERRUPTED_RSP = TRAP_FRAME + TrapFrame64.SIZE;
    /** KxWaitForSpinLockAndAcquire+0x10, {@code mov rax,qword ptr [rcx]} in the spin loop. */
    static final long INTERRUPTED_RIP = Win10Kernel.KX_WAIT_FOR_SPIN_LOCK_AND_ACQUIRE + 0x10;
    static final long SPIN_LOCK = 0xffffcf83_5a2e_11a8L;
    static final long IDLE_THREAD = 0xfffff806_7e67_a140L;
    static final long BUGCHECK_CONTEXT = 0xfffff806_7e69_62f0L;
    static final Instant TIME = Instant.parse("2024-12-02T22:41:30Z");

    @Override
    public Truth truth() {
        return new Truth(NAME,
                "Bug check 0x133 with P1 = 1: the cumulative DPC watchdog fired in the clock interrupt. Not an"
                        + " access violation: no referenced address, no faulting instruction. The trap frame shows"
                        + " code spinning on a spin lock, which is where the time went, not who held the lock or who"
                        + " queued too much work: the dump alone names no culprit.",
                "kernel-triage", "amd64", Win10Machine.BUILD,
                new Truth.Code(0x133, null, List.of(1L, WATCHDOG_PERIOD, TRIAGE_BLOCK, 0L)), null, null, null,
                null, null, null, null, null, "NOT_AN_ACCESS_VIOLATION", false, false);
    }

    /** KxWaitForSpinLockAndAcquire(SpinLock = rcx): spin with pause until the lock reads free, then bts. */
    static byte[] spinLoop() {
        return Win10Triage.code(
                "53",                // 3f1c40 push rbx
                "48 83 ec 20",       // 3f1c41 sub rsp,0x20
                "48 89 cb",          // 3f1c45 mov rbx,rcx
                "45 31 c0",          // 3f1c48 xor r8d,r8d
                "41 ff c0",          // 3f1c4b inc r8d
                "f3 90",             // 3f1c4e pause
                "48 8b 01",          // 3f1c50 mov rax,qword ptr [rcx]     <- interrupted here
                "48 85 c0",          // 3f1c53 test rax,rax
                "75 f3",             // 3f1c56 jne 0x3f1c4b
                "f0 48 0f ba 29 00", // 3f1c58 lock bts qword ptr [rcx],0x0
                "72 eb",             // 3f1c5e jb 0x3f1c4b
                "44 89 c0",          // 3f1c60 mov eax,r8d
                "48 83 c4 20",       // 3f1c63 add rsp,0x20
                "5b",                // 3f1c67 pop rbx
                "c3");               // 3f1c68 ret
    }

    /** The interrupted idle-thread stack page: trap frame, the spin, storport's DPC, the idle loop. */
    static byte[] idleStackPage(long storport) {
        long pageVa = IDLE_STACK_END - 0x1000;
        byte[] page = new byte[0x1000];
        TrapFrame64 trap = TrapFrame64.create().set("rax", 1).set("rcx", SPIN_LOCK).set("rdx", 0)
                .set("r8", 0x2f4_a1c7).set("r9", 0).set("r10", 0).set("r11", 0).rbp(INTERRUPTED_RSP + 0x80)
                .rip(INTERRUPTED_RIP).rsp(INTERRUPTED_RSP).set("segcs", 0x10).set("eflags", 0x282).set("segss", 0x18);
        byte[] frame = trap.toBytes();
        System.arraycopy(frame, 0, page, (int) (TRAP_FRAME - pageVa), frame.length);
        long[][] slots = {
            {TRAP_FRAME - 8, Win10Kernel.IN_KI_INTERRUPT_DISPATCH.returnAddress()},
            {INTERRUPTED_RSP + 0x28, Win10Kernel.IN_KE_ACQUIRE_SPIN_LOCK_AT_DPC_LEVEL.returnAddress()},
            {INTERRUPTED_RSP + 0x58, storport + 0x1_f35a},
            {INTERRUPTED_RSP + 0xb8, Win10Kernel.IN_KI_EXECUTE_ALL_DPCS.returnAddress()},
            {INTERRUPTED_RSP + 0x298, Win10Kernel.IN_KI_RETIRE_DPC_LIST.returnAddress()},
            {INTERRUPTED_RSP + 0x558, Win10Kernel.IN_KI_IDLE_LOOP.returnAddress()},
        };
        for (long[] s : slots) {
            byte[] v = Win10Machine.u64s(s[1]);
            System.arraycopy(v, 0, page, (int) (s[0] - pageVa), 8);
        }
        return page;
    }

    static Win10Triage build() {
        List<DriverSpec> drivers = Win10Machine.drivers(Map.of(), Map.of());
        long storport = Win10Machine.baseOf(drivers, "storport.sys");
        Amd64Context atBugCheck = Amd64Context.create().rip(Win10Kernel.KE_BUG_CHECK_EX).rsp(TOP_OF_STACK)
                .rcx(0x133).rdx(1).r(8, WATCHDOG_PERIOD).r(9, TRIAGE_BLOCK).rax(0).rbx(0).rbp(TOP_OF_STACK + 0x80)
                .eflags(0x40082).segments(0x10, 0x2b, 0x2b, 0x53, 0x2b, 0x18)
                .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0});
        Win10Triage t = new Win10Triage(drivers, 0x133, new long[] {1, WATCHDOG_PERIOD, TRIAGE_BLOCK, 0}, atBugCheck,
                BUGCHECK_CONTEXT, TOP_OF_STACK, ISR_STACK_END, TIME, Duration.ofHours(51), "Idle", IDLE_THREAD);
        // The ISR stack: KeBugCheckEx ← KeAccumulateTicks ← KiUpdateRunTime ← KiUpdateTime ← KeClockInterruptNotify
        // ← HalpTimerClockInterrupt ← KiCallInterruptServiceRoutine ← KiInterruptSubDispatchNoLockNoEtw, which
        // switched here from the idle thread's stack and left the interrupted stack pointer at the top.
        t.ret(TOP_OF_STACK, Win10Kernel.IN_KE_ACCUMULATE_TICKS);
        t.ret(TOP_OF_STACK + 0x60, Win10Kernel.IN_KI_UPDATE_RUN_TIME);
        t.ret(TOP_OF_STACK + 0xb0, Win10Kernel.IN_KI_UPDATE_TIME);
        t.ret(TOP_OF_STACK + 0x1f0, Win10Kernel.IN_KE_CLOCK_INTERRUPT_NOTIFY);
        t.ret(TOP_OF_STACK + 0x240, Win10Kernel.IN_HALP_TIMER_CLOCK_INTERRUPT);
        t.ret(TOP_OF_STACK + 0x270, Win10Kernel.IN_KI_CALL_INTERRUPT_SERVICE_ROUTINE);
        t.ret(TOP_OF_STACK + 0x2c0, Win10Kernel.IN_KI_INTERRUPT_SUB_DISPATCH);
        t.u64s(ISR_STACK_END - 0x10, TRAP_FRAME - 0x38);
        // The interrupted stack and the code around its return addresses and the interrupted instruction.
        t.block(IDLE_STACK_END - 0x1000, idleStackPage(storport));
        for (Win10Kernel.Site s : List.of(Win10Kernel.IN_KI_INTERRUPT_DISPATCH,
                Win10Kernel.IN_KE_ACQUIRE_SPIN_LOCK_AT_DPC_LEVEL, callVia(storport, 0x1_f35a, storport + 0x8_a2b0),
                Win10Kernel.IN_KI_EXECUTE_ALL_DPCS, Win10Kernel.IN_KI_RETIRE_DPC_LIST, Win10Kernel.IN_KI_IDLE_LOOP)) {
            t.block(s.returnAddress() - 0x80, s.code());
        }
        t.codePage(Win10Kernel.KX_WAIT_FOR_SPIN_LOCK_AND_ACQUIRE, spinLoop());
        return t;
    }

    @Override
    public byte[] write() {
        return build().toBytes();
    }
}
