package org.faultline.symbols.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A symbol store's {@code file.ptr}: one line naming where the file really is. {@code PATH:<path>} (or a bare
 * path) points to a file; {@code MSG:<text>} says why there is none. The target comes from the store, so it
 * is treated as hostile: it must be an absolute path without control characters, must exist as a regular
 * file, and its real path must lie inside one of the allowed roots (the symbol path's local folders and
 * stores, and {@link StoreOptions#pointerRoots()}); anything else is refused.
 */
public final class FilePointer {
    /** Largest {@code file.ptr} read. */
    public static final int MAX_SIZE = 8192;

    /** What a {@code file.ptr} says. */
    public sealed interface Content {
        /** {@code PATH:} (or a bare path). */
        record Target(String path) implements Content {
        }

        /** {@code MSG:} — no file, with the store's explanation. */
        record Message(String text) implements Content {
        }
    }

    private FilePointer() {
    }

    /** Reads and parses a {@code file.ptr} of at most {@link #MAX_SIZE} bytes. */
    static Content read(Path file) throws IOException, UnsafeNameException {
        byte[] raw;
        try (InputStream in = Files.newInputStream(file)) {
            raw = in.readNBytes(MAX_SIZE + 1);
        }
        if (raw.length > MAX_SIZE) {
            throw new UnsafeNameException(file.toString(), "file.ptr is larger than " + MAX_SIZE + " bytes");
        }
        return parse(new String(raw, StandardCharsets.UTF_8));
    }

    /** Parses the text of a {@code file.ptr}: the first line, {@code PATH:} / {@code MSG:} prefix optional. */
    public static Content parse(String text) throws UnsafeNameException {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int nl = t.indexOf('\n');
        int cr = t.indexOf('\r');
        int end = nl < 0 ? cr : cr < 0 ? nl : Math.min(nl, cr);
        String line = (end < 0 ? t : t.substring(0, end)).strip();
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("MSG:")) {
            return new Content.Message(line.substring(4).strip());
        }
        String path = upper.startsWith("PATH:") ? line.substring(5).strip() : line;
        if (path.isEmpty()) {
            throw new UnsafeNameException(text, "file.ptr names no path");
        }
        return new Content.Target(path);
    }

    /**
     * The real path of a pointer target that is allowed.
     *
     * @throws UnsafeNameException when the target is not an absolute, clean path inside an allowed root
     * @throws NoSuchFileException when it is allowed but does not exist
     */
    public static Path resolve(String target, List<Path> allowedRoots) throws UnsafeNameException, IOException {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == 0 || Character.getType(c) == Character.CONTROL) {
                throw new UnsafeNameException(target, "file.ptr target contains a control character");
            }
        }
        Path p;
        try {
            p = Path.of(target);
        } catch (InvalidPathException e) {
            throw new UnsafeNameException(target, "file.ptr target is not a path on this system: " + e.getReason());
        }
        if (!p.isAbsolute()) {
            throw new UnsafeNameException(target, "file.ptr target is not an absolute path");
        }
        Path normal = p.normalize();
        List<Path> roots = new ArrayList<>();
        List<Path> given = new ArrayList<>();
        for (Path r : allowedRoots) {
            try {
                roots.add(r.toRealPath());
                given.add(r.toAbsolutePath().normalize());
            } catch (IOException e) {
                // a root that does not exist allows nothing
            }
        }
        if (roots.stream().noneMatch(normal::startsWith) && given.stream().noneMatch(normal::startsWith)) {
            throw new UnsafeNameException(target, "file.ptr target lies outside the allowed store folders");
        }
        Path real = normal.toRealPath();
        if (roots.stream().noneMatch(real::startsWith)) {
            throw new UnsafeNameException(target, "file.ptr target leads outside the allowed store folders (to "
                    + real + ")");
        }
        if (!Files.isRegularFile(real)) {
            throw new UnsafeNameException(target, "file.ptr target is not a regular file");
        }
        return real;
    }
}
