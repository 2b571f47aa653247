package org.faultline.samples.minidump;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A dump with every stream the writer knows, shared by the structural tests. */
final class Samples {
    static final UUID REPORT = UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    static final UUID CLIENT = UUID.fromString("f0e1d2c3-b4a5-9687-7869-5a4b3c2d1e0f");

    private Samples() {
    }

    static SynthMinidump everything() {
        byte[] stack = new byte[0x40];
        for (int i = 0; i < stack.length; i++) {
            stack[i] = (byte) (0x80 + i);
        }
        return SynthMinidump.create().implementationVersion(0xA063).timestamp(0x6543_2100L).flags(0x1826)
                .systemInfo(SystemInfoSpec.amd64().processor(6, 0x9E0A).processors(8).os(10, 0, 22621)
                        .csdVersion("123").cpuVendor("GenuineIntel", 0x906EA, 0xBFEBFBFFL).suiteMask(0x100))
                .miscInfo(MiscInfoSpec.version(5).processId(4242).processTimes(0x6543_2000L, 3, 1)
                        .buildStrings("22621.1.amd64fre.ni_release.220506-1250", "dbgcore.amd64fre"))
                .thread(ThreadSpec.of(0x100).teb(0x7FF_0000_1000L).stack(0xE0_0000_F000L, stack)
                        .context(Amd64Context.create().rip(0x7FF6_0000_1234L).rsp(0xE0_0000_F000L)))
                .thread(ThreadSpec.of(0x200).priority(0x20, 2).suspendCount(1)
                        .context(Amd64Context.create().rip(0x7FFA_0000_0010L).xstate(new byte[175])))
                .stacksInMemoryList()
                .threadName(0x100, "main")
                .threadName(0x200, "worker #1")
                .threadInfo(ThreadInfoSpec.of(0x100, 0x7FF6_0000_1000L, 0xFF))
                .module(ModuleSpec.of(0x7FF6_0000_0000L, 0x8000, "C:\\app\\app.exe").timestamp(0x6500_0000)
                        .fileVersion(1, 2, 3, 4).productVersion(1, 2, 0, 0)
                        .rsds("{971F98E5-CE60-41FF-B2D7-235BBEB34578}", 1, "app.pdb").miscExeName("app.exe"))
                .module(ModuleSpec.of(0x7FFA_0000_0000L, 0x1F_0000, "C:\\Windows\\System32\\ntdll.dll")
                        .nb10(0x3B7D_8410L, 2, "ntdll.pdb"))
                .unloadedModule(new UnloadedModuleSpec(0x7FFB_0000_0000L, 0x3000, 7, 0x1234, "gone.dll"))
                .exception(ExceptionSpec.of(0x100, ExceptionSpec.ACCESS_VIOLATION).address(0x7FF6_0000_1234L)
                        .parameters(1, 0xDEAD).context(Amd64Context.create().rip(0x7FF6_0000_1234L)))
                .memory(0x7FF6_0000_1200L, new byte[] {(byte) 0xCC, (byte) 0x90, 0x48})
                .memory64(0x10_0000, new byte[] {1, 2, 3, 4, 5})
                .memory64(0x20_0000, new byte[] {6, 7, 8})
                .memoryInfo(new MemoryInfoSpec(0x10_0000, 0x10_0000, 0x04, 0x1000, 0x1000, 0x04, 0x20000))
                .handle(new HandleSpec(0x4, "File", "\\Device\\HarddiskVolume3\\x.txt", 0, 0x12019F, 1, 2))
                .handle(new HandleSpec(0x8, "Event", null, 0, 0x1F0003, 1, 1))
                .commentA("ansi comment")
                .commentW("wide comment")
                .token(new byte[] {9, 9, 9, 9})
                .breakpadInfo(3, 0x300, 0x100)
                .assertionInfo("p != nullptr", "main", "app.cpp", 42, 1)
                .crashpadInfo(CrashpadInfoSpec.of(REPORT, CLIENT).annotation("prod", "App").annotation("ver", "1.0"))
                .linuxText(StreamType.LINUX_CPU_INFO, "processor\t: 0\n")
                .rawStream(0x4D7A_0004, "{}".getBytes(StandardCharsets.UTF_8))
                .unusedEntry();
    }
}
