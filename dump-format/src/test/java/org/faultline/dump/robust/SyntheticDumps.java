package org.faultline.dump.robust;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.minidump.Amd64Context;
import org.faultline.samples.minidump.Arm64Context;
import org.faultline.samples.minidump.CrashpadInfoSpec;
import org.faultline.samples.minidump.Damage;
import org.faultline.samples.minidump.ExceptionSpec;
import org.faultline.samples.minidump.HandleSpec;
import org.faultline.samples.minidump.MemoryInfoSpec;
import org.faultline.samples.minidump.MiscInfoSpec;
import org.faultline.samples.minidump.ModuleSpec;
import org.faultline.samples.minidump.StreamType;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.SystemInfoSpec;
import org.faultline.samples.minidump.ThreadInfoSpec;
import org.faultline.samples.minidump.ThreadSpec;
import org.faultline.samples.minidump.UnloadedModuleSpec;
import org.faultline.samples.minidump.WrittenDump;
import org.faultline.samples.minidump.X86Context;

/**
 * Small synthetic minidumps for the mutation properties and the Jazzer seed corpus, each a different shape
 * (architecture, platform, streams, list quirks). All are deterministic; all but {@link #amd64Damaged()} are
 * healthy.
 */
public final class SyntheticDumps {
    private SyntheticDumps() {
    }

