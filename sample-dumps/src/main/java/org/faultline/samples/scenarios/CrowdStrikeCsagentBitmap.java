package org.faultline.samples.scenarios;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.KernelModuleList;
import org.faultline.samples.kernel.PhysicalMemory;
import org.faultline.samples.kernel.SynthKernelDump;
import org.faultline.samples.kernel.X64PageTables;

/**
 * The July 19 crash as a kernel memory dump (MEMORY.DMP, bitmap of kernel pages) instead of a triage dump:
 * the same machine, bug check, registers and stack, but memory is reached through the dump's own page
 * tables, the driver list is walked from PsLoadedModuleList, and the referenced address 0xffff840500000074
 * has no valid page-table entry (P4 = 2), so it reads as missing rather than as zeros. Physical memory is
 * 2 GiB; only the pages this crash touches are stored, so the file stays small.
 */
public final class CrowdStrikeCsagentBitmap implements Scenario {
    static final String NAME = "crowdstrike-csagent-2024-07-19-kernel-bitmap";
    static final long PML4_PFN = 0x1ad;
    static final long MODULE_LIST = CrowdStrikeCsagent.NT + 0xc2_a2b0;
    static final long MODULE_ENTRIES = 0xffffe402_fc40_0000L;
    static final long PHYSICAL_PAGES = 0x8_0000; // 2 GiB

    /** Next free physical frame for the pages we map. */
    private long nextPfn = 0x2000;

    private long map(X64PageTables pt, long va, long pages) {
        long pfn = nextPfn;
        pt.map4k(va & ~0xFFFL, pfn, pages);
        nextPfn += pages;
        return pfn;
    }

    X64PageTables memory() {
        X64PageTables pt = X64PageTables.create(PhysicalMemory.create(), PML4_PFN);
        pt.memory().physicalPages(PHYSICAL_PAGES);
        // The kernel stack of the crashing system thread, with the trap frame and csagent's input array.
        long stackStart = CrowdStrikeCsagent.TOP_OF_STACK & ~0xFFFL;
        map(pt, stackStart, (CrowdStrikeCsagent.STACK_END - stackStart) >>> 12);
        pt.write(CrowdStrikeCsagent.TRAP_FRAME, CrowdStrikeCsagent.trapFrame().toBytes());
        pt.write(CrowdStrikeCsagent.RAX, Win10Machine.u64s(CrowdStrikeCsagent.inputArray()));
        pt.write(CrowdStrikeCsagent.RDX, Win10Machine.u64s(0x1b, CrowdStrikeCsagent.RAX, 0x14));
        // The code page of the fault and the code around every return address.
        long codePage = CrowdStrikeCsagent.FAULT & ~0xFFFL;
        map(pt, codePage, 1);
        pt.write(codePage, CrowdStrikeCsagent.codePage());
        for (long[] r : CrowdStrikeCsagent.returns()) {
            pt.write(r[0], Win10Machine.u64s(r[1]));
            long start = r[1] - 0x80;
            for (long page = start & ~0xFFFL; page < start + 0x100; page += 0x1000) {
                if (pt.translate(page).isEmpty()) {
                    map(pt, page, 1);
                }
            }
            pt.write(start, Win10Machine.codeAroundReturn(r[1], r[2]));
        }
        // NtBuildLab, and the loaded-module list the debugger walks.
        map(pt, CrowdStrikeCsagent.BUILD_LAB_VA, 1);
        pt.write(CrowdStrikeCsagent.BUILD_LAB_VA,
                Arrays.copyOf(Win10Machine.BUILD_LAB.getBytes(StandardCharsets.US_ASCII), 0x40));
        map(pt, MODULE_LIST, 1);
        map(pt, MODULE_ENTRIES, 16);
        KernelModuleList list = KernelModuleList.create();
        for (DriverSpec d : CrowdStrikeCsagent.drivers()) {
            list.module(d.name(), d.base(), d.size(), d.checksum(), d.timestamp());
        }
        list.writeTo(pt, MODULE_LIST, MODULE_ENTRIES);
        return pt;
    }

    @Override
    public byte[] write() {
        X64PageTables pt = new CrowdStrikeCsagentBitmap().memory();
        return SynthKernelDump.bitmap(pt.memory(), true)
                .version(0xF, Win10Machine.BUILD)
                .directoryTableBase(pt.directoryTableBase())
                .pfnDataBase(0xffffa500_0000_0000L)
                .psLoadedModuleList(MODULE_LIST)
                .psActiveProcessHead(CrowdStrikeCsagent.NT + 0xc1_e1c0)
                .processors(8)
                .bugCheck(0x50, CrowdStrikeCsagent.REFERENCED, 0, CrowdStrikeCsagent.FAULT, 2)
                .kdDebuggerDataBlock(CrowdStrikeCsagent.KDBG_VA)
                .headerContext(CrowdStrikeCsagent.atBugCheck())
                .systemTime(CrowdStrikeCsagent.CRASH_TIME)
                .systemUpTime(Duration.ofSeconds(134))
                .productType(1)
                .suiteMask(0x110)
                .toBytes();
    }

    @Override
    public Truth truth() {
        Truth t = new CrowdStrikeCsagent().truth();
        return new Truth(NAME,
                "The July 19 crash as a kernel memory dump (bitmap): the same facts as the triage sample, read"
                        + " through the dump's page tables and its PsLoadedModuleList; the referenced paged-pool"
                        + " address has no valid page-table entry, so the dump shows it as missing.",
                "kernel-bitmap", t.architecture(), t.osBuild(), t.bugcheck(), t.exception(), t.accessKind(),
                t.referencedAddress(), t.faultingAddress(), t.faultingModule(), t.faultingOffset(),
                t.faultingInstruction(), t.culprit(), t.verdict(), t.thirdPartyFilterDriverReadOutOfBounds(), false);
    }
}
