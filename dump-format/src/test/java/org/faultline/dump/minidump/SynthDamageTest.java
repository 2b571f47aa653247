package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.faultline.dump.Architecture;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.Dumps;
import org.faultline.dump.ExceptionInfo;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.minidump.Amd64Context;
import org.faultline.samples.minidump.CrashpadInfoSpec;
import org.faultline.samples.minidump.Damage;
import org.faultline.samples.minidump.ExceptionSpec;
import org.faultline.samples.minidump.HandleSpec;
import org.faultline.samples.minidump.Layout;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of {@link Damage} gives either the typed {@link DumpFormatException} (bad header, signature or
 * version; unreadable directory) or diagnostics naming the structure and file offset, while everything the
 * damage did not touch still reads back as written. Expected offsets come from the writer's {@link Layout}.
 */
class SynthDamageTest {
    private static final UUID REPORT = UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    private static final byte[] STACK0 = Synth.pattern(64, 0x00);
    private static final byte[] STACK1 = Synth.pattern(32, 0x80);
    private static final byte[] CODE = Synth.pattern(0x40, 0xC0);
    private static final byte[] HEAP0 = Synth.pattern(0x100, 0x01);
    private static final byte[] HEAP1 = Synth.pattern(0x80, 0x02);

    /** The parts of {@link #base()} that {@link #assertIntact} checks. */
    enum Part {
        SYSTEM, THREADS, CONTEXTS, THREAD_NAMES, THREAD_INFO, MODULES, UNLOADED, EXCEPTION, MEMORY_LIST, MEMORY64,
        MEMORY_INFO, MISC, HANDLES, COMMENT, BREAKPAD, CRASHPAD, LINUX
    }

    /** An AMD64 crash with one of nearly every stream. */
    private static SynthMinidump base() {
        return SynthMinidump.create().timestamp(0x6543_2100L)
                .systemInfo(SystemInfoSpec.amd64().processor(6, 0x9E0A).processors(8).os(10, 0, 22621).csdVersion("123"))
                .thread(ThreadSpec.of(0x100).teb(0x7000_0000L).stack(0x10_0000, STACK0)
                        .context(Amd64Context.create().rip(0x7FF6_0000_1010L).rsp(0x10_0000)))
                .thread(ThreadSpec.of(0x200).teb(0x7000_2000L).stack(0x20_0000, STACK1)
                        .context(Amd64Context.create().rip(0x7FFA_0000_0010L).rsp(0x20_0000)))
                .stacksInMemoryList()
                .memory(0x7FF6_0000_1200L, CODE)
                .threadName(0x100, "main")
                .threadName(0x200, "worker")
                .threadInfo(ThreadInfoSpec.of(0x100, 0x7FF6_0000_1000L, 0xFF))
                .threadInfo(ThreadInfoSpec.of(0x200, 0x7FFA_0000_0000L, 0x1))
                .module(ModuleSpec.of(0x7FF6_0000_0000L, 0x8000, "C:\\app\\app.exe").timestamp(0x6500_0000L)
                        .fileVersion(1, 2, 3, 4).rsds("{971F98E5-CE60-41FF-B2D7-235BBEB34578}", 1, "app.pdb"))
                .module(ModuleSpec.of(0x7FFA_0000_0000L, 0x1F_0000, "C:\\Windows\\System32\\ntdll.dll")
                        .timestamp(0x3B7D_8410L).nb10(0x3B7D_8410L, 2, "ntdll.pdb"))
                .unloadedModule(new UnloadedModuleSpec(0x7FFB_0000_0000L, 0x3000, 7, 0x1234, "gone.dll"))
                .unloadedModule(new UnloadedModuleSpec(0x7FFC_0000_0000L, 0x4000, 0, 0x5678, "old.dll"))
                .exception(ExceptionSpec.of(0x100, ExceptionSpec.ACCESS_VIOLATION).address(0x7FF6_0000_1234L)
                        .parameters(1, 0xDEAD).context(Amd64Context.create().rip(0x7FF6_0000_1234L).rsp(0x10_0010)))
                .memory64(0x30_0000, HEAP0)
                .memory64(0x30_0100, HEAP1)
                .memoryInfo(new MemoryInfoSpec(0x30_0000, 0x30_0000, 0x04, 0x1000, 0x1000, 0x04, 0x2_0000))
                .memoryInfo(new MemoryInfoSpec(0x40_0000, 0, 0, 0x1_0000, 0x1_0000, 0x01, 0))
                .miscInfo(MiscInfoSpec.version(2).processId(4242).processTimes(0x6543_2000L, 3, 1))
                .handle(new HandleSpec(0x4, "File", "\\Device\\x.txt", 0, 0x12_019FL, 1, 2))
                .handle(new HandleSpec(0x8, "Event", null, 0, 0x1F_0003L, 1, 1))
                .commentW("wide comment")
                .breakpadInfo(3, 0x200, 0x100)
                .crashpadInfo(CrashpadInfoSpec.of(REPORT, REPORT).annotation("prod", "App").annotation("ver", "1.0"))
                .linuxText(StreamType.LINUX_CPU_INFO, "processor\t: 0\n");
    }

    private static final ModuleInfo APP = new ModuleInfo("C:\\app\\app.exe", 0x7FF6_0000_0000L, 0x8000, 0x6500_0000L,
            0, "1.2.3.4", "app.pdb", "971F98E5CE6041FFB2D7235BBEB345781", "650000008000");
    private static final ModuleInfo NTDLL = new ModuleInfo("C:\\Windows\\System32\\ntdll.dll", 0x7FFA_0000_0000L,
            0x1F_0000, 0x3B7D_8410L, 0, null, "ntdll.pdb", "3B7D84102", "3B7D84101f0000");

