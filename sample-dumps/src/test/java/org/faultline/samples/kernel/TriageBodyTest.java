package org.faultline.samples.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;

/** TRIAGE_DUMP64/32 and its parts, checked with literal offsets from the spec. */
class TriageBodyTest {
    private static final int T = 0x2000;

    private final WrittenKernelDump dump = KernelSamples.x64().build();
    private final Le b = new Le(dump.bytes());

    @Test
    void validMarkerAndSizeOfDump() {
        long valid = b.u32(T + 0x08);
        assertThat(valid % 8).isZero();
        assertThat(b.ascii(valid, 4)).isEqualTo("TRGD");
        assertThat(b.u32(T + 0x04)).isEqualTo(valid + 4);
        assertThat(b.ascii(valid + 4, 8)).as("trailer after SizeOfDump").isEqualTo("DumpBlob");
        assertThat(b.size()).isEqualTo(valid + 12);
        for (int field = 0x0C; field < 0x80; field += 4) {
            if (field != 0x2C && field != 0x34 && field != 0x3C && field != 0x44 && field != 0x48 && field != 0x4C
                    && field != 0x60 && field != 0x64 && field != 0x6C && field != 0x74 && field != 0x7C) {
                assertThat(b.u32(T + field)).as("offset field 0x%X before the marker", field).isLessThan(valid);
            }
        }
        assertThat(b.u32(T)).as("ServicePackBuild").isZero();
        assertThat(b.u32(T + 0x44)).as("TriageOptions").isEqualTo(0xFFFF_FFFFL);
        assertThat(b.u32(T + 0x40)).as("BrokenDriverOffset").isZero();
    }

    @Test
    void contextAndException() {
        long ctx = b.u32(T + 0x0C);
        assertThat(ctx).isGreaterThanOrEqualTo(T + 0x80);
        assertThat(ctx % 16).isZero();
        assertThat(b.u32(ctx + 0x30)).isEqualTo(0x0010_001FL);
        assertThat(b.u64(ctx + 0xF8)).isEqualTo(KernelSamples.DRIVER_PC);
        assertThat(b.u64(ctx + 0x98)).isEqualTo(KernelSamples.FAULT_SP);
        long exc = b.u32(T + 0x10);
        assertThat(b.u32(exc)).isEqualTo(0xC000_0005L);
        assertThat(b.u64(exc + 0x10)).isEqualTo(KernelSamples.DRIVER_PC);
        assertThat(b.u32(exc + 0x18)).isEqualTo(2);
        assertThat(b.u64(exc + 0x20)).isZero();
        assertThat(b.u64(exc + 0x28)).isEqualTo(0x10);
        assertThat(b.u64(exc + 0x30)).as("unused slots zero in the body").isZero();

        Le plain = new Le(KernelSamples.arm64().toBytes());
        assertThat(plain.u32(T + 0x0C)).as("default: the header's context").isEqualTo(0x348);
        assertThat(plain.u32(T + 0x10)).as("default: the header's exception").isEqualTo(0xF00);
    }

