package org.faultline.samples.scenarios;

import static org.faultline.samples.scenarios.Win10Kernel.callVia;
import static org.faultline.samples.scenarios.Win10Kernel.call;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.TrapFrame64;
import org.faultline.samples.minidump.Amd64Context;

/**
 * Bug check 0x50 in a fictional third-party minifilter, contosoflt.sys, reached through FLTMGR: while explorer.exe
 * opens a file, ContosoFltPreCreate matches the name against its rule table, a 0x3000-byte nonpaged pool
 * allocation of 0xc00 dword hashes, and ContosoFltScanBuffer's loop runs one step too far ({@code jbe} instead of
 * {@code jb}): {@code mov r8d,dword ptr [rcx+r9*4]} with rcx = the table and r9 = 0xc00 reads the first byte after
 * it, on a page with no valid PTE. The July 19 pattern in a vendor of our own, with a Breakpad symbol file.
 */
public final class ContosoFltReadOutOfBounds implements Scenario {
    static final String NAME = "contosoflt-read-oob";

    static final long CONTOSOFLT = ContosoFltDriver.BASE;
    /** {@code mov r8d,dword ptr [rcx+r9*4]} at ContosoFltScanBuffer+0x14. */
    static final long FAULT = CONTOSOFLT + ContosoFltDriver.SCAN_BUFFER + 0x14;
    /** The rule table: a big-pool allocation of three pages, 0xc00 dwords. */
    static final long TABLE = 0xffffa68a_4c3f_d000L;
    static final long COUNT = 0xc00;
    static final long REFERENCED = TABLE + 4 * COUNT;
    static final long HASH = 0x5d2c_91e7L;

    static final long STACK_END = 0xffffd30f_6a4c_7000L;
    static final long TOP_OF_STACK = STACK_END - 0x1190;
    static final long TRAP_FRAME = TOP_OF_STACK + 0x2a8;
    static final long FAULT_RSP = TRAP_FRAME + TrapFrame64.SIZE;
    static final long THREAD = 0xffffc10b_7d4e_2080L;
    static final long BUGCHECK_CONTEXT = 0xffffc10b_7c91_a2f0L;
    static final Instant TIME = Instant.parse("2024-11-05T09:12:44Z");

    // FLTMGR.SYS RVAs: FltpPerformPreCallbacksWorker 0x4c40 (+0x36c calls the pre-operation callback),
    // FltpPassThroughInternal 0x4710 (+0xc6), FltpCreate 0x3b1b0 (+0x300).
    static final long FLTP_PERFORM_PRE_CALLBACKS_WORKER = 0x4c40;
    static final long FLTP_PASS_THROUGH_INTERNAL = 0x4710;

    @Override
    public Truth truth() {
        return new Truth(NAME,
                "Bug check 0x50 in contosoflt.sys, a fictional third-party file-system minifilter called by FLTMGR:"
                        + " ContosoFltScanBuffer reads one dword past the end of a 0x3000-byte pool allocation"
                        + " (mov r8d,dword ptr [rcx+r9*4] with r9 = the element count), an invalid non-null address"
                        + " on an unmapped page. A read out of bounds in a third-party minifilter; the Breakpad symbol"
                        + " file in sample-dumps/symbols names the functions.",
                "kernel-triage", "amd64", Win10Machine.BUILD,
                new Truth.Code(0x50, null, List.of(REFERENCED, 0L, FAULT, 2L)), null, "read", REFERENCED,
                FAULT, ContosoFltDriver.NAME, FAULT - CONTOSOFLT, "mov r8d,dword ptr [rcx+r9*4]",
                ContosoFltDriver.culprit(), "READ_OUT_OF_BOUNDS", true, false);
    }

    /**
     * ContosoFltScanBuffer(Table = rcx, Count = edx, Hash = r8d) at RVA 0x5a20, as GNU as assembles it and
     * objdump prints it.
     */
    static byte[] scanBuffer() {
        return Win10Triage.code(
                "48 89 5c 24 08", // 5a20 mov qword ptr [rsp+0x8],rbx
                "48 83 ec 20",    // 5a25 sub rsp,0x20
                "45 31 c9",       // 5a29 xor r9d,r9d            i = 0
                "41 89 d2",       // 5a2c mov r10d,edx           count
                "45 89 c3",       // 5a2f mov r11d,r8d           hash
                "31 db",          // 5a32 xor ebx,ebx
                "46 8b 04 89",    // 5a34 mov r8d,dword ptr [rcx+r9*4]   <- faults with r9 = count
                "45 39 d8",       // 5a38 cmp r8d,r11d
                "74 0a",          // 5a3b je 0x5a47
                "41 ff c1",       // 5a3d inc r9d
                "45 39 d1",       // 5a40 cmp r9d,r10d
                "76 ef",          // 5a43 jbe 0x5a34             the bug: jb was meant
                "eb 05",          // 5a45 jmp 0x5a4c
                "bb 01 00 00 00", // 5a47 mov ebx,0x1
                "89 d8",          // 5a4c mov eax,ebx
                "48 8b 5c 24 30", // 5a4e mov rbx,qword ptr [rsp+0x30]
                "48 83 c4 20",    // 5a53 add rsp,0x20
                "c3");            // 5a57 ret
    }

