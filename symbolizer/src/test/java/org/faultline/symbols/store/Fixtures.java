package org.faultline.symbols.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.faultline.samples.Corpus;

/** Real files from {@code ../shared/symbol-fixtures}; tests skip, saying so, when they are absent. */
final class Fixtures {
    static final String EXE_DIR = "symsrv/ShowSSEConfig.exe/63E6C7F78000";
    static final String PDB_DIR = "symsrv/ShowSSEConfig.pdb/A62592418D7807494C4C44205044422E1";
    static final String PD_SHA256 = "a27d126406d03980503176ff3f27125dc31c0002a01b8434193d2593502f7b52";
    static final String EXE_SHA256 = "07be07cebf690226c6d614d1e65e56c8fb1689aed6d49cbfc89a669593d11531";

    private Fixtures() {
    }

    /** The fixture, or the test is skipped with a visible message. */
    static Path require(String relative) {
        Optional<Path> p = Corpus.symbolFixture(relative);
        if (p.isEmpty()) {
            System.err.println(absent(relative));
        }
        assumeTrue(p.isPresent(), absent(relative));
        return p.get();
    }

    static String absent(String relative) {
        return "SKIPPED: symbol fixture not found (" + relative
                + " under ../shared/symbol-fixtures; set -Dfaultline.shared)";
    }

    static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies {@code relative} (a file) to {@code root/relative} minus the first {@code strip} components. */
    static Path copyInto(Path root, String relative, int strip) throws IOException {
        Path src = require(relative);
        Path rel = Path.of(relative);
        Path target = root.resolve(rel.subpath(strip, rel.getNameCount()).toString());
        Files.createDirectories(target.getParent());
        Files.copy(src, target);
        return target;
    }

    /** Every regular file under {@code dir}. */
    static java.util.List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
