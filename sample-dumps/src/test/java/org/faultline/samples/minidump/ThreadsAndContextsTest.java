package org.faultline.samples.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.faultline.samples.minidump.Layout.DirectoryEntry;
import org.faultline.samples.testing.Le;
import org.junit.jupiter.api.Test;

class ThreadsAndContextsTest {
    @Test
    void threadEntriesAreFortyEightBytes() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(3);
        assertThat(le.u32(e.rva())).isEqualTo(2);
        assertThat(e.dataSize()).isEqualTo(4 + 2 * 48);
        long t0 = e.rva() + 4;
        assertThat(le.u32(t0)).isEqualTo(0x100);
        assertThat(le.u32(t0 + 8)).isEqualTo(0x20);
        assertThat(le.u64(t0 + 0x10)).isEqualTo(0x7FF_0000_1000L);
        assertThat(le.u64(t0 + 0x18)).isEqualTo(0xE0_0000_F000L);
        assertThat(le.u32(t0 + 0x20)).isEqualTo(0x40);
        assertThat(le.u8(le.u32(t0 + 0x24))).isEqualTo(0x80);
        assertThat(le.u32(t0 + 0x28)).isEqualTo(1232);
        long ctx = le.u32(t0 + 0x2C);
        assertThat(ctx % 16).isZero();
        assertThat(le.u64(ctx + 0xF8)).isEqualTo(0x7FF6_0000_1234L);
        long t1 = t0 + 48;
        assertThat(le.u32(t1)).isEqualTo(0x200);
        assertThat(le.u32(t1 + 4)).isEqualTo(1);
        assertThat(le.u32(t1 + 0xC)).isEqualTo(2);
        assertThat(le.u32(t1 + 0x20)).isZero();
        assertThat(le.u32(t1 + 0x24)).isZero();
        assertThat(le.u32(t1 + 0x28)).as("XSTATE-extended context").isEqualTo(1232 + 175);
        assertThat(le.u32(le.u32(t1 + 0x2C) + 0x30)).isEqualTo(0x0010005FL);
    }

    @Test
    void threadListPaddingQuirk() {
        WrittenDump dump = SynthMinidump.create().threadListPadding().thread(ThreadSpec.of(7)).build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(3);
        assertThat(e.dataSize()).isEqualTo(8 + 48);
        assertThat(le.u32(e.rva())).isEqualTo(1);
        assertThat(le.u32(e.rva() + 4)).isZero();
        assertThat(le.u32(e.rva() + 8)).isEqualTo(7);
    }

    @Test
    void x86ContextLayout() {
        byte[] c = X86Context.create().eip(0x401000).esp(0x19FF00).ebp(0x19FF40).eax(1).ebx(2).ecx(3).edx(4)
                .esi(5).edi(6).eflags(0x246).segments(0x23, 0x2B, 0x2B, 0x53, 0x2B, 0x2B).toBytes();
        Le le = new Le(c);
        assertThat(c).hasSize(716);
        assertThat(le.u32(0)).isEqualTo(0x0001003F);
        assertThat(le.u32(0xB8)).isEqualTo(0x401000);
        assertThat(le.u32(0xC4)).isEqualTo(0x19FF00);
        assertThat(le.u32(0xB4)).isEqualTo(0x19FF40);
        assertThat(le.u32(0xB0)).isEqualTo(1);
        assertThat(le.u32(0xA4)).isEqualTo(2);
        assertThat(le.u32(0xAC)).isEqualTo(3);
        assertThat(le.u32(0xA8)).isEqualTo(4);
        assertThat(le.u32(0xA0)).isEqualTo(5);
        assertThat(le.u32(0x9C)).isEqualTo(6);
        assertThat(le.u32(0xC0)).isEqualTo(0x246);
        assertThat(le.u32(0xBC)).isEqualTo(0x23);
        assertThat(le.u32(0x90)).isEqualTo(0x53);
        assertThat(le.u32(0xC8)).isEqualTo(0x2B);
    }

    @Test
    void amd64ContextLayout() {
        Amd64Context ctx = Amd64Context.create().rip(0x7FF6_1234_5678L).rsp(0xE0_0010_F000L).rbp(0xE0_0010_F080L)
                .rax(0xA).rbx(0xB).rcx(0xC).rdx(0xD).rsi(0x51).rdi(0xD1).r(8, 0x8).r(15, 0xF).eflags(0x10246)
                .segments(0x33, 0x2B, 0x2B, 0x53, 0x2B, 0x2B).xmm(0, 0x1111, 0x2222)
                .set(Map.of("mxcsr", 0x1F80L, "dr7", 0x400L));
        Le le = new Le(ctx.toBytes());
        assertThat(ctx.size()).isEqualTo(1232);
        assertThat(le.u32(0x30)).isEqualTo(0x0010001F);
        assertThat(le.u32(0x34)).isEqualTo(0x1F80);
        assertThat(le.u16(0x38)).isEqualTo(0x33);
        assertThat(le.u16(0x3E)).isEqualTo(0x53);
        assertThat(le.u16(0x42)).isEqualTo(0x2B);
        assertThat(le.u32(0x44)).isEqualTo(0x10246);
        assertThat(le.u64(0x70)).isEqualTo(0x400);
        assertThat(le.u64(0x78)).isEqualTo(0xA);
        assertThat(le.u64(0x80)).isEqualTo(0xC);
        assertThat(le.u64(0x88)).isEqualTo(0xD);
        assertThat(le.u64(0x90)).isEqualTo(0xB);
        assertThat(le.u64(0x98)).isEqualTo(0xE0_0010_F000L);
        assertThat(le.u64(0xA0)).isEqualTo(0xE0_0010_F080L);
        assertThat(le.u64(0xA8)).isEqualTo(0x51);
        assertThat(le.u64(0xB0)).isEqualTo(0xD1);
        assertThat(le.u64(0xB8)).isEqualTo(0x8);
        assertThat(le.u64(0xF0)).isEqualTo(0xF);
        assertThat(le.u64(0xF8)).isEqualTo(0x7FF6_1234_5678L);
        assertThat(le.u64(0x1A0)).isEqualTo(0x1111);
        assertThat(le.u64(0x1A8)).isEqualTo(0x2222);
        assertThat(ctx.get("rip")).isEqualTo(0x7FF6_1234_5678L);
    }

    @Test
    void arm64ContextLayout() {
        Arm64Context ctx = Arm64Context.create().x(0, 0x100).x(28, 0x128).fp(0x29).lr(0x30).sp(0xFFF0).pc(0x4000_1000)
                .cpsr(0x6000_0000L);
        Le le = new Le(ctx.toBytes());
        assertThat(ctx.size()).isEqualTo(912);
        assertThat(le.u32(0)).isEqualTo(0x00400007);
        assertThat(le.u32(4)).isEqualTo(0x6000_0000L);
        assertThat(le.u64(0x08)).isEqualTo(0x100);
        assertThat(le.u64(0x08 + 8 * 28)).isEqualTo(0x128);
        assertThat(le.u64(0xF0)).isEqualTo(0x29);
        assertThat(le.u64(0xF8)).isEqualTo(0x30);
        assertThat(le.u64(0x100)).isEqualTo(0xFFF0);
        assertThat(le.u64(0x108)).isEqualTo(0x4000_1000);
        assertThat(ctx.x(29, 0x77).get("fp")).isEqualTo(0x77);
    }

    @Test
    void contextExtrasAndOverrides() {
        X86Context x = X86Context.create().xstate(new byte[] {1, 2, 3});
        assertThat(x.size()).isEqualTo(719);
        assertThat(new Le(x.toBytes()).u32(0)).isEqualTo(0x0001007F);
        assertThat(x.toBytes()).endsWith(1, 2, 3);
        Arm64Context a = Arm64Context.create().contextFlags(0x80000000L).extraBytes(new byte[16]);
        assertThat(new Le(a.toBytes()).u32(0)).isEqualTo(0x80000000L);
        assertThat(a.size()).isEqualTo(928);
        assertThatThrownBy(() -> X86Context.create().set("rip", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> X86Context.create().eip(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Amd64Context.create().set("cs", 0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Amd64Context.create().registerNames()).contains("rip", "r15", "eflags", "ss");
    }

    @Test
    void threadNamesUseTwelveByteEntriesWithRva64() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(24);
        assertThat(e.dataSize()).isEqualTo(4 + 2 * 12);
        assertThat(le.u32(e.rva())).isEqualTo(2);
        assertThat(le.u32(e.rva() + 4)).isEqualTo(0x100);
        assertThat(le.mdString(le.u64(e.rva() + 8))).isEqualTo("main");
        assertThat(le.u32(e.rva() + 16)).isEqualTo(0x200);
        assertThat(le.mdString(le.u64(e.rva() + 20))).isEqualTo("worker #1");
        assertThat(le.u64(e.rva() + 20)).isEqualTo(dump.layout().region("threadName[1].name").offset());
    }

    @Test
    void threadInfoListHeaderAndEntries() {
        WrittenDump dump = SynthMinidump.create().threadInfo(ThreadInfoSpec.of(1, 0x1000, 3))
                .threadInfo(new ThreadInfoSpec(2, 4, 5, 6, 7, 8, 9, 10, 11, 12)).build();
        Le le = new Le(dump.bytes());
        long s = dump.layout().stream(17).rva();
        assertThat(dump.layout().stream(17).dataSize()).isEqualTo(12 + 2 * 64);
        assertThat(le.u32(s)).isEqualTo(12);
        assertThat(le.u32(s + 4)).isEqualTo(64);
        assertThat(le.u32(s + 8)).isEqualTo(2);
        assertThat(le.u64(s + 12 + 0x30)).isEqualTo(0x1000);
        assertThat(le.u64(s + 12 + 0x38)).isEqualTo(3);
        long t = s + 12 + 64;
        assertThat(le.u32(t)).isEqualTo(2);
        assertThat(le.u32(t + 0xC)).isEqualTo(6);
        assertThat(le.u64(t + 0x10)).isEqualTo(7);
        assertThat(le.u64(t + 0x28)).isEqualTo(10);
        assertThat(le.u64(t + 0x38)).isEqualTo(12);
    }

    @Test
    void exceptionStreamHasItsOwnContext() {
        WrittenDump dump = Samples.everything().build();
        Le le = new Le(dump.bytes());
        DirectoryEntry e = dump.layout().stream(6);
        long s = e.rva();
        assertThat(e.dataSize()).isEqualTo(168);
        assertThat(le.u32(s)).isEqualTo(0x100);
        assertThat(le.u32(s + 8)).isEqualTo(0xC0000005L);
        assertThat(le.u64(s + 0x18)).isEqualTo(0x7FF6_0000_1234L);
        assertThat(le.u32(s + 0x20)).isEqualTo(2);
        assertThat(le.u64(s + 0x28)).isEqualTo(1);
        assertThat(le.u64(s + 0x30)).isEqualTo(0xDEAD);
        assertThat(le.u64(s + 0x38)).isZero();
        assertThat(le.u32(s + 0xA0)).isEqualTo(1232);
        long ctx = le.u32(s + 0xA4);
        assertThat(ctx).isEqualTo(dump.layout().region("exception.context").offset())
                .isNotEqualTo(dump.layout().region("thread[0].context").offset());
        assertThat(le.u64(ctx + 0xF8)).isEqualTo(0x7FF6_0000_1234L);
    }

    @Test
    void exceptionParameterCountCanLie() {
        WrittenDump dump = SynthMinidump.create().exception(ExceptionSpec.of(1, 0x80000003L).flags(1)
                .nestedRecord(0x1234).parameters(5).numberParameters(200)).build();
        Le le = new Le(dump.bytes());
        long s = dump.layout().stream(6).rva();
        assertThat(le.u32(s + 0xC)).isEqualTo(1);
        assertThat(le.u64(s + 0x10)).isEqualTo(0x1234);
        assertThat(le.u32(s + 0x20)).isEqualTo(200);
        assertThat(le.u32(s + 0xA0)).isZero();
        assertThat(le.u32(s + 0xA4)).isZero();
        assertThatThrownBy(() -> ExceptionSpec.of(1, 2).parameters(new long[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