    @Test
    void mmStorageAndUnloadedDrivers() {
        long mm = b.u32(T + 0x14);
        assertThat(mm).isEqualTo(T + 0x80 + 0x4D0 + 0x98);
        assertThat(b.u32(mm)).isEqualTo(1);
        assertThat(b.u32(mm + 4)).isEqualTo(0x50);
        assertThat(b.u64(mm + 0x38)).isEqualTo(0x12345);

        long u = b.u32(T + 0x18);
        assertThat(u % 8).isZero();
        assertThat(u).isEqualTo(mm + 0x50);
        assertThat(b.u64(u)).isEqualTo(2);
        long e0 = u + 8;
        assertThat(b.u16(e0)).isEqualTo(14);
        assertThat(b.u16(e0 + 2)).isEqualTo(14);
        assertThat(b.u64(e0 + 8)).as("Name.Buffer zeroed").isZero();
        assertThat(b.utf16(e0 + 0x10, 7)).isEqualTo("dam.sys");
        assertThat(b.u16(e0 + 0x10 + 14)).isZero();
        assertThat(b.u64(e0 + 0x28)).isEqualTo(0xFFFF_F804_87DE_0000L);
        assertThat(b.u64(e0 + 0x30)).isEqualTo(0xFFFF_F804_87DF_C000L);
        long e1 = e0 + 0x38;
        assertThat(b.u16(e1)).as("truncated to 12 WCHARs").isEqualTo(24);
        assertThat(b.utf16(e1 + 0x10, 12)).isEqualTo("averyveryver");
        assertThat(b.u64(e1 + 0x28)).isEqualTo(0xFFFF_F804_79D3_0000L);
        assertThat(b.u32(T + 0x1C)).as("PRCB follows").isEqualTo(e1 + 0x38);
    }

    @Test
    void rawBlobsAndCallStack() {
        long prcb = b.u32(T + 0x1C);
        long process = b.u32(T + 0x20);
        long thread = b.u32(T + 0x24);
        assertThat(process).isEqualTo(prcb + 0xAF00);
        assertThat(thread).isEqualTo(process + 0xA40);
        long stack = b.u32(T + 0x28);
        assertThat(stack).isEqualTo(thread + 0x898);
        assertThat(b.u32(T + 0x2C)).isEqualTo(KernelSamples.STACK_END - KernelSamples.TOP);
        assertThat(b.u64(T + 0x48)).isEqualTo(KernelSamples.TOP);
        assertThat(b.u64(stack)).isEqualTo(0x7E);
        assertThat(b.u64(stack + 8)).isEqualTo(KernelSamples.DRIVER_PC);
        // the KTRAP_FRAME ends at the faulting RSP: Rip @0x168, Rsp @0x180, Rbp @0x158
        long frame = stack + (KernelSamples.FAULT_SP - TrapFrame64.SIZE - KernelSamples.TOP);
        assertThat(b.u64(frame + 0x168)).isEqualTo(KernelSamples.DRIVER_PC);
        assertThat(b.u64(frame + 0x180)).isEqualTo(KernelSamples.FAULT_SP);
        assertThat(b.u64(frame + 0x158)).isEqualTo(0x1234);
    }

    @Test
    void prcbPointsAtAContextInADataBlock() {
        long prcb = b.u32(T + 0x1C);
        long ctxVa = b.u64(prcb + KernelSamples.PRCB_CONTEXT_POINTER);
        assertThat(ctxVa).isEqualTo(KernelSamples.CTX_VA);
        long blocks = b.u32(T + 0x78);
        long count = b.u32(T + 0x7C);
        long found = -1;
        for (int i = 0; i < count; i++) {
            long d = blocks + 16L * i;
            long va = b.u64(d);
            if (Long.compareUnsigned(ctxVa, va) >= 0 && ctxVa - va < b.u32(d + 12)) {
                found = b.u32(d + 8) + (ctxVa - va);
            }
        }
        assertThat(found).isPositive();
        assertThat(b.u64(found + 0x98)).as("Rsp == TopOfStack").isEqualTo(b.u64(T + 0x48));
        assertThat(b.u64(found + 0xF8)).isEqualTo(KernelSamples.BUGCHECK_PC);
        assertThat(dump.layout().fileOffsetOfVirtual(ctxVa)).hasValue(found);
    }

