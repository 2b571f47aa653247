package org.faultline.symbols.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.faultline.dump.io.DumpFormatException;

/**
 * A downstream store: the folder files from servers (and expanded {@code _} copies) are written to, in the
 * two-level layout {@code name/INDEX/file}, always uncompressed. Writes go to a temporary file in the target
 * folder and are moved into place atomically, so readers never see half a file. Every path is checked with
 * {@link StorePaths}; folders are re-checked through their real path after they are created.
 *
 * <p>The negative cache remembers misses per source (server URL) and key as small marker files under
 * {@code .faultline-miss/} (named by the SHA-256 of source and key, holding the time of the miss), for
 * {@code ttl}; a zero ttl turns it off.
 */
public final class SymbolCache {
    static final String MISS_DIR = ".faultline-miss";
    static final String TMP_DIR = ".faultline-tmp";
    private static final int MAX_MARKER = 4096;

    private final Path root;
    private final Clock clock;
    private final Duration ttl;

    public SymbolCache(Path root, Clock clock, Duration negativeTtl) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        this.ttl = negativeTtl;
    }

    public Path root() {
        return root;
    }

    /** The cached file for {@code key}, if present (tried in the case variants local stores use). */
    public Optional<Path> find(SymbolKey key) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try {
            Path real = StorePaths.realRoot(root);
            for (var c : SymbolStoreLayout.localCandidates(key, false, EnumSet.of(SymbolStoreLayout.Form.PLAIN))) {
                try {
                    Path p = StorePaths.inside(real, c.components());
                    if (Files.isRegularFile(p)) {
                        return Optional.of(StorePaths.requireRealInside(real, p));
                    }
                } catch (UnsafeNameException e) {
                    // a variant that is not safe is simply not looked at
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Creates {@code root/name/INDEX} (canonical case) and returns it after checking its real path.
     */
    Path keyFolder(SymbolKey key) throws IOException, UnsafeNameException {
        Files.createDirectories(root);
        Path real = StorePaths.realRoot(root);
        Path dir = StorePaths.inside(real, List.of(key.name(), key.index()));
        Files.createDirectories(dir);
        return StorePaths.requireRealInside(real, dir);
    }

    /**
     * A new empty temporary file under {@code .faultline-tmp/} in the cache (same file system as the
     * targets, so the final move can be atomic; misses leave no empty key folders behind).
     */
    Path newTempFile() throws IOException {
        return Files.createTempFile(ownFolder(TMP_DIR), ".faultline-", ".part");
    }

    /** Moves a finished temporary file to {@code name/INDEX/file}, atomically where the file system can. */
    Path commit(Path temp, SymbolKey key) throws IOException, UnsafeNameException {
        Path dir = keyFolder(key);
        Path target = StorePaths.inside(StorePaths.realRoot(root), List.of(key.name(), key.index(), key.fileName()));
        if (!target.getParent().equals(dir)) {
            throw new UnsafeNameException(key.relativePath(), "target folder changed while writing");
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * Expands the cabinet {@code cab} into the cache as {@code key}'s file.
     *
     * @throws DumpFormatException when the cabinet is damaged, unsupported, holds no suitable member or
     *                             expands past {@code maxBytes}
     */
    Path storeExpanded(Path cab, SymbolKey key, long maxBytes, CancellationToken cancel)
            throws IOException, UnsafeNameException, DumpFormatException {
        Path temp = newTempFile();
        try {
            try (CabFile cabinet = CabFile.open(cab)) {
                CabFile.Member m = cabinet.memberFor(key.fileName());
                if (m == null) {
                    throw new DumpFormatException.InvalidValue("CFFILE", 0, "the cabinet holds "
                            + cabinet.members().size() + " files and none is " + key.fileName());
                }
                cabinet.extractTo(m, temp, maxBytes, cancel);
            }
            return commit(temp, key);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Copies {@code source} (a file outside the cache) into the cache as {@code key}'s file. */
    Path storeCopy(Path source, SymbolKey key, long maxBytes) throws IOException, UnsafeNameException {
        if (Files.size(source) > maxBytes) {
            throw new IOException(source + " is larger than the limit of " + maxBytes + " bytes");
        }
        Path temp = newTempFile();
        try {
            try (InputStream in = Files.newInputStream(source)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            return commit(temp, key);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** True when {@code source} answered "not found" for {@code key} less than the ttl ago. */
    public boolean isKnownMissing(String source, SymbolKey key) {
        if (ttl.isZero() || ttl.isNegative()) {
            return false;
        }
        Path marker = marker(source, key);
        try {
            byte[] raw;
            try (InputStream in = Files.newInputStream(marker)) {
                raw = in.readNBytes(MAX_MARKER);
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            long when = Long.parseLong((nl < 0 ? text : text.substring(0, nl)).trim());
            long age = clock.millis() - when;
            if (age >= 0 && age < ttl.toMillis()) {
                return true;
            }
            Files.deleteIfExists(marker);
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | NumberFormatException e) {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException ignored) {
                // a marker we cannot read or delete only costs a request
            }
            return false;
        }
    }

    /** Remembers that {@code source} does not have {@code key} (best effort). */
    public void rememberMissing(String source, SymbolKey key) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        try {
            Path dir = ownFolder(MISS_DIR);
            Path temp = Files.createTempFile(dir, ".miss-", ".part");
            try {
                Files.writeString(temp, clock.millis() + "\n" + source + "\n" + key.relativePath() + "\n",
                        StandardCharsets.UTF_8);
                try {
                    Files.move(temp, dir.resolve(markerName(source, key)), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, dir.resolve(markerName(source, key)), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // the negative cache is an optimisation
        }
    }

    private Path ownFolder(String name) throws IOException {
        Files.createDirectories(root);
        Path real = StorePaths.realRoot(root);
        Path dir = real.resolve(name);
        Files.createDirectories(dir);
        try {
            return StorePaths.requireRealInside(real, dir);
        } catch (UnsafeNameException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    Path marker(String source, SymbolKey key) {
        return root.resolve(MISS_DIR).resolve(markerName(source, key));
    }

    private static String markerName(String source, SymbolKey key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest((source + "\n" + key.relativePath()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "cache " + root;
    }
}