    /** Asserts that every part not named in {@code damaged} reads back exactly as {@link #base()} wrote it. */
    private static void assertIntact(Minidump dump, Part... damaged) {
        Set<Part> skip = EnumSet.noneOf(Part.class);
        skip.addAll(Arrays.asList(damaged));
        for (Part p : Part.values()) {
            if (!skip.contains(p)) {
                checkPart(dump, p);
            }
        }
    }

    private static void checkPart(Minidump dump, Part part) {
        switch (part) {
            case SYSTEM -> {
                assertThat(dump.architecture()).isEqualTo(Architecture.AMD64);
                assertThat(dump.os().version()).isEqualTo("10.0.22621");
                assertThat(dump.os().csd()).isEqualTo("123");
                assertThat(dump.os().cpuInfo()).isEqualTo("family 6 model 158 stepping 10");
            }
            case THREADS -> {
                assertThat(dump.threads()).extracting(ThreadInfo::id, ThreadInfo::teb, ThreadInfo::stackStart,
                        ThreadInfo::stackSize).containsExactly(tuple(0x100L, 0x7000_0000L, 0x10_0000L, 64L),
                                tuple(0x200L, 0x7000_2000L, 0x20_0000L, 32L));
            }
            case CONTEXTS -> {
                assertThat(dump.threads()).extracting(t -> t.context().instructionPointer())
                        .containsExactly(0x7FF6_0000_1010L, 0x7FFA_0000_0010L);
                assertThat(dump.exception()).hasValueSatisfying(e -> assertThat(e.context().stackPointer())
                        .isEqualTo(0x10_0010L));
            }
            case THREAD_NAMES -> assertThat(dump.threadNames()).isEqualTo(Map.of(0x100L, "main", 0x200L, "worker"));
            case THREAD_INFO -> assertThat(dump.threadInfoList()).extracting(MinidumpThreadInfo::threadId,
                    MinidumpThreadInfo::startAddress).containsExactly(tuple(0x100L, 0x7FF6_0000_1000L),
                            tuple(0x200L, 0x7FFA_0000_0000L));
            case MODULES -> assertThat(dump.modules()).containsExactly(APP, NTDLL);
            case UNLOADED -> assertThat(dump.unloadedModules()).extracting(ModuleInfo::path, ModuleInfo::base)
                    .containsExactly(tuple("gone.dll", 0x7FFB_0000_0000L), tuple("old.dll", 0x7FFC_0000_0000L));
            case EXCEPTION -> {
                ExceptionInfo e = dump.exception().orElseThrow();
                assertThat(e.threadId()).isEqualTo(0x100);
                assertThat(e.code()).isEqualTo(0xC000_0005L);
                assertThat(e.address()).isEqualTo(0x7FF6_0000_1234L);
                assertThat(e.parameters()).containsExactly(1L, 0xDEADL);
            }
            case MEMORY_LIST -> {
                assertThat(dump.memory().read(0x10_0000, 64)).hasValueSatisfying(b -> assertThat(b).isEqualTo(STACK0));
                assertThat(dump.memory().read(0x20_0000, 32)).hasValueSatisfying(b -> assertThat(b).isEqualTo(STACK1));
                assertThat(dump.memory().read(0x7FF6_0000_1200L, 0x40)).hasValueSatisfying(b -> assertThat(b)
                        .isEqualTo(CODE));
            }
            case MEMORY64 -> {
                assertThat(dump.memory().read(0x30_0000, 0x100)).hasValueSatisfying(b -> assertThat(b).isEqualTo(HEAP0));
                assertThat(dump.memory().read(0x30_0100, 0x80)).hasValueSatisfying(b -> assertThat(b).isEqualTo(HEAP1));
            }
            case MEMORY_INFO -> assertThat(dump.memoryInfoList()).extracting(MinidumpMemoryInfo::baseAddress)
                    .containsExactly(0x30_0000L, 0x40_0000L);
            case MISC -> {
                assertThat(dump.processId()).contains(4242L);
                assertThat(dump.miscInfo().orElseThrow().processCreateTime()).isEqualTo(0x6543_2000L);
            }
            case HANDLES -> assertThat(dump.handles()).extracting(MinidumpHandle::handle, MinidumpHandle::typeName,
                    MinidumpHandle::objectName).containsExactly(tuple(0x4L, "File", "\\Device\\x.txt"),
                            tuple(0x8L, "Event", null));
            case COMMENT -> assertThat(dump.comment()).contains("wide comment");
            case BREAKPAD -> assertThat(dump.breakpadInfo()).contains(new BreakpadInfo(3, 0x200, 0x100));
            case CRASHPAD -> assertThat(dump.crashpadInfo()).hasValueSatisfying(c -> assertThat(c.simpleAnnotations())
                    .isEqualTo(Map.of("prod", "App", "ver", "1.0")));
            case LINUX -> assertThat(dump.linuxText(StreamType.LINUX_CPU_INFO)).contains("processor\t: 0\n");
        }
    }

    private static final WrittenDump CLEAN = base().build();

    private static Layout layout() {
        return CLEAN.layout();
    }

    private static long fileSize() {
        return CLEAN.layout().fileSize();
    }

    private static Minidump damaged(Damage... damage) {
        return Synth.read(base().damage(damage));
    }

    private static List<Tuple> diagnostics(Minidump dump) {
        List<Tuple> out = new ArrayList<>();
        for (Diagnostic d : dump.diagnostics()) {
            assertThat(d.message()).isNotBlank();
            out.add(tuple(d.severity(), d.code(), d.structure(), d.offset()));
        }
        return out;
    }

    private static Tuple warning(String code, String structure, long offset) {
        return tuple(Diagnostic.Severity.WARNING, code, structure, offset);
    }

    private static Tuple error(String code, String structure, long offset) {
        return tuple(Diagnostic.Severity.ERROR, code, structure, offset);
    }

