package org.faultline.symbols.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The relative paths at which a symbol store may hold a key ({@code symbols.md} §6). For
 * {@code name/INDEX/file}, in this order:
 * <ol>
 *   <li>{@link Form#PLAIN}: {@code name/INDEX/file};</li>
 *   <li>{@link Form#COMPRESSED}: {@code name/INDEX/fil_} — a Microsoft Cabinet holding the file (the last
 *       character of the file name replaced by {@code _});</li>
 *   <li>{@link Form#FILE_PTR}: {@code name/INDEX/file.ptr} — a text file naming where the file is.</li>
 * </ol>
 * A store whose root holds {@code index2.txt} has one more directory level, the first two characters of the
 * name ({@code cr/crash.pdb/INDEX/crash.pdb}). Local stores on case-sensitive file systems are also tried with
 * the index in upper and lower case and with a lower-case name ({@code amdppm.sys/c9c030003b000/}); servers
 * are asked in the canonical case only, since they compare case-insensitively.
 */
public final class SymbolStoreLayout {

    /** The three forms a key can take in a store. */
    public enum Form { PLAIN, COMPRESSED, FILE_PTR }

    /** One relative path to try. */
    public record Candidate(List<String> components, Form form) {
        public Candidate {
            components = List.copyOf(components);
        }

        /** The components joined with {@code /}, as in a URL or a message. */
        public String path() {
            return String.join("/", components);
        }
    }

    /** The pointer file's name. */
    public static final String FILE_PTR = "file.ptr";
    /** The marker of a three-level ("index2") store. */
    public static final String INDEX2_MARKER = "index2.txt";

    private SymbolStoreLayout() {
    }

    /** {@code file} with its last character replaced by {@code _} ({@code x.pdb -> x.pd_}). */
    public static String compressedName(String file) {
        return file.substring(0, file.length() - 1) + "_";
    }

    /** The first two characters of a name: the extra directory of an index2 store. */
    public static String index2Prefix(String name) {
        int end = Math.min(2, name.length());
        if (end == 2 && Character.isHighSurrogate(name.charAt(1)) && name.length() > 2) {
            end = 3;
        }
        return name.substring(0, end);
    }

    /** What to ask a server for, in order: plain, compressed, {@code file.ptr}; canonical case, two levels. */
    public static List<Candidate> serverCandidates(SymbolKey key) {
        List<Candidate> out = new ArrayList<>();
        for (Form form : Form.values()) {
            Candidate c = candidate(List.of(), key.name(), key.index(), key.fileName(), form);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * What to look for in a local store, in order: every case variant and layout of the plain file, then of
     * the compressed file, then of {@code file.ptr}.
     *
     * @param index2 whether the store root holds {@code index2.txt} (then the three-level layout is tried
     *               first, the two-level one after it)
     * @param forms  which forms to include
     */
    public static List<Candidate> localCandidates(SymbolKey key, boolean index2, Set<Form> forms) {
        List<Candidate> out = new ArrayList<>();
        for (Form form : Form.values()) {
            if (!forms.contains(form)) {
                continue;
            }
            for (String[] v : caseVariants(key)) {
                if (index2) {
                    String prefix = index2Prefix(v[0]);
                    if (isSafeComponent(prefix)) {
                        add(out, candidate(List.of(prefix), v[0], v[1], v[2], form));
                    }
                }
                add(out, candidate(List.of(), v[0], v[1], v[2], form));
            }
        }
        return out;
    }

    /** The flat places a plain folder may hold the file: {@code file}, {@code ext/file}, {@code symbols/ext/file}. */
    public static List<Candidate> flatCandidates(SymbolKey key) {
        List<Candidate> out = new ArrayList<>();
        String file = key.fileName();
        add(out, new Candidate(List.of(file), Form.PLAIN));
        int dot = key.name().lastIndexOf('.');
        if (dot > 0 && dot < key.name().length() - 1) {
            String ext = key.name().substring(dot + 1).toLowerCase(Locale.ROOT);
            if (isSafeComponent(ext)) {
                add(out, new Candidate(List.of(ext, file), Form.PLAIN));
                add(out, new Candidate(List.of("symbols", ext, file), Form.PLAIN));
            }
        }
        return out;
    }

    private static void add(List<Candidate> out, Candidate c) {
        if (c != null && !out.contains(c)) {
            out.add(c);
        }
    }

    private static Candidate candidate(List<String> prefix, String name, String index, String file, Form form) {
        String last = switch (form) {
            case PLAIN -> file;
            case COMPRESSED -> file.endsWith("_") ? null : compressedName(file);
            case FILE_PTR -> FILE_PTR;
        };
        if (last == null) {
            return null;
        }
        List<String> parts = new ArrayList<>(prefix);
        parts.add(name);
        parts.add(index);
        parts.add(last);
        return new Candidate(parts, form);
    }

    /** {name, index, file} triples: as given, index upper/lower, then the lower-case name. */
    static List<String[]> caseVariants(SymbolKey key) {
        Set<List<String>> seen = new LinkedHashSet<>();
        String n = key.name();
        String f = key.fileName();
        String i = key.index();
        String nl = n.toLowerCase(Locale.ROOT);
        String fl = f.toLowerCase(Locale.ROOT);
        for (String[] names : new String[][] {{n, f}, {nl, fl}}) {
            for (String idx : new String[] {i, i.toUpperCase(Locale.ROOT), i.toLowerCase(Locale.ROOT)}) {
                seen.add(List.of(names[0], idx, names[1]));
            }
        }
        List<String[]> out = new ArrayList<>();
        for (List<String> v : seen) {
            out.add(v.toArray(new String[0]));
        }
        return out;
    }

    private static boolean isSafeComponent(String s) {
        try {
            SymbolNames.component(s);
            return true;
        } catch (UnsafeNameException e) {
            return false;
        }
    }
}
