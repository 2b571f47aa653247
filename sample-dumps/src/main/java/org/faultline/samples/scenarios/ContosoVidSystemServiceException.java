package org.faultline.samples.scenarios;

import static org.faultline.samples.scenarios.Win10Kernel.call;
import static org.faultline.samples.scenarios.Win10Kernel.callVia;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.ExceptionRecord;
import org.faultline.samples.kernel.TrapFrame64;
import org.faultline.samples.minidump.Amd64Context;

/**
 * Bug check 0x3B SYSTEM_SERVICE_EXCEPTION in a fictional display driver, contosovid.sys (Contoso Ltd., the WDDM
 * driver of a USB docking station): the vendor's tray application sends a driver escape (D3DKMTEscape); dxgkrnl
 * copies the escape buffer into the kernel, but the driver follows a user-mode pointer inside it without probing
 * and reads {@code qword ptr [rbx+0x8]} = 0x0000025e3c5a1008, which the application had already freed. The access
 * violation is raised, no handler in the driver takes it, and the system-service handler bug checks: P1 the code,
 * P2 the faulting instruction, P3 the CONTEXT at the fault (in KiDispatchException's frame), P4 0.
 */
public final class ContosoVidSystemServiceException implements Scenario {
    static final String NAME = "contosovid-system-service-exception";

    static final String DRIVER = "contosovid.sys";
    static final String PATH = "\\SystemRoot\\System32\\DriverStore\\FileRepository\\contosovid.inf_amd64_3f1c2b7d9e0a4c61\\"
            + DRIVER;
    static final long CONTOSOVID = 0xfffff806_7c0d_0000L;
    static final long SIZE = 0x4a000;
    /** ContosoVidEscapeQuerySurface at RVA 0x14c80; the fault at +0x11. */
    static final long QUERY_SURFACE = 0x1_4c80;
    static final long FAULT = CONTOSOVID + QUERY_SURFACE + 0x11;
    /** The user-mode surface descriptor the escape buffer points to, freed by the application. */
    static final long USER_DESCRIPTOR = 0x0000_025e_3c5a_1000L;
    static final long REFERENCED = USER_DESCRIPTOR + 8;
    static final long ADAPTER = 0xffffb28e_4a7c_1000L;
    static final long ESCAPE_COPY = 0xffffb28e_4f31_2e80L;

    static final long STACK_END = 0xffffe70b_2d5c_7000L;
    static final long TOP_OF_STACK = STACK_END - 0x1a00;
    /** Offsets from TopOfStack as a 0x3B stack has them: KiDispatchException's CONTEXT, KiExceptionDispatch's record. */
    static final long CONTEXT = TOP_OF_STACK + 0x908;
    static final long RECORD = TOP_OF_STACK + 0x10d0;
    static final long TRAP_FRAME = TOP_OF_STACK + 0x1178;
    static final long FAULT_RSP = TRAP_FRAME + TrapFrame64.SIZE;
    static final long THREAD = 0xffffb28e_50e2_b080L;
    static final long BUGCHECK_CONTEXT = 0xffffb28e_4e6a_c2f0L;
    static final Instant TIME = Instant.parse("2025-01-14T11:26:09Z");

    // dxgkrnl.sys RVAs: DXGADAPTER::DdiEscape 0x6ac50 (+0x48 calls the miniport), DxgkEscape 0x1d3c30 (+0x7f1).
    static final long DDI_ESCAPE = 0x6_ac50;

    @Override
    public Truth truth() {
        return new Truth(NAME,
                "Bug check 0x3B: kernel code in contosovid.sys, a fictional third-party display driver, reads the"
                        + " user-mode address 0x25e3c5a1008 (mov rax,qword ptr [rbx+0x8]) taken from an escape"
                        + " buffer without probing. P1 is the code, P2 the instruction, P3 the CONTEXT whose rbx gives"
                        + " the address. A user address dereferenced by kernel code, not a read out of bounds.",
                "kernel-triage", "amd64", Win10Machine.BUILD,
                new Truth.Code(0x3B, null, List.of(0xC0000005L, FAULT, CONTEXT, 0L)),
                new Truth.Code(0xC0000005L, FAULT, List.of()), "read", REFERENCED,
                FAULT, DRIVER, FAULT - CONTOSOVID, "mov rax,qword ptr [rbx+0x8]",
                new Truth.Culprit(DRIVER, "Contoso Ltd.", false, false, null, null),
                "USER_ADDRESS_FROM_KERNEL", false, false);
    }

    /** ContosoVidEscapeQuerySurface(Adapter = rcx, EscapeData = rdx). */
    static byte[] querySurface() {
        return Win10Triage.code(
                "48 89 5c 24 08",       // 14c80 mov qword ptr [rsp+0x8],rbx
                "57",                   // 14c85 push rdi
                "48 83 ec 20",          // 14c86 sub rsp,0x20
                "48 89 cf",             // 14c8a mov rdi,rcx
                "48 8b 5a 10",          // 14c8d mov rbx,qword ptr [rdx+0x10]    a user-mode pointer from the escape
                "48 8b 43 08",          // 14c91 mov rax,qword ptr [rbx+0x8]     <- faults, never probed
                "48 89 87 f8 02 00 00", // 14c95 mov qword ptr [rdi+0x2f8],rax
                "8b 03",                // 14c9c mov eax,dword ptr [rbx]
                "89 87 00 03 00 00",    // 14c9e mov dword ptr [rdi+0x300],eax
                "31 c0",                // 14ca4 xor eax,eax
                "48 8b 5c 24 30",       // 14ca6 mov rbx,qword ptr [rsp+0x30]
                "48 83 c4 20",          // 14cab add rsp,0x20
                "5f",                   // 14caf pop rdi
                "c3");                  // 14cb0 ret
    }

