package org.faultline.samples.scenarios;

import static org.faultline.samples.scenarios.Win10Kernel.call;

import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.ExceptionRecord;
import org.faultline.samples.kernel.TrapFrame64;
import org.faultline.samples.minidump.Amd64Context;

/**
 * Bug check 0x1000007E SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M in Ntfs.sys, a Microsoft driver, laid out as the real
 * x64 triage dump of such a crash ({@code rizin-testbins/triage_x64.dmp}, kernel-dump.md §12) lays it out: P3 is the
 * EXCEPTION_RECORD and P4 the CONTEXT at the fault, both inside the saved stack (in KiExceptionDispatch's and
 * KiDispatchException's frames); the header holds a copy of that CONTEXT and the stand-in breakpoint record. A
 * worker thread walks the attributes of a file record whose second attribute has a corrupt RecordLength, and the
 * walk reads {@code dword ptr [rdx]} far past the 1 KiB record.
 */
public final class NtfsAccessViolation implements Scenario {
    static final String NAME = "ntfs-access-violation";

    static final long STACK_END = 0xffff8c0e_51a3_7000L;
    static final long TOP_OF_STACK = STACK_END - 0x1940;
    /** The offsets below from TopOfStack are those of the real dump. */
    static final long CONTEXT = TOP_OF_STACK + 0x838;
    static final long RECORD = TOP_OF_STACK + 0x1000;
    static final long TRAP_FRAME = TOP_OF_STACK + 0x10a8;
    static final long FAULT_RSP = TRAP_FRAME + TrapFrame64.SIZE;

    /** The walking routine at Ntfs RVA 0x1a440; the fault at +0x17. */
    static final long WALK = 0x1_a440;
    static final long FAULT_OFFSET = WALK + 0x17;
    /** The file record segment (1 KiB, nonpaged pool) and its second attribute's corrupt RecordLength. */
    static final long FILE_RECORD = 0xffffc48f_2cf1_6400L;
    static final long BAD_LENGTH = 0x4e_9b68;
    static final long REFERENCED = FILE_RECORD + 0x98 + BAD_LENGTH;
    static final long IRP_CONTEXT = 0xffffc48f_2b07_3a10L;

    static final long THREAD = 0xffffc48f_2a1d_5040L;
    static final long BUGCHECK_CONTEXT = 0xffffc48f_29fe_e2f0L;
    static final Instant TIME = Instant.parse("2024-09-27T16:03:52Z");

    static long ntfs(List<DriverSpec> drivers) {
        return Win10Machine.baseOf(drivers, "Ntfs.sys");
    }

    static long fault() {
        return ntfs(Win10Machine.drivers(Map.of(), Map.of())) + FAULT_OFFSET;
    }

    @Override
    public Truth truth() {
        long fault = fault();
        return new Truth(NAME,
                "Bug check 0x1000007E (0x7E): an unhandled 0xC0000005 in a system worker thread in Ntfs.sys,"
                        + " a Microsoft driver. P3 points at the EXCEPTION_RECORD and P4 at the CONTEXT, both in the"
                        + " saved stack: the record says read of 0xffffc48f2d400000, an unmapped address far past"
                        + " the 1 KiB file record being walked. A read out of bounds, but in Microsoft's code, so the"
                        + " third-party filter flag stays off.",
                "kernel-triage", "amd64", Win10Machine.BUILD,
                new Truth.Code(0x1000007EL, null, List.of(0xffff_ffff_c000_0005L, fault, RECORD, CONTEXT)),
                new Truth.Code(0xC0000005L, fault, List.of(0L, REFERENCED)), "read", REFERENCED,
                fault, "Ntfs.sys", FAULT_OFFSET, "mov eax,dword ptr [rdx]",
                new Truth.Culprit("Ntfs.sys", "Microsoft Corporation", true, false, null, null),
                "READ_OUT_OF_BOUNDS", false, false);
    }

