package org.faultline.samples.scenarios;

import java.util.List;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.minidump.Amd64Context;
import org.faultline.samples.minidump.ExceptionSpec;
import org.faultline.samples.minidump.MemoryInfoSpec;
import org.faultline.samples.minidump.MiscInfoSpec;
import org.faultline.samples.minidump.ModuleSpec;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.SystemInfoSpec;
import org.faultline.samples.minidump.ThreadSpec;

/**
 * A user-mode crash: a third-party parser DLL (fictional vendor Contoso) in a document viewer reads one
 * element past the end of a heap buffer. The read lands on the first byte of a free page: an access
 * violation reading 0x1d38c800000, not a NULL pointer. Written as Windows Error Reporting would write it on
 * Windows 10 22H2 x64.
 */
public final class ContosoUserModeReadAv implements Scenario {
    static final String NAME = "contoso-usermode-read-av";

    static final long EXE_BASE = 0x7ff6_4a20_0000L;
    static final long DLL_BASE = 0x7ffb_1c40_0000L;
    static final long NTDLL_BASE = 0x7ffb_5e6f_0000L;
    static final long KERNEL32_BASE = 0x7ffb_5d1b_0000L;
    static final long KERNELBASE_BASE = 0x7ffb_5bf1_0000L;

    /** The faulting instruction {@code mov eax,dword ptr [rcx+0x10]} at contosoparse.dll+0x1a2f4. */
    static final long FAULT_OFFSET = 0x1a2f4;
    static final long FAULT = DLL_BASE + FAULT_OFFSET;
    /** The parse context (rbx), its buffer (at [rbx+8]) and the element index (rdi). */
    static final long CONTEXT_OBJECT = 0x1d3_8c6f_2a30L;
    static final long BUFFER = 0x1d3_8c70_0000L;
    static final long INDEX = 0xffff0L;
    static final long REFERENCED = BUFFER + INDEX + 0x10;

    static final long CRASH_THREAD = 0x2a1c;
    static final long STACK_BASE = 0xe1_a360_0000L;
    static final long STACK_START = STACK_BASE - 0x2000;
    static final long RSP = 0xe1_a35f_f6c0L;
    static final long TIME = 1_710_238_500L; // 2024-03-12T10:15:00Z

    @Override
    public Truth truth() {
        return new Truth(NAME,
                "A user-mode minidump of a read access violation in a third-party DLL: the read touches the first"
                        + " byte after a heap buffer (a free page), so it is a read out of bounds, not a NULL read;"
                        + " the culprit is not a driver, so the filter-driver flag stays off.",
                "minidump", "amd64", 19045, null,
                new Truth.Code(0xC0000005L, FAULT, List.of(0L, REFERENCED)), "read", REFERENCED, FAULT,
                "contosoparse.dll", FAULT_OFFSET, "mov eax,dword ptr [rcx+0x10]",
                new Truth.Culprit("contosoparse.dll", "Contoso Ltd.", false, false, null, null),
                "READ_OUT_OF_BOUNDS", false, false);
    }

    /** Code around the fault: a loop body that indexes past the buffer, then the epilogue, in int3 padding. */
    private static byte[] code(long start) {
        byte[] b = new byte[0x100];
        java.util.Arrays.fill(b, (byte) 0xCC);
        byte[] body = {
            0x48, (byte) 0x8B, 0x4B, 0x08,        // mov rcx,qword ptr [rbx+0x8]   (the buffer)
            0x48, 0x03, (byte) 0xCF,              // add rcx,rdi                   (+ the element offset)
            (byte) 0x8B, 0x41, 0x10,              // mov eax,dword ptr [rcx+0x10]  <- faults
            (byte) 0x89, 0x43, 0x20,              // mov dword ptr [rbx+0x20],eax
            0x48, (byte) 0x83, (byte) 0xC4, 0x20, // add rsp,0x20
            0x5B,                                 // pop rbx
            (byte) 0xC3                           // ret
        };
        int faultAt = (int) (FAULT - start);
        System.arraycopy(body, 0, b, faultAt - 7, body.length);
        return b;
    }

    private static byte[] stack() {
        LeWriter w = new LeWriter(0x2000);
        w.zeros(0x2000);
        long rspOffset = RSP - STACK_START;
        // Return addresses above the faulting frame, as a walk by stack scan would find them.
        w.putU64((int) rspOffset + 0x28, DLL_BASE + 0x1b87e);      // contosoparse!ParseSection caller
        w.putU64((int) rspOffset + 0x58, DLL_BASE + 0x1c210);      // contosoparse!ParseDocument
        w.putU64((int) rspOffset + 0xa8, EXE_BASE + 0x123c5);      // ContosoViewer!LoadDocumentWorker
        w.putU64((int) rspOffset + 0xf8, KERNEL32_BASE + 0x17344); // kernel32!BaseThreadInitThunk+0x14
        w.putU64((int) rspOffset + 0x128, NTDLL_BASE + 0x526b1);   // ntdll!RtlUserThreadStart+0x21
        return w.toByteArray();
    }

