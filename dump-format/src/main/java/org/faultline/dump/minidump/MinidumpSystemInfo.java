package org.faultline.dump.minidump;

import org.faultline.dump.Architecture;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * MINIDUMP_SYSTEM_INFO (56 bytes), with the CSD string it points to resolved.
 *
 * @param cpuWords the 24-byte CPU_INFORMATION union as six u32 words (x86: vendor id ×3, version, features,
 *                 AMD extended features; others: two u64 processor-feature words)
 */
public record MinidumpSystemInfo(int processorArchitecture, int processorLevel, int processorRevision,
                                 int numberOfProcessors, int productType, long majorVersion, long minorVersion,
                                 long buildNumber, long platformId, long csdVersionRva, int suiteMask,
                                 long[] cpuWords, String csdVersion) {
    public static final int SIZE = 56;

    public MinidumpSystemInfo {
        cpuWords = cpuWords.clone();
    }

    @Override
    public long[] cpuWords() {
        return cpuWords.clone();
    }

    /** Reads the fixed part; the CSD string is resolved by the caller. */
    static MinidumpSystemInfo read(Cursor c, String csd) throws DumpFormatException {
        int arch = c.u16();
        int level = c.u16();
        int revision = c.u16();
        int cpus = c.u8();
        int product = c.u8();
        long major = c.u32();
        long minor = c.u32();
        long build = c.u32();
        long platform = c.u32();
        long csdRva = c.u32();
        int suite = c.u16();
        c.u16();
        long[] words = new long[6];
        for (int i = 0; i < 6; i++) {
            words[i] = c.u32();
        }
        return new MinidumpSystemInfo(arch, level, revision, cpus, product, major, minor, build, platform, csdRva,
                suite, words, csd);
    }

    /** The architecture this selects (and with it the CONTEXT layout). */
    public Architecture architecture() {
        return switch (processorArchitecture) {
            case 0 -> Architecture.X86;
            case 9 -> Architecture.AMD64;
            case 12 -> Architecture.ARM64;
            case 5 -> Architecture.ARM;
            default -> Architecture.UNKNOWN;
        };
    }

    /** Name of the raw processor architecture value. */
    public String architectureName() {
        return switch (processorArchitecture) {
            case 0 -> "x86";
            case 1 -> "MIPS";
            case 2 -> "Alpha";
            case 3 -> "PPC";
            case 4 -> "SHX";
            case 5 -> "ARM";
            case 6 -> "IA64";
            case 7 -> "Alpha64";
            case 8 -> "MSIL";
            case 9 -> "AMD64";
            case 10 -> "IA32 on Win64";
            case 12 -> "ARM64";
            case 0x8001 -> "SPARC";
            case 0x8002 -> "PPC64";
            case 0x8003 -> "ARM64 (old Breakpad)";
            case 0x8004 -> "MIPS64";
            case 0x8005 -> "RISC-V";
            case 0x8006 -> "RISC-V 64";
            case 0xFFFF -> "unknown";
            default -> "unknown (0x" + Integer.toHexString(processorArchitecture) + ")";
        };
    }

    /** Name of the platform id: Windows values 0..3 (SDK numbering), Breakpad's values from 0x8000. */
    public String platformName() {
        return switch ((int) platformId) {
            case 0 -> "Win32s";
            case 1 -> "Windows 9x";
            case 2 -> "Windows NT";
            case 3 -> "Windows CE";
            case 0x8000 -> "Unix";
            case 0x8101 -> "macOS";
            case 0x8102 -> "iOS";
            case 0x8201 -> "Linux";
            case 0x8202 -> "Solaris";
            case 0x8203 -> "Android";
            case 0x8204 -> "PS3";
            case 0x8205 -> "NaCl";
            case 0x8206 -> "Fuchsia";
            default -> "unknown (0x" + Long.toHexString(platformId) + ")";
        };
    }

    /** The x86 CPUID vendor string (e.g. {@code GenuineIntel}); empty for other architectures. */
    public String cpuVendor() {
        if (processorArchitecture != 0) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            for (int b = 0; b < 4; b++) {
                int ch = (int) (cpuWords[i] >>> (8 * b)) & 0xFF;
                if (ch >= 0x20 && ch < 0x7F) {
                    s.append((char) ch);
                }
            }
        }
        return s.toString();
    }

    /** Whether family/model/stepping come from ProcessorLevel/Revision (x86 and AMD64). */
    boolean hasX86Model() {
        return processorArchitecture == 0 || processorArchitecture == 9 || processorArchitecture == 10;
    }
}