    @Test
    void debuggerDataCopy() {
        long kd = b.u32(T + 0x70);
        assertThat(b.u32(T + 0x74)).isEqualTo(0x380);
        assertThat(b.ascii(kd + 0x10, 4)).isEqualTo("KDBG");
        assertThat(b.u32(kd + 0x14)).isEqualTo(0x380);
        assertThat(b.u64(kd + 0x18)).isEqualTo(KernelSamples.KERNBASE);
        assertThat(b.u64(kd + 0x48)).isEqualTo(0xFFFF_F804_7C62_A390L);
        assertThat(b.u64(kd + 0x50)).isEqualTo(0xFFFF_F804_7C61_E200L);
        assertThat(b.u64(kd + 0xC0)).isEqualTo(0xFFFF_F804_7C6F_C500L);
        assertThat(b.u64(kd + 0x208)).isEqualTo(0xFFFF_F804_7C40_0000L);
        assertThat(b.u64(kd + 0x218)).isEqualTo(0xFFFF_F804_7C71_0000L);
        assertThat(b.u64(kd + 0x220)).isEqualTo(0xFFFF_F804_7C72_0000L);
        assertThat(b.u64(kd + 0x20)).isZero();
        assertThat(b.u32(T + 0x30)).as("driver list follows").isEqualTo(kd + 0x380);
    }

    @Test
    void driverEntriesAreNinetyBytesApartWithPoolNames() {
        long list = b.u32(T + 0x30);
        assertThat(b.u32(T + 0x34)).isEqualTo(3);
        long pool = b.u32(T + 0x38);
        long poolSize = b.u32(T + 0x3C);
        assertThat(pool).isEqualTo(list + 3 * 0x90);
        assertThat(pool % 8).isZero();
        String[] names = {"\\SystemRoot\\system32\\ntoskrnl.exe", "hal.dll", "amdppm.sys"};
        long[][] fields = {
            {KernelSamples.KERNBASE, 0x0104_6000, 0xA5_938C, 0x0D83_33E6},
            {0xFFFF_F804_7944_0000L, 0x6000, 0xCE9F, 0x1A7B_E8E9},
            {0xFFFF_F804_8B57_0000L, 0x2_5000, 0x2_D0A1, 0x5F4E_1A2B}};
        long expectedName = pool;
        for (int i = 0; i < 3; i++) {
            long e = list + 0x90L * i;
            long name = b.u32(e);
            assertThat(name).isEqualTo(expectedName);
            assertThat(name % 8).isZero();
            long len = b.u32(name);
            assertThat(len).as("Length in UTF-16 units").isEqualTo(names[i].length());
            assertThat(b.utf16(name + 4, (int) len)).isEqualTo(names[i]);
            assertThat(b.u16(name + 4 + 2 * len)).isZero();
            assertThat(name + 4 + 2 * len + 2).isLessThanOrEqualTo(pool + poolSize);
            expectedName = (name + 4 + 2 * len + 2 + 7) & ~7L;
            assertThat(b.u64(e + 0x38)).isEqualTo(fields[i][0]);
            assertThat(b.u32(e + 0x48)).isEqualTo(fields[i][1]);
            assertThat(b.u32(e + 0x80)).isEqualTo(fields[i][2]);
            assertThat(b.u32(e + 0x88)).isEqualTo(fields[i][3]);
            assertThat(b.u64(e + 0x50)).as("FullDllName left empty").isZero();
        }
        assertThat(b.u64(list + 0x40)).as("EntryPoint").isEqualTo(KernelSamples.KERNBASE + 0x1000);
        assertThat(pool + poolSize).isEqualTo(expectedName);
        assertThat(b.u32(T + 0x68)).as("data page follows the pool").isEqualTo(pool + poolSize);
    }

