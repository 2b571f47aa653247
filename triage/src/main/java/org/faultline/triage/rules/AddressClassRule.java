package org.faultline.triage.rules;

import org.faultline.dump.Architecture;
import org.faultline.dump.CrashDump;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.dump.minidump.Minidump;
import org.faultline.dump.minidump.MinidumpMemoryInfo;

/**
 * Evidence step 2: what kind of address the faulting access touched (null page, non-canonical, a user address
 * from kernel code, unmapped kernel memory, a free user region, the stack). Not applicable without an address.
 */
public final class AddressClassRule {
    private AddressClassRule() {
    }

    /** The address class of a referenced address. */
    public static String classify(CrashDump dump, long address, boolean kernel, Architecture arch) {
        if (Long.compareUnsigned(address, 0x10000) < 0) {
            return "null-page";
        }
        if (arch == Architecture.AMD64 || arch == Architecture.ARM64) {
            long top = address >> 47;
            if (top != 0 && top != -1) {
                return "non-canonical";
            }
        }
        boolean userAddress = arch.pointerSize() == 8 ? address >= 0 && address < 0x0000_8000_0000_0000L
                : Long.compareUnsigned(address, 0x8000_0000L) < 0;
        if (kernel && userAddress) {
            return "user-from-kernel";
        }
        for (ThreadInfo t : dump.threads()) {
            if (t.stackSize() > 0 && Long.compareUnsigned(address - t.stackStart(), t.stackSize()) < 0) {
                return "stack";
            }
        }
        if (dump instanceof KernelDump k) {
            if (k.pageTables().isPresent()) {
                return k.memory().read(address, 1).isPresent() ? "kernel-mapped" : "kernel-unmapped";
            }
            return "kernel-invalid";
        }
        if (dump instanceof Minidump m) {
            for (MinidumpMemoryInfo r : m.memoryInfoList()) {
                if (Long.compareUnsigned(address - r.baseAddress(), r.regionSize()) < 0) {
                    return r.state() == 0x10000 ? "user-unmapped" : r.state() == 0x2000 ? "user-reserved"
                            : "user-mapped";
                }
            }
            return "user-invalid";
        }
        return "unknown";
    }

    /** One sentence about the class of {@code address}. */
    public static String describe(String c, long address) {
        return switch (c) {
            case "null-page" -> Rules.hex(address) + " lies in the first 64 KiB: a NULL pointer plus a small offset";
            case "non-canonical" -> Rules.hex(address) + " is not a canonical x64 address: the pointer is corrupted";
            case "user-from-kernel" -> Rules.hex(address) + " is a user-mode address touched from kernel code";
            case "kernel-unmapped" -> Rules.hex(address) + " is a kernel address with no valid page in the dump's page tables";
            case "kernel-invalid" -> Rules.hex(address) + " is a non-null kernel address the bug check says was invalid";
            case "user-unmapped" -> Rules.hex(address) + " lies in a free region of the process's address space";
            case "user-reserved" -> Rules.hex(address) + " lies in reserved, uncommitted memory";
            case "stack" -> Rules.hex(address) + " lies in the thread's stack";
            default -> Rules.hex(address) + ": nothing in the dump says what lies there";
        };
    }
}