    /** The attribute walk: rcx = file record, edx = the type code sought, r8 = where to store the match. */
    static byte[] walk() {
        return Win10Triage.code(
                "48 89 5c 24 08",   // 1a440 mov qword ptr [rsp+0x8],rbx
                "57",               // 1a445 push rdi
                "48 83 ec 20",      // 1a446 sub rsp,0x20
                "4c 89 c7",         // 1a44a mov rdi,r8
                "0f b7 41 14",      // 1a44d movzx eax,word ptr [rcx+0x14]   FirstAttributeOffset
                "89 d3",            // 1a451 mov ebx,edx
                "48 8d 14 01",      // 1a453 lea rdx,[rcx+rax*1]
                "8b 02",            // 1a457 mov eax,dword ptr [rdx]         TypeCode  <- faults
                "39 d8",            // 1a459 cmp eax,ebx
                "74 0d",            // 1a45b je 0x1a46a
                "83 f8 ff",         // 1a45d cmp eax,0xffffffff              end marker
                "74 12",            // 1a460 je 0x1a474
                "8b 42 04",         // 1a462 mov eax,dword ptr [rdx+0x4]     RecordLength, not checked
                "48 01 c2",         // 1a465 add rdx,rax
                "eb ed",            // 1a468 jmp 0x1a457
                "48 89 17",         // 1a46a mov qword ptr [rdi],rdx
                "b8 01 00 00 00",   // 1a46d mov eax,0x1
                "eb 02",            // 1a472 jmp 0x1a476
                "31 c0",            // 1a474 xor eax,eax
                "48 8b 5c 24 30",   // 1a476 mov rbx,qword ptr [rsp+0x30]
                "48 83 c4 20",      // 1a47b add rsp,0x20
                "5f",               // 1a47f pop rdi
                "c3");              // 1a480 ret
    }

    /** The first 0x100 bytes of the file record: "FILE", attributes at 0x38: $STANDARD_INFORMATION, then a $FILE_NAME whose RecordLength is garbage. */
    static byte[] fileRecord() {
        LeWriter w = new LeWriter(0x100);
        w.bytes("FILE".getBytes(StandardCharsets.US_ASCII)).u16(0x30).u16(3) // USA offset, count
                .u64(0x2_41a7_5c03L)        // $LogFile sequence number
                .u16(1).u16(1)              // sequence number, hard links
                .u16(0x38).u16(1)           // first attribute, flags: in use
                .u32(0x1a8).u32(0x400)      // bytes in use, bytes allocated
                .u64(0).u16(4).u16(0)       // base record, next attribute id
                .u32(0x0002_93c1L)          // record number
                .padTo(0x38);
        w.u32(0x10).u32(0x60).zeros(0x58);                 // $STANDARD_INFORMATION, 0x60 bytes
        w.u32(0x30).u32(BAD_LENGTH).zeros(0x100 - 0xa0);  // $FILE_NAME with a corrupt RecordLength
        return w.toByteArray();
    }

