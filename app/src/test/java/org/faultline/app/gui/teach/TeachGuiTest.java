package org.faultline.app.gui.teach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.faultline.app.gui.testing.StubDialogs;
import org.faultline.app.gui.common.Highlight;
import org.faultline.app.gui.main.MainView;
import org.faultline.app.gui.main.MainViewModel;
import org.faultline.app.gui.task.FxTasks;
import org.faultline.app.gui.testing.TestFiles;
import org.faultline.app.gui.testing.TestWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Teaching mode in the real window (headless, Monocle), at a projector's 1280×720: Help › Teach opens the lesson,
 * every step points at an element that exists and shows the value the step quotes, the keyboard drives it, the
 * exercises reveal answers that are {@code analyze} of their dumps, and the handout is drawn from the window.
 */
@ExtendWith(ApplicationExtension.class)
class TeachGuiTest {
    private static final long TIMEOUT = 60;

    @TempDir
    Path dir;

    private TestWindow window;
    private FxTasks tasks;
    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        stage.setWidth(1280);
        stage.setHeight(720);
        window = TestWindow.show(stage, dir, new StubDialogs());
        tasks = window.tasks();
        vm = window.vm();
        view = window.view();
    }

    @AfterEach
    void stop() throws Exception {
        window.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        TestWindow.waitFor(TIMEOUT, condition);
    }

    private TeachViewModel teach() {
        return vm.teach();
    }

    private void openLesson(FxRobot robot) throws Exception {
        robot.clickOn("Help").clickOn("Teach: the July 19, 2024 Outage");
        waitFor(() -> teach().readyProperty().get() && !vm.loadingProperty().get());
    }

    /** What a highlighted element shows: a label's text, a box's labels, the selected row's or line's cells. */
    private static String shown(Node n) {
        if (n instanceof Labeled l) {
            return l.getText();
        }
        StringBuilder s = new StringBuilder();
        if (n instanceof TableView<?> || n instanceof ListView<?>) {
            for (Node c : n.lookupAll(".indexed-cell")) {
                if (c instanceof IndexedCell<?> cell && cell.isSelected() && !cell.isEmpty()) {
                    collect(cell, s);
                }
            }
            return s.toString();
        }
        collect(n, s);
        return s.toString();
    }

    private static void collect(Node n, StringBuilder s) {
        if (n instanceof Labeled l && l.getText() != null) {
            s.append(l.getText()).append(' ');
        }
        if (n instanceof javafx.scene.text.Text t) {
            s.append(t.getText());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, s);
            }
        }
    }

    /**
     * Whether the node can be seen: visible all the way up, at least a line of text tall, its top inside the window
     * and inside the viewport of every scroll pane around it.
     */
    private boolean onScreen(Node n) {
        Bounds b = n.localToScene(n.getBoundsInLocal());
        if (b.getWidth() <= 0 || b.getHeight() < 16) {
            return false;
        }
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
            if (x != n && x instanceof javafx.scene.control.ScrollPane scroll) {
                Node viewport = scroll.lookup(".viewport");
                Bounds v = viewport == null ? scroll.localToScene(scroll.getBoundsInLocal())
                        : viewport.localToScene(viewport.getBoundsInLocal());
                if (b.getMinY() + 8 < v.getMinY() || b.getMinY() + 8 > v.getMaxY()) {
                    return false;
                }
            }
        }
        double w = view.scene().getWidth();
        double h = view.scene().getHeight();
        return b.getMinX() >= -1 && b.getMinY() >= -1 && b.getMinX() < w && b.getMinY() + 16 <= h;
    }

    private String selectedDetailTab(FxRobot robot) {
        return robot.lookup("#detail-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText();
    }

    @Test
    void everyStepPointsAtAnElementShowingWhatItQuotes(FxRobot robot) throws Exception {
        walkThrough(robot);
    }

    /** The same with presenter mode's large fonts at 1280×720, where the tabs are short and narrow. */
    @Test
    void everyStepPointsAtAVisibleElementInPresenterMode(FxRobot robot) throws Exception {
        robot.interact(() -> vm.setPresenterMode(true));
        walkThrough(robot);
    }

    private void walkThrough(FxRobot robot) throws Exception {
        openLesson(robot);
        List<Step> steps = List.copyOf(teach().steps());
        assertThat(steps).hasSize(13);
        assertThat(vm.dumpList().rows()).hasSize(4);
        for (int i = 0; i < steps.size(); i++) {
            int at = i;
            robot.interact(() -> teach().go(at));
            WaitForAsyncUtils.waitForFxEvents();
            Step s = steps.get(i);
            Highlight h = s.highlight();
            Node marked = view.detail().marked();
            assertThat(marked).as("step %d (%s) marks an element", i + 1, s.title()).isNotNull();
            assertThat(marked.getStyleClass()).contains("teach-highlight");
            assertThat(onScreen(marked)).as("step %d: %s is on screen", i + 1, h.place()).isTrue();
            assertThat(shown(marked)).as("step %d: %s shows %s", i + 1, h.place(), h.shows()).contains(h.shows());
            if (h.place().tab() != null) {
                assertThat(selectedDetailTab(robot)).isEqualTo(h.place().tab());
            }
            if (marked instanceof ListView<?> list) {
                // The instruction itself is readable, not scrolled out of the list's width.
                Bounds box = list.localToScene(list.getBoundsInLocal());
                assertThat(list.lookupAll(".mono-text").stream().filter(t -> t instanceof javafx.scene.text.Text x
                        && h.shows().contains(x.getText().strip()) && x.getText().contains(","))
                        .map(t -> t.localToScene(t.getBoundsInLocal()))
                        .anyMatch(t -> t.getMaxX() <= box.getMaxX() && t.getMinX() >= box.getMinX()))
                        .as("step %d: %s fits in the disassembly's width", i + 1, h.shows()).isTrue();
            }
            assertThat(vm.dumpList().selectedProperty().get().file()).isEqualTo(s.dump());
            assertThat(robot.lookup("#teach-text").queryAs(Label.class).getText()).isEqualTo(s.text());
            assertThat(robot.lookup("#teach-counter").queryAs(Label.class).getText())
                    .isEqualTo(s.exercise() ? "Exercise " + (i - 9) + " of 3  ·  step " + (i + 1) + " of 13"
                            : "Step " + (i + 1) + " of 13");
        }
    }

    @Test
    void exercisesRevealAnswersThatAreTheAnalysisOfTheirDumps(FxRobot robot) throws Exception {
        openLesson(robot);
        for (Exercise e : Exercise.values()) {
            int at = 10 + e.ordinal();
            robot.interact(() -> teach().go(at));
            WaitForAsyncUtils.waitForFxEvents();
            Label answer = robot.lookup("#teach-answer").queryAs(Label.class);
            assertThat(answer.isVisible()).isFalse();
            robot.clickOn("#teach-show-answer");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(answer.isVisible()).isTrue();
            Step s = teach().currentProperty().get();
            assertThat(answer.getText()).isEqualTo(s.answer().text());
            JsonNode json = AnalyzeJson.of(TestFiles.sample(e.file()));
            LessonTest.quotesMatch(s.answer().quotes(), answer.getText(), json);
            assertThat(answer.getText()).contains("verdict is " + json.at("/verdict/category").asText())
                    .contains("(" + json.at("/flags/thirdPartyFilterDriverReadOutOfBounds").asText() + ")");
        }
    }

    @Test
    void presenterModeAtAProjectorsSizeWithTheKeyboard(FxRobot robot) throws Exception {
        robot.interact(() -> vm.setPresenterMode(true));
        openLesson(robot);
        assertThat(view.root().getStyleClass()).contains("presenter");
        assertThat(view.scene().getWidth()).isLessThanOrEqualTo(1280);
        assertThat(view.scene().getHeight()).isLessThanOrEqualTo(720);
        for (String id : new String[] {"#teach-next", "#teach-previous", "#teach-counter", "#teach-title", "#teach-end",
                "#detail-tabs", "#verdict-headline"}) {
            assertThat(onScreen(robot.lookup(id).query())).as("%s on a 1280×720 screen", id).isTrue();
        }
        Label text = robot.lookup("#teach-text").queryAs(Label.class);
        assertThat(text.getFont().getSize()).isGreaterThanOrEqualTo(20);
        // Wrapped, never cut: the label is as tall as its text needs (the panel scrolls when it is longer).
        assertThat(text.getHeight()).isGreaterThanOrEqualTo(text.prefHeight(text.getWidth()) - 1);
        assertThat(robot.lookup("#teach-panel").query().getLayoutBounds().getWidth()).isGreaterThan(250);
        assertThat(robot.lookup("#detail-tabs").query().getLayoutBounds().getWidth()).isGreaterThan(500);

        robot.type(KeyCode.RIGHT);
        assertThat(teach().indexProperty().get()).isEqualTo(1);
        robot.type(KeyCode.SPACE);
        assertThat(teach().indexProperty().get()).isEqualTo(2);
        robot.type(KeyCode.LEFT);
        assertThat(teach().indexProperty().get()).isEqualTo(1);
        robot.type(KeyCode.END);
        assertThat(teach().indexProperty().get()).isEqualTo(12);
        assertThat(robot.lookup("#teach-next").queryAs(Button.class).isDisabled()).isTrue();
        robot.type(KeyCode.HOME);
        assertThat(teach().indexProperty().get()).isZero();
        assertThat(robot.lookup("#teach-counter").queryAs(Label.class).getText()).isEqualTo("Step 1 of 13");
        robot.type(KeyCode.ESCAPE);
        assertThat(teach().activeProperty().get()).isFalse();
        assertThat(robot.lookup("#teach-panel").query().isVisible()).isFalse();
        assertThat(view.detail().marked()).isNull();
        // The dumps stay open after the lesson.
        assertThat(vm.dumpList().rows()).hasSize(4);
    }

    @Test
    void openingAnotherDumpEndsTheLesson(FxRobot robot) throws Exception {
        openLesson(robot);
        robot.interact(() -> vm.open(List.of(TestFiles.sample(TestFiles.USERMODE))));
        waitFor(() -> !vm.loadingProperty().get());
        assertThat(teach().activeProperty().get()).isFalse();
        assertThat(vm.dumpList().rows()).hasSize(1);
    }

    @Test
    void handoutIsDrawnFromTheWindowWithTheAnalysisValues(FxRobot robot) throws Exception {
        openLesson(robot);
        Path md = dir.resolve("lesson.md");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> new HandoutWriter(view.scene(), teach(), tasks).write(md, "test", error ->
                done.complete(error == null ? "" : error)));
        assertThat(done.get(TIMEOUT, TimeUnit.SECONDS)).isEmpty();
        String text = Files.readString(md);
        Path images = dir.resolve("lesson-images");
        try (var files = Files.list(images)) {
            assertThat(files.count()).isEqualTo(13);
        }
        for (int i = 1; i <= 13; i++) {
            String name = String.format("step-%02d.png", i);
            assertThat(text).contains("(lesson-images/" + name + ")");
            BufferedImage image = ImageIO.read(images.resolve(name).toFile());
            assertThat(image.getWidth()).isEqualTo((int) view.scene().getWidth());
            assertThat(image.getHeight()).isEqualTo((int) view.scene().getHeight());
        }
        Map<String, JsonNode> exercises = new HashMap<>();
        for (Exercise e : Exercise.values()) {
            exercises.put(e.file(), AnalyzeJson.of(TestFiles.sample(e.file())));
        }
        assertThat(HandoutTest.checkValues(text, AnalyzeJson.of(TestFiles.sample(TestFiles.CSAGENT)), exercises))
                .isGreaterThan(40);
        // Nothing outside the chosen folder.
        List<String> written = new ArrayList<>();
        try (var all = Files.list(dir)) {
            all.forEach(p -> written.add(p.getFileName().toString()));
        }
        assertThat(written).contains("lesson.md", "lesson-images");
        assertThat(teach().indexProperty().get()).isZero();
    }
}
