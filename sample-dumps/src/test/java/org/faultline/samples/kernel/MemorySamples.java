package org.faultline.samples.kernel;

import java.nio.charset.StandardCharsets;
import org.faultline.samples.minidump.Amd64Context;

/** A small x64 machine: page tables with every page size and hole, and a module list in memory. */
final class MemorySamples {
    static final long PML4_PFN = 0x1AD;
    static final long VA_4K = 0xFFFF_F800_0000_1000L;
    static final long VA_2M = 0xFFFF_F800_0020_0000L;
    static final long VA_1G = 0xFFFF_F800_4000_0000L;
    static final long VA_ABSENT = 0xFFFF_F800_0000_3000L;
    static final long VA_NOT_PRESENT = 0xFFFF_F800_0000_4000L;
    static final long VA_UNMAPPED = 0xFFFF_F800_0000_5000L;
    static final long VA_USER = 0x7FF6_1234_0000L;
    static final long MODULES = 0xFFFF_F800_0001_0000L;
    static final long KERNBASE = 0xFFFF_F800_0100_0000L;
    static final byte[] TEXT_4K = "four-k".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TEXT_2M = "two-meg".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TEXT_1G = "one-gig".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TEXT_USER = "user".getBytes(StandardCharsets.US_ASCII);

    private MemorySamples() {
    }

    static PhysicalMemory machine() {
        return machineTables().memory();
    }

    static X64PageTables machineTables() {
        X64PageTables pt = X64PageTables.create(PhysicalMemory.create(), PML4_PFN);
        pt.map4k(VA_4K, 0x300).write(VA_4K + 0x10, TEXT_4K);
        pt.map2m(VA_2M, 0x400).write(VA_2M + 0x1_2345, TEXT_2M);
        pt.map1g(VA_1G, 0x4_0000).write(VA_1G + 0x345_6789, TEXT_1G);
        pt.map4k(VA_ABSENT, 0x301);
        pt.mapNotPresent(VA_NOT_PRESENT, 0x302);
        pt.map4k(VA_USER, 0x320).write(VA_USER + 0x800, TEXT_USER);
        pt.map4k(MODULES, 0x310, 4);
        KernelModuleList.create()
                .module("\\SystemRoot\\system32\\ntoskrnl.exe", KERNBASE, 0x0104_6000, 0xA5_938C, 0x0D83_33E6)
                .module("\\SystemRoot\\system32\\hal.dll", 0xFFFF_F800_0300_0000L, 0x6000, 0xCE9F, 0x1A7B_E8E9)
                .module("\\SystemRoot\\System32\\drivers\\amdppm.sys", 0xFFFF_F800_0400_0000L, 0x2_5000, 0x2_D0A1, 0x5F4E_1A2B)
                .writeTo(pt, MODULES, MODULES + 0x100);
        return pt;
    }

    static Amd64Context context() {
        // kdmp-parser requires MxCsr (@0x34) == FltSave.MxCsr (@0x100 + 0x18)
        return Amd64Context.create().rip(KERNBASE + 0x3F_5A80).rsp(0xFFFF_8504_2989_0EE8L).rax(0x1111).rcx(0xE2)
                .set("mxcsr", 0x1F80).raw(0x118, new byte[] {(byte) 0x80, 0x1F, 0, 0})
                .segments(0x10, 0x2B, 0x2B, 0x53, 0x2B, 0x18);
    }

    static SynthKernelDump configure(SynthKernelDump s) {
        return s.version(0xF, 19045).directoryTableBase(PML4_PFN << 12).psLoadedModuleList(MODULES)
                .processors(4).bugCheck(0xE2).headerContext(context()).systemTime(1_700_000_000L);
    }

    static SynthKernelDump full() {
        return configure(SynthKernelDump.full(Arch.AMD64, machine()));
    }

    static SynthKernelDump bitmap(boolean kernel) {
        return configure(SynthKernelDump.bitmap(machine(), kernel));
    }
}
