package org.faultline.samples.scenarios;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.kernel.Arch;
import org.faultline.samples.kernel.DriverSpec;
import org.faultline.samples.kernel.KdDebuggerData;
import org.faultline.samples.kernel.SynthKernelDump;
import org.faultline.samples.kernel.TrapFrame64;
import org.faultline.samples.minidump.Amd64Context;

/**
 * The parts every Windows 10 x64 triage sample of the {@link Win10Machine} shares, laid out as
 * {@link CrowdStrikeCsagent} lays them out: the header facts, raw KPRCB/EPROCESS/ETHREAD copies, KPRCB.Context
 * (at Prcb+0x85c0) pointing at the KeBugCheckEx-frame CONTEXT in a data block, KeBugCheckEx's fifth argument on the
 * stack, KDDEBUGGER_DATA64 and NtBuildLab, two unloaded drivers. A scenario then adds its stack: return addresses
 * (each with the 0x100 code bytes around it), trap frames, records, code pages. Data blocks are checked not to
 * overlap, as in real dumps.
 */
final class Win10Triage {
    static final long NT = Win10Machine.NT_BASE;
    static final long BUILD_LAB_VA = NT + 0xc3_b5a0;
    static final long KDBG_VA = NT + 0xc0_0b20;
    static final long PS_LOADED_MODULE_LIST = NT + 0xc2_a2b0;
    static final long PS_ACTIVE_PROCESS_HEAD = NT + 0xc1_e1c0;
    /** KPRCB.Context on Windows 10 19041 x64 (kernel-dump.md §12). */
    static final int PRCB_CONTEXT = 0x85c0;
    /** EPROCESS.ImageFileName on Windows 10 19041 x64. */
    static final int EPROCESS_IMAGE_FILE_NAME = 0x5a8;

    private final SynthKernelDump dump;
    private final DataBlocks blocks;

    /**
     * @param contextVa    where KPRCB.Context points: {@code atBugCheck} is stored there in a data block
     * @param topOfStack   the stack pointer at the KeBugCheckEx call ({@code atBugCheck}'s rsp)
     * @param stackEnd     the page-aligned end of the saved stack
     * @param process      EPROCESS.ImageFileName of the current process
     */
    Win10Triage(List<DriverSpec> drivers, long code, long[] p, Amd64Context atBugCheck, long contextVa,
                long topOfStack, long stackEnd, Instant time, Duration upTime, String process, long thread) {
        if (atBugCheck.get("rsp") != topOfStack) {
            throw new IllegalArgumentException("the KeBugCheckEx CONTEXT's rsp must be TopOfStack");
        }
        byte[] eprocess = new byte[0xa40];
        byte[] name = process.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, eprocess, EPROCESS_IMAGE_FILE_NAME, Math.min(name.length, 15));
        dump = SynthKernelDump.triage(Arch.AMD64)
                .version(0xF, Win10Machine.BUILD)
                .directoryTableBase(0x1ad000)
                .pfnDataBase(0xffffa500_0000_0000L)
                .psLoadedModuleList(PS_LOADED_MODULE_LIST)
                .psActiveProcessHead(PS_ACTIVE_PROCESS_HEAD)
                .processors(8)
                .bugCheck(code, p)
                .kdDebuggerDataBlock(KDBG_VA)
                .headerContext(atBugCheck)
                .systemTime(time)
                .systemUpTime(upTime)
                .productType(1)
                .suiteMask(0x110)
                .prcb(new byte[0xaf00])
                .prcbPointer(0x8, thread)
                .prcbPointer(PRCB_CONTEXT, contextVa)
                .process(eprocess)
                .thread(new byte[0x898])
                .callStack(topOfStack, Math.toIntExact(stackEnd - topOfStack))
                .unloadedDriver("dump_storpor", 0xfffff806_6e2a_0000L, 0xfffff806_6e2a_e000L)
                .unloadedDriver("WdBoot.sys", 0xfffff806_6e1f_0000L, 0xfffff806_6e20_2000L)
                .debuggerData(KdDebuggerData.create(NT).psLoadedModuleList(PS_LOADED_MODULE_LIST)
                        .psActiveProcessHead(PS_ACTIVE_PROCESS_HEAD).ntBuildLab(BUILD_LAB_VA)
                        .kiProcessorBlock(NT + 0xd1_6c40));
        for (DriverSpec driver : drivers) {
            dump.driver(driver);
        }
        blocks = new DataBlocks(dump);
        block(contextVa, atBugCheck.toBytes());
        block(BUILD_LAB_VA, Arrays.copyOf(Win10Machine.BUILD_LAB.getBytes(StandardCharsets.US_ASCII), 0x40));
        // KeBugCheckEx(code, P1, P2, P3, P4): the fifth argument sits above the four home slots.
        dump.pokeU64(topOfStack + 0x28, p[3]);
    }

    /** The dump under construction, for what only some scenarios set (header exception, other contexts). */
    SynthKernelDump dump() {
        return dump;
    }

    /** Adds a data block; fails when it overlaps one already added. */
    Win10Triage block(long va, byte[] bytes) {
        blocks.add(va, bytes);
        return this;
    }

    /** A return address in a stack slot, and the code around it as a data block. */
    Win10Triage ret(long slot, Win10Kernel.Site site) {
        dump.pokeU64(slot, site.returnAddress());
        return block(site.returnAddress() - 0x80, site.code());
    }

    /** u64 values at consecutive stack slots. */
    Win10Triage u64s(long va, long... values) {
        dump.stackU64s(va, values);
        return this;
    }

    /** A KTRAP_FRAME on the stack. */
    Win10Triage trapFrame(long va, TrapFrame64 frame) {
        dump.trapFrameAt(va, frame);
        return this;
    }

    /** A CONTEXT on the stack. */
    Win10Triage context(long va, Amd64Context context) {
        dump.contextAt(va, context);
        return this;
    }

    /** An EXCEPTION_RECORD64 (0x98 bytes) on the stack: code, flags 0, no chained record, address, parameters. */
    Win10Triage exceptionRecord(long va, long code, long address, long... parameters) {
        LeWriter w = new LeWriter(0x98).u32(code).u32(0).u64(0).u64(address).u32(parameters.length).u32(0);
        for (long v : parameters) {
            w.u64(v);
        }
        w.zeros(0x98 - w.position());
        dump.poke(va, w.toByteArray());
        return this;
    }

    /** A page of code holding {@code code} at {@code va}, int3 elsewhere, as a data block. */
    Win10Triage codePage(long va, byte[] code) {
        byte[] page = new byte[0x1000];
        Arrays.fill(page, (byte) 0xCC);
        long pageVa = va & ~0xFFFL;
        if (va + code.length > pageVa + 0x1000) {
            throw new IllegalArgumentException("code crosses its page");
        }
        System.arraycopy(code, 0, page, (int) (va - pageVa), code.length);
        return block(pageVa, page);
    }

    byte[] toBytes() {
        return dump.toBytes();
    }

    /** Bytes from a hex string with spaces, as objdump prints them ({@code "48 8b 41 28"}). */
    static byte[] hex(String text) {
        String s = text.replace(" ", "");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Concatenates instruction bytes. */
    static byte[] code(String... instructions) {
        return hex(String.join("", instructions));
    }
}
