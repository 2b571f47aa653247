package org.faultline.triage.report;

/**
 * Escaping for text that comes from a dump (module names, paths, comments are attacker-controlled): for the
 * terminal, control characters, bidirectional overrides and other invisible format characters become
 * {@code \\uXXXX}; for HTML and Markdown, markup characters are escaped on top of that.
 */
public final class Safe {
    private Safe() {
    }

    /** Safe for a terminal or a plain-text ticket. */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** Safe inside HTML element content and attribute values. */
    public static String html(String s) {
        String t = text(s);
        StringBuilder out = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Safe in Markdown text (markup characters escaped, HTML neutralised). */
    public static String markdown(String s) {
        String t = text(s);
        StringBuilder out = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            if ("\\`*_{}[]()#+-.!|<>&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Safe inside a Markdown code span (backticks cannot close it). */
    public static String code(String s) {
        return "`" + text(s).replace("`", "'") + "`";
    }
}
