package org.faultline.symbols.store;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The containment check every store and cache path goes through: each component must be a safe single
 * name ({@link SymbolNames#component}); the root is made real ({@code toRealPath}), the child is
 * {@code root.resolve(...).normalize()}d and must start with the real root and differ from it. Files that
 * already exist are checked again through their real path, so a link planted inside a store cannot lead
 * out of it.
 */
public final class StorePaths {
    private StorePaths() {
    }

    /**
     * The real path of {@code root}.
     *
     * @throws IOException when the root does not exist or cannot be resolved
     */
    public static Path realRoot(Path root) throws IOException {
        return root.toRealPath();
    }

    /**
     * {@code realRoot/c1/c2/...} after checking every component and the normalised result.
     *
     * @param realRoot a path returned by {@link #realRoot}
     * @throws UnsafeNameException when a component is unsafe or the result would leave the root
     */
    public static Path inside(Path realRoot, List<String> components) throws UnsafeNameException {
        if (components.isEmpty()) {
            throw new UnsafeNameException("", "no path components");
        }
        Path child = realRoot;
        for (String c : components) {
            SymbolNames.component(c);
            try {
                Path part = realRoot.getFileSystem().getPath(c);
                if (part.isAbsolute() || part.getRoot() != null || part.getNameCount() != 1) {
                    throw new UnsafeNameException(c, "not a single relative path component");
                }
                child = child.resolve(part);
            } catch (InvalidPathException e) {
                throw new UnsafeNameException(c, "not a valid path on this system: " + e.getReason());
            }
        }
        Path normal = child.normalize();
        if (!normal.startsWith(realRoot) || normal.equals(realRoot)) {
            throw new UnsafeNameException(String.join("/", components), "resolves outside the store root");
        }
        return normal;
    }

    /**
     * Checks that an existing file or folder, followed through any links, still lies inside
     * {@code realRoot}.
     *
     * @throws UnsafeNameException when it does not
     * @throws IOException when its real path cannot be read
     */
    public static Path requireRealInside(Path realRoot, Path existing) throws UnsafeNameException, IOException {
        Path real = existing.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new UnsafeNameException(existing.toString(), "leads outside the store root (to " + real + ")");
        }
        return real;
    }
}
