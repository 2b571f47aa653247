package org.faultline.symbols.unwind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongPredicate;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;
import org.faultline.dump.MemoryReader;
import org.faultline.symbols.breakpad.BreakpadSymbolFile;
import org.faultline.symbols.breakpad.CfiRecord;
import org.faultline.symbols.breakpad.StackWinRecord;

/**
 * Unwinds with a Breakpad symbol file's call-frame records, for one module at a load base.
 *
 * <p><b>STACK CFI</b> (x86, AMD64, ARM64): the rules in force at the frame's address (the INIT row overridden by
 * every delta row at or below it) are evaluated with the callee's registers: first {@code .cfa}, then
 * {@code .ra} and every register rule with {@code .cfa} known. The caller's stack pointer is the CFA, its
 * instruction pointer the {@code .ra} value; registers with a rule take its value; callee-saved registers
 * without one keep the callee's value (x86 ebx esi edi ebp; AMD64 rbx rbp rsi rdi r12–r15; ARM64 x19–x28 and
 * fp); the others are unknown in the caller and left out. Register names are accepted with or without
 * {@code $}; on ARM64 {@code x29}/{@code x30} are {@code fp}/{@code lr}.
 *
 * <p><b>STACK WIN</b> (x86; tried before STACK CFI, FrameData records before FPO records): the program is run
 * with {@code $ebp $esp $eip} (and {@code $ebx $esi $edi} when known), {@code .cbSavedRegs}, {@code .cbLocals},
 * {@code .cbParams}, {@code .cbCalleeParams} (the parameter size of the callee frame this unwinder unwound
 * last, 0 for the first frame) and {@code .raSearchStart}/{@code .raSearch} = esp + callee parameters + locals +
 * saved registers, moved up to three words further when the word there is not a code address (a realigned
 * stack); the program must assign {@code $eip} and {@code $esp}. A record without a program is FPO data: the return address is at {@code .raSearchStart}, the caller's
 * esp just above it, and its ebp either unchanged or, when the function allocates ebp, read from
 * {@code esp + .cbCalleeParams + .cbSavedRegs - 8}. When the resulting eip is not a code address and the
 * program located the return address through {@code .raSearchStart} (or had none), up to
 * {@value #RA_SEARCH_WORDS} words from {@code .raSearchStart} are scanned for one. These are the semantics of
 * Breakpad's processor as its documentation and the symbol-file format describe them.
 */
public final class BreakpadCfiUnwinder implements StackWalker.Unwinder {
    /** Words scanned for a return address when a STACK WIN program's eip is not code. */
    public static final int RA_SEARCH_WORDS = 40;
    /** Words {@code .raSearchStart} may move up on a realigned stack. */
    static final int RA_ALIGN_WORDS = 3;
    private static final int CALLEE_MEMO = 64;

    private static final Set<String> X86_SAVED = Set.of("ebx", "esi", "edi", "ebp");
    private static final Set<String> AMD64_SAVED = Set.of("rbx", "rbp", "rsi", "rdi", "r12", "r13", "r14", "r15");
    private static final Set<String> ARM64_SAVED = Set.of("x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26",
            "x27", "x28", "fp");

