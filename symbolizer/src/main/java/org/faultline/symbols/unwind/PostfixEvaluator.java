package org.faultline.symbols.unwind;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.faultline.dump.MemoryReader;

/**
 * Evaluates the postfix language of Breakpad symbol files: STACK CFI rule expressions
 * ({@code .cfa 8 - ^}) and STACK WIN program strings ({@code $T0 $ebp = $eip $T0 4 + ^ =}).
 *
 * <p>Tokens are separated by white space. A token is a binary operator ({@code + - * / %}, {@code @} "align
 * down": {@code a b @} is {@code a & -b}), the unary dereference {@code ^} (reads one word of the target's
 * memory), the assignment {@code =} (in programs: {@code $name value =}), a decimal constant (optionally
 * negative; {@code 0x} hexadecimal is accepted too), or a name: a register ({@code $rsp}, {@code rsp},
 * {@code x29}), a temporary ({@code $T0}) or a constant the caller defines ({@code .cfa}, {@code .cbSavedRegs}).
 * Arithmetic is unsigned in the target's word size (32-bit for x86, so {@code -8} is {@code 0xFFFFFFF8}).
 *
 * <p>An evaluator is not safe for concurrent use; make one per evaluation.
 *
 * <p>Bounded: at most {@value #MAX_TOKENS} tokens and a stack of {@value #MAX_DEPTH}; division by zero, an
 * unknown name, unreadable memory or a malformed expression make the evaluation fail, never throw.
 */
final class PostfixEvaluator {
    static final int MAX_TOKENS = 512;
    static final int MAX_DEPTH = 64;

    private final MemoryReader memory;
    private final int wordSize;
    private final long mask;
    private Set<String> assigned;

    PostfixEvaluator(MemoryReader memory, int wordSize) {
        this.memory = memory;
        this.wordSize = wordSize;
        this.mask = wordSize == 4 ? 0xFFFF_FFFFL : -1L;
    }

    /**
     * The value of one expression (a CFI rule): exactly one value must remain. Names are read from
     * {@code names}, and nothing is assigned.
     */
    OptionalLong evaluate(String expression, Map<String, Long> names) {
        Object[] stack = new Object[MAX_DEPTH];
        int depth = execute(expression, names, stack, false);
        if (depth != 1) {
            return OptionalLong.empty();
        }
        Optional<Long> v = value(stack[0], names);
        return v.isPresent() ? OptionalLong.of(v.get()) : OptionalLong.empty();
    }

    /**
     * Runs a program (a STACK WIN program string): its assignments are written into {@code names} and their
     * names added to {@code assigned}, and the stack must end empty. False (with {@code names} possibly partly
     * updated) when the program fails.
     */
    boolean run(String program, Map<String, Long> names, Set<String> assigned) {
        Object[] stack = new Object[MAX_DEPTH];
        this.assigned = assigned;
        try {
            return execute(program, names, stack, true) == 0;
        } finally {
            this.assigned = null;
        }
    }

    /** {@link #run(String, Map, Set)} without collecting the assigned names. */
    boolean run(String program, Map<String, Long> names) {
        return run(program, names, new HashSet<>());
    }

    /** Executes the tokens; the final depth, or -1 on failure. */
    private int execute(String text, Map<String, Long> names, Object[] stack, boolean assignments) {
        int depth = 0;
        int tokens = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            if (++tokens > MAX_TOKENS) {
                return -1;
            }
            String token = text.substring(start, i);
            if (token.length() == 1 && "+-*/%@".indexOf(token.charAt(0)) >= 0) {
                if (depth < 2) {
                    return -1;
                }
                Optional<Long> b = value(stack[--depth], names);
                Optional<Long> a = value(stack[--depth], names);
                if (a.isEmpty() || b.isEmpty()) {
                    return -1;
                }
                Long r = binary(token.charAt(0), a.get(), b.get());
                if (r == null) {
                    return -1;
                }
                stack[depth++] = r & mask;
            } else if (token.equals("^")) {
                if (depth < 1) {
                    return -1;
                }
                Optional<Long> address = value(stack[--depth], names);
                if (address.isEmpty()) {
                    return -1;
                }
                Optional<Long> word = wordSize == 4 ? memory.readU32(address.get()) : memory.readU64(address.get());
                if (word.isEmpty()) {
                    return -1;
                }
                stack[depth++] = word.get() & mask;
            } else if (token.equals("=")) {
                if (!assignments || depth < 2) {
                    return -1;
                }
                Optional<Long> v = value(stack[--depth], names);
                Object target = stack[--depth];
                if (v.isEmpty() || !(target instanceof String name) || !name.startsWith("$")) {
                    return -1;
                }
                names.put(name, v.get());
                if (assigned != null) {
                    assigned.add(name);
                }
            } else {
                if (depth >= MAX_DEPTH) {
                    return -1;
                }
                OptionalLong constant = constant(token);
                stack[depth++] = constant.isPresent() ? (Object) (constant.getAsLong() & mask) : token;
            }
        }
        return depth;
    }

    private Long binary(char op, long a, long b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            case '/' -> b == 0 ? null : Long.divideUnsigned(a, b);
            case '%' -> b == 0 ? null : Long.remainderUnsigned(a, b);
            case '@' -> b == 0 ? null : a & -b;
            default -> null;
        };
    }

    private static Optional<Long> value(Object entry, Map<String, Long> names) {
        if (entry instanceof Long v) {
            return Optional.of(v);
        }
        return Optional.ofNullable(names.get((String) entry));
    }

    /** A decimal (optionally negative) or {@code 0x} hexadecimal constant. */
    static OptionalLong constant(String token) {
        int i = 0;
        boolean negative = false;
        if (token.charAt(0) == '-') {
            if (token.length() == 1) {
                return OptionalLong.empty();
            }
            negative = true;
            i = 1;
        }
        int radix = 10;
        if (token.startsWith("0x", i) || token.startsWith("0X", i)) {
            radix = 16;
            i += 2;
        }
        if (i >= token.length() || token.length() - i > (radix == 16 ? 16 : 19)) {
            return OptionalLong.empty();
        }
        long v = 0;
        for (; i < token.length(); i++) {
            int d = Character.digit(token.charAt(i), radix);
            if (d < 0) {
                return OptionalLong.empty();
            }
            v = v * radix + d;
        }
        return OptionalLong.of(negative ? -v : v);
    }
}
