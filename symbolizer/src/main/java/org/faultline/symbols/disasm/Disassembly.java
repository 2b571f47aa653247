package org.faultline.symbols.disasm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faultline.dump.MemoryReader;

/** Linear sweeps and the backwards search for instruction starts before an address. */
public final class Disassembly {
    /** How far back an x86 backwards decode looks for a start that lines up with the target. */
    public static final int X86_LOOKBACK = 64;

    private Disassembly() {
    }

    /**
     * A linear sweep of {@code code} from its start at {@code address}, at most {@code maxCount}
     * instructions: like objdump, a byte that does not decode becomes a one-byte {@code (bad)} and the sweep
     * moves on by one byte; an unsupported instruction of known length is stepped over whole.
     */
    public static List<Instruction> sweep(Decoder decoder, byte[] code, long address, int maxCount) {
        List<Instruction> out = new ArrayList<>();
        int off = 0;
        while (off < code.length && out.size() < maxCount) {
            Instruction in = decoder.decode(code, off, code.length - off, address + off);
            if (in.status() == Status.INVALID && in.length() != 1) {
                in = new Instruction(in.architecture(), in.address(), new byte[] {code[off]}, Status.INVALID, "",
                        "(bad)", List.of(), List.of(), java.util.Set.of(), java.util.Set.of(), in.note());
            }
            out.add(in);
            off += Math.max(1, in.length());
        }
        return out;
    }

    /**
     * Up to {@code count} instructions that end exactly at {@code target}, read from {@code memory}.
     * ARM64 steps back 4 bytes at a time. x86 tries every start from {@link #X86_LOOKBACK} bytes back and
     * keeps the ones whose linear decode lands exactly on {@code target} with nothing invalid (and, if any
     * such start exists, nothing unsupported) on the way; the last {@code count} instruction addresses that
     * most of those starts agree on win, ties going to the run that starts earliest (x86 code
     * resynchronises quickly, so most starts agree).
     */
    public static List<Instruction> before(Decoder decoder, MemoryReader memory, long target, int count) {
        if (count <= 0) {
            return List.of();
        }
        if (decoder.fixedLength()) {
            int step = decoder.maxLength();
            int have = 0;
            while (have < count && memory.read(target - (long) (have + 1) * step, step).isPresent()) {
                have++;
            }
            if (have == 0) {
                return List.of();
            }
            byte[] code = memory.read(target - (long) have * step, have * step).orElseThrow();
            return sweep(decoder, code, target - (long) have * step, have);
        }
        int back = X86_LOOKBACK;
        while (back > 0 && memory.readableFrom(target - back, back) < back) {
            back--;
        }
        if (back == 0) {
            return List.of();
        }
        byte[] code = memory.read(target - back, back).orElseThrow();
        // Candidate runs by their last `count` instruction addresses: how many starts agree on them, and
        // the run from the earliest start that does. Runs with unsupported instructions count only when no
        // fully decoded run lands.
        Map<List<Long>, Integer> votes = new HashMap<>();
        Map<List<Long>, List<Instruction>> earliest = new HashMap<>();
        // The decode at an offset does not depend on where the run started: decode each offset once.
        Instruction[] decoded = new Instruction[back];
        for (boolean strict : new boolean[] {true, false}) {
            for (int start = 0; start < back; start++) {
                Optional<List<Instruction>> run = landing(decoder, code, start, target - back, strict, decoded);
                if (run.isEmpty()) {
                    continue;
                }
                List<Instruction> r = run.get();
                List<Long> key = r.subList(Math.max(0, r.size() - count), r.size()).stream()
                        .map(Instruction::address).toList();
                votes.merge(key, 1, Integer::sum);
                earliest.putIfAbsent(key, r);
            }
            if (!votes.isEmpty()) {
                break;
            }
        }
        List<Long> best = null;
        for (Map.Entry<List<Long>, Integer> e : votes.entrySet()) {
            if (best == null || e.getValue() > votes.get(best) || e.getValue().equals(votes.get(best))
                    && earliest.get(e.getKey()).get(0).address() < earliest.get(best).get(0).address()) {
                best = e.getKey();
            }
        }
        if (best == null) {
            return List.of();
        }
        List<Instruction> r = earliest.get(best);
        return List.copyOf(r.subList(Math.max(0, r.size() - count), r.size()));
    }

    /**
     * The linear decode of {@code code[start..]} if it lands exactly at the end with no invalid byte (and,
     * when {@code strict}, no unsupported instruction). {@code decoded} caches the instruction at each offset.
     */
    private static Optional<List<Instruction>> landing(Decoder decoder, byte[] code, int start, long base,
                                                       boolean strict, Instruction[] decoded) {
        List<Instruction> run = new ArrayList<>();
        int off = start;
        while (off < code.length) {
            Instruction in = decoded[off];
            if (in == null) {
                in = decoder.decode(code, off, code.length - off, base + off);
                decoded[off] = in;
            }
            if (in.status() == Status.INVALID || strict && in.status() == Status.UNSUPPORTED) {
                return Optional.empty();
            }
            run.add(in);
            off += in.length();
        }
        return off == code.length ? Optional.of(run) : Optional.empty();
    }
}
