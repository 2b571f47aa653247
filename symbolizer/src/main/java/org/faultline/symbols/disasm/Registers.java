package org.faultline.symbols.disasm;

import java.util.Map;
import java.util.OptionalLong;
import org.faultline.dump.Architecture;
import org.faultline.dump.CpuContext;

/** Register names: which full register a name is part of, and its value in a {@link CpuContext}. */
public final class Registers {
    private Registers() {
    }

    private static final String[] GPR64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"};
    private static final Map<String, String> X86_PARTS = x86Parts();

    private static Map<String, String> x86Parts() {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        String[] r32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
        String[] r16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
        String[] r8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"};
        String[] r8h = {"ah", "ch", "dh", "bh"};
        for (int i = 0; i < 8; i++) {
            m.put(GPR64[i], GPR64[i]);
            m.put(r32[i], GPR64[i]);
            m.put(r16[i], GPR64[i]);
            m.put(r8[i], GPR64[i]);
        }
        for (int i = 0; i < 4; i++) {
            m.put(r8h[i], GPR64[i]);
        }
        for (int i = 8; i < 16; i++) {
            String r = "r" + i;
            for (String s : new String[] {"", "d", "w", "b"}) {
                m.put(r + s, r);
            }
        }
        m.put("eip", "rip");
        m.put("ip", "rip");
        return Map.copyOf(m);
    }

    /**
     * The full register {@code name} belongs to: x86 {@code r8d}, {@code r8w}, {@code r8b} → {@code r8},
     * {@code eax}/{@code ax}/{@code al}/{@code ah} → {@code rax}; ARM64 {@code w3} → {@code x3},
     * {@code x29} → {@code fp}, {@code x30} → {@code lr}, {@code wsp} → {@code sp}. Other names stay.
     */
    public static String canonical(Architecture architecture, String name) {
        if (architecture == Architecture.ARM64) {
            if (name.equals("wsp")) {
                return "sp";
            }
            if (name.length() >= 2 && (name.charAt(0) == 'w' || name.charAt(0) == 'x')
                    && Character.isDigit(name.charAt(1))) {
                String n = name.substring(1);
                return switch (n) {
                    case "29" -> "fp";
                    case "30" -> "lr";
                    default -> "x" + n;
                };
            }
            return name;
        }
        return X86_PARTS.getOrDefault(name, name);
    }

    /** The mask a memory address built from register {@code name} is truncated to. */
    static long addressMask(Architecture architecture, String name, long otherwise) {
        if (architecture == Architecture.ARM64) {
            return otherwise;
        }
        String full = X86_PARTS.get(name);
        if (full == null || name.equals(full) || name.equals("rip")) {
            return otherwise;
        }
        if (name.startsWith("e") || name.endsWith("d")) {
            return 0xFFFF_FFFFL;
        }
        return 0xFFFFL;
    }

    /** The value of register {@code name} (any width) in {@code context}, if the context has it. */
    public static OptionalLong value(Architecture architecture, String name, CpuContext context) {
        if (architecture == Architecture.ARM64) {
            String full = canonical(architecture, name);
            OptionalLong v = context.get(full);
            if (v.isEmpty() && full.equals("fp")) {
                v = context.get("x29");
            } else if (v.isEmpty() && full.equals("lr")) {
                v = context.get("x30");
            }
            if (v.isPresent() && name.startsWith("w")) {
                return OptionalLong.of(v.getAsLong() & 0xFFFF_FFFFL);
            }
            return v;
        }
        String full = X86_PARTS.get(name);
        if (full == null) {
            return context.get(name);
        }
        OptionalLong v = context.get(full);
        if (v.isEmpty()) {
            // A 32-bit context names eax…; a 64-bit name asked of it is read through the 32-bit one.
            int i = java.util.Arrays.asList(GPR64).indexOf(full);
            if (i >= 0) {
                v = context.get("e" + full.substring(1));
            } else if (full.equals("rip")) {
                v = context.get("eip");
            }
        }
        if (v.isEmpty()) {
            return v;
        }
        long x = v.getAsLong();
        if (name.equals(full)) {
            return OptionalLong.of(x);
        }
        if (name.equals("ah") || name.equals("ch") || name.equals("dh") || name.equals("bh")) {
            return OptionalLong.of(x >>> 8 & 0xFF);
        }
        if (name.endsWith("l") || name.endsWith("b")) {
            return OptionalLong.of(x & 0xFF);
        }
        if (name.startsWith("e") || name.endsWith("d")) {
            return OptionalLong.of(x & 0xFFFF_FFFFL);
        }
        return OptionalLong.of(x & 0xFFFF);
    }
}
