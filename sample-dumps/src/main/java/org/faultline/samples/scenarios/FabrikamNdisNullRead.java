package org.faultline.samples.scenarios;

import static org.faultline.samples.scenarios.Win10Kernel.call;
import static org.faultline.samples.scenarios.Win10Kernel.callVia;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.TrapFrame64;
import org.faultline.samples.minidump.Amd64Context;

/**
 * Bug check 0xD1 DRIVER_IRQL_NOT_LESS_OR_EQUAL in a fictional NDIS lightweight filter, fabrikamndis.sys (Fabrikam,
 * Inc.): the Intel NIC's receive DPC indicates packets up through ndis.sys, which calls the filter's
 * FilterReceiveNetBufferLists; the filter loads its flow table pointer, NULL because FilterPause freed it, and reads
 * {@code [rcx+0x28]} at DISPATCH_LEVEL. P1 = 0x28 is the referenced address, P3 = 0 a read. A network filter, not a
 * file-system filter.
 */
public final class FabrikamNdisNullRead implements Scenario {
    static final String NAME = "fabrikamndis-null-read";

    static final String DRIVER = "fabrikamndis.sys";
    static final long FABRIKAMNDIS = 0xfffff806_7b1a_0000L;
    static final long SIZE = 0x1e000;
    /** FabrikamFilterReceiveNetBufferLists (RVA 0x2a40); the fault at +0x26. */
    static final long RECEIVE = 0x2a40;
    static final long FAULT = FABRIKAMNDIS + RECEIVE + 0x26;
    static final long REFERENCED = 0x28;
    static final long NBL = 0xffffa081_6c2f_3a60L;

    static final long STACK_END = 0xffffa081_6e3f_7000L;
    static final long TOP_OF_STACK = STACK_END - 0xb40;
    static final long TRAP_FRAME = TOP_OF_STACK + 0x148;
    static final long FAULT_RSP = TRAP_FRAME + TrapFrame64.SIZE;
    static final long IDLE_THREAD = 0xffffa081_6e3e_9140L;
    static final long BUGCHECK_CONTEXT = 0xffffa081_6e3d_92f0L;
    static final Instant TIME = Instant.parse("2025-02-03T07:58:21Z");

    // ndis.sys RVAs: ndisCallReceiveHandler 0x1e2a0 (+0x47 calls the filter), ndisInvokeNextReceiveHandler
    // 0x1e3c0 (+0x1df), NdisMIndicateReceiveNetBufferLists 0x1a7b0 (+0x104), ndisInterruptDpc 0x29f10 (+0x3c1
    // calls the miniport's DPC handler). e1dexpress.sys: three receive-path frames, its import slot for
    // NdisMIndicateReceiveNetBufferLists at 0x4f0a8.
    static final long NDIS_CALL_RECEIVE_HANDLER = 0x1_e2a0;
    static final long NDIS_INVOKE_NEXT_RECEIVE_HANDLER = 0x1_e3c0;

    @Override
    public Truth truth() {
        return new Truth(NAME,
                "Bug check 0xD1 at DISPATCH_LEVEL in fabrikamndis.sys, a fictional NDIS lightweight filter:"
                        + " mov rax,qword ptr [rcx+0x28] with rcx = NULL reads address 0x28 (P1; P3 = 0 read). A NULL"
                        + " pointer read in a network filter driver; not a file-system filter, so the flag is off.",
                "kernel-triage", "amd64", Win10Machine.BUILD,
                new Truth.Code(0xD1, null, List.of(REFERENCED, 2L, 0L, FAULT)), null, "read", REFERENCED,
                FAULT, DRIVER, FAULT - FABRIKAMNDIS, "mov rax,qword ptr [rcx+0x28]",
                new Truth.Culprit(DRIVER, "Fabrikam, Inc.", false, false, null, null),
                "NULL_POINTER_READ", false, false);
    }

    /** FabrikamFilterReceiveNetBufferLists(FilterModuleContext, NetBufferLists, PortNumber, Count, ReceiveFlags). */
    static byte[] receive() {
        return Win10Triage.code(
                "48 89 5c 24 08",    // 2a40 mov qword ptr [rsp+0x8],rbx
                "48 89 74 24 10",    // 2a45 mov qword ptr [rsp+0x10],rsi
                "48 89 7c 24 18",    // 2a4a mov qword ptr [rsp+0x18],rdi
                "41 56",             // 2a4f push r14
                "48 83 ec 30",       // 2a51 sub rsp,0x30
                "48 89 ce",          // 2a55 mov rsi,rcx                 the filter's context
                "48 89 d3",          // 2a58 mov rbx,rdx                 NetBufferLists
                "45 89 ce",          // 2a5b mov r14d,r9d                NumberOfNetBufferLists
                "8b 7c 24 60",       // 2a5e mov edi,dword ptr [rsp+0x60]   ReceiveFlags
                "48 8b 4e 40",       // 2a62 mov rcx,qword ptr [rsi+0x40]   the flow table: NULL after FilterPause
                "48 8b 41 28",       // 2a66 mov rax,qword ptr [rcx+0x28]   <- faults reading 0x28
                "48 85 c0",          // 2a6a test rax,rax
                "74 0e",             // 2a6d je 0x2a7d
                "49 89 d8",          // 2a6f mov r8,rbx
                "48 89 f2",          // 2a72 mov rdx,rsi
                "48 89 c1",          // 2a75 mov rcx,rax
                "e8 93 08 00 00",    // 2a78 call 0x3310                 FabrikamClassifyNetBufferLists
                "45 89 f1",          // 2a7d mov r9d,r14d
                "45 31 c0",          // 2a80 xor r8d,r8d
                "48 89 da",          // 2a83 mov rdx,rbx
                "48 8b 4e 08",       // 2a86 mov rcx,qword ptr [rsi+0x8]    the filter handle
                "89 7c 24 20",       // 2a8a mov dword ptr [rsp+0x20],edi
                "ff 15 ec a5 01 00", // 2a8e call qword ptr [rip+0x1a5ec]   # 0x1d080 NdisFIndicateReceiveNetBufferLists
                "48 8b 5c 24 40",    // 2a94 mov rbx,qword ptr [rsp+0x40]
                "48 8b 74 24 48",    // 2a99 mov rsi,qword ptr [rsp+0x48]
                "48 8b 7c 24 50",    // 2a9e mov rdi,qword ptr [rsp+0x50]
                "48 83 c4 30",       // 2aa3 add rsp,0x30
                "41 5e",             // 2aa7 pop r14
                "c3");               // 2aa9 ret
    }

