package org.faultline.app.gui.hexview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.faultline.app.analysis.DumpInput;
import org.faultline.app.analysis.OpenedDump;
import org.faultline.app.gui.testing.DirectTasks;
import org.faultline.app.gui.testing.TestFiles;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.io.ByteSource;
import org.junit.jupiter.api.Test;

class HexViewModelTest {

    private static OpenedDump open(String name) throws Exception {
        return OpenedDump.open(DumpInput.FileInput.of(TestFiles.sample(name)));
    }

    @Test
    void opensAtTheFaultingInstruction() throws Exception {
        try (OpenedDump d = open(TestFiles.CSAGENT)) {
            HexViewModel vm = new HexViewModel(DirectTasks.immediate());
            vm.open(d.bytes(), d.dump().memory(), true, 0xfffff806715114edL);
            assertThat(vm.regions().get(0).kind()).isEqualTo(HexViewModel.Kind.FILE);
            assertThat(vm.regions()).hasSize(1 + d.dump().memory().ranges().size());
            HexViewModel.Region r = vm.regionProperty().get();
            assertThat(r.kind()).isEqualTo(HexViewModel.Kind.MEMORY);
            assertThat(r.label()).isEqualTo("fffff80671511000–fffff80671511fff (4.0 KiB)");
            int row = vm.scrollTargetProperty().get();
            assertThat(vm.addressOf(row)).isEqualTo(0xfffff806715114e0L);
            HexViewModel.HexRow hex = vm.row(row).orElseThrow();
            assertThat(hex.addressText()).isEqualTo("fffff806715114e0");
            // movsxd r11,r11d / mov r8,[rax+r11*8] / test / je / mov r9d,[r8] (45 8b 08) at +0xd
            assertThat(hex.hex()).isEqualTo("1c 4d 63 db 4e 8b 04 d8  4d 85 c0 74 1a 45 8b 08");
            assertThat(hex.missing()).isFalse();
            assertThat(hex.ascii()).hasSize(16);
        }
    }

    @Test
    void goToFindsAddressesAndSaysWhenTheyAreMissing() throws Exception {
        try (OpenedDump d = open(TestFiles.CSAGENT)) {
            HexViewModel vm = new HexViewModel(DirectTasks.immediate());
            vm.open(d.bytes(), d.dump().memory(), true, null);
            assertThat(vm.goTo("fffff806`715114ed")).isTrue();
            assertThat(vm.highlightProperty().get()).isEqualTo(0xfffff806715114edL);
            assertThat(vm.goTo("0xffff840500000074")).isFalse();
            assertThat(vm.messageProperty().get()).isEqualTo("0xffff840500000074 is not in the dump");
            assertThat(vm.goTo("zz")).isFalse();
            assertThat(vm.messageProperty().get()).isEqualTo("Not an address: zz");
        }
    }

    @Test
    void fileRegionShowsFileBytesAndOffsets() throws Exception {
        try (OpenedDump d = open(TestFiles.CSAGENT)) {
            HexViewModel vm = new HexViewModel(DirectTasks.immediate());
            vm.open(d.bytes(), d.dump().memory(), true, null);
            vm.regionProperty().set(vm.regions().get(0));
            assertThat(vm.rowCountProperty().get()).isEqualTo((112604 + 15) / 16);
            HexViewModel.HexRow first = vm.row(0).orElseThrow();
            assertThat(first.addressText()).isEqualTo("0000000000");
            assertThat(first.ascii()).startsWith("PAGEDU64");
            HexViewModel.HexRow last = vm.row(vm.rowCountProperty().get() - 1).orElseThrow();
            assertThat(last.hex().split(" +")).hasSize(112604 % 16);
            assertThat(vm.goTo("0x10")).isTrue();
            assertThat(vm.messageProperty().get()).isEqualTo("File offset 0x10");
        }
    }

