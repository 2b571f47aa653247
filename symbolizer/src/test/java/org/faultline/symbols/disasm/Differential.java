package org.faultline.symbols.disasm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a {@link Decoder} with objdump, one instruction at a known start at a time, and counts what it
 * finds. Reusable for any bytes: random strings ({@link #randomStrings}) and code taken from dumps or
 * samples ({@link #sweep}).
 */
final class Differential {
    private Differential() {
    }

    /** What one comparison run found. */
    static final class Report {
        final String name;
        long total;
        long decoded;
        long agreed;
        long unsupported;
        long invalid;
        long invalidAgreed;
        long lengthOnlyMismatches;
        long unsupportedKnownToObjdump;
        long unsupportedLengthAgreed;
        final List<String> unsupportedLengthDisagreements = new ArrayList<>();
        final List<String> mismatches = new ArrayList<>();
        final List<String> invalidDisagreements = new ArrayList<>();
        final Map<String, Integer> unsupportedWhy = new HashMap<>();
        long millis;

        Report(String name) {
            this.name = name;
        }

        void add(Instruction ours, ObjdumpOracle.Line theirs) {
            total++;
            switch (ours.status()) {
                case DECODED -> {
                    decoded++;
                    String want = Instruction.normalizeObjdump(theirs.text());
                    if (ours.length() == theirs.length() && ours.text().equals(want)) {
                        agreed++;
                    } else {
                        if (ours.text().equals(want)) {
                            lengthOnlyMismatches++;
                        }
                        if (mismatches.size() < 2000) {
                            mismatches.add(String.format("%x: %s%n    ours    (%d) %s%n    objdump (%d) %s",
                                    ours.address(), HexFormat.ofDelimiter(" ").formatHex(ours.bytes()), ours.length(),
                                    ours.text(), theirs.length(), want));
                        }
                    }
                }
                case UNSUPPORTED -> {
                    unsupported++;
                    unsupportedWhy.merge(ours.note(), 1, Integer::sum);
                    if (!theirs.text().contains("(bad)") && !theirs.text().contains("undefined")) {
                        unsupportedKnownToObjdump++;
                        if (ours.length() == theirs.length()) {
                            unsupportedLengthAgreed++;
                        } else if (unsupportedLengthDisagreements.size() < 50) {
                            unsupportedLengthDisagreements.add(String.format("%x: %s [%s]: ours %d bytes, objdump (%d) %s",
                                    ours.address(), HexFormat.ofDelimiter(" ").formatHex(ours.bytes()), ours.note(),
                                    ours.length(), theirs.length(), theirs.text()));
                        }
                    }
                }
                case INVALID -> {
                    invalid++;
                    // x86 objdump prints (bad); ARM64 objdump ".inst 0x… ; undefined".
                    if (theirs.text().contains("(bad)") || theirs.text().contains("undefined")) {
                        invalidAgreed++;
                    } else if (invalidDisagreements.size() < 50) {
                        invalidDisagreements.add(String.format("%x: %s: ours (bad) [%s], objdump (%d) %s",
                                ours.address(), HexFormat.ofDelimiter(" ").formatHex(ours.bytes()), ours.note(),
                                theirs.length(), theirs.text()));
                    }
                }
            }
        }

        long mismatched() {
            return decoded - agreed;
        }

        double agreement() {
            return decoded == 0 ? 1.0 : (double) agreed / decoded;
        }

        String summary(int examples) {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%s: %d instructions compared in %.1f s: %d decoded (%.3f%% agree with objdump, %d "
                            + "differ), %d unsupported, %d invalid (%d also (bad) in objdump)%n",
                    name, total, millis / 1000.0, decoded, 100 * agreement(), mismatched(), unsupported, invalid,
                    invalidAgreed));
            if (unsupportedKnownToObjdump > 0) {
                b.append(String.format("  of the unsupported, objdump decodes %d; the length agrees for %d%n",
                        unsupportedKnownToObjdump, unsupportedLengthAgreed));
            }
            if (!unsupportedWhy.isEmpty()) {
                b.append("  unsupported, most frequent: ");
                unsupportedWhy.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(12).forEach(e -> b.append(e.getKey()).append(" ×").append(e.getValue()).append("; "));
                b.append('\n');
            }
            for (int i = 0; i < Math.min(examples, unsupportedLengthDisagreements.size()); i++) {
                b.append("  ").append(unsupportedLengthDisagreements.get(i)).append('\n');
            }
            for (int i = 0; i < Math.min(examples, invalidDisagreements.size()); i++) {
                b.append("  ").append(invalidDisagreements.get(i)).append('\n');
            }
            for (int i = 0; i < Math.min(examples, mismatches.size()); i++) {
                b.append("  ").append(mismatches.get(i)).append('\n');
            }
            return b.toString();
        }
    }

    /**
     * Each string is laid out in its own chunk followed by {@code pad} bytes of {@code padByte}, a one-byte
     * instruction (x86 {@code nop}) that brings objdump's linear sweep back to the next chunk's start; so
     * each chunk's first instruction is compared at a known start. ARM64 needs no padding. One objdump
     * run covers all strings.
     */
    static Report randomStrings(String name, Decoder decoder, ObjdumpOracle oracle, List<byte[]> strings, int pad,
                                byte padByte, long vma) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        int width = 0;
        for (byte[] s : strings) {
            width = Math.max(width, s.length);
        }
        int chunk = width + pad;
        byte[] all = new byte[strings.size() * chunk];
        for (int i = 0; i < strings.size(); i++) {
            byte[] s = strings.get(i);
            System.arraycopy(s, 0, all, i * chunk, s.length);
            for (int j = s.length; j < chunk; j++) {
                all[i * chunk + j] = padByte;
            }
        }
        final int c = chunk;
        List<ObjdumpOracle.Line> lines = oracle.disassemble(all, vma, a -> (a - vma) % c == 0);
        Map<Long, ObjdumpOracle.Line> byAddress = new HashMap<>();
        for (ObjdumpOracle.Line l : lines) {
            byAddress.put(l.address(), l);
        }
        Report r = new Report(name);
        for (int i = 0; i < strings.size(); i++) {
            long at = vma + (long) i * chunk;
            ObjdumpOracle.Line theirs = byAddress.get(at);
            if (theirs == null) {
                throw new IllegalStateException("objdump lost synchronisation at chunk " + i);
            }
            r.add(decoder.decode(all, i * chunk, chunk, at), theirs);
        }
        r.millis = (System.nanoTime() - t0) / 1_000_000;
        return r;
    }

    /**
     * A linear sweep of {@code code} at {@code vma} by both: instructions are compared wherever both
     * sweeps start one at the same address (after an invalid byte, the two may resynchronise differently).
     */
    static void sweep(Report into, Decoder decoder, ObjdumpOracle oracle, byte[] code, long vma)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Map<Long, Instruction> ours = new LinkedHashMap<>();
        int off = 0;
        while (off < code.length) {
            Instruction in = decoder.decode(code, off, code.length - off, vma + off);
            ours.put(in.address(), in);
            off += in.status() == Status.INVALID ? 1 : Math.max(1, in.length());
        }
        TreeMap<Long, ObjdumpOracle.Line> theirs = new TreeMap<>();
        for (ObjdumpOracle.Line l : oracle.disassemble(code, vma)) {
            theirs.put(l.address(), l);
        }
        for (Instruction in : ours.values()) {
            ObjdumpOracle.Line l = theirs.get(in.address());
            // The last instruction may be cut by the end of the bytes; objdump shows a partial one.
            if (l != null && in.nextAddress() <= vma + code.length && !"truncated".equals(in.note())) {
                into.add(in, l);
            }
        }
        into.millis += (System.nanoTime() - t0) / 1_000_000;
    }
}
