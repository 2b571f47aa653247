package org.faultline.samples.minidump;

import java.nio.charset.StandardCharsets;

/** Contents of the SystemInfo stream ({@code MINIDUMP_SYSTEM_INFO}, 56 bytes, plus the CSD string). */
public final class SystemInfoSpec {
    /** PROCESSOR_ARCHITECTURE_INTEL. */
    public static final int ARCH_X86 = 0;
    /** PROCESSOR_ARCHITECTURE_ARM. */
    public static final int ARCH_ARM = 5;
    /** PROCESSOR_ARCHITECTURE_AMD64. */
    public static final int ARCH_AMD64 = 9;
    /** PROCESSOR_ARCHITECTURE_ARM64. */
    public static final int ARCH_ARM64 = 12;
    /** VER_PLATFORM_WIN32_NT. */
    public static final int PLATFORM_WIN32_NT = 2;
    /** Breakpad macOS platform id. */
    public static final int PLATFORM_MACOS = 0x8101;
    /** Breakpad Linux platform id. */
    public static final int PLATFORM_LINUX = 0x8201;
    /** VER_NT_WORKSTATION. */
    public static final int PRODUCT_WORKSTATION = 1;
    /** VER_NT_SERVER. */
    public static final int PRODUCT_SERVER = 3;

    int architecture;
    int level;
    int revision;
    int processors = 1;
    int productType = PRODUCT_WORKSTATION;
    long major = 10;
    long minor;
    long build = 19045;
    long platformId = PLATFORM_WIN32_NT;
    String csdVersion = "";
    int suiteMask;
    byte[] vendorId;
    long versionInformation;
    long featureInformation;
    long amdExtendedFeatures;
    long[] processorFeatures;

    private SystemInfoSpec(int architecture) {
        this.architecture = architecture;
    }

    /** System info for any architecture number (Windows 10 19045, one processor, workstation). */
    public static SystemInfoSpec of(int architecture) {
        return new SystemInfoSpec(architecture);
    }

    /** x86 system info. */
    public static SystemInfoSpec x86() {
        return of(ARCH_X86);
    }

    /** AMD64 system info. */
    public static SystemInfoSpec amd64() {
        return of(ARCH_AMD64);
    }

    /** ARM64 system info. */
    public static SystemInfoSpec arm64() {
        return of(ARCH_ARM64);
    }

    /** ProcessorLevel and ProcessorRevision. */
    public SystemInfoSpec processor(int level, int revision) {
        this.level = level;
        this.revision = revision;
        return this;
    }

    /** NumberOfProcessors (one byte). */
    public SystemInfoSpec processors(int count) {
        this.processors = count;
        return this;
    }

    /** ProductType (1 workstation, 2 domain controller, 3 server). */
    public SystemInfoSpec productType(int type) {
        this.productType = type;
        return this;
    }

    /** Major, minor and build number of the OS. */
    public SystemInfoSpec os(long majorVersion, long minorVersion, long buildNumber) {
        this.major = majorVersion;
        this.minor = minorVersion;
        this.build = buildNumber;
        return this;
    }

    /** PlatformId (2 Win32NT; Breakpad 0x8201 Linux, 0x8101 macOS, …). */
    public SystemInfoSpec platformId(long id) {
        this.platformId = id;
        return this;
    }

    /** CSD version (service pack) string; {@code null} writes CSDVersionRva 0. Default: empty string. */
    public SystemInfoSpec csdVersion(String csd) {
        this.csdVersion = csd;
        return this;
    }

    /** SuiteMask (VER_SUITE_*). */
    public SystemInfoSpec suiteMask(int mask) {
        this.suiteMask = mask;
        return this;
    }

    /**
     * x86 CPU information: the 12-character cpuid vendor string (stored as EBX, EDX, ECX, i.e. in text
     * order), cpuid(1).EAX and cpuid(1).EDX.
     */
    public SystemInfoSpec cpuVendor(String vendor, long versionInfo, long featureInfo) {
        byte[] v = vendor.getBytes(StandardCharsets.US_ASCII);
        if (v.length != 12) {
            throw new IllegalArgumentException("vendor id must be 12 ASCII characters: " + vendor);
        }
        if (processorFeatures != null) {
            throw new IllegalStateException("processorFeatures already set");
        }
        this.vendorId = v;
        this.versionInformation = versionInfo;
        this.featureInformation = featureInfo;
        return this;
    }

    /** AMDExtendedCpuFeatures of the x86 CPU information. */
    public SystemInfoSpec amdExtendedFeatures(long features) {
        this.amdExtendedFeatures = features;
        return this;
    }

    /** Non-x86 CPU information: {@code ProcessorFeatures[2]}. */
    public SystemInfoSpec processorFeatures(long first, long second) {
        if (vendorId != null) {
            throw new IllegalStateException("x86 cpu information already set");
        }
        this.processorFeatures = new long[] {first, second};
        return this;
    }
}