    static List<DriverSpec> drivers() {
        return Win10Machine.drivers(Map.of(DRIVER, CONTOSOVID), Map.of(DRIVER, new Win10Machine.Module(PATH, SIZE)));
    }

    static Win10Triage build() {
        List<DriverSpec> drivers = drivers();
        long dxgkrnl = Win10Machine.baseOf(drivers, "dxgkrnl.sys");
        Amd64Context atFault = Amd64Context.create().rip(FAULT).rsp(FAULT_RSP).rax(0x2f8).rbx(USER_DESCRIPTOR)
                .rcx(ADAPTER).rdx(ESCAPE_COPY).rsi(0xffffb28e_4f31_2e00L).rdi(ADAPTER).rbp(FAULT_RSP + 0x100)
                .r(8, 0x40).r(9, 0).r(10, 0x1).r(11, FAULT_RSP - 0x20).r(12, 0).r(13, 0x40)
                .r(14, ESCAPE_COPY).r(15, 0xffffb28e_4a7c_0030L)
                .eflags(0x10246).segments(0x10, 0x2b, 0x2b, 0x53, 0x2b, 0x18)
                .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0});
        TrapFrame64 trap = TrapFrame64.create().set("rax", 0x2f8).set("rcx", ADAPTER).set("rdx", ESCAPE_COPY)
                .set("r8", 0x40).set("r9", 0).set("r10", 0x1).set("r11", FAULT_RSP - 0x20)
                .rbp(FAULT_RSP + 0x100).rip(FAULT).rsp(FAULT_RSP).set("segcs", 0x10).set("eflags", 0x10246)
                .set("segss", 0x18);
        Amd64Context atBugCheck = Amd64Context.create().rip(Win10Kernel.KE_BUG_CHECK_EX).rsp(TOP_OF_STACK)
                .rcx(0x3B).rdx(0xC0000005L).r(8, FAULT).r(9, CONTEXT).rax(0).rbx(0).rbp(TRAP_FRAME + 0x80)
                .eflags(0x40286).segments(0x10, 0x2b, 0x2b, 0x53, 0x2b, 0x18)
                .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0});
        Win10Triage t = new Win10Triage(drivers, 0x3B, new long[] {0xC0000005L, FAULT, CONTEXT, 0}, atBugCheck,
                BUGCHECK_CONTEXT, TOP_OF_STACK, STACK_END, TIME, Duration.ofMinutes(415), "ContosoHub.exe", THREAD);
        t.codePage(CONTOSOVID + QUERY_SURFACE, querySurface());
        // KeBugCheckEx ← KiBugCheckDispatch ← KiSystemServiceHandler ← RtlpExecuteHandlerForException
        // ← RtlDispatchException ← KiDispatchException (CONTEXT = P3) ← KiExceptionDispatch (record) ← KiPageFault.
        t.ret(TOP_OF_STACK, Win10Kernel.IN_KI_BUG_CHECK_DISPATCH);
        t.ret(TOP_OF_STACK + 0x140, Win10Kernel.IN_KI_SYSTEM_SERVICE_HANDLER);
        t.ret(TOP_OF_STACK + 0x180, Win10Kernel.IN_RTLP_EXECUTE_HANDLER);
        t.ret(TOP_OF_STACK + 0x1b0, Win10Kernel.IN_RTL_DISPATCH_EXCEPTION);
        t.ret(TOP_OF_STACK + 0x8d0, Win10Kernel.IN_KI_DISPATCH_EXCEPTION);
        t.context(CONTEXT, atFault);
        t.ret(TOP_OF_STACK + 0xf90, Win10Kernel.IN_KI_EXCEPTION_DISPATCH);
        t.exceptionRecord(RECORD, ExceptionRecord.ACCESS_VIOLATION, FAULT, 0, REFERENCED);
        t.ret(TRAP_FRAME - 8, Win10Kernel.IN_KI_PAGE_FAULT_EXCEPTION);
        t.trapFrame(TRAP_FRAME, trap);
        // contosovid's escape handling, called by dxgkrnl for the system call NtGdiDdDDIEscape.
        t.ret(FAULT_RSP + 0x28, call(CONTOSOVID, 0x1_3b27, CONTOSOVID + QUERY_SURFACE));
        t.ret(FAULT_RSP + 0x88, callVia(dxgkrnl, DDI_ESCAPE + 0x48, dxgkrnl + Win10Kernel.DXGKRNL_GUARD_FPTR));
        t.ret(FAULT_RSP + 0xd8, call(dxgkrnl, 0x1d_3c30 + 0x7f1, dxgkrnl + DDI_ESCAPE));
        t.ret(FAULT_RSP + 0x3a8, Win10Kernel.IN_KI_SYSTEM_SERVICE_COPY_END);
        return t;
    }

    @Override
    public byte[] write() {
        return build().toBytes();
    }
}