    @Test
    void dataPageAndDataBlocks() {
        assertThat(b.u64(T + 0x60)).isEqualTo(0xFFFF_F804_7C40_0000L);
        assertThat(b.u32(T + 0x6C)).isEqualTo(0x1000);
        long blocks = b.u32(T + 0x78);
        assertThat(blocks).isEqualTo(b.u32(T + 0x68) + 0x1000);
        assertThat(b.u32(T + 0x7C)).isEqualTo(2);
        assertThat(b.u64(blocks)).isEqualTo(KernelSamples.PRCB_VA);
        assertThat(b.u32(blocks + 8)).as("bytes follow the descriptors").isEqualTo(blocks + 32);
        assertThat(b.u32(blocks + 12)).isEqualTo(0x1_0000);
        assertThat(b.u64(blocks + 16)).isEqualTo(KernelSamples.DRIVER_PC & ~0xFFFL);
        assertThat(b.u32(blocks + 24)).as("packed back to back").isEqualTo(blocks + 32 + 0x1_0000);
        assertThat(b.u32(blocks + 28)).isEqualTo(0x100);
        assertThat(b.u8(b.u32(blocks + 24) + 0x7F)).isEqualTo(0x7F);
        assertThat(b.u32(T + 0x08)).as("marker right after").isEqualTo(blocks + 32 + 0x1_0000 + 0x100);
    }

    @Test
    void markerGapAndOverrides() {
        Le g = new Le(SynthKernelDump.triage(Arch.AMD64).validMarkerGap(0x1001)
                .triageField(TriageField.SERVICE_PACK_BUILD, 7).triageOptions(0x100)
                .triageField(TriageField.BROKEN_DRIVER_OFFSET, 0x1234).toBytes());
        assertThat(g.u32(T + 0x08)).isEqualTo(T + 0x80 + 0x1008);
        assertThat(g.u32(T)).isEqualTo(7);
        assertThat(g.u32(T + 0x44)).isEqualTo(0x100);
        assertThat(g.u32(T + 0x40)).isEqualTo(0x1234);
        assertThat(g.u32(T + 0x18)).as("no unloaded list configured").isZero();
        Le empty = new Le(SynthKernelDump.triage(Arch.AMD64).emptyUnloadedDriverList().toBytes());
        assertThat(empty.u32(T + 0x18)).isEqualTo(T + 0x80);
        assertThat(empty.u64(T + 0x80)).isZero();
    }

