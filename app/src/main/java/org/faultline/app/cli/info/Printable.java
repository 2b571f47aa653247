package org.faultline.app.cli.info;

/**
 * Makes text from a dump safe for a terminal: control characters, bidirectional overrides and other
 * invisible format characters become {@code \\uXXXX}, so a hostile module name cannot rewrite the screen.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