    private final BreakpadSymbolFile symbols;
    private final long base;
    private final LongPredicate isCode;
    private final StackWinIndex frameData;
    private final StackWinIndex fpo;
    /** Caller (esp, eip) → parameter size of the frame unwound into it: the next frame's .cbCalleeParams. */
    private final Map<List<Long>, Long> calleeParams = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Long>, Long> eldest) {
            return size() > CALLEE_MEMO;
        }
    };

    /**
     * @param symbols the module's symbol file
     * @param base    the module's load address (symbol-file addresses are relative to it)
     * @param isCode  whether an address lies in loaded code (a module), for the STACK WIN return-address search
     */
    public BreakpadCfiUnwinder(BreakpadSymbolFile symbols, long base, LongPredicate isCode) {
        this.symbols = symbols;
        this.base = base;
        this.isCode = isCode;
        this.frameData = new StackWinIndex(symbols.stackWin(), StackWinRecord.TYPE_FRAME_DATA);
        this.fpo = new StackWinIndex(symbols.stackWin(), StackWinRecord.TYPE_FPO);
    }

    /** Whether the file has a STACK CFI or STACK WIN record for {@code address}. */
    public boolean covers(long address) {
        long rva = address - base;
        return symbols.cfiAt(rva).isPresent() || frameData.at(rva) != null || fpo.at(rva) != null;
    }

    @Override
    public Optional<CpuContext> unwind(StackFrame frame, CpuContext registers, MemoryReader memory) {
        long rva = frame.lookupAddress() - base;
        Architecture arch = registers.architecture();
        if (arch == Architecture.X86) {
            StackWinRecord win = frameData.at(rva);
            if (win == null) {
                win = fpo.at(rva);
            }
            if (win != null) {
                Optional<CpuContext> r = stackWin(win, registers, memory);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        Optional<CfiRecord> cfi = symbols.cfiAt(rva);
        if (cfi.isEmpty() || (arch != Architecture.X86 && arch != Architecture.AMD64 && arch != Architecture.ARM64)) {
            return Optional.empty();
        }
        return cfi(cfi.get().rulesAt(rva), registers, memory);
    }

    // ---------------------------------------------------------------------------------------------------------
    // STACK CFI

    /** Applies CFI rules (register → postfix expression) to the callee's registers. */
    static Optional<CpuContext> cfi(Map<String, String> rules, CpuContext registers, MemoryReader memory) {
        Architecture arch = registers.architecture();
        PostfixEvaluator eval = new PostfixEvaluator(memory, arch.pointerSize());
        Map<String, Long> names = new HashMap<>();
        registers.registers().forEach((name, value) -> {
            long v = arch.truncate(value);
            names.put(name, v);
            names.put("$" + name, v);
        });
        if (arch == Architecture.ARM64) {
            alias(names, "fp", "x29");
            alias(names, "lr", "x30");
        }
        String cfaRule = rules.get(".cfa");
        String raRule = rules.get(".ra");
        if (cfaRule == null || raRule == null) {
            return Optional.empty();
        }
        OptionalLong cfa = eval.evaluate(cfaRule, names);
        if (cfa.isEmpty()) {
            return Optional.empty();
        }
        names.put(".cfa", cfa.getAsLong());
        OptionalLong ra = eval.evaluate(raRule, names);
        if (ra.isEmpty()) {
            return Optional.empty();
        }
        Set<String> saved = switch (arch) {
            case X86 -> X86_SAVED;
            case AMD64 -> AMD64_SAVED;
            default -> ARM64_SAVED;
        };
        Map<String, Long> caller = new LinkedHashMap<>();
        registers.registers().forEach((name, value) -> {
            if (saved.contains(name)) {
                caller.put(name, value);
            }
        });
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            String name = rule.getKey();
            if (name.equals(".cfa") || name.equals(".ra")) {
                continue;
            }
            OptionalLong v = eval.evaluate(rule.getValue(), names);
            String canonical = canonical(name, arch);
            if (v.isPresent()) {
                caller.put(canonical, v.getAsLong());
            } else {
                caller.remove(canonical); // a rule we cannot evaluate: the value is unknown, not unchanged
            }
        }
        String pc = switch (arch) {
            case X86 -> "eip";
            case AMD64 -> "rip";
            default -> "pc";
        };
        String sp = switch (arch) {
            case X86 -> "esp";
            case AMD64 -> "rsp";
            default -> "sp";
        };
        caller.put(pc, ra.getAsLong());
        caller.put(sp, cfa.getAsLong());
        return Optional.of(new CpuContext(arch, 0, caller));
    }

    private static void alias(Map<String, Long> names, String name, String alias) {
        Long v = names.get(name);
        if (v != null) {
            names.put(alias, v);
            names.put("$" + alias, v);
        }
    }

    /** {@code $rbx} → {@code rbx}; on ARM64 {@code x29} → {@code fp}, {@code x30} → {@code lr}. */
    static String canonical(String name, Architecture arch) {
        String n = name.startsWith("$") ? name.substring(1) : name;
        if (arch == Architecture.ARM64) {
            if (n.equals("x29")) {
                return "fp";
            }
            if (n.equals("x30")) {
                return "lr";
            }
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------------------
    // STACK WIN

    private Optional<CpuContext> stackWin(StackWinRecord info, CpuContext registers, MemoryReader memory) {
        long esp = registers.stackPointer() & 0xFFFF_FFFFL;
        long ebp = registers.framePointer() & 0xFFFF_FFFFL;
        long eip = registers.instructionPointer() & 0xFFFF_FFFFL;
        long callee;
        synchronized (calleeParams) {
            callee = calleeParams.getOrDefault(List.of(esp, eip), 0L);
        }
        Map<String, Long> names = new HashMap<>();
        names.put("$ebp", ebp);
        names.put("$esp", esp);
        names.put("$eip", eip);
        for (String r : new String[] {"ebx", "esi", "edi"}) {
            registers.get(r).ifPresent(v -> names.put("$" + r, v & 0xFFFF_FFFFL));
        }
        names.put(".cbCalleeParams", callee);
        names.put(".cbSavedRegs", info.savedRegisterSize());
        names.put(".cbLocals", info.localSize());
        names.put(".cbParams", info.parameterSize());
        long raSearchStart = (esp + callee + info.localSize() + info.savedRegisterSize()) & 0xFFFF_FFFFL;
        for (int i = 0; i <= RA_ALIGN_WORDS; i++) {
            long slot = raSearchStart + 4L * i;
            Optional<Long> word = memory.readU32(slot);
            if (word.isPresent() && isCode.test(word.get())) {
                raSearchStart = slot;
                break;
            }
        }
        names.put(".raSearchStart", raSearchStart);
        names.put(".raSearch", raSearchStart);

        Set<String> assigned = new HashSet<>();
        boolean searchable;
        if (info.hasProgramString()) {
            PostfixEvaluator eval = new PostfixEvaluator(memory, 4);
            if (!eval.run(info.programString(), names, assigned)
                    || !assigned.contains("$eip") || !assigned.contains("$esp")) {
                return Optional.empty(); // failed, or did not say where the caller is
            }
            searchable = info.programString().contains(".raSearch");
        } else {
            searchable = true;
            Optional<Long> ret = memory.readU32(raSearchStart);
            if (ret.isEmpty()) {
                return Optional.empty();
            }
            names.put("$eip", ret.get());
            names.put("$esp", raSearchStart + 4);
            if (info.allocatesBasePointer()) {
                Optional<Long> savedEbp = memory.readU32((esp + callee + info.savedRegisterSize() - 8) & 0xFFFF_FFFFL);
                if (savedEbp.isEmpty()) {
                    return Optional.empty();
                }
                names.put("$ebp", savedEbp.get());
            }
        }
        Long newEip = names.get("$eip");
        Long newEsp = names.get("$esp");
        if (newEip != 0 && !isCode.test(newEip) && searchable) {
            long found = -1;
            for (int i = 0; i < RA_SEARCH_WORDS; i++) {
                long slot = raSearchStart + 4L * i;
                Optional<Long> word = memory.readU32(slot);
                if (word.isEmpty()) {
                    break;
                }
                if (isCode.test(word.get())) {
                    found = slot;
                    newEip = word.get();
                    break;
                }
            }
            if (found < 0) {
                return Optional.empty();
            }
            newEsp = found + 4;
        }
        Map<String, Long> caller = new LinkedHashMap<>();
        caller.put("eip", newEip & 0xFFFF_FFFFL);
        caller.put("esp", newEsp & 0xFFFF_FFFFL);
        caller.put("ebp", names.get("$ebp") & 0xFFFF_FFFFL);
        for (String r : new String[] {"ebx", "esi", "edi"}) {
            Long v = names.get("$" + r);
            if (v != null && assigned.contains("$" + r)) {
                caller.put(r, v & 0xFFFF_FFFFL); // the program recovered it
            }
        }
        synchronized (calleeParams) {
            calleeParams.put(List.of(caller.get("esp"), caller.get("eip")), info.parameterSize());
        }
        return Optional.of(new CpuContext(Architecture.X86, 0, caller));
    }

    /**
     * STACK WIN records of one type sorted by start; a lookup takes the covering record that starts closest below
     * the address (the innermost of nested ranges).
     */
    private static final class StackWinIndex {
        private static final int MAX_BACKTRACK = 64;
        private final List<StackWinRecord> records;
        private final long[] starts;

        StackWinIndex(List<StackWinRecord> all, int type) {
            List<StackWinRecord> list = new ArrayList<>();
            for (StackWinRecord r : all) {
                if (r.type() == type) {
                    list.add(r);
                }
            }
            list.sort(Comparator.comparingLong(StackWinRecord::rva));
            this.records = List.copyOf(list);
            this.starts = records.stream().mapToLong(StackWinRecord::rva).toArray();
        }

        StackWinRecord at(long rva) {
            int i = Arrays.binarySearch(starts, rva);
            if (i < 0) {
                i = -i - 2;
            } else {
                while (i + 1 < starts.length && starts[i + 1] == rva) {
                    i++;
                }
            }
            for (int k = 0; i >= 0 && k < MAX_BACKTRACK; i--, k++) {
                StackWinRecord r = records.get(i);
                if (r.covers(rva)) {
                    return r;
                }
            }
            for (; i >= 0; i--) { // a record covering a long run of small ones: keep looking, linearly
                if (records.get(i).covers(rva)) {
                    return records.get(i);
                }
            }
            return null;
        }
    }
}