    /** The directory warning for a stream whose data runs past the end of the file. */
    private static Tuple pastEnd(int type) {
        Layout.DirectoryEntry e = layout().stream(type);
        return warning("OUT_OF_BOUNDS", "MINIDUMP_DIRECTORY[" + e.index() + "]", e.offset());
    }

    // ------------------------------------------------------------------ the clean dump

    @Test
    void theBaseDumpIsClean() {
        Minidump dump = Synth.read(CLEAN);
        assertThat(dump.diagnostics()).isEmpty();
        assertIntact(dump);
    }

    // ------------------------------------------------------------------ fatal: header and directory

    private static DumpFormatException rejected(byte[] bytes) {
        try {
            Minidump.read(new ArrayByteSource(bytes));
        } catch (DumpFormatException e) {
            return e;
        }
        throw new AssertionError("expected the typed error");
    }

    @Test
    void badSignatureIsFatal() {
        byte[] bytes = base().signature(0x4D44_4D50L).toBytes();
        DumpFormatException e = rejected(bytes);
        assertThat(e).isInstanceOf(DumpFormatException.BadSignature.class);
        assertThat(e.code()).isEqualTo("BAD_SIGNATURE");
        assertThat(e.structure()).isEqualTo("MINIDUMP_HEADER");
        assertThat(e.offset()).isZero();
        assertThatThrownBy(() -> Dumps.open(new ArrayByteSource(bytes)))
                .isInstanceOf(DumpFormatException.BadSignature.class).hasMessageContaining("@0x0");
    }

    @Test
    void unsupportedVersionIsFatal() {
        DumpFormatException e = rejected(base().version(0xA792).toBytes());
        assertThat(e).isInstanceOf(DumpFormatException.UnsupportedFormat.class);
        assertThat(e.code()).isEqualTo("UNSUPPORTED");
        assertThat(e.structure()).isEqualTo("MINIDUMP_HEADER");
        assertThat(e.offset()).isEqualTo(4);
        // Only the low word is the format version.
        Minidump dump = Synth.read(base().version(0xFFFF_A793L));
        assertThat(dump.header().version()).isEqualTo(0xFFFF_A793L);
        assertThat(dump.diagnostics()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"4", "12", "31"})
    void truncatedHeaderIsFatal(int cut) {
        byte[] bytes = base().damage(Damage.truncate(cut)).toBytes();
        DumpFormatException e = rejected(bytes);
        assertThat(e).isInstanceOf(DumpFormatException.Truncated.class);
        assertThat(e.structure()).isEqualTo("MINIDUMP_HEADER");
        assertThat(e.offset()).isZero();
        assertThatThrownBy(() -> Dumps.open(new ArrayByteSource(bytes))).isInstanceOf(DumpFormatException.Truncated.class);
    }

    @Test
    void tooShortForASignature() {
        assertThatThrownBy(() -> Dumps.open(new ArrayByteSource(base().damage(Damage.truncate(3)).toBytes())))
                .isInstanceOf(DumpFormatException.BadSignature.class).hasMessageContaining("too short");
    }

    @ParameterizedTest
    @CsvSource({"0xFFFFFF00", "0x7FFFFFFF"})
    void directoryOutsideTheFileIsFatal(String rva) {
        DumpFormatException e = rejected(base().damage(Damage.directoryRva(Long.decode(rva))).toBytes());
        assertThat(e).isInstanceOf(DumpFormatException.Truncated.class);
        assertThat(e.structure()).isEqualTo("MINIDUMP_HEADER.StreamDirectoryRva");
        assertThat(e.offset()).isEqualTo(0x0C);
    }

    @Test
    void directoryAtTheVeryEndIsFatal() {
        DumpFormatException e = rejected(base().damage(Damage.directoryRva(fileSize() - 11)).toBytes());
        assertThat(e.structure()).isEqualTo("MINIDUMP_HEADER.StreamDirectoryRva");
    }

    @Test
    void directoryCutShortKeepsTheEntriesThatFit() {
        // The directory is followed by the stream data, so a huge count reads junk entries after the real
        // ones; the real entries come first and win.
        Minidump dump = damaged(Damage.streamCount(0xFFFF_FFFFL));
        assertThat(diagnostics(dump)).contains(error("TRUNCATED", "MINIDUMP_DIRECTORY", layout().directoryRva()));
        assertThat(dump.directory().size()).isGreaterThan(layout().directory().size());
        for (Layout.DirectoryEntry e : layout().directory()) {
            assertThat(dump.directory().get(e.index())).isEqualTo(new MinidumpDirectory(e.index(), e.type(),
                    e.dataSize(), e.rva()));
        }
        assertIntact(dump);
    }

    @Test
    void emptyDirectoryCountIsNotDamage() {
        Minidump dump = damaged(Damage.streamCount(0));
        assertThat(dump.directory()).isEmpty();
        assertThat(dump.diagnostics()).isEmpty();
    }

    // ------------------------------------------------------------------ wrong list counts

    @ParameterizedTest
    @CsvSource({
        "3, 1000, ThreadListStream", "4, 3, ModuleListStream", "5, 0xFFFFFFFF, MemoryListStream",
        "24, 100, ThreadNamesStream", "9, -1, Memory64ListStream", "14, 99, UnloadedModuleListStream",
        "17, 3, ThreadInfoListStream", "12, 0x7FFFFFFF, HandleDataStream", "16, 0x10000000000, MemoryInfoListStream"
    })
    void tooLargeListCountsKeepTheEntriesThatFit(int type, String count, String stream) {
        Minidump dump = damaged(Damage.listCount(type, Long.decode(count)));
        assertThat(diagnostics(dump)).containsExactly(warning("TRUNCATED", stream, layout().stream(type).rva()));
        assertIntact(dump);
    }

