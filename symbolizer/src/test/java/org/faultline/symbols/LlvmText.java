package org.faultline.symbols;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader for llvm-readobj's indented text output: blocks opened by {@code Name {} or {@code Name [} (optionally
 * {@code Name [ (0x22)}) and closed by {@code }} or {@code ]}, holding {@code Key: Value} fields and raw lines.
 * It only reads the oracle's presentation; it knows nothing about PE.
 */
public final class LlvmText {

    /** One block: its name, the value in parentheses after the opener, fields, raw lines, children. */
    public static final class Block {
        public final String name;
        public final String attribute;
        public final Map<String, String> fields = new LinkedHashMap<>();
        public final List<String> lines = new ArrayList<>();
        public final List<Block> children = new ArrayList<>();

        Block(String name, String attribute) {
            this.name = name;
            this.attribute = attribute;
        }

        public String field(String key) {
            return fields.get(key);
        }

        /** The number in the last {@code (0x…)} of a field, or the field parsed as a number. */
        public long number(String key) {
            return LlvmText.number(fields.get(key));
        }

        public List<Block> all(String childName) {
            return children.stream().filter(b -> b.name.equals(childName)).toList();
        }

        public Block first(String childName) {
            return children.stream().filter(b -> b.name.equals(childName)).findFirst().orElse(null);
        }

        /** Every descendant block with this name, depth first. */
        public List<Block> find(String blockName) {
            List<Block> out = new ArrayList<>();
            for (Block c : children) {
                if (c.name.equals(blockName)) {
                    out.add(c);
                }
                out.addAll(c.find(blockName));
            }
            return out;
        }
    }

    private static final Pattern OPEN = Pattern.compile("^(\\S[^:]*?) ([\\[{])(?: \\((0x[0-9A-Fa-f]+)\\))?$");
    private static final Pattern FIELD = Pattern.compile("^([^:]+): ?(.*)$");
    private static final Pattern HEX_IN_PARENS = Pattern.compile("\\((0x[0-9A-Fa-f]+)\\)");

    private LlvmText() {
    }

    /** Parses the text; the returned root holds the top-level blocks and fields. */
    public static Block parse(List<String> text) {
        Block root = new Block("", null);
        Deque<Block> stack = new ArrayDeque<>();
        stack.push(root);
        for (String raw : text) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if ((line.equals("}") || line.equals("]")) && stack.size() > 1) {
                stack.pop();
                continue;
            }
            Matcher open = OPEN.matcher(line);
            if (open.matches()) {
                Block b = new Block(open.group(1), open.group(3));
                stack.peek().children.add(b);
                stack.push(b);
                continue;
            }
            stack.peek().lines.add(line);
            Matcher f = FIELD.matcher(line);
            if (f.matches()) {
                stack.peek().fields.putIfAbsent(f.group(1).trim(), f.group(2).trim());
            }
        }
        return root;
    }

    /** The last {@code (0x…)} in a value, else the value as hex ({@code 0x…}) or decimal. */
    public static long number(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no such field");
        }
        Matcher m = HEX_IN_PARENS.matcher(value);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        String v = found != null ? found : value.trim();
        if (v.startsWith("0x") || v.startsWith("0X")) {
            return Long.parseUnsignedLong(v.substring(2), 16);
        }
        return Long.parseLong(v);
    }
}