    @Test
    void pokesMustLandInStoredMemory() {
        assertThatThrownBy(() -> SynthKernelDump.triage(Arch.AMD64).callStack(0x1000, 0x100).pokeU64(0x10FC, 1).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("0x10fc");
        assertThatThrownBy(() -> SynthKernelDump.triage(Arch.AMD64).prcb(new byte[8]).prcbPointer(4, 1).build())
                .isInstanceOf(IllegalStateException.class);
        byte[] twice = SynthKernelDump.triage(Arch.AMD64).callStack(0x1000, 0x100).dataBlock(0x1080, 0x10)
                .pokeU64(0x1080, 0x55).toBytes();
        Le t = new Le(twice);
        assertThat(t.u64(t.u32(T + 0x28) + 0x80)).isEqualTo(0x55);
        assertThat(t.u64(t.u32(T + 0x78 + 0) + 16)).as("every copy of the VA").isEqualTo(0x55);
    }

    @Test
    void triage32Layout() {
        WrittenKernelDump d = KernelSamples.x86().build();
        Le x = new Le(d.bytes());
        int t = 0x1000;
        long valid = x.u32(t + 0x08);
        assertThat(x.ascii(valid, 4)).isEqualTo("TRGD");
        assertThat(x.u32(t + 0x04)).isEqualTo(valid + 4);
        assertThat(x.u32(t + 0x0C)).isEqualTo(0x320);
        long exc = x.u32(t + 0x10);
        assertThat(exc).isEqualTo(t + 0x68);
        assertThat(x.u32(exc)).isEqualTo(0xC000_0005L);
        assertThat(x.u32(exc + 0xC)).isEqualTo(0x8F2A_1234L);
        assertThat(x.u32(exc + 0x10)).isEqualTo(2);
        assertThat(x.u32(exc + 0x18)).isEqualTo(0x1C);
        long mm = x.u32(t + 0x14);
        assertThat(mm).isEqualTo(exc + 0x50);
        assertThat(x.u32(mm + 4)).isEqualTo(0x34);
        long u = x.u32(t + 0x18);
        assertThat(u).isEqualTo(mm + 0x38);
        assertThat(x.u32(u)).isEqualTo(1);
        assertThat(x.u16(u + 4)).isEqualTo(14);
        assertThat(x.u32(u + 4 + 4)).isZero();
        assertThat(x.utf16(u + 4 + 8, 7)).isEqualTo("old.sys");
        assertThat(x.u32(u + 4 + 0x20)).isEqualTo(0x8F00_0000L);
        assertThat(x.u32(u + 4 + 0x24)).isEqualTo(0x8F01_0000L);
        long stack = x.u32(t + 0x28);
        assertThat(x.u32(t + 0x2C)).isEqualTo(0x1000);
        assertThat(x.u32(t + 0x48)).isEqualTo(0x8A3F_F000L);
        assertThat(x.u32(stack + 4)).isEqualTo(0x8F2A_1234L);
        assertThat(x.u32(t + 0x4C)).isEqualTo(0x8298_0000L);
        long page = x.u32(t + 0x50);
        assertThat(x.u32(t + 0x54)).isEqualTo(0x1000);
        long kd = x.u32(t + 0x58);
        assertThat(x.u32(t + 0x5C)).isEqualTo(0x380);
        assertThat(x.ascii(kd + 0x10, 4)).isEqualTo("KDBG");
        long list = x.u32(t + 0x30);
        assertThat(x.u32(t + 0x34)).isEqualTo(2);
        long second = list + 0x4C;
        assertThat(x.u32(second + 0x1C)).isEqualTo(0x8F2A_0000L);
        assertThat(x.u32(second + 0x24)).isEqualTo(0x8000);
        assertThat(x.u32(second + 0x44)).isEqualTo(0x1_2345);
        assertThat(x.u32(second + 0x48)).isEqualTo(0x5000_0000);
        long name = x.u32(second);
        assertThat(x.u32(name)).isEqualTo(10);
        assertThat(x.utf16(name + 4, 10)).isEqualTo("faulty.sys");
        assertThat(x.u32(t + 0x38)).isEqualTo(list + 2 * 0x4C);
        assertThat(page).isEqualTo(x.u32(t + 0x38) + x.u32(t + 0x3C));
        long blocks = x.u32(t + 0x60);
        assertThat(x.u32(t + 0x64)).isEqualTo(1);
        assertThat(x.u64(blocks)).isEqualTo(0x8F2A_1000L);
        assertThat(x.u32(blocks + 8)).isEqualTo(blocks + 16);
        assertThat(x.u32(blocks + 12)).isEqualTo(0x1000);

        Le wide = new Le(KernelSamples.x86().driverEntrySize32(0x54).toBytes());
        long wideList = wide.u32(t + 0x30);
        assertThat(wide.u32(wideList + 0x54 + 0x1C)).isEqualTo(0x8F2A_0000L);
        assertThat(wide.u32(t + 0x38)).isEqualTo(wideList + 2 * 0x54);
    }

    @Test
    void stringPoolEntriesAreEightAligned() {
        SynthKernelDump s = SynthKernelDump.triage(Arch.AMD64);
        for (String n : new String[] {"a", "ab", "abc", "abcd", "abcde", "é.sys"}) {
            s.driver(n, 0, 0, 0, 0);
        }
        WrittenKernelDump d = s.build();
        Le p = new Le(d.bytes());
        long pool = p.u32(T + 0x38);
        long at = pool;
        for (int i = 0; i < 6; i++) {
            assertThat(p.u32(p.u32(T + 0x30) + 0x90L * i)).isEqualTo(at);
            long len = p.u32(at);
            at = (at + 4 + 2 * len + 2 + 7) & ~7L;
        }
        assertThat(pool + p.u32(T + 0x3C)).isEqualTo(at);
        assertThat(new String(p.bytes(d.layout().region("driver[5].name").offset() + 4, 10), StandardCharsets.UTF_16LE))
                .isEqualTo("é.sys");
    }
}