    @Test
    void smallerListCountsReadOnlyThatMany() {
        Minidump dump = damaged(Damage.listCount(StreamType.THREAD_LIST, 1), Damage.listCount(StreamType.MODULE_LIST, 0),
                Damage.listCount(StreamType.UNLOADED_MODULE_LIST, 1));
        assertThat(dump.threads()).extracting(ThreadInfo::id).containsExactly(0x100L);
        assertThat(dump.modules()).isEmpty();
        assertThat(dump.unloadedModules()).extracting(ModuleInfo::path).containsExactly("gone.dll");
        assertThat(dump.diagnostics()).isEmpty();
        assertIntact(dump, Part.THREADS, Part.CONTEXTS, Part.MODULES, Part.UNLOADED);
    }

    // ------------------------------------------------------------------ dangling RVAs

    @Test
    void streamRvaPastTheEnd() {
        Minidump dump = damaged(Damage.streamRva(StreamType.SYSTEM_INFO, 0x7FFF_0000));
        assertThat(diagnostics(dump)).containsExactly(pastEnd(StreamType.SYSTEM_INFO),
                error("OUT_OF_BOUNDS", "SystemInfoStream", 0x7FFF_0000));
        assertThat(dump.systemInfo()).isEmpty();
        assertThat(dump.architecture()).isEqualTo(Architecture.UNKNOWN);
        // Without an architecture there is no CONTEXT layout; the threads are still listed.
        assertThat(dump.threads()).allSatisfy(t -> assertThat(t.context()).isNull());
        assertThat(dump.exception().orElseThrow().context()).isNull();
        assertIntact(dump, Part.SYSTEM, Part.CONTEXTS);
    }

    @Test
    void streamStartingExactlyAtTheEnd() {
        Minidump dump = damaged(Damage.streamRva(StreamType.COMMENT_W, fileSize()));
        assertThat(diagnostics(dump)).containsExactly(pastEnd(StreamType.COMMENT_W),
                error("OUT_OF_BOUNDS", "CommentStreamW", fileSize()));
        assertThat(dump.comment()).isEmpty();
        assertIntact(dump, Part.COMMENT);
    }

    @Test
    void danglingThreadContext() {
        long rva = fileSize() + 0x100;
        Minidump dump = damaged(Damage.putU32("thread[0]", 0x2C, rva));
        assertThat(diagnostics(dump)).containsExactly(warning("TRUNCATED", "CONTEXT (thread 0x100)", rva));
        assertThat(dump.threads().get(0).context()).isNull();
        assertThat(dump.threads().get(1).context().instructionPointer()).isEqualTo(0x7FFA_0000_0010L);
        assertIntact(dump, Part.CONTEXTS);
    }

    @Test
    void danglingExceptionContext() {
        long rva = fileSize() + 0x10;
        Minidump dump = damaged(Damage.putU32(layout().stream(StreamType.EXCEPTION).rva() + 0xA4, rva));
        assertThat(diagnostics(dump)).containsExactly(warning("TRUNCATED", "CONTEXT (exception)", rva));
        assertThat(dump.exception().orElseThrow().context()).isNull();
        assertIntact(dump, Part.CONTEXTS);
    }

    @Test
    void contextSmallerThanItsArchitecture() {
        Minidump dump = damaged(Damage.putU32("thread[1]", 0x28, 100));
        assertThat(diagnostics(dump)).containsExactly(warning("INVALID_VALUE", "CONTEXT (thread 0x200)",
                layout().region("thread[1].context").offset()));
        assertThat(dump.threads().get(1).context()).isNull();
        assertThat(dump.threads().get(0).context().instructionPointer()).isEqualTo(0x7FF6_0000_1010L);
        assertIntact(dump, Part.CONTEXTS);
    }

    @Test
    void danglingModuleName() {
        long rva = fileSize() + 100;
        Minidump dump = damaged(Damage.putU32("module[1]", 0x14, rva));
        assertThat(diagnostics(dump)).containsExactly(
                warning("TRUNCATED", "MINIDUMP_STRING (MINIDUMP_MODULE[1].ModuleName)", rva));
        assertThat(dump.modules()).containsExactly(APP, new ModuleInfo("<unreadable name>", NTDLL.base(), NTDLL.size(),
                NTDLL.timestamp(), 0, null, "ntdll.pdb", "3B7D84102", NTDLL.codeId()));
        assertIntact(dump, Part.MODULES);
    }

    @Test
    void danglingCodeViewRecord() {
        long rva = fileSize() + 8;
        Minidump dump = damaged(Damage.putU32("module[0]", 0x50, rva));
        assertThat(diagnostics(dump)).containsExactly(warning("TRUNCATED", "MINIDUMP_MODULE[0].CvRecord", rva));
        assertThat(dump.modules()).containsExactly(new ModuleInfo(APP.path(), APP.base(), APP.size(), APP.timestamp(),
                0, "1.2.3.4", null, null, APP.codeId()), NTDLL);
        assertIntact(dump, Part.MODULES);
    }

    @Test
    void shortRsdsRecord() {
        // 12 bytes hold the signature, Data1, Data2 and Data3; Data4 at +12 is the first read that fails.
        Minidump dump = damaged(Damage.putU32("module[0]", 0x4C, 12));
        assertThat(diagnostics(dump)).containsExactly(warning("OUT_OF_BOUNDS", "MINIDUMP_MODULE[0].CvRecord",
                layout().region("module[0].cv").offset() + 12));
        assertThat(dump.modules().get(0).debugId()).isNull();
        assertIntact(dump, Part.MODULES);
    }

    @Test
    void danglingThreadName() {
        long rva = fileSize() + 4;
        Minidump dump = damaged(Damage.putU64(layout().stream(StreamType.THREAD_NAMES).rva() + 4 + 12 + 4, rva));
        assertThat(diagnostics(dump)).containsExactly(warning("TRUNCATED", "MINIDUMP_STRING (thread name of 0x200)", rva));
        assertThat(dump.threadNames()).isEqualTo(Map.of(0x100L, "main"));
        assertThat(dump.threads()).extracting(ThreadInfo::name).containsExactly("main", null);
        assertIntact(dump, Part.THREAD_NAMES);
    }

