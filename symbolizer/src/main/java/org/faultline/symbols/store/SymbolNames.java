package org.faultline.symbols.store;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a name from a dump (module name, PDB path, Breakpad debug file) into one safe file-name component,
 * and checks index strings. The rules are the same on every platform, so a store written on Linux is safe
 * to copy to Windows:
 * <ul>
 *   <li>the name is <b>reduced</b> to its last path component, splitting at both {@code /} and {@code \}
 *       ({@code C:\build\x.pdb}, {@code ..\..\x.pdb}, {@code \\server\share\x.pdb} and {@code /tmp/x.pdb}
 *       all become {@code x.pdb});</li>
 *   <li>it is then <b>refused</b> when empty, {@code .} or {@code ..}; when it holds NUL or another control
 *       character, or one of {@code < > : " | ? *}; when it starts or ends with a space, or ends with a dot;
 *       when its part before the first dot is a Windows device name ({@code CON}, {@code PRN},
 *       {@code AUX}, {@code NUL}, {@code COM0}-{@code COM9}, {@code LPT0}-{@code LPT9}, {@code CONIN$},
 *       {@code CONOUT$}, {@code CLOCK$}, also with superscript digits), in any case; or when it is longer
 *       than {@value #MAX_CHARS} characters or {@value #MAX_UTF8_BYTES} UTF-8 bytes.</li>
 * </ul>
 */
public final class SymbolNames {
    /** Longest accepted name in UTF-16 units. */
    public static final int MAX_CHARS = 200;
    /** Longest accepted name in UTF-8 bytes (most file systems stop at 255). */
    public static final int MAX_UTF8_BYTES = 240;
    /** Longest accepted index (GUID + age is 33 to 40 hex digits). */
    public static final int MAX_INDEX = 48;

    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$");

    private SymbolNames() {
    }

    /**
     * The last path component of {@code raw}, validated.
     *
     * @throws UnsafeNameException with the reason when the component is not acceptable
     */
    public static String fileName(String raw) throws UnsafeNameException {
        if (raw == null) {
            throw new UnsafeNameException("", "no name");
        }
        int cut = Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\'));
        String name = raw.substring(cut + 1);
        checkComponent(raw, name);
        return name;
    }

    /**
     * Checks that {@code component} is already a single safe component (no reduction).
     *
     * @throws UnsafeNameException when it is not
     */
    public static String component(String component) throws UnsafeNameException {
        if (component == null) {
            throw new UnsafeNameException("", "no name");
        }
        if (component.indexOf('/') >= 0 || component.indexOf('\\') >= 0) {
            throw new UnsafeNameException(component, "contains a path separator");
        }
        checkComponent(component, component);
        return component;
    }

    private static void checkComponent(String raw, String name) throws UnsafeNameException {
        if (name.isEmpty()) {
            throw new UnsafeNameException(raw, "empty file name");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new UnsafeNameException(raw, "'" + name + "' is not a file name");
        }
        if (name.length() > MAX_CHARS || name.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            throw new UnsafeNameException(raw, "longer than " + MAX_CHARS + " characters or "
                    + MAX_UTF8_BYTES + " UTF-8 bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                throw new UnsafeNameException(raw, "contains a NUL character");
            }
            if (Character.getType(c) == Character.CONTROL) {
                throw new UnsafeNameException(raw, "contains control character U+" + hex4(c));
            }
            if ("<>:\"|?*".indexOf(c) >= 0) {
                throw new UnsafeNameException(raw, "contains '" + c + "'");
            }
            if (Character.isSurrogate(c) && !validSurrogateAt(name, i)) {
                throw new UnsafeNameException(raw, "contains an unpaired surrogate");
            }
        }
        if (Character.isWhitespace(name.charAt(0)) || Character.isWhitespace(name.charAt(name.length() - 1))) {
            throw new UnsafeNameException(raw, "starts or ends with a space");
        }
        if (name.endsWith(".")) {
            throw new UnsafeNameException(raw, "ends with a dot");
        }
        if (isDeviceName(name)) {
            throw new UnsafeNameException(raw, "reserved device name");
        }
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** True when Windows would open a device for this name (the part before the first dot, any case). */
    public static boolean isDeviceName(String name) {
        int dot = name.indexOf('.');
        String base = (dot >= 0 ? name.substring(0, dot) : name).stripTrailing().toUpperCase(Locale.ROOT);
        if (DEVICES.contains(base)) {
            return true;
        }
        if (base.length() == 4 && (base.startsWith("COM") || base.startsWith("LPT"))) {
            char d = base.charAt(3);
            return (d >= '0' && d <= '9') || d == '\u00B9' || d == '\u00B2' || d == '\u00B3';
        }
        return false;
    }

    /**
     * Checks an index (the directory between the two names): hex digits only, 1 to {@value #MAX_INDEX} of
     * them.
     *
     * @throws UnsafeNameException when it is not
     */
    public static String index(String index) throws UnsafeNameException {
        if (index == null || index.isEmpty()) {
            throw new UnsafeNameException(index == null ? "" : index, "empty index");
        }
        if (index.length() > MAX_INDEX) {
            throw new UnsafeNameException(index, "index longer than " + MAX_INDEX + " hex digits");
        }
        for (int i = 0; i < index.length(); i++) {
            char c = index.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'))) {
                throw new UnsafeNameException(index, "index is not hexadecimal");
            }
        }
        return index;
    }

    /** {@code s} quoted for messages, with control and non-ASCII-printable characters escaped. */
    public static String display(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        int n = Math.min(s.length(), 120);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.getType(c) == Character.CONTROL) {
                b.append("\\u").append(hex4(c));
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        if (s.length() > n) {
            b.append("...(").append(s.length()).append(" chars)");
        }
        return b.append('"').toString();
    }

    private static String hex4(char c) {
        return String.format("%04X", (int) c);
    }
}
