package org.faultline.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.faultline.app.analysis.DumpInputs;
import org.faultline.app.cli.Cli;
import org.faultline.app.gui.main.MainView;
import org.faultline.app.gui.main.MainViewModel;
import org.faultline.app.gui.task.FxTasks;
import org.faultline.app.gui.testing.StubDialogs;
import org.faultline.app.gui.testing.TestFiles;
import org.faultline.app.gui.testing.TestWindow;
import org.faultline.samples.Corpus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless smoke tests of the real window (Monocle): the views over real view models and the app executor. */
@ExtendWith(ApplicationExtension.class)
class GuiSmokeTest {
    private static final long TIMEOUT = 40;

    @TempDir
    Path dir;

    private TestWindow window;
    private FxTasks tasks;
    private MainViewModel vm;
    private final StubDialogs dialogs = new StubDialogs();

    @Start
    void start(Stage stage) {
        window = TestWindow.show(stage, dir, dialogs);
        tasks = window.tasks();
        vm = window.vm();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        TestWindow.waitFor(TIMEOUT, condition);
    }

    private boolean loaded() {
        return !vm.loadingProperty().get() && vm.detail().sessionReadyProperty().get();
    }

    @Test
    void sampleOpensWithItsVerdict(FxRobot robot) throws Exception {
        robot.interact(vm::openSample);
        waitFor(this::loaded);
        String headline = robot.lookup("#verdict-headline").queryAs(Label.class).getText();
        assertThat(headline).contains("csagent.sys");
        assertThat(headline.toLowerCase(Locale.ROOT)).contains("read out of bounds");
        assertThat(robot.lookup("#dump-table").queryAs(TableView.class).getItems().size()).isEqualTo(1);
        assertThat(robot.lookup("#known-issue-title").queryAs(Label.class).getText()).contains("Channel File 291");
        assertThat(robot.lookup("#fault-addresses").queryAs(Label.class).getText())
                .contains("0xffff840500000074 = referenced address");
    }

    @Test
    void openFolderOfCorpusDumpsFillsOneRowPerDump(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(Corpus.shared().isPresent(), Corpus.absent("*.dmp"));
        Path corpus = Corpus.shared().orElseThrow().resolve("corpus");
        long dumps;
        try (Stream<Path> s = Files.walk(corpus)) {
            dumps = s.filter(Files::isRegularFile).filter(p -> DumpInputs.isDumpName(p.getFileName().toString())).count();
        }
        assertThat(dumps).isPositive();
        dialogs.folder = corpus;
        robot.clickOn("File").clickOn("Open Folder…");
        waitFor(() -> !vm.loadingProperty().get() && vm.dumpList().rows().size() == dumps);
        assertThat(robot.lookup("#dump-table").queryAs(TableView.class).getItems().size()).isEqualTo((int) dumps);
        assertThat(vm.statusProperty().get()).startsWith("Loaded " + dumps + " dumps");
    }