    @Test
    void danglingUnloadedModuleName() {
        long rva = fileSize() + 0x40;
        Minidump dump = damaged(Damage.putU32(layout().stream(StreamType.UNLOADED_MODULE_LIST).rva() + 12 + 0x14, rva));
        assertThat(diagnostics(dump)).containsExactly(
                warning("TRUNCATED", "MINIDUMP_STRING (MINIDUMP_UNLOADED_MODULE[0].ModuleName)", rva));
        assertThat(dump.unloadedModules()).extracting(ModuleInfo::path).containsExactly("<unreadable name>", "old.dll");
        assertThat(dump.unloadedModules().get(0).codeId()).isEqualTo("000012343000");
        assertIntact(dump, Part.UNLOADED);
    }

    @Test
    void danglingHandleTypeName() {
        long rva = fileSize() + 0x1000;
        Minidump dump = damaged(Damage.putU32(layout().stream(StreamType.HANDLE_DATA).rva() + 16 + 8, rva));
        assertThat(diagnostics(dump)).containsExactly(
                warning("TRUNCATED", "MINIDUMP_STRING (MINIDUMP_HANDLE_DESCRIPTOR[0].TypeName)", rva));
        assertThat(dump.handles()).extracting(MinidumpHandle::typeName, MinidumpHandle::objectName)
                .containsExactly(tuple(null, "\\Device\\x.txt"), tuple("Event", null));
        assertIntact(dump, Part.HANDLES);
    }

    @Test
    void danglingCsdString() {
        long rva = fileSize() + 2;
        Minidump dump = damaged(Damage.putU32(layout().stream(StreamType.SYSTEM_INFO).rva() + 0x18, rva));
        assertThat(diagnostics(dump)).containsExactly(warning("TRUNCATED", "MINIDUMP_STRING (CSDVersion)", rva));
        assertThat(dump.os().csd()).isEmpty();
        assertThat(dump.architecture()).isEqualTo(Architecture.AMD64);
        assertIntact(dump, Part.SYSTEM);
    }

    @Test
    void danglingMemoryDescriptor() {
        // MemoryList entries: the explicit range first, then the two stacks.
        long rva = fileSize() + 0x1000;
        Minidump dump = damaged(Damage.putU32(layout().stream(StreamType.MEMORY_LIST).rva() + 4 + 12, rva));
        assertThat(diagnostics(dump)).containsExactly(warning("TRUNCATED", "MINIDUMP_MEMORY_DESCRIPTOR[0]", rva));
        assertThat(dump.memoryRanges().get(0)).isEqualTo(new MemoryRange(0x7FF6_0000_1200L, 0, rva, 0x40));
        assertThat(dump.memory().read(0x7FF6_0000_1200L, 1)).isEmpty();
        assertThat(dump.memory().read(0x10_0000, 64)).hasValueSatisfying(b -> assertThat(b).isEqualTo(STACK0));
        assertIntact(dump, Part.MEMORY_LIST);
    }

    @Test
    void danglingMemory64BaseRva() {
        long rva = fileSize() + 0x10;
        Minidump dump = damaged(Damage.putU64(layout().stream(StreamType.MEMORY64_LIST).rva() + 8, rva));
        assertThat(diagnostics(dump)).containsExactly(warning("TRUNCATED", "MINIDUMP_MEMORY_DESCRIPTOR64[0]", rva),
                warning("TRUNCATED", "MINIDUMP_MEMORY_DESCRIPTOR64[1]", rva + 0x100));
        assertThat(dump.memory().read(0x30_0000, 1)).isEmpty();
        assertThat(dump.memory().read(0x30_0100, 1)).isEmpty();
        assertIntact(dump, Part.MEMORY64);
    }

    @Test
    void memory64SizeOverflowingTheFileOffset() {
        long rva = layout().stream(StreamType.MEMORY64_LIST).rva();
        Minidump dump = damaged(Damage.putU64(rva + 16 + 8, 0x8000_0000_0000_0000L));
        assertThat(diagnostics(dump)).containsExactly(warning("INVALID_VALUE", "MINIDUMP_MEMORY_DESCRIPTOR64[0]",
                rva + 16));
        assertThat(dump.memory().read(0x30_0000, 1)).isEmpty();
        assertIntact(dump, Part.MEMORY64);
    }

    @Test
    void danglingCrashpadDictionaryLosesTheCrashpadStreamOnly() {
        long rva = fileSize() + 0x20;
        Minidump dump = damaged(Damage.putU32(layout().stream(StreamType.CRASHPAD_INFO).rva() + 40, rva));
        assertThat(diagnostics(dump)).containsExactly(error("TRUNCATED", "MINIDUMP_SIMPLE_STRING_DICTIONARY", rva));
        assertThat(dump.crashpadInfo()).isEmpty();
        assertIntact(dump, Part.CRASHPAD);
    }

    // ------------------------------------------------------------------ bad strings

    @Test
    void oddStringLengthIsCutToEven() {
        long at = layout().region("module[0].name").offset();
        Minidump dump = damaged(Damage.stringLength("module[0].name", 7));
        assertThat(diagnostics(dump)).containsExactly(
                warning("INVALID_VALUE", "MINIDUMP_STRING (MINIDUMP_MODULE[0].ModuleName)", at));
        assertThat(dump.modules().get(0).path()).isEqualTo("C:\\");
        assertThat(dump.modules().get(0).debugId()).isEqualTo(APP.debugId());
        assertIntact(dump, Part.MODULES);
    }