    @Test
    void pagedMemoryGetsAWindowAroundTheAddress() throws Exception {
        try (OpenedDump d = open("crowdstrike-csagent-2024-07-19-kernel-bitmap.dmp")) {
            assertThat(d.dump().memory().ranges()).isEmpty();
            HexViewModel vm = new HexViewModel(DirectTasks.immediate());
            vm.open(d.bytes(), d.dump().memory(), true, 0xfffff806715114edL);
            HexViewModel.Region r = vm.regionProperty().get();
            assertThat(r.kind()).isEqualTo(HexViewModel.Kind.MEMORY);
            assertThat(r.length()).isEqualTo(HexViewModel.WINDOW);
            assertThat(vm.row(vm.scrollTargetProperty().get()).orElseThrow().hex()).endsWith("45 8b 08");
        }
    }

    @Test
    void missingBytesShowAsQuestionMarks() {
        MemoryReader holey = new MemoryReader() {
            @Override
            public java.util.List<org.faultline.dump.MemoryRange> ranges() {
                return java.util.List.of(new org.faultline.dump.MemoryRange(0x1000, 0x2000, 0, 0x2000));
            }

            @Override
            public java.util.Optional<byte[]> read(long address, int length) {
                return address >= 0x1010 && address + length <= 0x1020 ? java.util.Optional.of(new byte[length])
                        : java.util.Optional.empty();
            }

            @Override
            public long readableFrom(long address, long max) {
                return 0;
            }
        };
        HexViewModel vm = new HexViewModel(DirectTasks.immediate());
        vm.open(new org.faultline.dump.io.ArrayByteSource(new byte[32], "x"), holey, false, null);
        assertThat(vm.regionProperty().get().label()).isEqualTo("00001000–00002fff (8.0 KiB)");
        assertThat(vm.row(0).orElseThrow().hex()).startsWith("?? ??");
        assertThat(vm.row(0).orElseThrow().missing()).isTrue();
        assertThat(vm.row(1).orElseThrow().hex()).startsWith("00 00");
    }

    /** A 2 GiB source that counts the bytes read: the hex view must page, not copy. */
    @Test
    void aTwoGigabyteFileIsPagedNotCopied() {
        AtomicLong read = new AtomicLong();
        ByteSource big = new ByteSource() {
            @Override
            public long size() {
                return 2L << 30;
            }

            @Override
            public String name() {
                return "big";
            }

            @Override
            public void copy(long offset, byte[] dst, int dstOffset, int length) {
                read.addAndGet(length);
            }

            @Override
            public int byteAt(long offset) {
                read.incrementAndGet();
                return 0;
            }
        };
        DirectTasks tasks = DirectTasks.queued();
        HexViewModel vm = new HexViewModel(tasks);
        vm.open(big, MemoryReader.empty(), true, null);
        assertThat(vm.regionProperty().get().kind()).isEqualTo(HexViewModel.Kind.FILE);
        assertThat(vm.rowCountProperty().get()).isEqualTo(134_217_728);
        int row = 100_000_000;
        assertThat(vm.row(row)).isEmpty();
        assertThat(vm.row(row + 1)).isEmpty();
        assertThat(tasks.pendingCount()).isEqualTo(1);
        long before = vm.pagesLoadedProperty().get();
        tasks.runAll();
        assertThat(vm.pagesLoadedProperty().get()).isEqualTo(before + 1);
        assertThat(vm.row(row)).isPresent();
        assertThat(read.get()).isEqualTo(HexViewModel.PAGE);
    }

    @Test
    void parsesAddressForms() {
        assertThat(HexViewModel.parseAddress("0x1F").getAsLong()).isEqualTo(0x1f);
        assertThat(HexViewModel.parseAddress("1fh").getAsLong()).isEqualTo(0x1f);
        assertThat(HexViewModel.parseAddress("fffff806`715114ed").getAsLong()).isEqualTo(0xfffff806715114edL);
        assertThat(HexViewModel.parseAddress("")).isEmpty();
        assertThat(HexViewModel.parseAddress("0x12345678901234567")).isEmpty();
    }
}
