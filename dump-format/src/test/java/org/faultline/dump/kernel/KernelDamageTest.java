package org.faultline.dump.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.faultline.dump.kernel.KernelAsserts.lines;
import static org.faultline.dump.kernel.KernelAsserts.only;
import static org.faultline.dump.kernel.KernelAsserts.open;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.faultline.dump.Architecture;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.kernel.SynthKernelSamples.Machine;
import org.faultline.dump.kernel.SynthKernelSamples.X64;
import org.faultline.samples.kernel.HeaderField;
import org.faultline.samples.kernel.KernelDamage;
import org.faultline.samples.kernel.KernelLayout;
import org.faultline.samples.kernel.SynthKernelDump;
import org.faultline.samples.kernel.TriageField;
import org.faultline.samples.kernel.WrittenKernelDump;
import org.faultline.samples.minidump.Amd64Context;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged synthetic kernel dumps (the writer's own {@link KernelDamage}s, aimed with its layout): each damage
 * gives a diagnostic naming the structure and the file offset, and everything the damage does not touch still
 * reads back as written.
 */
class KernelDamageTest {
    private static final long PAGE = 0x4547_4150L;

    @Nested
    class Triage {
        private final WrittenKernelDump clean = X64.rich().build();
        private final KernelLayout layout = clean.layout();
        private final long size = clean.bytes().length;

        private KernelDump damaged(KernelDamage... damages) throws DumpFormatException {
            return open(X64.rich().damage(damages).build());
        }

        /** What the damage leaves alone: the header, and the parts it names by label. */
        private void assertUntouched(KernelDump dump, String... parts) {
            assertThat(dump.bugcheck().orElseThrow().code()).isEqualTo(0x1000_007EL);
            assertThat(dump.header().psLoadedModuleList()).isEqualTo(X64.PS_LOADED);
            for (String part : parts) {
                switch (part) {
                    case "drivers" -> assertThat(dump.drivers()).extracting(DriverEntry::name)
                            .containsExactly(X64.DRIVERS[0].name(), X64.DRIVERS[1].name(), X64.DRIVERS[2].name());
                    case "unloaded" -> assertThat(dump.unloadedDrivers()).extracting(UnloadedDriver::name)
                            .containsExactly("dam.sys", "averyveryver");
                    case "stack" -> assertThat(dump.callStack()).contains(new StackRange(X64.TOP, X64.STACK_END,
                            layout.region("callStack").offset()));
                    case "exception" -> assertThat(dump.exception().orElseThrow().context().instructionPointer())
                            .isEqualTo(X64.DRIVER_PC);
                    case "kprcb" -> assertThat(dump.bugcheckContext().orElseThrow().stackPointer()).isEqualTo(X64.TOP);
                    case "kdbg" -> assertThat(dump.debuggerData().orElseThrow().kernBase()).isEqualTo(X64.KERNBASE);
                    case "blocks" -> assertThat(dump.dataBlocks()).extracting(DataBlock::address)
                            .startsWith(X64.PRCB_VA, X64.CODE_PAGE, X64.RETURN_ADDRESS);
                    default -> throw new IllegalArgumentException(part);
                }
            }
        }

        /**
         * Cut inside each part: the part's own diagnostic, the TRGD one, and every part before the cut intact. The
         * anchor says where the part's diagnostic points: a region label (its start), {@code inside} (somewhere in
         * the part) or a literal offset.
         */
        static Stream<Arguments> cuts() {
            return Stream.of(
                    Arguments.of("triage", "TRIAGE_DUMP64", "0x2000"),
                    Arguments.of("context", "CONTEXT (triage)", "context"),
                    Arguments.of("unloaded[1]", "DUMP_UNLOADED_DRIVERS64", "unloaded"),
                    Arguments.of("prcb", "KPRCB copy", "prcb"),
                    Arguments.of("thread", "ETHREAD copy", "thread"),
                    Arguments.of("callStack", "call stack", "callStack"),
                    Arguments.of("debuggerData", "KDDEBUGGER_DATA64", "debuggerData"),
                    Arguments.of("drivers", "DUMP_DRIVER_ENTRY64", "drivers"),
                    Arguments.of("stringPool", "DUMP_STRING", "inside"),
                    Arguments.of("dataPage", "data page", "dataPage"),
                    Arguments.of("dataBlocks", "TRIAGE_DATA_BLOCK", "dataBlocks"),
                    Arguments.of("dataBlock[1]", "TRIAGE_DATA_BLOCK[1]", "dataBlock[1]"),
                    Arguments.of("valid", "TRIAGE_DUMP64.ValidOffset", "0x2008"));
        }

        @ParameterizedTest(name = "cut inside {0}")
        @MethodSource("cuts")
        void truncationInsideEachPart(String label, String structure, String anchor) throws Exception {
            KernelLayout.Region part = layout.region(label);
            long cut = part.offset() + part.size() / 2;
            try (KernelDump dump = damaged(KernelDamage.truncate(cut))) {
                List<Diagnostic> ds = dump.diagnostics();
                assertThat(ds).isNotEmpty().allSatisfy(d -> {
                    assertThat(d.structure()).isNotBlank();
                    assertThat(d.message()).isNotBlank();
                });
                if (!label.equals("triage")) {
                    only(dump, "TRUNCATED", "TRIAGE_DUMP64.ValidOffset", 0x2008);
                }
                List<Diagnostic> mine = ds.stream().filter(d -> d.structure().contains(structure)).toList();
                assertThat(mine).as("%s among %s", structure, lines(ds)).isNotEmpty();
                if (anchor.equals("inside")) {
                    assertThat(mine).anySatisfy(d -> assertThat(d.offset()).isBetween(part.offset(), part.end()));
                } else {
                    long at = anchor.startsWith("0x") ? Long.parseLong(anchor.substring(2), 16)
                            : layout.region(anchor).offset();
                    assertThat(mine).as("%s @0x%x among %s", structure, at, lines(ds))
                            .anySatisfy(d -> assertThat(d.offset()).isEqualTo(at));
                }
                // everything written wholly before the cut still reads back
                List<String> intact = new ArrayList<>();
                if (layout.region("unloaded").end() <= cut) {
                    intact.add("unloaded");
                }
                if (layout.region("callStack").end() <= cut) {
                    intact.add("stack");
                    intact.add("exception");
                }
                if (layout.region("debuggerData").end() <= cut) {
                    intact.add("kdbg");
                }
                if (layout.region("stringPool").end() <= cut) {
                    intact.add("drivers");
                }
                if (layout.region("dataBlocks").end() <= cut) {
                    intact.add("blocks");
                }
                if (layout.region("dataBlock[0]").end() <= cut) {
                    intact.add("kprcb");
                }
                assertUntouched(dump, intact.toArray(String[]::new));
            }
        }

        @Test
        void truncationInsideTheCallStackKeepsWhatIsThere() throws Exception {
            long cut = layout.region("callStack").offset() + 0x1000;
            try (KernelDump dump = damaged(KernelDamage.truncate(cut))) {
                assertThat(dump.callStack()).contains(new StackRange(X64.TOP, X64.TOP + 0x1000,
                        layout.region("callStack").offset()));
                assertThat(dump.memory().readU64(X64.TOP + 8)).contains(X64.RETURN_ADDRESS);
                assertThat(dump.memory().read(X64.TOP + 0xFF8, 16)).as("across the cut").isEmpty();
                only(dump, "TRUNCATED", "call stack", layout.region("callStack").offset());
                assertThat(dump.drivers()).isEmpty();
                only(dump, "TRUNCATED", "DUMP_DRIVER_ENTRY64", layout.region("drivers").offset());
                assertUntouched(dump, "unloaded");
            }
        }

        @Test
        void truncationInsideTheHeaderIsATypedError() {
            for (long cut : new long[] {0, 7, 8, 0x30, 0x1FFF}) {
                byte[] bytes = X64.rich().damage(KernelDamage.truncate(cut)).toBytes();
                assertThatThrownBy(() -> open(bytes)).isInstanceOf(DumpFormatException.class)
                        .satisfies(e -> assertThat(((DumpFormatException) e).offset()).isBetween(0L, cut))
                        .hasMessageContaining("@0x");
            }
        }

        @Test
        void brokenTrgdMarker() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.breakValidMarker())) {
                Diagnostic d = only(dump, "INVALID_VALUE", "TRIAGE_DUMP64.ValidOffset", 0x2008);
                assertThat(d.message()).contains("TRGD");
                assertThat(dump.diagnostics()).hasSize(1);
                assertUntouched(dump, "drivers", "unloaded", "stack", "exception", "kprcb", "kdbg", "blocks");
            }
        }

        @Test
        void validOffsetPastTheEnd() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.triage(TriageField.VALID_OFFSET, 0xFFFF_FFF0L))) {
                only(dump, "TRUNCATED", "TRIAGE_DUMP64.ValidOffset", 0x2008);
                assertUntouched(dump, "drivers", "unloaded", "stack", "exception", "kprcb", "kdbg", "blocks");
            }
        }

        @Test
        void driverCountTooLarge() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.driverCount(100_000))) {
                long list = layout.region("drivers").offset();
                only(dump, "INVALID_VALUE", "DUMP_DRIVER_ENTRY64", list);
                only(dump, "TRUNCATED", "DUMP_DRIVER_ENTRY64", list);
                assertThat(dump.drivers().subList(0, 3)).extracting(DriverEntry::name, DriverEntry::dllBase)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(X64.DRIVERS[0].name(), X64.DRIVERS[0].base()),
                                org.assertj.core.groups.Tuple.tuple(X64.DRIVERS[1].name(), X64.DRIVERS[1].base()),
                                org.assertj.core.groups.Tuple.tuple(X64.DRIVERS[2].name(), X64.DRIVERS[2].base()));
                assertUntouched(dump, "unloaded", "stack", "exception", "kprcb", "kdbg", "blocks");
            }
        }

        @Test
        void driverCountOneTooMany() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.driverCount(4))) {
                // the fourth "entry" is the string pool: its SizeOfImage is 0 or its name is unreadable
                assertThat(dump.drivers().subList(0, 3)).extracting(DriverEntry::name).containsExactly(
                        X64.DRIVERS[0].name(), X64.DRIVERS[1].name(), X64.DRIVERS[2].name());
                assertThat(dump.diagnostics()).anySatisfy(d -> assertThat(d.structure()).contains("DUMP_DRIVER_ENTRY64[3]"));
            }
        }

        @Test
        void badStringOffsetsAndLengths() throws Exception {
            long name0 = layout.region("driver[0].name").offset();
            long name2 = layout.region("driver[2].name").offset();
            try (KernelDump dump = damaged(KernelDamage.driverNameOffset(1, size + 0x100),
                    KernelDamage.driverNameLength(0, 0x7FFF_FFFFL), KernelDamage.driverNameWithoutNul(2))) {
                List<DriverEntry> drivers = dump.drivers();
                assertThat(drivers).hasSize(3);
                assertThat(drivers.get(0).name()).startsWith("<unreadable name @0x" + Long.toHexString(name0));
                assertThat(drivers.get(0).dllBase()).isEqualTo(X64.KERNBASE);
                only(dump, "INVALID_VALUE", "DUMP_STRING (DUMP_DRIVER_ENTRY64[0])", name0);
                assertThat(drivers.get(1).name()).startsWith("<unreadable name");
                assertThat(drivers.get(1).sizeOfImage()).isEqualTo(X64.DRIVERS[1].size());
                only(dump, "TRUNCATED", "DUMP_STRING (DUMP_DRIVER_ENTRY64[1])", size + 0x100);
                assertThat(drivers.get(2).name()).isEqualTo(X64.DRIVERS[2].name());
                only(dump, "INVALID_VALUE", "DUMP_STRING (DUMP_DRIVER_ENTRY64[2])", name2);
                assertThat(dump.diagnostics()).hasSize(3);
                assertUntouched(dump, "unloaded", "stack", "exception", "kprcb", "kdbg", "blocks");
            }
        }

        @Test
        void aDriverWithoutSizeIsSkipped() throws Exception {
            long entry = layout.region("driver[1]").offset();
            try (KernelDump dump = damaged(KernelDamage.putU32(entry + 0x48, 0))) {
                assertThat(dump.drivers()).extracting(DriverEntry::name).containsExactly(X64.DRIVERS[0].name(),
                        X64.DRIVERS[2].name());
                only(dump, "INVALID_VALUE", "DUMP_DRIVER_ENTRY64[1]", entry);
            }
        }

        @Test
        void dataBlocksOutOfTheFile() throws Exception {
            long block1 = layout.region("dataBlock[1]").offset();
            try (KernelDump dump = damaged(KernelDamage.dataBlockOffset(0, size - 8),
                    KernelDamage.dataBlockSize(1, 0xFFFF_FFFFL))) {
                only(dump, "TRUNCATED", "TRIAGE_DATA_BLOCK[0]", size - 8);
                only(dump, "TRUNCATED", "TRIAGE_DATA_BLOCK[1]", block1);
                assertThat(dump.memory().readableFrom(X64.PRCB_VA, 0x1_0000)).as("8 bytes of block 0 are in the file")
                        .isEqualTo(8);
                assertThat(dump.memory().readableFrom(X64.CODE_PAGE, 0xFFFF_FFFFL)).isEqualTo(size - block1);
                assertThat(dump.bugcheckContext()).as("its context lived in block 0").isEmpty();
                assertThat(dump.crashingContext().orElseThrow().get("rax")).as("the triage context instead")
                        .hasValue(0x7777);
                assertUntouched(dump, "drivers", "unloaded", "stack", "exception", "kdbg");
            }
        }

        @Test
        void dataBlockPastTheEnd() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.dataBlockOffset(2, 0xFFFF_FF00L))) {
                only(dump, "TRUNCATED", "TRIAGE_DATA_BLOCK[2]", size);
                assertThat(dump.memory().read(X64.RETURN_ADDRESS, 1)).isEmpty();
                assertUntouched(dump, "drivers", "unloaded", "stack", "exception", "kprcb", "kdbg");
            }
        }

        @Test
        void dataBlocksCountTooLarge() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.dataBlocksCount(0x1000_0000))) {
                only(dump, "TRUNCATED", "TRIAGE_DATA_BLOCK", layout.region("dataBlocks").offset());
                assertThat(dump.dataBlocks().subList(0, 3)).containsExactly(
                        new DataBlock(X64.PRCB_VA, layout.region("dataBlock[0]").offset(), 0x1_0000),
                        new DataBlock(X64.CODE_PAGE, layout.region("dataBlock[1]").offset(), 0x1000),
                        new DataBlock(X64.RETURN_ADDRESS, layout.region("dataBlock[2]").offset(), 0x100));
                assertUntouched(dump, "drivers", "unloaded", "stack", "exception", "kprcb", "kdbg");
            }
        }

        @Test
        void unloadedDriverCountTooLarge() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.unloadedDriverCount(-1))) {
                only(dump, "INVALID_VALUE", "DUMP_UNLOADED_DRIVERS64", layout.region("unloaded").offset());
                assertThat(dump.unloadedDrivers().subList(0, 2)).extracting(UnloadedDriver::name)
                        .containsExactly("dam.sys", "averyveryver");
                assertUntouched(dump, "drivers", "stack", "exception", "kprcb", "kdbg", "blocks");
            }
        }

        // ---- PAGE-unset fields

        @Test
        void unsetDumpTypeLeavesTheHeader() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.unset(HeaderField.DUMP_TYPE))) {
                assertThat(dump.header().dumpType()).isEqualTo(PAGE);
                only(dump, "UNSUPPORTED", "DUMP_HEADER64", 0xF98);
                assertThat(dump.triage()).isEmpty();
                assertThat(dump.drivers()).isEmpty();
                assertThat(dump.format()).isEqualTo("kernel-unknown");
                assertUntouched(dump);
            }
        }

        @Test
        void unsetMachineType() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.unset(HeaderField.MACHINE_IMAGE_TYPE))) {
                assertThat(dump.architecture()).isEqualTo(Architecture.UNKNOWN);
                only(dump, "INVALID_VALUE", "DUMP_HEADER", 0x30);
                assertThat(dump.triageContext()).isEmpty();
                assertUntouched(dump, "drivers", "unloaded", "stack", "kdbg", "blocks");
            }
        }

        @Test
        void unsetDebuggerDataCopy() throws Exception {
            long kdbg = layout.region("debuggerData").offset();
            try (KernelDump dump = damaged(KernelDamage.unset("debuggerData"))) {
                only(dump, "INVALID_VALUE", "KDDEBUGGER_DATA64", kdbg + 0x10);
                assertThat(dump.debuggerData().orElseThrow().ownerTag()).isEqualTo(PAGE);
                assertUntouched(dump, "drivers", "unloaded", "stack", "exception", "kprcb", "blocks");
            }
        }

        @Test
        void unsetBugcheckParameter3() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.unset(HeaderField.BUGCHECK_PARAMETER3))) {
                assertThat(KernelDumpHeader.isUnset(dump.header().bugCheckParameters().get(2))).isTrue();
                only(dump, "OUT_OF_BOUNDS", "EXCEPTION_RECORD", 0x50);
                assertThat(dump.exception().orElseThrow().code()).as("P1 instead").isEqualTo(0xC000_0005L);
                assertUntouched(dump, "drivers", "unloaded", "stack", "kprcb", "kdbg", "blocks");
            }
        }

        @Test
        @Disabled("reader bug: a CONTEXT whose ContextFlags lack the architecture's CPU bit (here the PAGE fill) is "
                + "read without a diagnostic; kernel-dump.md 10.6 says to check ContextFlags before trusting registers")
        void unsetHeaderContext() throws Exception {
            try (KernelDump dump = damaged(KernelDamage.unset(HeaderField.CONTEXT_RECORD))) {
                assertThat(dump.diagnostics()).anySatisfy(d -> {
                    assertThat(d.structure()).contains("CONTEXT");
                    assertThat(d.offset()).isEqualTo(0x348);
                });
                assertUntouched(dump, "drivers", "unloaded", "stack", "exception", "kprcb", "kdbg", "blocks");
            }
        }

        /** A TRIAGE_DUMP offset field left as PAGE points past the end: the part it names reports it. */
        static Stream<Arguments> unsetTriageOffsets() {
            return Stream.of(
                    Arguments.of(TriageField.CONTEXT_OFFSET, "CONTEXT (triage)", PAGE),
                    Arguments.of(TriageField.EXCEPTION_OFFSET, "EXCEPTION_RECORD (triage)", PAGE),
                    Arguments.of(TriageField.UNLOADED_DRIVERS_OFFSET, "DUMP_UNLOADED_DRIVERS64", PAGE),
                    Arguments.of(TriageField.PRCB_OFFSET, "KPRCB copy", PAGE),
                    Arguments.of(TriageField.PROCESS_OFFSET, "EPROCESS copy", PAGE),
                    Arguments.of(TriageField.THREAD_OFFSET, "ETHREAD copy", PAGE),
                    Arguments.of(TriageField.CALL_STACK_OFFSET, "call stack", PAGE),
                    Arguments.of(TriageField.DRIVER_LIST_OFFSET, "DUMP_DRIVER_ENTRY64", PAGE),
                    Arguments.of(TriageField.DEBUGGER_DATA_OFFSET, "KDDEBUGGER_DATA64", PAGE),
                    Arguments.of(TriageField.DATA_PAGE_OFFSET, "data page", -1L),
                    Arguments.of(TriageField.DATA_BLOCKS_OFFSET, "TRIAGE_DATA_BLOCK", PAGE),
                    Arguments.of(TriageField.VALID_OFFSET, "TRIAGE_DUMP64.ValidOffset", 0x2008L),
                    Arguments.of(TriageField.DRIVER_COUNT, "DUMP_DRIVER_ENTRY64", -2L),
                    Arguments.of(TriageField.DATA_BLOCKS_COUNT, "TRIAGE_DATA_BLOCK", -3L));
        }

        /**
         * @param offset the diagnostic's offset: -1 the file size, -2 the driver list, -3 the data block descriptors
         */
        @ParameterizedTest(name = "{0} = PAGE")
        @MethodSource("unsetTriageOffsets")
        void unsetTriageField(TriageField field, String structure, long offset) throws Exception {
            long at = offset == -1 ? size : offset == -2 ? layout.region("drivers").offset()
                    : offset == -3 ? layout.region("dataBlocks").offset() : offset;
            try (KernelDump dump = damaged(KernelDamage.triage(field, PAGE))) {
                List<Diagnostic> mine = dump.diagnostics().stream()
                        .filter(d -> d.structure().contains(structure) && d.offset() == at).toList();
                assertThat(mine).as("%s @0x%x among %s", structure, at, lines(dump.diagnostics())).isNotEmpty();
                assertThat(dump.bugcheck().orElseThrow().code()).isEqualTo(0x1000_007EL);
                assertThat(dump.triage().orElseThrow().driverListOffset()).isEqualTo(
                        field == TriageField.DRIVER_LIST_OFFSET ? PAGE : layout.region("drivers").offset());
            }
        }
    }

    @Nested
    class MemoryDumps {

        private static void assertReads(MemoryReader memory, long va, byte[] want) {
            assertThat(memory.read(va, want.length)).as("0x%x", va).hasValueSatisfying(b -> assertThat(b).isEqualTo(want));
        }

        @ParameterizedTest(name = "bitmap={0}")
        @ValueSource(booleans = {false, true})
        void truncatedBodyLosesTheLastPagesOnly(boolean bitmap) throws Exception {
            SynthKernelDump s = bitmap ? Machine.bitmap(false) : Machine.full();
            long full = s.layout().fileSize();
            try (KernelDump dump = open(s.damage(KernelDamage.truncateBy(0x1800)).build())) {
                Diagnostic d = only(dump, "TRUNCATED", "dump body", 0x2000);
                assertThat(d.message()).contains(Long.toHexString(full));
                // the last two stored frames (0x412, the 2 MiB page's text, and 0x43456, the 1 GiB page's) are cut
                MemoryReader memory = dump.memory();
                assertThat(memory.read(Machine.VA_1G + 0x345_6789, 7)).isEmpty();
                assertThat(memory.read(Machine.VA_2M + 0x1_2345, 7)).isEmpty();
                assertThat(((PagedMemoryReader) memory).readPhysical(0x4345_6000L, 16)).isEmpty();
                assertReads(memory, Machine.VA_4K + 0x10, Machine.TEXT_4K);
                assertReads(memory, Machine.VA_USER + 0x800, Machine.TEXT_USER);
                assertThat(dump.loadedModuleList()).hasSize(3);
            }
        }

        @Test
        void truncatedInsideTheBitmap() throws Exception {
            try (KernelDump dump = open(Machine.bitmap(true).damage(KernelDamage.truncate(0x2038 + 0x10)).build())) {
                only(dump, "TRUNCATED", "BITMAP_DUMP.Bitmap", 0x2038);
                assertThat(dump.physicalMemory()).isEmpty();
                assertThat(dump.memory().read(Machine.VA_4K, 1)).isEmpty();
                assertThat(dump.bugcheck().orElseThrow().code()).isEqualTo(0xE2);
                assertThat(dump.header().directoryTableBase()).isEqualTo(Machine.CR3);
            }
        }

        @Test
        void bitmapPopcountMismatch() throws Exception {
            try (KernelDump dump = open(Machine.bitmap(true).damage(KernelDamage.bitmapPresentPages(1)).build())) {
                Diagnostic d = only(dump, "INVALID_VALUE", "BITMAP_DUMP", 0x2028);
                assertThat(d.message()).contains("1 pages", Long.toString(Machine.tables().memory().presentPages()));
                // the bitmap is believed: every page still reads
                assertReads(dump.memory(), Machine.VA_1G + 0x345_6789, Machine.TEXT_1G);
                assertThat(dump.loadedModuleList()).hasSize(3);
                assertThat(dump.diagnostics()).hasSize(1);
            }
        }

        @Test
        void aPhantomBitmapBitShiftsThePagesAfterIt() throws Exception {
            // frame 0x1000 is absent; setting its bit moves every later frame one page on, past the end for the last
            try (KernelDump dump = open(Machine.bitmap(false).damage(KernelDamage.flipBitmapBit(0x1000)).build())) {
                only(dump, "INVALID_VALUE", "BITMAP_DUMP", 0x2028);
                only(dump, "TRUNCATED", "dump body", 0x2000);
                assertThat(dump.memory().read(Machine.VA_1G + 0x345_6789, 7)).as("last frame now past the end").isEmpty();
                assertReads(dump.memory(), Machine.VA_4K + 0x10, Machine.TEXT_4K);
            }
        }

        @Test
        void runsPastTheEndOfTheFile() throws Exception {
            org.faultline.samples.kernel.PhysicalMemory mem = Machine.tables().memory();
            int last = mem.runs().size() - 1;
            try (KernelDump dump = open(Machine.full().damage(KernelDamage.runPageCount(last, 0x10_0000)).build())) {
                only(dump, "TRUNCATED", "dump body", 0x2000);
                only(dump, "INVALID_VALUE", "PHYSICAL_MEMORY_DESCRIPTOR64", 0x90);
                PagedMemoryReader memory = (PagedMemoryReader) dump.memory();
                assertReads(memory, Machine.VA_1G + 0x345_6789, Machine.TEXT_1G);
                long after = (mem.runs().get(last).firstPfn() + 1) << 12;
                assertThat(memory.readPhysical(after, 8)).as("declared, but past the end of the file").isEmpty();
                assertReads(memory, Machine.VA_4K + 0x10, Machine.TEXT_4K);
            }
        }

        @Test
        void aMiddleRunPastTheEndOfTheFile() throws Exception {
            org.faultline.samples.kernel.PhysicalMemory mem = Machine.tables().memory();
            List<org.faultline.samples.kernel.PhysicalMemory.Run> runs = mem.runs();
            try (KernelDump dump = open(Machine.full().damage(KernelDamage.runPageCount(1, 0x10_0000)).build())) {
                only(dump, "TRUNCATED", "dump body", 0x2000);
                only(dump, "INVALID_VALUE", "PHYSICAL_MEMORY_DESCRIPTOR64", 0x90);
                PagedMemoryReader memory = (PagedMemoryReader) dump.memory();
                for (int i = 0; i <= 1; i++) {
                    long pa = runs.get(i).firstPfn() << 12;
                    assertThat(memory.readPhysical(pa, 0x1000)).as("run %d", i).hasValue(mem.read(pa, 0x1000));
                }
                long beyond = (runs.get(1).firstPfn() + 0x5_0000) << 12;
                assertThat(memory.readPhysical(beyond, 8)).as("declared by run 1 only, past the end").isEmpty();
                assertThat(memory.read(Machine.VA_1G + 0x345_6789, 7)).as("the last run now starts past the end")
                        .isEmpty();
            }
        }

        @Test
        void moreRunsThanFit() throws Exception {
            try (KernelDump dump = open(Machine.full().damage(KernelDamage.numberOfRuns(0x100)).build())) {
                only(dump, "INVALID_VALUE", "PHYSICAL_MEMORY_DESCRIPTOR64", 0x88);
                assertReads(dump.memory(), Machine.VA_4K + 0x10, Machine.TEXT_4K);
                assertReads(dump.memory(), Machine.VA_1G + 0x345_6789, Machine.TEXT_1G);
            }
        }

        @Test
        void unsetRunList() throws Exception {
            try (KernelDump dump = open(Machine.full().damage(KernelDamage.unset(HeaderField.PHYSICAL_MEMORY_BLOCK)).build())) {
                Diagnostic d = only(dump, "INVALID_VALUE", "PHYSICAL_MEMORY_DESCRIPTOR64", 0x88);
                assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR);
                assertThat(dump.physicalMemory()).isEmpty();
                assertThat(dump.memory().read(Machine.VA_4K, 1)).isEmpty();
                assertThat(dump.bugcheck().orElseThrow().parameters()).containsExactly(1L, 2L, 3L, 4L);
                KernelAsserts.assertContext(dump.crashingContext().orElseThrow(), Machine.context());
            }
        }

        @Test
        void implausibleBitmapSize() throws Exception {
            try (KernelDump dump = open(Machine.bitmap(true).damage(KernelDamage.bitmapPages(1L << 40)).build())) {
                only(dump, "INVALID_VALUE", "BITMAP_DUMP", 0x2030);
                assertThat(dump.memory().read(Machine.VA_4K, 1)).isEmpty();
            }
        }

        @Test
        void firstPagePastTheEnd() throws Exception {
            try (KernelDump dump = open(Machine.bitmap(true).damage(KernelDamage.bitmapFirstPage(0x7FFF_FFFF_0000L)).build())) {
                only(dump, "TRUNCATED", "dump body", 0x2000);
                assertThat(dump.memory().read(Machine.VA_4K, 1)).isEmpty();
                assertThat(dump.pageTables().orElseThrow().translate(Machine.VA_4K)).as("no table page either")
                        .isEqualTo(-1);
            }
        }

        @Test
        void noBitmapSignature() throws Exception {
            try (KernelDump dump = open(Machine.bitmap(true).damage(KernelDamage.putU32(0x2000, 0)).build())) {
                only(dump, "INVALID_VALUE", "dump body", 0x2000);
                assertThat(dump.physicalMemory()).isEmpty();
            }
        }

        @Test
        void aLoopingModuleListStops() throws Exception {
            X64PageTablesHolder h = new X64PageTablesHolder();
            // the third entry's Flink points back at the first
            long first = h.pt.memory().readU64(h.pt.translate(Machine.MODULES).orElseThrow());
            long second = h.pt.memory().readU64(h.pt.translate(first).orElseThrow());
            long third = h.pt.memory().readU64(h.pt.translate(second).orElseThrow());
            h.pt.writeU64(third, first);
            try (KernelDump dump = open(h.dump())) {
                assertThat(dump.loadedModuleList()).hasSize(3);
                only(dump, "INVALID_VALUE", "KLDR_DATA_TABLE_ENTRY", 0x20);
            }
        }

        @Test
        void aModuleEntryOutsideTheDumpStopsTheWalk() throws Exception {
            X64PageTablesHolder h = new X64PageTablesHolder();
            long first = h.pt.memory().readU64(h.pt.translate(Machine.MODULES).orElseThrow());
            h.pt.writeU64(first, Machine.VA_ABSENT);
            try (KernelDump dump = open(h.dump())) {
                assertThat(dump.loadedModuleList()).extracting(org.faultline.dump.ModuleInfo::name)
                        .containsExactly("ntoskrnl.exe");
                only(dump, "OUT_OF_BOUNDS", "KLDR_DATA_TABLE_ENTRY", 0x20);
            }
        }
    }

    /** The machine's tables, to damage in memory before the dump is written. */
    static final class X64PageTablesHolder {
        final org.faultline.samples.kernel.X64PageTables pt = Machine.tables();

        byte[] dump() {
            return Machine.configure(SynthKernelDump.bitmap(pt.memory(), true), pt.directoryTableBase()).toBytes();
        }
    }

    @Test
    void aTriageContextFlagOfAnotherCpuIsNotTakenForKprcbContext() throws Exception {
        // KPRCB.Context points at a CONTEXT whose flags are not AMD64's: the scan must not accept it
        WrittenKernelDump w = X64.rich().contextAt(X64.CTX_VA, Amd64Context.create().contextFlags(0x0040_0007)
                .rip(X64.BUGCHECK_PC).rsp(X64.TOP)).build();
        try (KernelDump dump = open(w)) {
            assertThat(dump.bugcheckContext()).isEmpty();
        }
    }
}