    @Test
    void exportWritesTheJsonThatAnalyzePrints(FxRobot robot) throws Exception {
        Path sample = TestFiles.sample(TestFiles.CSAGENT);
        dialogs.files = List.of(sample);
        robot.clickOn("File").clickOn("Open…");
        waitFor(this::loaded);
        Path out = dir.resolve("export.json");
        dialogs.save = out;
        robot.clickOn("#export-button").clickOn("JSON…");
        waitFor(() -> out.equals(vm.lastExportProperty().get()));
        StringWriter cli = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(new PrintWriter(cli), new PrintWriter(err)).run("analyze", "--format", "json", sample.toString());
        assertThat(code).as(err.toString()).isZero();
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(Files.readString(out))).isEqualTo(m.readTree(cli.toString()));
    }

    @Test
    void corruptDumpShowsItsErrorNotAStackTrace(FxRobot robot) throws Exception {
        Path bad = TestFiles.corrupt(dir);
        robot.interact(() -> vm.open(List.of(bad)));
        waitFor(this::loaded);
        assertThat(robot.lookup("#verdict-headline").queryAs(Label.class).getText()).isEqualTo("Cannot read corrupt.dmp");
        assertThat(robot.lookup("#verdict-detail").queryAs(Label.class).getText())
                .isEqualTo("not a crash dump: directory of 8 entries at 0x20 lies outside the file (40 bytes) at offset 0xc");
        List<String> texts = new ArrayList<>();
        robot.lookup(".label").queryAllAs(Label.class).forEach(l -> texts.add(l.getText() == null ? "" : l.getText()));
        assertThat(texts).noneMatch(t -> t.contains("Exception") || t.contains("\tat ") || t.contains(".java:"));
    }

    @Test
    void aThousandDumpsFillTheListWhileTheWindowResponds(FxRobot robot) throws Exception {
        Path many = Files.createDirectory(dir.resolve("fleet"));
        Path one = TestFiles.sample(TestFiles.USERMODE);
        for (int i = 0; i < 1000; i++) {
            Path link = many.resolve(String.format("crash-%04d.dmp", i));
            try {
                Files.createLink(link, one);
            } catch (UnsupportedOperationException | java.io.IOException e) {
                Files.copy(one, link);
            }
        }
        robot.interact(() -> vm.open(List.of(many)));
        waitFor(() -> vm.dumpList().rows().size() >= 20);
        int seen = vm.dumpList().rows().size();
        // The FX thread answers while the load runs (a hang check, not a speed limit: speed is for benchmarks).
        for (int i = 0; i < 5; i++) {
            WaitForAsyncUtils.asyncFx(() -> { }).get(5, TimeUnit.SECONDS);
        }
        // Cancel (what the status bar's Cancel button does) on the FX thread. The background work may finish
        // just before the cancel reaches it; then every dump is there and the status says so.
        robot.interact(vm::cancelLoad);
        waitFor(() -> !vm.loadingProperty().get());
        String status = vm.statusProperty().get();
        int rows = vm.dumpList().rows().size();
        if (status.startsWith("Cancelled: ")) {
            assertThat(status).isEqualTo("Cancelled: loaded " + rows + " of 1000 dumps");
            assertThat(rows).isBetween(seen, 1000);
        } else {
            assertThat(status).isEqualTo("Loaded 1000 dumps");
            assertThat(rows).isEqualTo(1000);
        }
    }

    /** A sparse 2 GiB kernel bitmap dump: hashing and analysis take seconds, the window never waits for them. */
    @Test
    void aTwoGigabyteDumpOpensWithoutFreezingTheWindow(FxRobot robot) throws Exception {
        long pages = 2 * 0x4_0000L;
        long va = 0xFFFF_F801_0000_0000L;
        org.faultline.samples.kernel.X64PageTables pt = org.faultline.samples.kernel.X64PageTables.create(
                org.faultline.samples.kernel.PhysicalMemory.create(), 0x1AD);
        pt.memory().physicalPages(pages).present(0, pages);
        pt.map1g(va, pages - 0x4_0000).write(va + 0x3FFF_F000L, new byte[] {1});
        Path big = dir.resolve("MEMORY.DMP");
        org.faultline.samples.kernel.SynthKernelDump.bitmap(pt.memory(), true).directoryTableBase(pt.directoryTableBase())
                .psLoadedModuleList(va).bugCheck(0xE2).writeTo(big);
        assertThat(Files.size(big)).isGreaterThan(2L << 30);
        robot.interact(() -> vm.open(List.of(big)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (vm.loadingProperty().get() || !vm.detail().sessionReadyProperty().get()) {
            assertThat(System.nanoTime()).as("still loading after 90 s").isLessThan(deadline);
            // The FX thread keeps answering while the dump is hashed and analysed (a hang check, not a speed limit).
            WaitForAsyncUtils.asyncFx(() -> { }).get(5, TimeUnit.SECONDS);
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
        assertThat(vm.dumpList().rows()).singleElement().matches(r -> r.ok(), "readable");
        assertThat(robot.lookup("#verdict-headline").queryAs(Label.class).getText()).contains("MANUALLY_INITIATED_CRASH");
    }

    @Test
    void darkThemeAndPresenterMode(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.setTheme(org.faultline.app.gui.settings.Theme.DARK);
            vm.setPresenterMode(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Scene scene = robot.lookup("#main").query().getScene();
        assertThat(scene.getStylesheets()).contains(MainView.DARK_CSS, MainView.APP_CSS);
        assertThat(scene.getRoot().getStyleClass()).contains("presenter");
    }
}