    @Test
    void implausibleStringLength() {
        long at = layout().region("systemInfo.csd").offset();
        Minidump dump = damaged(Damage.stringLength("systemInfo.csd", 0x7FFF_FFFE));
        assertThat(diagnostics(dump)).containsExactly(warning("INVALID_VALUE", "MINIDUMP_STRING (CSDVersion)", at));
        assertThat(dump.os().csd()).isEmpty();
        assertIntact(dump, Part.SYSTEM);
    }

    @Test
    void stringRunningPastTheEnd() {
        long at = layout().region("threadName[0].name").offset();
        assertThat(fileSize()).isLessThan(0xF000);
        Minidump dump = damaged(Damage.stringLength("threadName[0].name", 0xF000));
        assertThat(diagnostics(dump)).containsExactly(
                warning("TRUNCATED", "MINIDUMP_STRING (thread name of 0x100)", at + 4));
        assertThat(dump.threadNames()).isEqualTo(Map.of(0x200L, "worker"));
        assertIntact(dump, Part.THREAD_NAMES);
    }

    @Test
    void oddHandleObjectName() {
        long at = layout().region("handle[0].object").offset();
        Minidump dump = damaged(Damage.stringLength("handle[0].object", 5));
        assertThat(diagnostics(dump)).containsExactly(
                warning("INVALID_VALUE", "MINIDUMP_STRING (MINIDUMP_HANDLE_DESCRIPTOR[0].ObjectName)", at));
        assertThat(dump.handles().get(0).objectName()).isEqualTo("\\D");
        assertIntact(dump, Part.HANDLES);
    }

    @Test
    void implausibleCrashpadString() {
        long at = layout().region("crashpad.annotation[1].value").offset();
        Minidump dump = damaged(Damage.stringLength("crashpad.annotation[1].value", 0x7FFF_FFFF));
        // One bad annotation is skipped with a warning; the stream and its other annotations survive.
        assertThat(diagnostics(dump)).containsExactly(warning("INVALID_VALUE", "MINIDUMP_UTF8_STRING", at));
        assertThat(dump.crashpadInfo()).isPresent();
        assertThat(dump.crashpadInfo().orElseThrow().simpleAnnotations())
                .hasSize(Synth.read(base().build()).crashpadInfo().orElseThrow().simpleAnnotations().size() - 1);
        assertIntact(dump, Part.CRASHPAD);
    }

    // ------------------------------------------------------------------ duplicated streams

    @Test
    void duplicatedStreamTypeUsesTheFirstAndWarns() {
        WrittenDump w = base().duplicateEntry(StreamType.EXCEPTION).build();
        Layout.DirectoryEntry dup = w.layout().directory().get(w.layout().directory().size() - 1);
        assertThat(dup.type()).isEqualTo(StreamType.EXCEPTION);
        Minidump dump = Synth.read(w);
        assertThat(diagnostics(dump)).containsExactly(warning("DUPLICATE_STREAM", "MINIDUMP_DIRECTORY[" + dup.index() + "]",
                dup.offset()));
        assertIntact(dump);
    }

    private static byte[] arm64SystemInfo() {
        return new LeWriter().u16(12).u16(8).u16(0).u8(4).u8(1).u32(10).u32(0).u32(26100).u32(2).u32(0).u32(0)
                .zeros(24).toByteArray();
    }

    @Test
    void secondSystemInfoIsIgnored() {
        WrittenDump w = base().rawStream(StreamType.SYSTEM_INFO, arm64SystemInfo()).build();
        Layout.DirectoryEntry second = w.layout().directory().get(w.layout().directory().size() - 1);
        Minidump dump = Synth.read(w);
        assertThat(diagnostics(dump)).containsExactly(warning("DUPLICATE_STREAM", "MINIDUMP_DIRECTORY[" + second.index()
                + "]", second.offset()));
        assertThat(dump.stream(StreamType.SYSTEM_INFO).orElseThrow().index())
                .isEqualTo(w.layout().stream(StreamType.SYSTEM_INFO).index());
        assertIntact(dump);
    }

    @Test
    void firstSystemInfoWinsWhateverItSays() {
        WrittenDump w = SynthMinidump.create().rawStream(StreamType.SYSTEM_INFO, arm64SystemInfo())
                .systemInfo(SystemInfoSpec.amd64()).build();
        Minidump dump = Synth.read(w);
        assertThat(dump.architecture()).isEqualTo(Architecture.ARM64);
        assertThat(dump.os().build()).isEqualTo(26100);
        assertThat(diagnostics(dump)).containsExactly(warning("DUPLICATE_STREAM", "MINIDUMP_DIRECTORY[1]", 0x20 + 12));
    }

    @Test
    void unusedEntriesAreSkippedEvenWhenDangling() {
        WrittenDump w = base().unusedEntry().build();
        int last = w.layout().directory().size() - 1;
        Minidump dump = Synth.read(base().unusedEntry().damage(Damage.directoryEntry(last, 0, 0xFFFF_FFFFL, 0xFFFF_FFFFL)));
        assertThat(dump.directory().get(last)).isEqualTo(new MinidumpDirectory(last, 0, 0xFFFF_FFFFL, 0xFFFF_FFFFL));
        assertThat(dump.diagnostics()).isEmpty();
        assertIntact(dump);
    }

    // ------------------------------------------------------------------ truncated memory