    static Win10Triage build() {
        List<DriverSpec> drivers = ContosoFltDriver.drivers();
        long fltmgr = Win10Machine.baseOf(drivers, "FLTMGR.SYS");
        Amd64Context atBugCheck = Amd64Context.create().rip(Win10Kernel.KE_BUG_CHECK_EX).rsp(TOP_OF_STACK)
                .rcx(0x50).rdx(REFERENCED).r(8, 0).r(9, FAULT).rax(0).rbx(0).rbp(TRAP_FRAME + 0x80)
                .eflags(0x40282).segments(0x10, 0x2b, 0x2b, 0x53, 0x2b, 0x18)
                .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0});
        TrapFrame64 trap = TrapFrame64.create().set("rax", 0).set("rcx", TABLE).set("rdx", COUNT).set("r8", HASH)
                .set("r9", COUNT).set("r10", COUNT).set("r11", HASH).rbp(FAULT_RSP + 0x150).rip(FAULT)
                .rsp(FAULT_RSP).set("segcs", 0x10).set("eflags", 0x10282).set("segss", 0x18);
        Win10Triage t = new Win10Triage(drivers, 0x50, new long[] {REFERENCED, 0, FAULT, 2}, atBugCheck,
                BUGCHECK_CONTEXT, TOP_OF_STACK, STACK_END, TIME, Duration.ofMinutes(197), "explorer.exe", THREAD);
        t.codePage(CONTOSOFLT + ContosoFltDriver.SCAN_BUFFER, scanBuffer());
        // KeBugCheckEx ← MiSystemFault ← MmAccessFault ← KiPageFault (trap frame) ← the fault.
        t.ret(TOP_OF_STACK, Win10Kernel.IN_MI_SYSTEM_FAULT);
        t.ret(TOP_OF_STACK + 0x100, Win10Kernel.IN_MM_ACCESS_FAULT);
        t.ret(TRAP_FRAME - 8, Win10Kernel.IN_KI_PAGE_FAULT_ACCESS);
        t.trapFrame(TRAP_FRAME, trap);
        // ContosoFltScanBuffer's frame is 0x20 bytes; its return address, then its callers'.
        t.ret(FAULT_RSP + 0x20, call(CONTOSOFLT, ContosoFltDriver.RET_MATCH_RULES, CONTOSOFLT + ContosoFltDriver.SCAN_BUFFER));
        t.ret(FAULT_RSP + 0x70, call(CONTOSOFLT, ContosoFltDriver.RET_PRE_CREATE, CONTOSOFLT + ContosoFltDriver.MATCH_RULES));
        t.ret(FAULT_RSP + 0xe0, callVia(fltmgr, FLTP_PERFORM_PRE_CALLBACKS_WORKER + 0x36c,
                fltmgr + Win10Kernel.FLTMGR_GUARD_FPTR));
        t.ret(FAULT_RSP + 0x200, call(fltmgr, FLTP_PASS_THROUGH_INTERNAL + 0xc6, fltmgr + FLTP_PERFORM_PRE_CALLBACKS_WORKER));
        t.ret(FAULT_RSP + 0x260, call(fltmgr, 0x3_b1b0 + 0x300, fltmgr + FLTP_PASS_THROUGH_INTERNAL));
        // The I/O manager's create path from the system call: IofCallDriver enters FltpCreate.
        t.ret(FAULT_RSP + 0x2b0, Win10Kernel.IN_IOF_CALL_DRIVER);
        t.ret(FAULT_RSP + 0x2f0, Win10Kernel.IN_IOP_PARSE_DEVICE);
        t.ret(FAULT_RSP + 0x4c0, Win10Kernel.IN_OBP_LOOKUP_OBJECT_NAME);
        t.ret(FAULT_RSP + 0x670, Win10Kernel.IN_OB_OPEN_OBJECT_BY_NAME_EX);
        t.ret(FAULT_RSP + 0x780, Win10Kernel.IN_IOP_CREATE_FILE);
        t.ret(FAULT_RSP + 0x8a0, Win10Kernel.IN_NT_CREATE_FILE);
        t.ret(FAULT_RSP + 0x930, Win10Kernel.IN_KI_SYSTEM_SERVICE_COPY_END);
        // ContosoFltMatchRules kept the table and its size in its frame.
        t.u64s(FAULT_RSP + 0x30, TABLE, COUNT, HASH);
        return t;
    }

    @Override
    public byte[] write() {
        return build().toBytes();
    }
}
