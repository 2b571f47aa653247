package org.faultline.samples.scenarios;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.faultline.samples.kernel.DriverSpec;

/**
 * The machine behind the ARM64 kernel sample: a Windows 11 24H2 (build 26100) ARM64 laptop with 42 inbox kernel
 * modules, named as in the real ARM64 triage dump of the corpus. Placement, checksums and timestamps come from
 * {@link Win10Machine#place} with this machine's own seed. The ntoskrnl function offsets here are ours.
 */
final class Win11Arm64Machine {
    static final long BUILD = 26100;
    static final long NT_BASE = 0xfffff803_4e40_0000L;
    static final String BUILD_LAB = "26100.1.arm64fre.ge_release.240331-1435";
    /** KPCR of the crashing processor (x18 in kernel mode); the KPRCB follows at +0x980, as in the corpus dump. */
    static final long KPCR = 0xfffff803_4b7f_0000L;
    static final long PRCB = KPCR + 0x980;

    // ntoskrnl function starts (RVAs).
    static final long KE_BUG_CHECK2 = 0x5a_2c40;
    static final long KE_BUG_CHECK_EX = 0x5a_2a10;
    static final long MI_SYSTEM_FAULT = 0x2e_7f80;
    static final long MM_ACCESS_FAULT = 0x2c_1b00;
    static final long KI_ABORT_EXCEPTION = 0x4a_6e40;
    static final long KI_SYNCHRONOUS_EXCEPTION = 0x4a_7310;
    static final long IOF_CALL_DRIVER = 0x24_e6a0;
    static final long IOP_PARSE_DEVICE = 0x6a_9b20;
    static final long OBP_LOOKUP_OBJECT_NAME = 0x6b_3e10;
    static final long OB_OPEN_OBJECT_BY_NAME_EX = 0x6b_7c40;
    static final long IOP_CREATE_FILE = 0x71_d2a0;
    static final long NT_CREATE_FILE = 0x71_c8e0;
    static final long KI_SYSTEM_SERVICE = 0x4a_8a30;

    private Win11Arm64Machine() {
    }

    /** The driver list: the 42 inbox modules, ntoskrnl at {@link #NT_BASE}, {@code add} appended and placed at {@code fixed}. */
    static List<DriverSpec> drivers(Map<String, Long> fixed, Map<String, Win10Machine.Module> add) {
        List<Win10Machine.Module> modules = new ArrayList<>(Win10Machine.modules("win11-24h2-arm64-drivers.txt"));
        modules.addAll(add.values());
        return Win10Machine.place(modules, NT_BASE, 0xfffff803_5000_0000L, 0x2025_0314L, fixed);
    }

    /** {@code brk #0xf000}, MSVC's int3 on ARM64, as padding. */
    static final int BRK = 0xd43e_0000;
    /** {@code blr x8}: an indirect call. */
    static final int BLR_X8 = 0xd63f_0100;

    /** {@code bl target} at {@code pc}. */
    static int bl(long pc, long target) {
        long delta = (target - pc) >> 2;
        if (delta < -(1L << 25) || delta >= (1L << 25)) {
            throw new IllegalArgumentException("bl out of range");
        }
        return 0x9400_0000 | (int) (delta & 0x03ff_ffff);
    }

    /** 0x100 bytes around a return address after {@code bl target}: brk padding, the call right before it. */
    static byte[] codeAroundCall(long returnAddress, long target) {
        return around(bl(returnAddress - 4, target));
    }

    /** 0x100 bytes around a return address after an indirect call, {@code blr x8}. */
    static byte[] codeAroundIndirectCall() {
        return around(BLR_X8);
    }

    private static byte[] around(int call) {
        int[] words = new int[0x40];
        Arrays.fill(words, BRK);
        words[0x20 - 1] = call;
        return words(words);
    }

    /** Little-endian instruction words. */
    static byte[] words(int... words) {
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (words[i] >>> (8 * k));
            }
        }
        return b;
    }
}
