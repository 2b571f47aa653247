package org.faultline.dump;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.faultline.dump.io.DumpFormatException;

/**
 * The lazily parsed parts of one dump and the diagnostics met while parsing them. A part is parsed on first
 * use and cached; a part that fails becomes an ERROR diagnostic and its fallback value, so the rest of the dump
 * still reads. Thread-safe.
 */
public final class ParsedParts {
    /** Parses one part; may meet bad bytes. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse() throws DumpFormatException;
    }

    private final Map<String, Object> cache = new HashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** The part named {@code key}, parsed on first use; {@code fallback} when parsing fails. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T lazy(String key, T fallback, Parser<T> parser) {
        if (cache.containsKey(key)) {
            return (T) cache.get(key);
        }
        T value;
        try {
            value = parser.parse();
        } catch (DumpFormatException e) {
            diagnostics.add(Diagnostic.of(Diagnostic.Severity.ERROR, e));
            value = fallback;
        }
        cache.put(key, value);
        return value;
    }

    /** Records a warning. */
    public synchronized void warn(String code, String structure, long offset, String message) {
        diagnostics.add(Diagnostic.warning(code, structure, offset, message));
    }

    /** Records a contained typed error as a warning (an entry skipped, a name unreadable). */
    public synchronized void note(DumpFormatException e) {
        diagnostics.add(Diagnostic.of(Diagnostic.Severity.WARNING, e));
    }

    /** Records a diagnostic found elsewhere (e.g. while opening). */
    public synchronized void add(Diagnostic d) {
        diagnostics.add(d);
    }

    /** The diagnostics so far. */
    public synchronized List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
