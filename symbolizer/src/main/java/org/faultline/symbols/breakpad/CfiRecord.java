package org.faultline.symbols.breakpad;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code STACK CFI INIT <address> <size> <rules>} and the {@code STACK CFI <address> <rules>} delta rows that
 * follow it. Rules stay text for the unwinder: {@code .cfa: $rsp 8 + .ra: .cfa 8 - ^}.
 */
public record CfiRecord(long address, long size, String rules, List<Delta> deltas) {

    /** One {@code STACK CFI <address> <rules>} row: rules that change from {@code address} on. */
    public record Delta(long address, String rules) {
    }

    public CfiRecord {
        deltas = List.copyOf(deltas);
    }

    public boolean covers(long rva) {
        return rva >= address && rva - address < size;
    }

    /**
     * Splits a rule string into register → postfix expression: a token ending in {@code :} starts a register's
     * rule. {@code ".cfa: $rsp 8 + .ra: .cfa 8 - ^"} → {@code {.cfa=$rsp 8 +, .ra=.cfa 8 - ^}}.
     */
    public static Map<String, String> parseRules(String rules) {
        Map<String, String> out = new LinkedHashMap<>();
        String register = null;
        StringBuilder expr = new StringBuilder();
        int i = 0;
        int n = rules.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(rules.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(rules.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            String token = rules.substring(start, i);
            if (token.endsWith(":") && token.length() > 1) {
                if (register != null) {
                    out.put(register, expr.toString());
                }
                register = token.substring(0, token.length() - 1);
                expr.setLength(0);
            } else if (register != null) {
                if (expr.length() > 0) {
                    expr.append(' ');
                }
                expr.append(token);
            }
        }
        if (register != null) {
            out.put(register, expr.toString());
        }
        return out;
    }

    /** The rules in force at {@code rva}: the INIT rules overridden by every delta at or below it. */
    public Map<String, String> rulesAt(long rva) {
        Map<String, String> out = parseRules(rules);
        for (Delta d : deltas) {
            if (d.address() <= rva) {
                out.putAll(parseRules(d.rules()));
            }
        }
        return out;
    }
}
