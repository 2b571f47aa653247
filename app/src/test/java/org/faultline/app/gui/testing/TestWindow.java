package org.faultline.app.gui.testing;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.faultline.app.gui.main.FileDialogs;
import org.faultline.app.gui.main.MainView;
import org.faultline.app.gui.main.MainViewModel;
import org.faultline.app.gui.settings.Settings;
import org.faultline.app.gui.task.FxTasks;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window over real view models and the app executor, for the headless TestFX tests. */
public final class TestWindow {
    private final FxTasks tasks;
    private final MainViewModel vm;
    private final MainView view;

    private TestWindow(FxTasks tasks, MainViewModel vm, MainView view) {
        this.tasks = tasks;
        this.vm = vm;
        this.view = view;
    }

    /** Builds the window on {@code stage} with default settings and a scratch folder in {@code dir}, and shows it. */
    public static TestWindow show(Stage stage, Path dir, FileDialogs dialogs) {
        FxTasks tasks = new FxTasks();
        MainViewModel vm = new MainViewModel(TestFiles.context(tasks, dir), Settings.defaults());
        MainView view = new MainView(vm, stage, dialogs);
        stage.show();
        return new TestWindow(tasks, vm, view);
    }

    /** Closes what the window opened and stops the executor (from {@code @AfterEach}). */
    public void close() throws Exception {
        WaitForAsyncUtils.asyncFx(vm::dispose).get();
        tasks.close();
    }

    /** Waits until {@code condition} holds (at most {@code seconds}), then for the FX events it caused. */
    public static void waitFor(long seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    public FxTasks tasks() {
        return tasks;
    }

    public MainViewModel vm() {
        return vm;
    }

    public MainView view() {
        return view;
    }
}