    @Test
    void fileCutInsideMemory64DataClampsTheRange() {
        Layout.Region second = layout().region("memory64[1]");
        assertThat(second.end()).as("Memory64 data is written last").isEqualTo(fileSize());
        Minidump dump = damaged(Damage.truncate(second.offset() + 0x20));
        assertThat(diagnostics(dump)).containsExactly(warning("TRUNCATED", "MINIDUMP_MEMORY_DESCRIPTOR64[1]",
                second.offset()));
        assertThat(dump.memoryRanges()).contains(new MemoryRange(0x30_0100, 0x20, second.offset(), 0x80));
        assertThat(dump.memory().read(0x30_0100, 0x20)).hasValueSatisfying(b -> assertThat(b)
                .isEqualTo(Arrays.copyOf(HEAP1, 0x20)));
        assertThat(dump.memory().read(0x30_0100, 0x21)).isEmpty();
        assertThat(dump.memory().readableFrom(0x30_0000, 0x1000)).isEqualTo(0x120);
        assertIntact(dump, Part.MEMORY64);
        assertThat(dump.memory().read(0x30_0000, 0x100)).hasValueSatisfying(b -> assertThat(b).isEqualTo(HEAP0));
    }

    @Test
    void memoryDescriptorLargerThanTheFileIsClamped() {
        long descriptor = layout().stream(StreamType.MEMORY_LIST).rva() + 4;
        Layout.Region code = layout().region("memory[0]");
        Minidump dump = damaged(Damage.putU32(descriptor + 8, 0x10_0000));
        assertThat(diagnostics(dump)).containsExactly(warning("TRUNCATED", "MINIDUMP_MEMORY_DESCRIPTOR[0]",
                code.offset()));
        assertThat(dump.memoryRanges().get(0)).isEqualTo(new MemoryRange(0x7FF6_0000_1200L,
                fileSize() - code.offset(), code.offset(), 0x10_0000));
        assertThat(dump.memory().read(0x7FF6_0000_1200L, 0x40)).hasValueSatisfying(b -> assertThat(b).isEqualTo(CODE));
        assertIntact(dump);
    }

    // ------------------------------------------------------------------ streams past the end of the file

    @Test
    void streamSizePastTheEndIsCutToTheFile() {
        Minidump dump = damaged(Damage.streamSize(StreamType.THREAD_LIST, 0xFFFF_0000L));
        assertThat(diagnostics(dump)).containsExactly(pastEnd(StreamType.THREAD_LIST));
        assertIntact(dump);
    }

    @Test
    void linuxTextPastTheEndIsRefused() {
        long rva = layout().stream(StreamType.LINUX_CPU_INFO).rva();
        Minidump dump = damaged(Damage.streamSize(StreamType.LINUX_CPU_INFO, 0x10_0000));
        assertThat(diagnostics(dump)).containsExactly(pastEnd(StreamType.LINUX_CPU_INFO),
                error("OUT_OF_BOUNDS", "BreakpadLinuxCpuInfo", rva));
        assertThat(dump.linuxText(StreamType.LINUX_CPU_INFO)).isEmpty();
        assertIntact(dump, Part.LINUX);
    }

    @Test
    void fileCutInsideTheModuleList() {
        Layout.DirectoryEntry modules = layout().stream(StreamType.MODULE_LIST);
        long cut = modules.rva() + 4 + 108 + 10;
        Minidump dump = damaged(Damage.truncate(cut));

        List<Tuple> expected = new ArrayList<>();
        for (Layout.DirectoryEntry e : layout().directory()) {
            if (e.end() > cut) {
                expected.add(warning("OUT_OF_BOUNDS", "MINIDUMP_DIRECTORY[" + e.index() + "]", e.offset()));
            }
        }
        List<Tuple> seen = diagnostics(dump);
        assertThat(seen).containsAll(expected);
        assertThat(seen).contains(warning("TRUNCATED", "ModuleListStream", modules.rva()),
                warning("TRUNCATED", "MINIDUMP_STRING (MINIDUMP_MODULE[0].ModuleName)",
                        layout().region("module[0].name").offset()),
                warning("TRUNCATED", "MINIDUMP_MODULE[0].CvRecord", layout().region("module[0].cv").offset()));
        assertThat(dump.modules()).containsExactly(new ModuleInfo("<unreadable name>", APP.base(), APP.size(),
                APP.timestamp(), 0, "1.2.3.4", null, null, APP.codeId()));
        // Everything written before the module list is whole.
        assertIntact(dump, Part.MODULES, Part.UNLOADED, Part.EXCEPTION, Part.CONTEXTS, Part.MEMORY64, Part.MEMORY_INFO,
                Part.MISC, Part.HANDLES, Part.COMMENT, Part.BREAKPAD, Part.CRASHPAD, Part.LINUX);
        assertThat(dump.exception()).isEmpty();
        assertThat(dump.threads()).allSatisfy(t -> assertThat(t.context()).isNotNull());
    }

    // ------------------------------------------------------------------ other damaged structures

    @Test
    void exceptionStreamTooShort() {
        long rva = layout().stream(StreamType.EXCEPTION).rva();
        Minidump dump = damaged(Damage.streamSize(StreamType.EXCEPTION, 100));
        assertThat(diagnostics(dump)).containsExactly(error("OUT_OF_BOUNDS", "MINIDUMP_EXCEPTION_STREAM", rva));
        assertThat(dump.exception()).isEmpty();
        assertIntact(dump, Part.EXCEPTION, Part.CONTEXTS);
        assertThat(dump.threads().get(0).context().instructionPointer()).isEqualTo(0x7FF6_0000_1010L);
    }

    @Test
    void systemInfoTooShort() {
        long rva = layout().stream(StreamType.SYSTEM_INFO).rva();
        Minidump dump = damaged(Damage.streamSize(StreamType.SYSTEM_INFO, 20));
        assertThat(diagnostics(dump)).containsExactly(error("OUT_OF_BOUNDS", "MINIDUMP_SYSTEM_INFO", rva));
        assertThat(dump.architecture()).isEqualTo(Architecture.UNKNOWN);
        assertIntact(dump, Part.SYSTEM, Part.CONTEXTS);
    }

