package org.faultline.dump;

/**
 * The operating system and CPU that wrote the dump.
 *
 * @param platform     {@code Windows NT}, {@code Linux}, {@code macOS}, … or {@code unknown (0x…)}
 * @param platformId   the raw platform id
 * @param major        major version (10 for Windows 10 and 11)
 * @param minor        minor version
 * @param build        build number (19045, 22621, …)
 * @param csd          service pack or revision text; empty when none
 * @param productType  1 workstation, 2 domain controller, 3 server; 0 when unknown
 * @param processors   number of processors; 0 when unknown
 * @param cpuVendor    {@code GenuineIntel}, {@code AuthenticAMD}, … or empty
 * @param cpuFamily    CPU family (x86 processor level), or -1
 * @param cpuModel     CPU model, or -1
 * @param cpuStepping  CPU stepping, or -1
 */
public record OsInfo(String platform, long platformId, long major, long minor, long build, String csd,
                     int productType, int processors, String cpuVendor, int cpuFamily, int cpuModel,
                     int cpuStepping) {

    /** {@code 10.0.19045}. */
    public String version() {
        return major + "." + minor + "." + build;
    }

    /** {@code GenuineIntel family 6 model 13 stepping 8}, as Breakpad prints it; empty when unknown. */
    public String cpuInfo() {
        if (cpuFamily < 0) {
            return cpuVendor;
        }
        String fms = "family " + cpuFamily + " model " + cpuModel + " stepping " + cpuStepping;
        return cpuVendor.isEmpty() ? fms : cpuVendor + " " + fms;
    }
}