    @Override
    public byte[] write() {
        Amd64Context fault = Amd64Context.create().rip(FAULT).rsp(RSP).rbp(0).rbx(CONTEXT_OBJECT).rdi(INDEX)
                .rcx(BUFFER + INDEX).rax(0x41).rdx(0x1d3_8c6f_2a00L).rsi(0x1d3_8c6f_0010L)
                .r(8, 0x10).r(9, 0).r(10, 0).r(11, 0x246).eflags(0x10246).segments(0x33, 0x2b, 0x2b, 0x53, 0x2b, 0x2b);
        // The crashing thread's own saved context is inside exception dispatch in ntdll, not at the fault.
        Amd64Context dispatching = Amd64Context.create().rip(NTDLL_BASE + 0x9d0c4).rsp(RSP - 0x5c0).rbp(0)
                .eflags(0x246).segments(0x33, 0x2b, 0x2b, 0x53, 0x2b, 0x2b);
        Amd64Context uiWait = Amd64Context.create().rip(NTDLL_BASE + 0x9d0c4).rsp(0xe1_a31f_f7f8L)
                .eflags(0x246).segments(0x33, 0x2b, 0x2b, 0x53, 0x2b, 0x2b);
        Amd64Context poolWait = Amd64Context.create().rip(NTDLL_BASE + 0xa0764).rsp(0xe1_a3bf_f8a8L)
                .eflags(0x246).segments(0x33, 0x2b, 0x2b, 0x53, 0x2b, 0x2b);
        return SynthMinidump.create()
                .implementationVersion(0xa0aa)
                .timestamp(TIME)
                .flags(0x0000_1826L)
                .systemInfo(SystemInfoSpec.amd64().processor(6, 0x9e0a).processors(8).productType(1)
                        .os(10, 0, 19045).csdVersion("").suiteMask(0x100))
                .miscInfo(MiscInfoSpec.version(3).processId(7412).processTimes(TIME - 312, 4, 1)
                        .processorPower(3600, 3600, 3600, 1, 0)
                        .timeZone(85, 0, "GMT Standard Time", 0, "GMT Daylight Time", -60))
                .thread(ThreadSpec.of(0x1f40).teb(0xe1_a327_4000L).priority(0x20, 0)
                        .stack(0xe1_a31f_f000L, new byte[0x1000]).context(uiWait))
                .thread(ThreadSpec.of(CRASH_THREAD).teb(0xe1_a327_8000L).priority(0x20, 0)
                        .stack(STACK_START, stack()).context(dispatching))
                .thread(ThreadSpec.of(0x2b80).teb(0xe1_a327_a000L).priority(0x20, 0)
                        .stack(0xe1_a3bf_f000L, new byte[0x1000]).context(poolWait))
                .stacksInMemoryList()
                .threadName(0x1f40, "ContosoViewer UI")
                .threadName(CRASH_THREAD, "Document parser")
                .module(ModuleSpec.of(EXE_BASE, 0x5a000, "C:\\Program Files\\Contoso\\Viewer\\ContosoViewer.exe")
                        .timestamp(0x65d4a1c0L).checksum(0x6a3f1).fileVersion(4, 2, 0, 118).productVersion(4, 2, 0, 118)
                        .rsds("{6B1C2F3A-8E4D-4C1B-9A7E-2D5F6C8B9A01}", 1, "ContosoViewer.pdb"))
                .module(ModuleSpec.of(NTDLL_BASE, 0x1f8000, "C:\\Windows\\SYSTEM32\\ntdll.dll")
                        .timestamp(0x4a5bc6ffL).checksum(0x1f3e2a).fileVersion(10, 0, 19041, 3636)
                        .productVersion(10, 0, 19041, 3636).rsds("{A9E4F1B2-3C5D-4E6F-8A9B-0C1D2E3F4A5B}", 1, "ntdll.pdb"))
                .module(ModuleSpec.of(KERNEL32_BASE, 0xbd000, "C:\\Windows\\System32\\KERNEL32.DLL")
                        .timestamp(0x8b1e5a3cL).checksum(0xc2a61).fileVersion(10, 0, 19041, 3570)
                        .productVersion(10, 0, 19041, 3570).rsds("{C3D2B1A0-9F8E-4D7C-6B5A-493827161504}", 1, "kernel32.pdb"))
                .module(ModuleSpec.of(KERNELBASE_BASE, 0x2f6000, "C:\\Windows\\System32\\KERNELBASE.dll")
                        .timestamp(0x1d0e6f7aL).checksum(0x2fb8c4).fileVersion(10, 0, 19041, 3636)
                        .productVersion(10, 0, 19041, 3636).rsds("{E5F60718-293A-4B4C-8D6E-7F8091A2B3C4}", 1, "kernelbase.pdb"))
                .module(ModuleSpec.of(DLL_BASE, 0x3e000, "C:\\Program Files\\Contoso\\Viewer\\contosoparse.dll")
                        .timestamp(0x65d49f02L).checksum(0x4b1d7).fileVersion(4, 2, 0, 118).productVersion(4, 2, 0, 118)
                        .rsds("{0D15EA5E-C0DE-4F00-B10C-0A11C0FFEE00}", 1, "contosoparse.pdb"))
                .exception(ExceptionSpec.of(CRASH_THREAD, 0xC0000005L).address(FAULT).parameters(0, REFERENCED)
                        .context(fault))
                .memory(FAULT - 0x80, code(FAULT - 0x80))
                .memory(CONTEXT_OBJECT, new LeWriter(0x40).u64(0x7ffb_1c43_5e10L).u64(BUFFER).u64(0x100000)
                        .zeros(0x28).toByteArray())
                .memoryInfo(new MemoryInfoSpec(BUFFER, BUFFER, 0x04, 0x100000, 0x1000, 0x04, 0x20000))
                .memoryInfo(new MemoryInfoSpec(REFERENCED, 0, 0, 0x400000, 0x10000, 0x01, 0))
                .memoryInfo(new MemoryInfoSpec(DLL_BASE, DLL_BASE, 0x80, 0x1000, 0x1000, 0x02, 0x1000000))
                .memoryInfo(new MemoryInfoSpec(DLL_BASE + 0x1000, DLL_BASE, 0x80, 0x2c000, 0x1000, 0x20, 0x1000000))
                .toBytes();
    }
}
