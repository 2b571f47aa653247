package org.faultline.symbols.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed {@code _NT_SYMBOL_PATH}: elements separated by {@code ;} (blank elements are skipped, spaces around
 * an element are trimmed). Each element is one of
 * <ul>
 *   <li>{@code srv*A*B*...} or {@code symsrv*symsrv.dll*A*B*...}: a SymSrv chain ({@link Server}); stores
 *       left to right, {@code http://}/{@code https://} entries are servers, the others local stores; an
 *       empty store ({@code srv**url}) is the default downstream store;</li>
 *   <li>{@code cache*dir} or {@code cache*}: a cache for the elements that follow ({@link Cache});</li>
 *   <li>anything else without {@code *}: a plain folder ({@link Folder}).</li>
 * </ul>
 * Forms that cannot be used (an unknown {@code x*y}, another server DLL, a bare URL, a URL scheme other than
 * http/https) are kept as {@link Invalid} entries with a message, so a user sees what was ignored. Parsing
 * never touches the file system or the network; the environment is read only through
 * {@link #fromEnvironment}.
 */
public record SymbolPath(List<Element> elements) {

    /** The name of the main environment variable. */
    public static final String ENV = "_NT_SYMBOL_PATH";
    /** The alternate variable, searched after {@link #ENV} (as DbgHelp does). */
    public static final String ENV_ALT = "_NT_ALT_SYMBOL_PATH";

    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    public SymbolPath {
        elements = List.copyOf(elements);
    }

    /** One element of the path. */
    public sealed interface Element {
        /** The element as it would be written in a symbol path. */
        String text();
    }

    /** A plain folder, searched as a store and as a flat folder. */
    public record Folder(String path) implements Element {
        @Override
        public String text() {
            return path;
        }
    }

    /** {@code cache*dir}: files from the elements after it are cached in {@code dir} ("" = default). */
    public record Cache(String dir) implements Element {
        @Override
        public String text() {
            return "cache*" + dir;
        }

        public boolean isDefault() {
            return dir.isEmpty();
        }
    }

    /** A SymSrv chain; {@code stores} as written ("" = the default downstream store). */
    public record Server(List<String> stores) implements Element {
        public Server {
            stores = List.copyOf(stores);
        }

        @Override
        public String text() {
            return "srv*" + String.join("*", stores);
        }

        /** The local (non-URL) stores, in order; "" is the default downstream store. */
        public List<String> localStores() {
            return stores.stream().filter(s -> !isUrl(s)).toList();
        }

        /** The server URLs, in order. */
        public List<URI> urls() {
            return stores.stream().filter(SymbolPath::isUrl).map(URI::create).toList();
        }
    }

    /** An element that cannot be used, kept with the reason. */
    public record Invalid(String text, String message) implements Element {
    }

    /** The empty path. */
    public static SymbolPath empty() {
        return new SymbolPath(List.of());
    }

    /** Parses a symbol path string (null or blank gives the empty path). */
    public static SymbolPath parse(String text) {
        List<Element> out = new ArrayList<>();
        if (text != null) {
            for (String raw : text.split(";", -1)) {
                String e = raw.strip();
                if (!e.isEmpty()) {
                    out.add(element(e));
                }
            }
        }
        return new SymbolPath(out);
    }

    /**
     * The path from the environment: {@code _NT_SYMBOL_PATH} then {@code _NT_ALT_SYMBOL_PATH}. Only called when
     * the user asked for the environment to be used.
     */
    public static SymbolPath fromEnvironment(Map<String, String> env) {
        return parse(env.get(ENV)).concat(parse(env.get(ENV_ALT)));
    }

    /**
     * The path Faultline uses: the {@code --symbol-path} option first, then the app setting, then (when
     * {@code env} is not null, i.e. the user enabled it) the environment. Null or blank parts are skipped;
     * repeated elements are kept once.
     */
    public static SymbolPath effective(String option, String settings, Map<String, String> env) {
        SymbolPath p = parse(option).concat(parse(settings));
        return env == null ? p : p.concat(fromEnvironment(env));
    }

    /** This path followed by {@code other}, without repeating an element already present. */
    public SymbolPath concat(SymbolPath other) {
        List<Element> out = new ArrayList<>(elements);
        for (Element e : other.elements) {
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return new SymbolPath(out);
    }

    /** The elements that could not be used. */
    public List<Invalid> errors() {
        return elements.stream().filter(Invalid.class::isInstance).map(Invalid.class::cast).toList();
    }

    /** True when some element names an HTTP server (only then can a lookup use the network). */
    public boolean hasServers() {
        return elements.stream().anyMatch(e -> e instanceof Server s && !s.urls().isEmpty());
    }

    @Override
    public String toString() {
        return String.join(";", elements.stream().map(Element::text).toList());
    }

    private static Element element(String e) {
        String lower = e.toLowerCase(Locale.ROOT);
        if (lower.startsWith("srv*")) {
            return server(e, split(e.substring(4)));
        }
        if (lower.startsWith("symsrv*")) {
            List<String> parts = split(e.substring(7));
            String dll = parts.get(0);
            if (!dll.equalsIgnoreCase("symsrv.dll")) {
                return new Invalid(e, "unsupported symbol server DLL '" + dll + "' (only symsrv.dll is understood)");
            }
            return server(e, parts.subList(1, parts.size()));
        }
        if (lower.startsWith("cache*")) {
            String dir = e.substring(6).strip();
            if (dir.indexOf('*') >= 0) {
                return new Invalid(e, "cache* takes one folder");
            }
            if (isUrlLike(dir)) {
                return new Invalid(e, "cache* needs a local folder, not a URL");
            }
            return new Cache(dir);
        }
        if (e.indexOf('*') >= 0) {
            return new Invalid(e, "unknown form; expected srv*..., symsrv*symsrv.dll*..., cache*... or a folder");
        }
        if (isUrlLike(e)) {
            return new Invalid(e, "a server URL needs the srv* prefix, e.g. srv*<cache folder>*" + e);
        }
        return new Folder(e);
    }

    private static Element server(String text, List<String> stores) {
        if (stores.isEmpty() || stores.stream().allMatch(String::isEmpty)) {
            return new Invalid(text, "no store or server given");
        }
        for (String s : stores) {
            if (isUrlLike(s) && !isUrl(s)) {
                return new Invalid(text, "'" + s + "' is not an http:// or https:// URL with a host");
            }
        }
        return new Server(stores);
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split("\\*", -1)) {
            out.add(p.strip());
        }
        return out;
    }

    private static boolean isUrlLike(String s) {
        return URL.matcher(s).matches();
    }

    /** An http or https URL with a host and no query or fragment. */
    static boolean isUrl(String s) {
        if (!isUrlLike(s)) {
            return false;
        }
        try {
            URI u = new URI(s);
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null
                    && u.getRawQuery() == null && u.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