    /** Every sample by seed-file stem ({@code synth-<stem>.dmp}), in a stable order. */
    public static Map<String, Supplier<WrittenDump>> all() {
        Map<String, Supplier<WrittenDump>> m = new LinkedHashMap<>();
        m.put("x86-crash", SyntheticDumps::x86Crash);
        m.put("amd64-full", SyntheticDumps::amd64Full);
        m.put("arm64-windows", SyntheticDumps::arm64Windows);
        m.put("amd64-memory64", SyntheticDumps::amd64Memory64);
        m.put("arm64-linux", SyntheticDumps::arm64Linux);
        m.put("x86-padded-lists", SyntheticDumps::x86PaddedLists);
        m.put("amd64-macos-crashpad", SyntheticDumps::amd64MacCrashpad);
        m.put("amd64-damaged", SyntheticDumps::amd64Damaged);
        return m;
    }

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + 7 * i);
        }
        return b;
    }

    /** x86 Windows XP access violation: two threads, stacks in the MemoryList, three kinds of module id. */
    public static WrittenDump x86Crash() {
        return SynthMinidump.create().timestamp(1_171_480_435L).flags(0x0)
                .systemInfo(SystemInfoSpec.x86().processor(6, 0x0D08).processors(2).os(5, 1, 2600)
                        .csdVersion("Service Pack 2").cpuVendor("GenuineIntel", 0x6D8, 0xAFE9_FBFFL))
                .thread(ThreadSpec.of(0xBF4).teb(0x7FFD_F000L).stack(0x12_FE00, pattern(0x200, 1))
                        .context(X86Context.create().eip(0x7C90_EB94L).esp(0x12_FE84).ebp(0x12_FF00).eflags(0x246)
                                .segments(0x1B, 0x23, 0x23, 0x3B, 0, 0x23)))
                .thread(ThreadSpec.of(0x11C0).teb(0x7FFD_E000L).stack(0x50_FF00, pattern(0x100, 2))
                        .context(X86Context.create().eip(0x7C90_E514L).esp(0x50_FF10)))
                .stacksInMemoryList()
                .memory(0x40_4200, pattern(0x100, 3))
                .module(ModuleSpec.of(0x40_0000, 0x2_C000, "C:\\test_app.exe").timestamp(0x45D3_5F6CL)
                        .fileVersion(1, 0, 0, 1).rsds("{5A9832E5-2872-41C1-838E-D98914E9B7FF}", 1, "test_app.pdb"))
                .module(ModuleSpec.of(0x7C90_0000L, 0xB_0000, "C:\\WINDOWS\\system32\\ntdll.dll")
                        .timestamp(0x4110_96B4L).fileVersion(5, 1, 2600, 2180).nb10(0x4110_96B4L, 2, "ntdll.pdb"))
                .module(ModuleSpec.of(0x7C80_0000L, 0xF_4000, "C:\\WINDOWS\\system32\\kernel32.dll"))
                .exception(ExceptionSpec.of(0xBF4, ExceptionSpec.ACCESS_VIOLATION).address(0x40_429E)
                        .parameters(1, 0x45).context(X86Context.create().eip(0x40_429E).esp(0x12_FE84).eax(0x45)))
                .miscInfo(MiscInfoSpec.version(1).processId(3932).processTimes(0x45D3_5F73L, 0, 0))
                .breakpadInfo(3, 0x11C0, 0xBF4)
                .build();
    }

    /** AMD64 Windows 11 with one of every stream the writer knows, an unknown vendor stream and an unused slot. */
    public static WrittenDump amd64Full() {
        UUID report = UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
        UUID client = UUID.fromString("f0e1d2c3-b4a5-9687-7869-5a4b3c2d1e0f");
        byte[] tokens = new LeWriter().u32(16 + 16 + 8).u32(1).u32(16).u32(16).u32(24).u32(0x1001).u64(0x7C)
                .bytes(pattern(8, 4)).toByteArray();
        byte[] xstate = new LeWriter().u32(528).u32(0x988).u64(0x1F).toByteArray();
        return SynthMinidump.create().implementationVersion(0xA0AB).timestamp(0x6543_2100L).flags(0x4_1826)
                .systemInfo(SystemInfoSpec.amd64().processor(6, 0x9E0A).processors(8).os(10, 0, 22621)
                        .csdVersion("2506").processorFeatures(0x1F, 0))
                .miscInfo(MiscInfoSpec.version(5).processId(4242).processTimes(0x6543_2000L, 3, 1)
                        .processorPower(3600, 2400, 3600, 2, 1).integrityLevel(0x2000).executeFlags(0x4D)
                        .timeZone(85, -60, "W. Europe Standard Time", 0, "W. Europe Daylight Time", -60)
                        .buildStrings("22621.1.amd64fre.ni_release.220506-1250", "dbgcore.amd64fre")
                        .xstateData(xstate).processCookie(0xC0FF_EE00L))
                .thread(ThreadSpec.of(0x100).teb(0x7FF_0000_1000L).stack(0xE0_0000_F000L, pattern(0x180, 5))
                        .context(Amd64Context.create().rip(0x7FFA_0000_1010L).rsp(0xE0_0000_F000L).rbp(0xE0_0000_F100L)
                                .xstate(new byte[175])))
                .thread(ThreadSpec.of(0x200).priority(0x20, 2).suspendCount(1).stack(0xE0_0010_0000L, pattern(0x80, 6))
                        .context(Amd64Context.create().rip(0x7FFA_0000_0010L).rsp(0xE0_0010_0000L)))
                .stacksInMemoryList()
                .threadName(0x100, "main")
                .threadName(0x200, "worker \u2013 #1")
                .threadInfo(ThreadInfoSpec.of(0x100, 0x7FF6_0000_1000L, 0xFF))
                .threadInfo(ThreadInfoSpec.of(0x200, 0x7FFA_0000_2000L, 0x1))
                .module(ModuleSpec.of(0x7FF6_0000_0000L, 0x8000, "C:\\app\\app.exe").timestamp(0x6500_0000L)
                        .fileVersion(1, 2, 3, 4).productVersion(1, 2, 0, 0)
                        .rsds("{971F98E5-CE60-41FF-B2D7-235BBEB34578}", 1, "app.pdb").miscExeName("app.exe"))
                .module(ModuleSpec.of(0x7FFA_0000_0000L, 0x1F_0000, "C:\\Windows\\System32\\ntdll.dll")
                        .timestamp(0x3B7D_8410L).fileVersion(10, 0, 22621, 2506)
                        .rsds("{1EB9FACB-04C7-3C5D-EA71-60764CD333D0}", 1, "ntdll.pdb"))
                .unloadedModule(new UnloadedModuleSpec(0x7FFB_0000_0000L, 0x3000, 7, 0x1234, "gone.dll"))
                .exception(ExceptionSpec.of(0x100, ExceptionSpec.ACCESS_VIOLATION).address(0x7FF6_0000_1234L)
                        .parameters(1, 0xDEAD).context(Amd64Context.create().rip(0x7FF6_0000_1234L).rsp(0xE0_0000_F010L)))
                .memory(0x7FF6_0000_1200L, pattern(0x80, 7))
                .memory64(0x10_0000, pattern(0x40, 8))
                .memory64(0x10_0040, pattern(0x20, 9))
                .memoryInfo(new MemoryInfoSpec(0x10_0000, 0x10_0000, 0x04, 0x1000, 0x1000, 0x04, 0x2_0000))
                .memoryInfo(new MemoryInfoSpec(0x7FF6_0000_0000L, 0x7FF6_0000_0000L, 0x80, 0x8000, 0x1000, 0x20,
                        0x100_0000))
                .handleDescriptorSize(40)
                .handle(new HandleSpec(0x4, "File", "\\Device\\HarddiskVolume3\\x.txt", 0, 0x12_019FL, 1, 2))
                .handle(new HandleSpec(0x8, "Event", null, 0, 0x1F_0003L, 1, 1))
                .commentA("ansi comment")
                .commentW("wide comment")
                .token(tokens)
                .breakpadInfo(3, 0x300, 0x100)
                .assertionInfo("p != nullptr", "main", "app.cpp", 42, 1)
                .crashpadInfo(CrashpadInfoSpec.of(report, client).annotation("prod", "App").annotation("ver", "1.0"))
                .linuxText(StreamType.LINUX_CPU_INFO, "processor\t: 0\n")
                .rawStream(0x4D7A_0004, "{}".getBytes(StandardCharsets.UTF_8))
                .rawStream(0x1234_5678, pattern(12, 10))
                .unusedEntry()
                .build();
    }

    /** Windows on ARM64: ARM64 contexts, a fault with its own context, MiscInfo version 3. */
    public static WrittenDump arm64Windows() {
        return SynthMinidump.create().timestamp(0x6600_0000L)
                .systemInfo(SystemInfoSpec.arm64().processor(8, 0xD4B).processors(8).os(10, 0, 26100)
                        .processorFeatures(0x3, 0))
                .thread(ThreadSpec.of(0x2F00).teb(0x7FF6_1000_0000L).stack(0x90_0000_0000L, pattern(0x100, 11))
                        .context(Arm64Context.create().pc(0x7FFB_0000_1000L).sp(0x90_0000_0000L).fp(0x90_0000_0080L)
                                .lr(0x7FFB_0000_0F00L).x(0, 1).x(19, 0x1919)))
                .thread(ThreadSpec.of(0x2F04).context(Arm64Context.create().pc(0x7FFB_0000_2000L).sp(0x91_0000_0000L)))
                .stacksInMemoryList()
                .threadName(0x2F00, "UI")
                .module(ModuleSpec.of(0x7FF7_0000_0000L, 0x2_0000, "C:\\Program Files\\App\\app.exe")
                        .timestamp(0x6600_0000L).rsds("{2B4A1E5C-9D3F-4C11-A3B2-0F1E2D3C4B5A}", 3, "app.pdb"))
                .module(ModuleSpec.of(0x7FFB_0000_0000L, 0x25_0000, "C:\\Windows\\System32\\ntdll.dll")
                        .timestamp(0x1234_5678L).fileVersion(10, 0, 26100, 1))
                .exception(ExceptionSpec.of(0x2F00, 0xC000_0409L).flags(1).address(0x7FF7_0000_1234L).parameters(7)
                        .context(Arm64Context.create().pc(0x7FF7_0000_1234L).sp(0x90_0000_0010L)))
                .memory(0x7FF7_0000_1200L, pattern(0x60, 12))
                .miscInfo(MiscInfoSpec.version(3).processId(808).integrityLevel(0x2000)
                        .timeZone(0, 0, "UTC", 0, "UTC", 0))
                .build();
    }

    /** AMD64 full-memory dump: Memory64List with adjacent and separated ranges, MemoryInfoList, no MemoryList. */
    public static WrittenDump amd64Memory64() {
        return SynthMinidump.create().timestamp(0x6700_0000L).flags(0x2)
                .systemInfo(SystemInfoSpec.amd64().processor(0x19, 0x2101).processors(16).os(10, 0, 19045))
                .thread(ThreadSpec.of(0x10).teb(0x2000_0000L).stack(0x10_0000, new byte[0])
                        .context(Amd64Context.create().rip(0x40_1000).rsp(0x10_0F00)))
                .module(ModuleSpec.of(0x40_0000, 0x1_0000, "C:\\full.exe").timestamp(0x6700_0000L))
                .memory64(0x10_0000, pattern(0x1000, 13))
                .memory64(0x10_1000, pattern(0x800, 14))
                .memory64(0x40_0000, pattern(0x400, 15))
                .memory64(0x40_0400, pattern(0x200, 16))
                .memory64(0x7FFE_0000L, pattern(0x100, 17))
                .memory64(0xFFFF_F000_0000_0000L, pattern(0x40, 18))
                .memoryInfo(new MemoryInfoSpec(0x10_0000, 0x10_0000, 0x04, 0x1800, 0x1000, 0x04, 0x2_0000))
                .memoryInfo(new MemoryInfoSpec(0x10_1800, 0, 0, 0x2E_E800, 0x1_0000, 0x01, 0))
                .memoryInfo(new MemoryInfoSpec(0x40_0000, 0x40_0000, 0x80, 0x600, 0x1000, 0x20, 0x100_0000))
                .build();
    }

    /** Breakpad-style Linux ARM64 dump: ELF build ids, /proc text streams, auxv. */
    public static WrittenDump arm64Linux() {
        byte[] buildId = pattern(20, 19);
        byte[] elf = new LeWriter().bytes(new byte[] {'L', 'E', 'p', 'B'}).bytes(buildId).toByteArray();
        return SynthMinidump.create().timestamp(0x6500_1000L)
                .systemInfo(SystemInfoSpec.arm64().processors(4).os(6, 1, 0).platformId(SystemInfoSpec.PLATFORM_LINUX)
                        .csdVersion("Linux 6.1.0-13-arm64 #1 SMP Debian"))
                .thread(ThreadSpec.of(4242).stack(0xFFFF_C000_0000L, pattern(0x100, 20))
                        .context(Arm64Context.create().pc(0xAAAA_0000_1000L).sp(0xFFFF_C000_0000L)))
                .thread(ThreadSpec.of(4243).stack(0xFFFF_B000_0000L, pattern(0x40, 21))
                        .context(Arm64Context.create().pc(0xFFFF_8000_2000L).sp(0xFFFF_B000_0000L)))
                .stacksInMemoryList()
                .module(ModuleSpec.of(0xAAAA_0000_0000L, 0x5000, "/usr/bin/app").cvRecord(elf))
                .module(ModuleSpec.of(0xFFFF_8000_0000L, 0x17_0000, "/usr/lib/aarch64-linux-gnu/libc.so.6")
                        .cvRecord(new LeWriter().bytes(new byte[] {'L', 'E', 'p', 'B'}).bytes(pattern(20, 22))
                                .toByteArray()))
                .exception(ExceptionSpec.of(4242, 11).address(0).parameters(0)
                        .context(Arm64Context.create().pc(0xAAAA_0000_1004L).sp(0xFFFF_C000_0000L)))
                .linuxText(StreamType.LINUX_CPU_INFO, "processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd\n")
                .linuxText(StreamType.LINUX_PROC_STATUS, "Name:\tapp\nPid:\t4242\nPPid:\t1\n")
                .linuxText(StreamType.LINUX_LSB_RELEASE, "DISTRIB_ID=Debian\nDISTRIB_RELEASE=12\n")
                .linuxText(StreamType.LINUX_CMD_LINE, "/usr/bin/app\0--verbose\0")
                .linuxText(StreamType.LINUX_ENVIRON, "HOME=/root\0LANG=C.UTF-8\0")
                .linuxText(StreamType.LINUX_MAPS, "aaaa00000000-aaaa00005000 r-xp 00000000 08:01 42 /usr/bin/app\n")
                .rawStream(StreamType.LINUX_AUXV, new LeWriter().u64(6).u64(4096).u64(0).u64(0).toByteArray())
                .breakpadInfo(1, 4243, 0)
                .build();
    }

    /** x86 with the 4-byte padding quirk after the ThreadList, ModuleList and MemoryList counts. */
    public static WrittenDump x86PaddedLists() {
        return SynthMinidump.create().timestamp(0x5000_0000L)
                .systemInfo(SystemInfoSpec.x86().processor(6, 0x3A09).os(6, 1, 7601).csdVersion("Service Pack 1")
                        .cpuVendor("AuthenticAMD", 0x0060_0F12L, 0x178B_FBFFL))
                .threadListPadding().moduleListPadding().memoryListPadding()
                .thread(ThreadSpec.of(0x44).stack(0x0019_F000L, pattern(0x80, 23))
                        .context(X86Context.create().eip(0x7745_0000L).esp(0x0019_F000L)))
                .stacksInMemoryList()
                .memory(0x7745_0000L, pattern(0x20, 24))
                .module(ModuleSpec.of(0x0100_0000L, 0x1_0000, "C:\\Windows\\notepad.exe").timestamp(0x4A5B_C60FL)
                        .fileVersion(6, 1, 7600, 16385))
                .unloadedModule(new UnloadedModuleSpec(0x6000_0000L, 0x2000, 0, 0x4000_0000L, "old.dll"))
                .miscInfo(MiscInfoSpec.version(2).processId(1234).processorPower(2000, 1800, 2000, 1, 0))
                .handle(new HandleSpec(0x10, "Key", "\\REGISTRY\\MACHINE", 0, 0x2_0019, 1, 1))
                .build();
    }

    /** Crashpad on macOS x86-64: Crashpad info with annotations, thread names, module list. */
    public static WrittenDump amd64MacCrashpad() {
        UUID report = UUID.fromString("aabbccdd-eeff-0011-2233-445566778899");
        UUID client = UUID.fromString("99887766-5544-3322-1100-ffeeddccbbaa");
        return SynthMinidump.create().timestamp(0x6510_0000L)
                .systemInfo(SystemInfoSpec.amd64().processor(6, 0x9E0D).processors(12).os(13, 6, 22)
                        .platformId(SystemInfoSpec.PLATFORM_MACOS).csdVersion("22G120"))
                .thread(ThreadSpec.of(0x1A).context(Amd64Context.create().rip(0x1_0000_3F00L).rsp(0x7FF7_BFEF_F000L)))
                .thread(ThreadSpec.of(0x1B).context(Amd64Context.create().rip(0x7FF8_0000_1000L)))
                .threadName(0x1A, "com.apple.main-thread")
                .threadName(0x1B, "CrBrowserMain")
                .module(ModuleSpec.of(0x1_0000_0000L, 0x8000, "/Applications/App.app/Contents/MacOS/App"))
                .module(ModuleSpec.of(0x7FF8_0000_0000L, 0x4_0000, "/usr/lib/system/libsystem_kernel.dylib"))
                .exception(ExceptionSpec.of(0x1A, 0x1).address(0x1_0000_3F00L).parameters(0x1, 0x0)
                        .context(Amd64Context.create().rip(0x1_0000_3F00L).rsp(0x7FF7_BFEF_F000L)))
                .crashpadInfo(CrashpadInfoSpec.of(report, client).annotation("prod", "Chrome_Mac")
                        .annotation("ver", "120.0.6099.109").annotation("channel", "stable").annotation("plat", "OS X"))
                .build();
    }

    /**
     * Deliberately damaged AMD64 dump (still opens): a duplicated stream, an odd string, a dangling context,
     * a list count too large and Memory64 data cut short, so the fuzzer starts inside the diagnostic paths.
     */
    public static WrittenDump amd64Damaged() {
        SynthMinidump b = SynthMinidump.create().timestamp(0x6543_0000L)
                .systemInfo(SystemInfoSpec.amd64().os(10, 0, 19045).csdVersion("3803"))
                .thread(ThreadSpec.of(0x100).stack(0x20_0000, pattern(0x40, 25))
                        .context(Amd64Context.create().rip(0x7FF6_0000_1000L)))
                .thread(ThreadSpec.of(0x104).context(Amd64Context.create().rip(0x7FF6_0000_2000L)))
                .stacksInMemoryList()
                .module(ModuleSpec.of(0x7FF6_0000_0000L, 0x4000, "C:\\app.exe")
                        .rsds("{00112233-4455-6677-8899-AABBCCDDEEFF}", 1, "app.pdb"))
                .module(ModuleSpec.of(0x7FFA_0000_0000L, 0x1000, "C:\\lib.dll"))
                .exception(ExceptionSpec.of(0x100, ExceptionSpec.ACCESS_VIOLATION).numberParameters(200)
                        .parameters(0, 8).context(Amd64Context.create().rip(0x7FF6_0000_1004L)))
                .memory64(0x30_0000, pattern(0x100, 26))
                .duplicateEntry(StreamType.MODULE_LIST);
        WrittenDump clean = b.build();
        long end = clean.layout().fileSize();
        return b.damage(Damage.stringLength("module[1].name", 7),
                Damage.putU32("thread[1]", 0x2C, end + 0x100),
                Damage.listCount(StreamType.THREAD_LIST, 9),
                Damage.truncate(clean.layout().region("memory64[0]").offset() + 0x30)).build();
    }
}
