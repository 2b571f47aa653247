package org.faultline.app.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.faultline.app.cli.ExitCodes;
import org.faultline.app.cli.Version;
import org.faultline.app.gui.common.Png;
import org.faultline.app.gui.main.FxFileDialogs;
import org.faultline.app.gui.main.MainView;
import org.faultline.app.gui.main.MainViewModel;
import org.faultline.app.gui.settings.Settings;
import org.faultline.app.gui.settings.SettingsStore;
import org.faultline.app.gui.task.FxTasks;
import org.faultline.app.gui.teach.HandoutWriter;
import org.faultline.app.launch.Launch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop application. Parameters are the files to open; none opens the bundled July 19, 2024 sample.
 * With the system property {@code faultline.screenshot=FILE}, it writes a PNG of the window once the first
 * dump is shown, then exits (the documented screenshot command uses it); {@code faultline.screenshot.tab} picks
 * the detail tab shown.
 */
public final class FaultlineApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(FaultlineApplication.class);

    private final SettingsStore store = SettingsStore.standard();
    private Settings initial = Settings.defaults();
    private FxTasks tasks;
    private MainViewModel vm;
    private final AtomicReference<Path> scratch = new AtomicReference<>();
    private boolean shot;
    /** Held: a binding only a listener refers to could be collected. */
    private javafx.beans.binding.BooleanBinding shownBinding;

    @Override
    public void init() {
        // The launcher thread, not the FX thread: reading the settings file here keeps I/O off the FX thread.
        initial = store.load();
    }

    @Override
    public void start(Stage stage) {
        tasks = new FxTasks();
        AppContext context = new AppContext(tasks, store, System.getenv(), System.getProperty("os.name", ""),
                this::scratchFolder);
        vm = new MainViewModel(context, initial);
        MainView view = new MainView(vm, stage, new FxFileDialogs());
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.show();

        List<Path> files = new ArrayList<>();
        boolean teach = false;
        String handout = null;
        for (String a : getParameters().getRaw()) {
            if (a.equals(Launch.TEACH)) {
                teach = true;
            } else if (a.startsWith(Launch.HANDOUT)) {
                handout = a.substring(Launch.HANDOUT.length());
            } else {
                files.add(Path.of(a));
            }
        }
        if (teach) {
            if (handout != null) {
                handoutWhenReady(view, Path.of(handout));
            }
            vm.teach().start();
        } else if (files.isEmpty()) {
            vm.openSample();
        } else {
            vm.open(files);
        }
        String shot = System.getProperty("faultline.screenshot");
        if (shot != null && !shot.isBlank()) {
            screenshotWhenShown(view, Path.of(shot));
        }
    }

    /**
     * {@code faultline teach --handout FILE}: once the lesson is ready, the window walks through it, writes the
     * handout and closes; the exit status says whether it was written.
     */
    private void handoutWhenReady(MainView view, Path target) {
        vm.teach().readyProperty().addListener((o, was, ready) -> {
            if (ready && !shot) {
                shot = true;
                new HandoutWriter(view.scene(), vm.teach(), tasks).write(target, Version.faultline(), error -> {
                    if (error == null) {
                        System.err.println("faultline: wrote " + target + " and its pictures in "
                                + HandoutWriter.imagesFolder(target));
                    } else {
                        System.err.println("faultline teach: cannot write the handout: " + error);
                        STATUS.set(ExitCodes.FILE_ERROR);
                    }
                    Platform.exit();
                });
            }
        });
        vm.teach().failedProperty().addListener((o, was, failed) -> {
            if (failed && !shot) {
                shot = true;
                System.err.println("faultline teach: cannot write the handout: " + vm.teach().messageProperty().get());
                STATUS.set(ExitCodes.NOT_A_DUMP);
                Platform.exit();
            }
        });
    }

    /**
     * The exit status of the last window: 0, or why the handout was not written. Held statically because
     * {@link Application#launch} offers no other way back from the instance JavaFX creates; set at most once per
     * launch, read by {@link GuiLauncher} after the window closed.
     */
    private static final java.util.concurrent.atomic.AtomicInteger STATUS = new java.util.concurrent.atomic.AtomicInteger();

    static int exitStatus() {
        return STATUS.get();
    }

    /** The folder for extracted archive entries: made on first use, removed when the app exits. */
    private Path scratchFolder() {
        return scratch.updateAndGet(p -> {
            if (p != null) {
                return p;
            }
            try {
                return Files.createTempDirectory("faultline-");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void screenshotWhenShown(MainView view, Path target) {
        Runnable shoot = () -> {
            // Let layout and CSS settle for a moment after the last update.
            String tab = System.getProperty("faultline.screenshot.tab");
            if (tab != null) {
                view.showDetailTab(tab);
            }
            PauseTransition settle = new PauseTransition(Duration.millis(800));
            settle.setOnFinished(e -> {
                WritableImage image = view.scene().snapshot(null);
                tasks.run(org.faultline.app.gui.task.BackgroundJob.<Void>of("Screenshot", p -> {
                    Png.write(image, target);
                    return null;
                }).onSuccess(v -> {
                    LOG.info("screenshot written to {}", target);
                    Platform.exit();
                }).onFailure(err -> {
                    System.err.println("faultline: cannot write the screenshot: " + err);
                    Platform.exit();
                }));
            });
            settle.play();
        };
        shownBinding = vm.detail().sessionReadyProperty().and(vm.loadingProperty().not());
        shownBinding.addListener((o, a, ready) -> {
            if (ready && !shot) {
                shot = true;
                shoot.run();
            }
        });
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.dispose();
        }
        if (tasks != null) {
            tasks.close();
        }
        MainViewModel.deleteScratch(scratch.get());
    }
}