    static Win10Triage build() {
        List<DriverSpec> drivers = Win10Machine.drivers(Map.of(), Map.of());
        long ntfs = ntfs(drivers);
        long fault = ntfs + FAULT_OFFSET;
        long p1 = 0xffff_ffff_c000_0005L;
        Amd64Context atFault = Amd64Context.create().rip(fault).rsp(FAULT_RSP).rax(BAD_LENGTH).rbx(0x80)
                .rcx(FILE_RECORD).rdx(REFERENCED).rsi(IRP_CONTEXT).rdi(FAULT_RSP + 0x78).rbp(FAULT_RSP + 0xa0)
                .r(8, FAULT_RSP + 0x78).r(9, 0).r(10, FILE_RECORD + 0x400).r(11, 0x246)
                .r(12, 0x1).r(13, IRP_CONTEXT + 0x60).r(14, 0).r(15, 0xffffc48f_2b11_d180L)
                .eflags(0x10282).segments(0x10, 0x2b, 0x2b, 0x53, 0x2b, 0x18)
                .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0});
        TrapFrame64 trap = TrapFrame64.create().set("rax", BAD_LENGTH).set("rcx", FILE_RECORD).set("rdx", REFERENCED)
                .set("r8", FAULT_RSP + 0x78).set("r9", 0).set("r10", FILE_RECORD + 0x400).set("r11", 0x246)
                .rbp(FAULT_RSP + 0xa0).rip(fault).rsp(FAULT_RSP).set("segcs", 0x10).set("eflags", 0x10282)
                .set("segss", 0x18);
        Amd64Context atBugCheck = Amd64Context.create().rip(Win10Kernel.KE_BUG_CHECK_EX).rsp(TOP_OF_STACK)
                .rcx(0x7E).rdx(p1).r(8, fault).r(9, RECORD).rax(CONTEXT).r(10, RECORD).r(13, RECORD)
                .r(14, TOP_OF_STACK + 0x678).rbp(FAULT_RSP + 0xa0).r(12, FAULT_RSP + 0xa0).rbx(Win10Kernel.NT + 0x8_2b68)
                .r(15, Win10Kernel.NT).eflags(0x40286).segments(0x10, 0x2b, 0x2b, 0x53, 0x2b, 0x18)
                .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0});
        Win10Triage t = new Win10Triage(drivers, 0x1000007EL, new long[] {p1, fault, RECORD, CONTEXT}, atBugCheck,
                BUGCHECK_CONTEXT, TOP_OF_STACK, STACK_END, TIME, Duration.ofHours(26), "System", THREAD);
        // As in the real dump: the header holds the fault's CONTEXT and the stand-in breakpoint at KeBugCheckEx.
        t.dump().headerContext(atFault).headerException(ExceptionRecord.breakpoint(Win10Kernel.KE_BUG_CHECK_EX));
        t.codePage(ntfs + WALK, walk());
        t.block(FILE_RECORD, fileRecord());
        // KeBugCheckEx ← PspSystemThreadStartup's filter ← _C_specific_handler ← RtlpExecuteHandlerForException
        // ← RtlDispatchException ← KiDispatchException (CONTEXT) ← KiExceptionDispatch (EXCEPTION_RECORD)
        // ← KiPageFault (trap frame) ← Ntfs.
        t.ret(TOP_OF_STACK, Win10Kernel.IN_PSP_SYSTEM_THREAD_STARTUP_FILTER);
        t.ret(TOP_OF_STACK + 0x40, Win10Kernel.IN_C_SPECIFIC_HANDLER);
        t.ret(TOP_OF_STACK + 0xb0, Win10Kernel.IN_RTLP_EXECUTE_HANDLER);
        t.ret(TOP_OF_STACK + 0xe0, Win10Kernel.IN_RTL_DISPATCH_EXCEPTION);
        t.ret(TOP_OF_STACK + 0x800, Win10Kernel.IN_KI_DISPATCH_EXCEPTION);
        t.context(CONTEXT, atFault);
        t.ret(TOP_OF_STACK + 0xec0, Win10Kernel.IN_KI_EXCEPTION_DISPATCH);
        t.exceptionRecord(RECORD, ExceptionRecord.ACCESS_VIOLATION, fault, 0, REFERENCED);
        t.ret(TRAP_FRAME - 8, Win10Kernel.IN_KI_PAGE_FAULT_EXCEPTION);
        t.trapFrame(TRAP_FRAME, trap);
        // Ntfs: the walk, two callers, the worker routine; then the system thread's start.
        t.ret(FAULT_RSP + 0x28, call(ntfs, 0x1_c9b3, ntfs + WALK));
        t.ret(FAULT_RSP + 0x98, call(ntfs, 0xb_1c52, ntfs + 0x1_c8e0));
        t.ret(FAULT_RSP + 0x1b8, call(ntfs, 0x10_d9ee, ntfs + 0xb_1a20));
        t.ret(FAULT_RSP + 0x248, Win10Kernel.IN_EXP_WORKER_THREAD);
        t.ret(FAULT_RSP + 0x2e8, Win10Kernel.IN_PSP_SYSTEM_THREAD_STARTUP);
        t.ret(FAULT_RSP + 0x338, Win10Kernel.IN_KI_START_SYSTEM_THREAD);
        return t;
    }

    @Override
    public byte[] write() {
        return build().toBytes();
    }
}