    static List<DriverSpec> drivers() {
        return Win10Machine.drivers(Map.of(DRIVER, FABRIKAMNDIS),
                Map.of(DRIVER, new Win10Machine.Module("\\SystemRoot\\System32\\drivers\\" + DRIVER, SIZE)));
    }

    static Win10Triage build() {
        List<DriverSpec> drivers = drivers();
        long ndis = Win10Machine.baseOf(drivers, "ndis.sys");
        long e1d = Win10Machine.baseOf(drivers, "e1dexpress.sys");
        Amd64Context atBugCheck = Amd64Context.create().rip(Win10Kernel.KE_BUG_CHECK_EX).rsp(TOP_OF_STACK)
                .rcx(0xD1).rdx(REFERENCED).r(8, 2).r(9, 0).rax(0).rbx(0).rbp(TRAP_FRAME + 0x80)
                .eflags(0x282).segments(0x10, 0x2b, 0x2b, 0x53, 0x2b, 0x18)
                .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0});
        TrapFrame64 trap = TrapFrame64.create().set("rax", 0xffffa081_6c1e_4000L).set("rcx", 0).set("rdx", NBL)
                .set("r8", 0).set("r9", 1).set("r10", 0xffffa081_6c1e_4150L)
                .set("r11", FAULT_RSP - 0x10).rbp(FAULT_RSP + 0x80).rip(FAULT).rsp(FAULT_RSP)
                .set("segcs", 0x10).set("eflags", 0x10286).set("segss", 0x18);
        Win10Triage t = new Win10Triage(drivers, 0xD1, new long[] {REFERENCED, 2, 0, FAULT}, atBugCheck,
                BUGCHECK_CONTEXT, TOP_OF_STACK, STACK_END, TIME, Duration.ofMinutes(52), "Idle", IDLE_THREAD);
        t.codePage(FABRIKAMNDIS + RECEIVE, receive());
        // KeBugCheckEx ← KiBugCheckDispatch ← KiPageFault (trap frame): a page fault at DISPATCH_LEVEL.
        t.ret(TOP_OF_STACK, Win10Kernel.IN_KI_BUG_CHECK_DISPATCH);
        t.ret(TRAP_FRAME - 8, Win10Kernel.IN_KI_PAGE_FAULT_BUGCHECK);
        t.trapFrame(TRAP_FRAME, trap);
        // The filter's frame (0x38 bytes); ndis passed ReceiveFlags = NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL as the
        // fifth argument.
        t.u64s(FAULT_RSP + 0x60, 0x1);
        t.ret(FAULT_RSP + 0x38, callVia(ndis, NDIS_CALL_RECEIVE_HANDLER + 0x47, ndis + Win10Kernel.NDIS_GUARD_FPTR));
        t.ret(FAULT_RSP + 0x78, call(ndis, NDIS_INVOKE_NEXT_RECEIVE_HANDLER + 0x1df, ndis + NDIS_CALL_RECEIVE_HANDLER));
        t.ret(FAULT_RSP + 0xe8, call(ndis, 0x1_a7b0 + 0x104, ndis + NDIS_INVOKE_NEXT_RECEIVE_HANDLER));
        // The miniport's receive DPC path.
        t.ret(FAULT_RSP + 0x168, callVia(e1d, 0x3_c8a2, e1d + 0x4_f0a8));
        t.ret(FAULT_RSP + 0x1b8, call(e1d, 0x3_e1f4, e1d + 0x3_c780));
        t.ret(FAULT_RSP + 0x248, call(e1d, 0x1_b2d5, e1d + 0x3_e000));
        t.ret(FAULT_RSP + 0x2a8, callVia(ndis, 0x2_9f10 + 0x3c1, ndis + Win10Kernel.NDIS_GUARD_FPTR));
        // DPCs retired by the idle loop.
        t.ret(FAULT_RSP + 0x368, Win10Kernel.IN_KI_EXECUTE_ALL_DPCS);
        t.ret(FAULT_RSP + 0x548, Win10Kernel.IN_KI_RETIRE_DPC_LIST);
        t.ret(FAULT_RSP + 0x808, Win10Kernel.IN_KI_IDLE_LOOP);
        return t;
    }

    @Override
    public byte[] write() {
        return build().toBytes();
    }
}
