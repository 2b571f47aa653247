package org.faultline.app.gui.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.faultline.app.analysis.DumpAnalysis;
import org.faultline.app.analysis.DumpInput;
import org.faultline.app.analysis.LoadedDump;
import org.faultline.app.gui.AppContext;
import org.faultline.app.gui.settings.SettingsStore;
import org.faultline.app.gui.task.Tasks;

/** The committed sample dumps, loaded dumps from them, and a test context. */
public final class TestFiles {
    private TestFiles() {
    }

    /** {@code sample-dumps/dumps} of this checkout. */
    public static Path samples() {
        String root = System.getProperty("faultline.root");
        Path dir = root != null ? Path.of(root, "sample-dumps", "dumps") : Path.of("..", "sample-dumps", "dumps");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..", "sample-dumps", "dumps");
        }
        return dir.toAbsolutePath().normalize();
    }

    public static Path sample(String name) {
        return samples().resolve(name);
    }

    public static final String CSAGENT = "crowdstrike-csagent-2024-07-19.dmp";
    public static final String USERMODE = "contoso-usermode-read-av.dmp";

    /** One sample analyzed offline, as the window loads it. */
    public static LoadedDump load(String name) {
        return DumpAnalysis.offline().load(DumpInput.FileInput.of(sample(name)), () -> false,
                DumpAnalysis.Hashing.NONE);
    }

    /** A file that is not a dump, loaded. */
    public static LoadedDump loadFile(Path file) {
        return DumpAnalysis.offline().load(DumpInput.FileInput.of(file), () -> false, DumpAnalysis.Hashing.NONE);
    }

    /** The user-mode sample cut after its header: a dump whose stream directory runs past the end. */
    public static Path corrupt(Path dir) throws java.io.IOException {
        Path bad = dir.resolve("corrupt.dmp");
        byte[] all = Files.readAllBytes(sample(USERMODE));
        Files.write(bad, java.util.Arrays.copyOf(all, 40));
        return bad;
    }

    public static AppContext context(Tasks tasks, Path dir) {
        return context(tasks, dir, "Linux");
    }

    public static AppContext context(Tasks tasks, Path dir, String os) {
        Supplier<Path> scratch = () -> dir.resolve("scratch");
        return new AppContext(tasks, new SettingsStore(dir.resolve("config").resolve("settings.json")), Map.of(), os,
                scratch);
    }
}
