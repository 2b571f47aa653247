package org.faultline.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.faultline.dump.Architecture;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.ExceptionInfo;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.disasm.Decoder;
import org.faultline.symbols.disasm.Disassembly;
import org.faultline.symbols.disasm.Instruction;
import org.faultline.symbols.disasm.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultline disasm}: disassembles hex bytes given on the command line, or memory read from a dump,
 * one instruction per line as objdump prints it: {@code fffff806715114ed: 45 8b 08  mov r9d,dword ptr [r8]}.
 */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = {"Disassemble x86-64, x86 or ARM64 instructions: hex bytes given on the command line, or"
                + " memory read from a crash dump.",
            "Each line shows the address, the instruction's bytes and its text (Intel syntax for x86, as GNU"
                + " objdump writes it). Bytes that do not decode print (bad) and the listing moves on by one byte;"
                + " instructions Faultline recognises but does not describe print (unsupported: WHAT)."},
        footer = {"", "Examples:", "  faultline disasm --address 0xfffff806715114ed 45 8b 08",
            "  faultline disasm --arch arm64 f9400420", "  faultline disasm --dump MEMORY.DMP --address 0x7ffb1c41a2f4 --count 8",
            "", ExitCodes.HELP_TEXT})
public final class DisasmCommand implements Callable<Integer> {

    /** The architectures the decoders cover. */
    enum Arch {
        amd64(Architecture.AMD64), x86(Architecture.X86), arm64(Architecture.ARM64);

        final Architecture architecture;

        Arch(Architecture architecture) {
            this.architecture = architecture;
        }
    }

    static final int DEFAULT_COUNT = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH",
            description = "amd64, x86 or arm64 (default: amd64, or the dump's own architecture with --dump).")
    Arch arch;

    @Option(names = "--address", paramLabel = "ADDR",
            description = "Address of the first byte, in hex (0x optional; WinDbg's ` separator allowed)."
                    + " Default 0; with --dump, the exception address (or the first thread's instruction pointer).")
    String address;

    @Option(names = "--dump", paramLabel = "FILE", description = "Read the bytes from this crash dump's memory.")
    Path dump;

    @Option(names = "--count", paramLabel = "N",
            description = "With --dump: how many instructions to show (default: " + DEFAULT_COUNT + ").")
    Integer count;

    @Option(names = "--before", paramLabel = "N", defaultValue = "0",
            description = "With --dump: also show N instructions before ADDR (found by decoding backwards).")
    int before;

    @Parameters(paramLabel = "HEXBYTES", arity = "0..*",
            description = "The bytes, in hex: 45 8b 08, \"45 8B 08\" or 458b08.")
    List<String> hex = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (count != null && count < 1 || before < 0) {
            return usage("--count must be at least 1 and --before at least 0");
        }
        Optional<Long> start;
        try {
            start = address == null ? Optional.empty() : Optional.of(parseAddress(address));
        } catch (IllegalArgumentException e) {
            return usage("--address: " + e.getMessage());
        }
        if (dump != null) {
            if (!hex.isEmpty()) {
                return usage("give either HEXBYTES or --dump, not both");
            }
            return fromDump(start, err);
        }
        if (hex.isEmpty()) {
            return usage("give the bytes to disassemble (HEXBYTES) or --dump FILE");
        }
        if (before > 0 || count != null) {
            return usage("--count and --before go with --dump");
        }
        byte[] bytes;
        try {
            bytes = parseHex(String.join("", hex));
        } catch (IllegalArgumentException e) {
            return usage("HEXBYTES: " + e.getMessage());
        }
        Decoder decoder = Decoder.forArchitecture((arch == null ? Arch.amd64 : arch).architecture).orElseThrow();
        print(Disassembly.sweep(decoder, bytes, start.orElse(0L), Integer.MAX_VALUE));
        return ExitCodes.OK;
    }

    private int fromDump(Optional<Long> start, PrintWriter err) {
        try (CrashDump d = Dumps.open(dump)) {
            Architecture a = arch != null ? arch.architecture : d.architecture();
            Optional<Decoder> decoder = Decoder.forArchitecture(a);
            if (decoder.isEmpty()) {
                err.println(dump + ": no instruction decoder for " + a.id() + " code; use --arch amd64, x86 or arm64");
                return ExitCodes.USAGE;
            }
            Optional<Long> at = start.isPresent() ? start : defaultAddress(d);
            if (at.isEmpty()) {
                return usage(dump + " records no exception and no thread context; give --address");
            }
            long address = a.truncate(at.get());
            MemoryReader memory = d.memory();
            int n = count == null ? DEFAULT_COUNT : count;
            long want = Math.min((long) n * decoder.get().maxLength(), 1 << 20);
            int have = (int) memory.readableFrom(address, want);
            List<Instruction> lines = new ArrayList<>(Disassembly.before(decoder.get(), memory, address, before));
            if (have == 0) {
                print(lines);
                err.println("no bytes at 0x" + Long.toHexString(address) + " in the dump");
                return ExitCodes.OK;
            }
            byte[] bytes = memory.read(address, have).orElseThrow();
            for (Instruction in : Disassembly.sweep(decoder.get(), bytes, address, n)) {
                if ("truncated".equals(in.note()) && in.address() + decoder.get().maxLength() > address + have) {
                    err.println("no bytes at 0x" + Long.toHexString(address + have) + " in the dump");
                    break;
                }
                lines.add(in);
            }
            print(lines);
            return ExitCodes.OK;
        } catch (DumpAccessException e) {
            return FileErrors.report(err, e);
        } catch (DumpFormatException e) {
            return FileErrors.report(err, dump, e);
        }
    }

    /** The exception address, or else the instruction pointer of the first thread with a context. */
    private static Optional<Long> defaultAddress(CrashDump d) {
        Optional<Long> at = d.exception().map(ExceptionInfo::address);
        if (at.isPresent()) {
            return at;
        }
        return d.threads().stream().filter(t -> t.context() != null).findFirst()
                .map(t -> t.context().instructionPointer());
    }

    private void print(List<Instruction> instructions) {
        PrintWriter out = spec.commandLine().getOut();
        for (Instruction in : instructions) {
            // Say what kind of instruction was not described: "(unsupported: EVEX (AVX-512))".
            if (in.status() == Status.UNSUPPORTED && !in.note().isEmpty()) {
                out.println(Long.toHexString(in.address()) + ": " + in.hexBytes() + "  (unsupported: " + in.note() + ")");
            } else {
                out.println(in.line());
            }
        }
    }

    private int usage(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("faultline disasm: " + message);
        err.println("Try 'faultline disasm --help'.");
        return ExitCodes.USAGE;
    }

    /** Hex digits with optional spaces, commas or {@code 0x} prefixes between bytes. */
    static byte[] parseHex(String text) {
        String t = text.replaceAll("0[xX]", "").replaceAll("[\\s,]", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("no hex digits");
        }
        if (t.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + t.length() + ")");
        }
        try {
            return HexFormat.of().parseHex(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hex: " + text);
        }
    }

    /** A hex address: {@code 0xfffff806715114ed}, {@code fffff806715114ed} or {@code fffff806`715114ed}. */
    static long parseAddress(String text) {
        String t = text.trim().replace("`", "").toLowerCase(Locale.ROOT);
        if (t.startsWith("0x")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 16 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not a hex address: " + text);
        }
        return Long.parseUnsignedLong(t, 16);
    }
}
