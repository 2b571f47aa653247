package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.ExceptionInfo;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.ThreadInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Facts that public projects assert about the real dumps in {@code ../shared/corpus} (quoted in its
 * PROVENANCE.md), checked without symbols.
 */
class MinidumpCorpusTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "breakpad/ascii_read_av.dmp", "breakpad/ascii_read_av_block_write.dmp",
        "breakpad/ascii_read_av_clobber_write.dmp", "breakpad/ascii_read_av_conditional.dmp",
        "breakpad/ascii_read_av_xchg_write.dmp", "breakpad/ascii_write_av.dmp",
        "breakpad/ascii_write_av_arg_to_call.dmp", "breakpad/minidump2.dmp", "breakpad/minidump_32bit_crash_addr.dmp",
        "breakpad/null_read_av.dmp", "breakpad/read_av_clobber_write.dmp", "breakpad/read_av_conditional.dmp",
        "breakpad/stack_exhaustion.dmp", "breakpad/thread_name_list.dmp", "breakpad/tiny-exe-fastfail.dmp",
        "breakpad/tiny-exe-with-cet-xsave-x86.dmp", "breakpad/tiny-exe-with-cet-xsave.dmp",
        "breakpad/write_av_non_null.dmp", "kdlibcpp/target_minidump.dmp", "kdlibcpp/targetapp_stacktest_wow64.cab.dmp",
        "kdlibcpp/targetapp_test_cv_allreg_amd64.dmp", "kdlibcpp/targetapp_test_cv_allreg_i386.dmp",
        "lldb/fizzbuzz_no_heap.dmp", "rust-minidump/invalid-parameter.dmp", "rust-minidump/test.dmp",
        "symbolicator/windows.dmp", "rust-minidump/linux-mini.dmp", "rust-minidump/simple-crashpad.dmp"
    })
    void everyHealthyMinidumpParsesWithoutDiagnostics(String file) throws Exception {
        try (Minidump dump = CorpusDumps.open(file)) {
            assertThat(dump.diagnostics()).as(file).isEmpty();
            assertThat(dump.modules()).isNotEmpty();
            assertThat(dump.threads()).isNotEmpty();
            assertThat(dump.threads()).allSatisfy(t -> assertThat(t.context()).as("context of " + t.id()).isNotNull());
        }
    }

    @Test
    void minidump2SystemAndCpu() throws Exception {
        try (Minidump dump = CorpusDumps.open("breakpad/minidump2.dmp")) {
            assertThat(dump.architecture()).isEqualTo(Architecture.X86);
            assertThat(dump.os().platform()).isEqualTo("Windows NT");
            assertThat(dump.os().version() + " " + dump.os().csd()).isEqualTo("5.1.2600 Service Pack 2");
            assertThat(dump.os().cpuInfo()).isEqualTo("GenuineIntel family 6 model 13 stepping 8");
            assertThat(dump.crashTime()).contains(1171480435L);
            assertThat(dump.processId()).contains(3932L);
            assertThat(dump.miscInfo().orElseThrow().processCreateTime()).isEqualTo(0x45d35f73L);
            BreakpadInfo bp = dump.breakpadInfo().orElseThrow();
            assertThat(bp.dumpThreadId()).isEqualTo(0x11c0);
            assertThat(bp.requestingThreadId()).isEqualTo(0xbf4);
        }
    }

    @Test
    void minidump2ExceptionAndTheThreadListTrap() throws Exception {
        try (Minidump dump = CorpusDumps.open("breakpad/minidump2.dmp")) {
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.threadId()).isEqualTo(0xbf4);
            assertThat(e.code()).isEqualTo(0xC0000005L);
            assertThat(e.address()).isEqualTo(0x40429eL);
            assertThat(e.parameters()).containsExactly(1L, 0x45L);
            assertThat(e.context().get("eip")).hasValue(0x40429e);
            assertThat(e.context().get("esp")).hasValue(0x12fe84);
            assertThat(dump.threads()).extracting(ThreadInfo::id).containsExactly(0xbf4L, 0x11c0L);
            // The same thread's ThreadList context is the dump writer's wait, not the fault.
            CpuContext listed = dump.threads().get(0).context();
            assertThat(listed.instructionPointer()).isEqualTo(0x7c90eb94L);
            assertThat(listed.stackPointer()).isEqualTo(0x12f320L);
        }
    }

    @Test
    void minidump2StackMemory() throws Exception {
        try (Minidump dump = CorpusDumps.open("breakpad/minidump2.dmp")) {
            assertThat(dump.memory().readU64(0x12f31c)).contains(0x7c90e9c000000000L);
            assertThat(dump.memory().readU64(0x12fff8)).contains(0x405443L);
            assertThat(dump.memory().readU32(0x12fffc)).contains(0L);
            // Past the end of the saved stack nothing is invented.
            assertThat(dump.memory().read(0x12fffc, 8)).isEmpty();
            assertThat(dump.memory().read(0x1000, 1)).isEmpty();
        }
    }

    @Test
    void minidump2Modules() throws Exception {
        try (Minidump dump = CorpusDumps.open("breakpad/minidump2.dmp")) {
            List<ModuleInfo> m = dump.modules();
            assertThat(m).extracting(ModuleInfo::name).containsExactly("test_app.exe", "ntdll.dll", "kernel32.dll",
                    "ole32.dll", "advapi32.dll", "rpcrt4.dll", "gdi32.dll", "user32.dll", "msvcrt.dll", "imm32.dll",
                    "dbghelp.dll", "version.dll", "psapi.dll");
            assertThat(m.subList(1, 13)).allSatisfy(x -> assertThat(x.path()).startsWith("C:\\WINDOWS\\system32\\"));
            ModuleInfo exe = m.get(0);
            assertThat(exe.path()).isEqualTo("c:\\test_app.exe");
            assertThat(exe.base()).isEqualTo(0x400000L);
            assertThat(exe.debugFile()).isEqualTo("c:\\test_app.pdb");
            assertThat(exe.codeId()).isEqualTo("45D35F6C2d000");
            assertThat(exe.debugId()).isEqualTo("5A9832E5287241C1838ED98914E9B7FF1");
            assertThat(exe.version()).isNull();
            assertThat(dump.moduleAt(0x7c801234L).orElseThrow().debugFile()).isEqualTo("kernel32.pdb");
            assertThat(dump.moduleAt(0x77d43210L).orElseThrow().version()).isEqualTo("5.1.2600.2622");
            ModuleInfo psapi = m.get(12);
            assertThat(psapi.base()).isEqualTo(0x76bf0000L);
            assertThat(psapi.size()).isEqualTo(0xb000L);
            assertThat(psapi.codeId()).isEqualTo("411096CAb000");
            assertThat(psapi.debugFile()).isEqualTo("psapi.pdb");
            assertThat(psapi.debugId()).isEqualTo("A5C3A1F9689F43D8AD228A09293889702");
            assertThat(psapi.version()).isEqualTo("5.1.2600.2180");
        }
    }

    @Test
    void x86CrashAddressIsTruncatedTo32Bits() throws Exception {
        try (Minidump dump = CorpusDumps.open("breakpad/minidump_32bit_crash_addr.dmp")) {
            assertThat(dump.exceptionStream().orElseThrow().parameters().get(1)).isEqualTo(0xffffffff00000045L);
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.parameters()).containsExactly(1L, 0x45L);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "breakpad/ascii_read_av.dmp,               0xd6a6cd,  0, 0x41414141",
        "breakpad/ascii_read_av_block_write.dmp,   0x111a6cd, 0, 0x41414141",
        "breakpad/ascii_read_av_clobber_write.dmp, 0x96a6cd,  0, 0x41414141",
        "breakpad/ascii_read_av_conditional.dmp,   0x15a80d,  0, 0x41414141",
        "breakpad/ascii_read_av_xchg_write.dmp,    0xa3a6cd,  0, 0x41414141",
        "breakpad/ascii_write_av.dmp,              0x3a6cd,   1, 0x41414141",
        "breakpad/ascii_write_av_arg_to_call.dmp,  0x2ba6cd,  1, 0x41414141",
        "breakpad/null_read_av.dmp,                0x90a6cd,  0, 0x0",
        "breakpad/read_av_clobber_write.dmp,       0x101098,  0, 0x4e3c9",
        "breakpad/read_av_conditional.dmp,         0xd4109e,  0, 0x4e3c9",
        "breakpad/write_av_non_null.dmp,           0xc11097,  1, 0x4e3c9",
    })
    void accessViolations(String file, String address, long kind, String target) throws Exception {
        try (Minidump dump = CorpusDumps.open(file)) {
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.code()).isEqualTo(0xC0000005L);
            assertThat(e.address()).isEqualTo(Long.decode(address));
            assertThat(e.parameters()).containsExactly(kind, Long.decode(target));
            assertThat(e.context().instructionPointer()).isEqualTo(e.address());
            assertThat(dump.os().version()).isEqualTo("6.1.7600");
            assertThat(dump.threads()).hasSize(2);
            assertThat(dump.modules()).hasSize(26);
        }
    }

    @Test
    void stackExhaustion() throws Exception {
        try (Minidump dump = CorpusDumps.open("breakpad/stack_exhaustion.dmp")) {
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.code()).isEqualTo(0xC00000FDL);
            assertThat(e.address()).isEqualTo(0xdea637L);
            assertThat(e.parameters()).containsExactly(0L, 0x102000L);
        }
    }

    @Test
    void tinyExeWithCetXsaveX86() throws Exception {
        try (Minidump dump = CorpusDumps.open("breakpad/tiny-exe-with-cet-xsave-x86.dmp")) {
            assertThat(dump.os().version() + " " + dump.os().csd()).isEqualTo("10.0.22631 ");
            assertThat(dump.architecture()).isEqualTo(Architecture.X86);
            assertThat(dump.os().cpuInfo()).isEqualTo("GenuineIntel family 6 model 151 stepping 2");
            assertThat(dump.exception()).isEmpty();
            assertThat(dump.threads()).hasSize(3);
            assertThat(dump.modules()).hasSize(19);
        }
    }

    @Test
    void tinyExeWithCetXsaveAmd64() throws Exception {
        try (Minidump dump = CorpusDumps.open("breakpad/tiny-exe-with-cet-xsave.dmp")) {
            assertThat(dump.os().version() + " " + dump.os().csd()).isEqualTo("10.0.22000 282");
            assertThat(dump.architecture()).isEqualTo(Architecture.AMD64);
            assertThat(dump.os().cpuInfo()).isEqualTo("family 6 model 140 stepping 1");
            assertThat(dump.exception()).isEmpty();
            assertThat(dump.threads()).hasSize(1);
            assertThat(dump.modules()).hasSize(25);
            // The extended (XSTATE) context is 1407 bytes; its AMD64 prefix is read.
            MinidumpThread t = dump.threadList().get(0);
            assertThat(t.contextSize()).isEqualTo(1407);
            assertThat(dump.threads().get(0).context().flags()).isEqualTo(0x0010005FL);
            assertThat(dump.header().version()).isEqualTo(0xa793L);
            assertThat(dump.directory()).extracting(MinidumpDirectory::streamType)
                    .containsExactly(7L, 0xfL, 3L, 4L, 0xeL, 0x10L, 0xcL, 5L);
            assertThat(dump.unloadedModuleList()).hasSize(1);
            assertThat(dump.memoryInfoList()).hasSize(557);
            assertThat(dump.handles()).hasSize(147);
            assertThat(dump.miscInfo().orElseThrow().sizeOfInfo()).isEqualTo(MinidumpMiscInfo.SIZE_5);
        }
    }

    @Test
    void fastFail() throws Exception {
        try (Minidump dump = CorpusDumps.open("breakpad/tiny-exe-fastfail.dmp")) {
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.code()).isEqualTo(0xC0000409L);
            assertThat(e.address()).isEqualTo(0x7ff75355af42L);
            assertThat(e.parameters().get(0)).isEqualTo(7L);
            assertThat(dump.threads()).hasSize(4);
            assertThat(dump.modules()).hasSize(21);
            assertThat(dump.os().version()).isEqualTo("10.0.19042");
        }
    }

    @Test
    void invalidParameterAssertionStream() throws Exception {
        try (Minidump dump = CorpusDumps.open("rust-minidump/invalid-parameter.dmp")) {
            AssertionInfo a = dump.assertion().orElseThrow();
            assertThat(a.expression()).isEqualTo("format != nullptr");
            assertThat(a.function()).isEqualTo("common_vfprintf");
            assertThat(a.file()).isEqualTo("minkernel\\crts\\ucrt\\src\\appcrt\\stdio\\output.cpp");
            assertThat(a.line()).isEqualTo(32);
            assertThat(a.typeName()).isEqualTo("invalid parameter");
            assertThat(dump.exception().orElseThrow().code()).isEqualTo(0xC000000DL);
            assertThat(dump.threads()).hasSize(6);
            assertThat(dump.modules()).hasSize(31);
        }
    }

    @Test
    void fizzbuzzFromLldb() throws Exception {
        try (Minidump dump = CorpusDumps.open("lldb/fizzbuzz_no_heap.dmp")) {
            assertThat(dump.threads()).hasSize(1);
            assertThat(dump.processId()).contains(4440L);
            assertThat(dump.exception().orElseThrow().code()).isEqualTo(0xC0000005L);
            assertThat(dump.os().version() + " " + dump.os().csd()).isEqualTo("6.1.7601 Service Pack 1");
            assertThat(dump.modules()).extracting(ModuleInfo::name).containsExactly("fizzbuzz.exe", "ntdll.dll",
                    "kernel32.dll", "KERNELBASE.dll", "MSVCP120D.dll", "MSVCR120D.dll");
            assertThat(dump.modules().get(1).path()).containsIgnoringCase("SysWOW64");
            assertThat(dump.modules().get(4).path()).containsIgnoringCase("System32");
            assertThat(dump.modules()).extracting(ModuleInfo::debugId).containsExactly(
                    "0F45B7919A9646F9BF8F2D6076EA421A11", "BBB0846A402C4052A16B67650BBFE6B02",
                    "E5CB7E1B005E4113AB9898D6913B52D82", "0BF95241CB0D4BD4AC5D186A6452E5221",
                    "3C05516E57E740EB8D3F9722C5BD80DD1", "6382FB8646C44046AE428D97B3F91FF21");
            assertThat(dump.exception().orElseThrow().context().instructionPointer()).isEqualTo(0x164d14L);
            assertThat(dump.threadInfoList()).hasSize(1);
        }
    }

    @Test
    void symbolicatorWindowsDump() throws Exception {
        try (Minidump dump = CorpusDumps.open("symbolicator/windows.dmp")) {
            assertThat(dump.crashTime()).contains(1521713273L);
            assertThat(dump.os().version()).isEqualTo("10.0.14393");
            assertThat(dump.architecture()).isEqualTo(Architecture.X86);
            assertThat(dump.os().cpuInfo()).isEqualTo("GenuineIntel family 6 model 63 stepping 2");
            assertThat(dump.os().processors()).isEqualTo(2);
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.code()).isEqualTo(0xC0000005L);
            assertThat(e.parameters()).containsExactly(1L, 0x45L);
            assertThat(dump.threads()).hasSize(4);
            assertThat(dump.threads().get(0).id()).isEqualTo(1636);
            CpuContext c = e.context();
            assertThat(c.get("eip")).hasValue(0x2a2a3d);
            assertThat(c.get("esp")).hasValue(0x10ff644);
            assertThat(c.get("ebp")).hasValue(0x10ff670);
            assertThat(c.get("eflags")).hasValue(0x10246);
            assertThat(dump.modules()).hasSize(17);
            ModuleInfo main = dump.modules().get(0);
            assertThat(main.path()).isEqualTo("C:\\projects\\breakpad-tools\\windows\\Release\\crash.exe");
            assertThat(main.codeId()).isEqualTo("5AB380779000");
            assertThat(main.debugId()).isEqualTo("3249D99D0C4049318610F4E4FB0B69361");
            ModuleInfo ntdll = dump.modules().stream().filter(m -> m.name().equalsIgnoreCase("ntdll.dll"))
                    .findFirst().orElseThrow();
            assertThat(ntdll.codeId()).isEqualTo("59B0D8F3183000");
            assertThat(ntdll.debugFile()).isEqualTo("wntdll.pdb");
            assertThat(ntdll.debugId()).isEqualTo("971F98E5CE6041FFB2D7235BBEB345781");
            assertThat(dump.miscInfo().orElseThrow().sizeOfInfo()).isEqualTo(1364);
            assertThat(dump.breakpadInfo()).isPresent();
        }
    }

    @Test
    void threadNames() throws Exception {
        try (Minidump dump = CorpusDumps.open("breakpad/thread_name_list.dmp")) {
            assertThat(dump.stream(StreamTypes.THREAD_NAMES).orElseThrow().dataSize()).isEqualTo(40);
            assertThat(dump.threadNames()).hasSize(3);
            List<Long> ids = dump.threads().stream().map(ThreadInfo::id).toList();
            assertThat(ids).hasSize(6).containsAll(dump.threadNames().keySet());
            assertThat(dump.threads().stream().filter(t -> t.name() != null)).hasSize(3);
            assertThat(dump.modules()).extracting(ModuleInfo::name).contains("ntd1l.dll", "kern3l32.dll");
            assertThat(dump.exception().orElseThrow().parameters()).containsExactly(0L, 0xf1004L);
            assertThat(dump.os().version()).isEqualTo("10.0.17763");
        }
    }

    @Test
    void kdlibTargetMinidumpFlags() throws Exception {
        try (Minidump dump = CorpusDumps.open("kdlibcpp/target_minidump.dmp")) {
            assertThat(dump.header().flags()).isEqualTo(0x40824L);
            assertThat(dump.threads()).hasSize(2);
            assertThat(dump.modules()).hasSize(7);
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.code()).isEqualTo(0x80000003L);
            assertThat(e.address()).isEqualTo(0x7ff6191a2fc7L);
            assertThat(dump.tokens()).isNotEmpty();
            assertThat(dump.handles()).isNotEmpty();
        }
    }

    @Test
    void fullMemoryWow64DumpReadsMemory64List() throws Exception {
        try (Minidump dump = CorpusDumps.open("kdlibcpp/targetapp_stacktest_wow64.cab.dmp")) {
            assertThat(dump.stream(StreamTypes.MEMORY64_LIST)).isPresent();
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.code()).isEqualTo(0x4000001FL);
            assertThat(e.address()).isEqualTo(0x875f5dL);
            assertThat(dump.threads()).hasSize(4);
            assertThat(dump.modules()).hasSize(12);
            assertThat(dump.modules().stream().filter(m -> m.name().equalsIgnoreCase("ntdll.dll"))).hasSize(2);
            // Code bytes at the exception address are in the full-memory list.
            assertThat(dump.memory().read(e.address(), 16)).isPresent();
            long total = dump.memory().ranges().stream().mapToLong(r -> r.size()).sum();
            assertThat(total).isGreaterThan(10_000_000L);
        }
    }

    @Test
    void linuxBreakpadDump() throws Exception {
        try (Minidump dump = CorpusDumps.open("rust-minidump/linux-mini.dmp")) {
            assertThat(dump.os().platform()).isEqualTo("Linux");
            assertThat(dump.os().csd()).isEqualTo("Linux 4.9.60-linuxkit-aufs #1 SMP Mon Nov 6 16:00:12 UTC 2017 x86_64");
            assertThat(dump.architecture()).isEqualTo(Architecture.AMD64);
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.code()).isEqualTo(0xbL);
            assertThat(e.address()).isEqualTo(0x45L);
            assertThat(dump.threads()).hasSize(1);
            assertThat(dump.modules()).hasSize(8);
            assertThat(dump.linuxText(0x47670003L).orElseThrow()).contains("processor");
        }
    }

    @Test
    void macCrashpadDump() throws Exception {
        try (Minidump dump = CorpusDumps.open("rust-minidump/simple-crashpad.dmp")) {
            assertThat(dump.os().platform()).isEqualTo("macOS");
            assertThat(dump.os().version() + " " + dump.os().csd()).isEqualTo("10.15.7 19H114");
            ExceptionInfo e = dump.exception().orElseThrow();
            assertThat(e.address()).isEqualTo(0x7fff6f41333aL);
            assertThat(e.parameters()).containsExactly(0xaL, 0x6000000L, 0L);
            assertThat(dump.threads()).hasSize(1);
            assertThat(dump.modules()).hasSize(40);
            CrashpadInfo c = dump.crashpadInfo().orElseThrow();
            assertThat(c.reportId().toString()).isEqualTo("42f9de72-518a-43dd-97d7-8ddc328d3662");
            assertThat(c.clientId().toString()).isEqualTo("6fd2b3b9-9833-4b2f-bbf7-0bcf501bad7e");
            assertThat(c.simpleAnnotations()).containsEntry("hello", "world");
            assertThat(c.modules()).hasSize(2);
            assertThat(c.modules().get(0).moduleIndex()).isEqualTo(16);
            assertThat(c.modules().get(0).listAnnotations()).containsExactly("abort() called");
            assertThat(c.modules().get(0).simpleAnnotations()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust-minidump/invalid-range.dmp", "rust-minidump/invalid-record-count.dmp"})
    void corruptFilesParseTheirHeaderAndReportDiagnostics(String file) throws Exception {
        try (Minidump dump = CorpusDumps.open(file)) {
            assertThat(dump.header().signature()).isEqualTo(MinidumpHeader.SIGNATURE);
            assertThat(dump.diagnostics()).isNotEmpty();
            assertThat(dump.diagnostics()).allSatisfy(d -> assertThat(d.offset()).isBetween(0L, 0xFFFF_FFFFL));
        }
    }

    @Test
    void invalidRangeReportsStreamsOutsideTheFile() throws Exception {
        try (Minidump dump = CorpusDumps.open("rust-minidump/invalid-range.dmp")) {
            assertThat(dump.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo("OUT_OF_BOUNDS"));
        }
    }
}