    @Test
    void moduleOfSizeZeroIsSkipped() {
        Minidump dump = damaged(Damage.putU32("module[0]", 8, 0));
        assertThat(diagnostics(dump)).containsExactly(warning("INVALID_VALUE", "MINIDUMP_MODULE[0]",
                layout().region("module[0]").offset()));
        assertThat(dump.modules()).containsExactly(NTDLL);
        assertIntact(dump, Part.MODULES);
    }

    @Test
    void moduleWrappingTheAddressSpaceIsSkipped() {
        Minidump dump = damaged(Damage.putU64(layout().region("module[1]").offset(), 0xFFFF_FFFF_FFF0_0000L));
        assertThat(diagnostics(dump)).containsExactly(warning("INVALID_VALUE", "MINIDUMP_MODULE[1]",
                layout().region("module[1]").offset()));
        assertThat(dump.modules()).containsExactly(APP);
        assertIntact(dump, Part.MODULES);
    }

    @Test
    void entrySizeSmallerThanKnown() {
        long rva = layout().stream(StreamType.UNLOADED_MODULE_LIST).rva();
        Minidump dump = damaged(Damage.putU32(rva + 4, 20));
        assertThat(diagnostics(dump)).containsExactly(error("INVALID_VALUE", "UnloadedModuleListStream", rva + 4));
        assertThat(dump.unloadedModules()).isEmpty();
        assertIntact(dump, Part.UNLOADED);
    }

    @Test
    void headerSizeOutsideTheStream() {
        long rva = layout().stream(StreamType.MEMORY_INFO_LIST).rva();
        Minidump dump = damaged(Damage.putU32(rva, 4), Damage.putU32(layout().stream(StreamType.HANDLE_DATA).rva(), 0x1000));
        assertThat(diagnostics(dump)).containsExactlyInAnyOrder(error("INVALID_VALUE", "MemoryInfoListStream", rva),
                error("INVALID_VALUE", "HandleDataStream", layout().stream(StreamType.HANDLE_DATA).rva()));
        assertThat(dump.memoryInfoList()).isEmpty();
        assertThat(dump.handles()).isEmpty();
        assertIntact(dump, Part.MEMORY_INFO, Part.HANDLES);
    }

    @Test
    void miscInfoTooShort() {
        WrittenDump w = SynthMinidump.create().miscInfo(MiscInfoSpec.ofSize(16).processId(1)).build();
        Minidump dump = Synth.read(w);
        assertThat(diagnostics(dump)).containsExactly(error("INVALID_VALUE", "MINIDUMP_MISC_INFO",
                w.layout().stream(StreamType.MISC_INFO).rva()));
        assertThat(dump.miscInfo()).isEmpty();
        assertThat(dump.processId()).isEmpty();
    }

    @Test
    void miscInfoDeclaringMoreThanItsStreamReadsWhatIsThere() {
        Minidump dump = damaged(Damage.putU32(layout().stream(StreamType.MISC_INFO).rva(), 1364));
        assertThat(dump.diagnostics()).isEmpty();
        assertThat(dump.miscInfo().orElseThrow().sizeOfInfo()).isEqualTo(1364);
        assertThat(dump.miscInfo().orElseThrow().processIntegrityLevel()).isNull();
        assertIntact(dump);
    }

    @Test
    void tokenListWithBadHeaderSizes() {
        byte[] blob = new LeWriter().u32(32).u32(1).u32(8).u32(16).u32(16).u32(1).u64(2).toByteArray();
        WrittenDump w = SynthMinidump.create().token(blob).build();
        Minidump dump = Synth.read(w);
        assertThat(diagnostics(dump)).containsExactly(error("INVALID_VALUE", "MINIDUMP_TOKEN_INFO_LIST",
                w.layout().stream(StreamType.TOKEN).rva()));
        assertThat(dump.tokens()).isEmpty();
    }

    @Test
    void tokenSmallerThanItsHeaderStopsTheList() {
        byte[] blob = new LeWriter().u32(64).u32(2).u32(16).u32(16).u32(8).u32(1).u64(2).u32(16).u32(3).u64(4)
                .toByteArray();
        WrittenDump w = SynthMinidump.create().token(blob).build();
        Minidump dump = Synth.read(w);
        assertThat(dump.tokens()).containsExactly(new TokenInfo(1, 2, 8));
        assertThat(diagnostics(dump)).containsExactly(warning("INVALID_VALUE", "MINIDUMP_TOKEN_INFO_HEADER[0]",
                w.layout().stream(StreamType.TOKEN).rva() + 16));
    }

    @Test
    void everyDamagedDumpStillAnswersTheSharedModel() throws DumpFormatException {
        // One dump with many kinds of damage at once, through the format-independent entry point.
        byte[] bytes = base().duplicateEntry(StreamType.MODULE_LIST).damage(
                Damage.listCount(StreamType.THREAD_LIST, 77),
                Damage.stringLength("module[0].name", 9),
                Damage.putU32("thread[1]", 0x2C, fileSize() + 1),
                Damage.streamSize(StreamType.LINUX_CPU_INFO, 0xFFFF_FFFFL),
                Damage.putU32(layout().stream(StreamType.UNLOADED_MODULE_LIST).rva() + 4, 3),
                Damage.truncate(layout().region("memory64[0]").offset() + 3)).toBytes();
        try (CrashDump dump = Dumps.open(new ArrayByteSource(bytes))) {
            assertThat(dump.architecture()).isEqualTo(Architecture.AMD64);
            assertThat(dump.threads()).hasSize(2);
            assertThat(dump.modules()).hasSize(2);
            assertThat(dump.exception()).isPresent();
            assertThat(dump.diagnostics()).extracting(Diagnostic::code).contains("DUPLICATE_STREAM", "TRUNCATED",
                    "INVALID_VALUE", "OUT_OF_BOUNDS");
            assertThat(dump.diagnostics()).allSatisfy(d -> assertThat(d.toString()).contains(" @0x"));
        }
    }
}
