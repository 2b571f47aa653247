package org.faultline.app.gui.teach;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import org.faultline.app.gui.common.Png;
import org.faultline.app.gui.task.BackgroundJob;
import org.faultline.app.gui.task.Tasks;

/**
 * Writes the handout of a ready lesson: walks the real window through every step, takes a picture of the scene at
 * each one, and writes {@code FILE.md} with the pictures in {@code FILE-images/} beside it (nothing is written
 * anywhere else). Pictures and the Markdown are written in background work; the window is driven on the FX thread.
 */
public final class HandoutWriter {
    /** How long each step is left to lay out (tables scroll to the selected row) before its picture is taken. */
    private static final Duration SETTLE = Duration.millis(250);

    private final Scene scene;
    private final TeachViewModel teach;
    private final Tasks tasks;

    public HandoutWriter(Scene scene, TeachViewModel teach, Tasks tasks) {
        this.scene = scene;
        this.teach = teach;
        this.tasks = tasks;
    }

    /** The folder of pictures for {@code markdown}: {@code lesson.md} → {@code lesson-images}. */
    public static Path imagesFolder(Path markdown) {
        String name = markdown.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return markdown.resolveSibling(stem + "-images");
    }

    /**
     * Writes the handout; {@code done} gets null when it is written, else why not. Call on the FX thread once the
     * lesson is {@linkplain TeachViewModel#readyProperty() ready}.
     */
    public void write(Path markdown, String version, Consumer<String> done) {
        Path target = markdown.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            done.accept("the folder " + parent + " does not exist");
            return;
        }
        if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")) {
            done.accept(target.getFileName() + " does not end in .md");
            return;
        }
        if (teach.steps().isEmpty() || teach.sampleReport() == null) {
            done.accept("the lesson has no steps: " + teach.messageProperty().get());
            return;
        }
        Path images = imagesFolder(target);
        tasks.run(BackgroundJob.<Void>of("Preparing the handout", p -> {
            Files.createDirectories(images);
            return null;
        }).onSuccess(v -> shoot(0, target, images, new ArrayList<>(), version, done))
                .onFailure(e -> done.accept("cannot create " + images + ": " + e.getMessage())));
    }

    private void shoot(int i, Path target, Path images, List<String> written, String version, Consumer<String> done) {
        List<Step> steps = teach.steps();
        if (i >= steps.size()) {
            teach.first();
            String md = Handout.markdown(steps, teach.sampleReport().file(), teach.sampleReport().sha256(), written, version);
            tasks.run(BackgroundJob.<Void>of("Writing the handout", p -> {
                Files.writeString(target, md, StandardCharsets.UTF_8);
                return null;
            }).onSuccess(v -> done.accept(null)).onFailure(e -> done.accept("cannot write " + target + ": " + e.getMessage())));
            return;
        }
        teach.go(i);
        PauseTransition settle = new PauseTransition(SETTLE);
        settle.setOnFinished(e -> {
            WritableImage image = scene.snapshot(null);
            String name = String.format(Locale.ROOT, "step-%02d.png", i + 1);
            tasks.run(BackgroundJob.<Void>of("Writing " + name, p -> {
                Png.write(image, images.resolve(name));
                return null;
            }).onSuccess(v -> {
                written.add(images.getFileName() + "/" + name);
                shoot(i + 1, target, images, written, version, done);
            }).onFailure(err -> done.accept("cannot write " + images.resolve(name) + ": " + err.getMessage())));
        });
        settle.play();
    }
}
