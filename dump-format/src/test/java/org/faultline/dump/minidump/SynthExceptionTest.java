package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.faultline.dump.Diagnostic;
import org.faultline.dump.ExceptionInfo;
import org.faultline.samples.minidump.Amd64Context;
import org.faultline.samples.minidump.Arm64Context;
import org.faultline.samples.minidump.ExceptionSpec;
import org.faultline.samples.minidump.StreamType;
import org.faultline.samples.minidump.SynthMinidump;
import org.faultline.samples.minidump.SystemInfoSpec;
import org.faultline.samples.minidump.ThreadSpec;
import org.faultline.samples.minidump.WrittenDump;
import org.faultline.samples.minidump.X86Context;
import org.junit.jupiter.api.Test;

/** The exception stream: record fields, parameters, and its own context (not the thread list's). */
class SynthExceptionTest {

    @Test
    void amd64AccessViolationWithItsOwnContext() {
        WrittenDump w = SynthMinidump.create().systemInfo(SystemInfoSpec.amd64())
                .thread(ThreadSpec.of(0x100).context(Amd64Context.create().rip(0x7FFA_1111_0000L).rsp(0xE0_0000_0800L)))
                .thread(ThreadSpec.of(0x200).context(Amd64Context.create().rip(0x7FFA_2222_0000L)))
                .exception(ExceptionSpec.of(0x100, ExceptionSpec.ACCESS_VIOLATION).flags(ExceptionSpec.NONCONTINUABLE)
                        .nestedRecord(0xE0_0000_0F00L).address(0x7FF6_0000_1234L).parameters(1, 0xDEAD_BEEF_0000L)
                        .context(Amd64Context.create().rip(0x7FF6_0000_1234L).rsp(0xE0_0000_1000L).rax(0xDEAD_BEEF_0000L)))
                .build();
        Minidump dump = Synth.read(w);
        ExceptionInfo e = dump.exception().orElseThrow();
        assertThat(e.threadId()).isEqualTo(0x100);
        assertThat(e.code()).isEqualTo(0xC000_0005L);
        assertThat(e.flags()).isEqualTo(1);
        assertThat(e.nestedRecord()).isEqualTo(0xE0_0000_0F00L);
        assertThat(e.address()).isEqualTo(0x7FF6_0000_1234L);
        assertThat(e.parameters()).containsExactly(1L, 0xDEAD_BEEF_0000L);
        assertThat(e.context().instructionPointer()).isEqualTo(0x7FF6_0000_1234L);
        assertThat(e.context().stackPointer()).isEqualTo(0xE0_0000_1000L);
        assertThat(e.context().get("rax")).hasValue(0xDEAD_BEEF_0000L);
        // The thread list's context of the same thread is the dump writer's, and stays so.
        var listed = dump.threads().get(0).context();
        assertThat(listed.instructionPointer()).isEqualTo(0x7FFA_1111_0000L);
        assertThat(listed.stackPointer()).isEqualTo(0xE0_0000_0800L);
        assertThat(listed).isNotEqualTo(e.context());

        MinidumpExceptionStream raw = dump.exceptionStream().orElseThrow();
        assertThat(raw.numberParameters()).isEqualTo(2);
        assertThat(raw.contextRva()).isEqualTo(w.layout().region("exception.context").offset());
        assertThat(raw.contextSize()).isEqualTo(1232);
        assertThat(w.layout().stream(StreamType.EXCEPTION).dataSize()).isEqualTo(168);
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void fifteenParameters() {
        long[] p = new long[15];
        for (int i = 0; i < 15; i++) {
            p[i] = 0x1000_0000_0000_0000L * (i % 8) + i;
        }
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.arm64())
                .exception(ExceptionSpec.of(9, 0xC000_0409L).parameters(p).context(Arm64Context.create().pc(0x4000))));
        ExceptionInfo e = dump.exception().orElseThrow();
        assertThat(e.parameters()).containsExactly(java.util.Arrays.stream(p).boxed().toArray(Long[]::new));
        assertThat(e.context().instructionPointer()).isEqualTo(0x4000);
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void noParametersAndNoContext() {
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.amd64())
                .exception(ExceptionSpec.of(5, 0x8000_0003L).address(0x7FF6_0000_2000L)));
        ExceptionInfo e = dump.exception().orElseThrow();
        assertThat(e.code()).isEqualTo(0x8000_0003L);
        assertThat(e.parameters()).isEmpty();
        assertThat(e.context()).isNull();
        assertThat(dump.diagnostics()).isEmpty();
    }

    @Test
    void x86TruncatesAddressesAndParametersTo32Bits() {
        // 32-bit writers sometimes sign-extend into the u64 fields; x86 keeps the low 32 bits.
        Minidump dump = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.x86())
                .thread(ThreadSpec.of(0xBF4).context(X86Context.create().eip(0x7C90_EB94L)))
                .exception(ExceptionSpec.of(0xBF4, ExceptionSpec.ACCESS_VIOLATION).address(0xFFFF_FFFF_8040_429EL)
                        .nestedRecord(0x1_0012_FF00L).parameters(1, 0xFFFF_FFFF_F000_0045L, 0x0000_0001_0000_0002L)
                        .context(X86Context.create().eip(0x8040_429EL).esp(0x12_FE84))));
        ExceptionInfo e = dump.exception().orElseThrow();
        assertThat(e.address()).isEqualTo(0x8040_429EL);
        assertThat(e.nestedRecord()).isEqualTo(0x0012_FF00L);
        assertThat(e.parameters()).containsExactly(1L, 0xF000_0045L, 2L);
        assertThat(e.context().instructionPointer()).isEqualTo(e.address());
        assertThat(dump.threads().get(0).context().instructionPointer()).isEqualTo(0x7C90_EB94L);
        // The raw stream keeps the values as stored.
        MinidumpExceptionStream raw = dump.exceptionStream().orElseThrow();
        assertThat(raw.exceptionAddress()).isEqualTo(0xFFFF_FFFF_8040_429EL);
        assertThat(raw.parameters()).containsExactly(1L, 0xFFFF_FFFF_F000_0045L, 0x0000_0001_0000_0002L);
    }

    @Test
    void amd64KeepsAll64Bits() {
        ExceptionInfo e = Synth.read(SynthMinidump.create().systemInfo(SystemInfoSpec.amd64())
                .exception(ExceptionSpec.of(1, 0xC000_001DL).address(0xFFFF_F800_0000_1000L).parameters(-1L)))
                .exception().orElseThrow();
        assertThat(e.address()).isEqualTo(0xFFFF_F800_0000_1000L);
        assertThat(e.parameters()).containsExactly(-1L);
    }

    @Test
    void bogusNumberParametersIsCappedAt15WithAWarning() {
        WrittenDump w = SynthMinidump.create().systemInfo(SystemInfoSpec.amd64())
                .exception(ExceptionSpec.of(1, ExceptionSpec.ACCESS_VIOLATION).parameters(1, 2, 3).numberParameters(200))
                .build();
        Minidump dump = Synth.read(w);
        ExceptionInfo e = dump.exception().orElseThrow();
        assertThat(e.parameters()).hasSize(15).startsWith(1L, 2L, 3L, 0L);
        assertThat(dump.exceptionStream().orElseThrow().numberParameters()).isEqualTo(200);
        assertThat(dump.diagnostics()).extracting(Diagnostic::severity, Diagnostic::code, Diagnostic::structure,
                Diagnostic::offset).containsExactly(tuple(Diagnostic.Severity.WARNING, "INVALID_VALUE",
                        "MINIDUMP_EXCEPTION_STREAM", w.layout().stream(StreamType.EXCEPTION).rva() + 0x20));
    }
}
