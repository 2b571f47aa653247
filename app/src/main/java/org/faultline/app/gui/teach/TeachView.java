package org.faultline.app.gui.teach;

import javafx.beans.binding.Bindings;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The teaching side panel: the step counter, the step's title, text and sources, an exercise's question and its
 * answer on demand, Previous/Next. While it is open the keyboard drives it: → ↓ Space Page Down next, ← ↑
 * Backspace Page Up previous, Home and End the first and last step, Esc ends the lesson (keys typed into a
 * text field are left alone).
 */
public final class TeachView {
    private final BorderPane root = new BorderPane();
    private final TeachViewModel vm;

    public TeachView(TeachViewModel vm) {
        this.vm = vm;
        root.setId("teach-panel");
        root.getStyleClass().add("teach-panel");

        Label heading = new Label("Teaching: the July 19, 2024 outage");
        heading.getStyleClass().add("muted");
        heading.setWrapText(true);
        heading.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(heading, Priority.ALWAYS);
        Button close = new Button("End");
        close.setId("teach-end");
        close.setFocusTraversable(false);
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setOnAction(e -> vm.stop());
        HBox top = new HBox(8, heading, close);
        top.setAlignment(Pos.CENTER_LEFT);

        Label counter = new Label();
        counter.setId("teach-counter");
        counter.getStyleClass().add("teach-counter");
        counter.textProperty().bind(vm.counterProperty());
        Label title = wrapped("teach-title", "teach-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.currentProperty().get() == null ? ""
                : vm.currentProperty().get().title(), vm.currentProperty()));
        Label text = wrapped("teach-text", "teach-text");
        text.textProperty().bind(Bindings.createStringBinding(() -> vm.currentProperty().get() == null ? ""
                : vm.currentProperty().get().text(), vm.currentProperty()));
        Label message = wrapped("teach-message", "muted");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        Button reveal = new Button("Show the answer");
        reveal.setId("teach-show-answer");
        reveal.setFocusTraversable(false);
        reveal.setOnAction(e -> vm.showAnswer());
        var exercise = Bindings.createBooleanBinding(() -> vm.currentProperty().get() != null
                && vm.currentProperty().get().exercise(), vm.currentProperty());
        reveal.visibleProperty().bind(exercise.and(vm.answerShownProperty().not()));
        reveal.managedProperty().bind(reveal.visibleProperty());
        Label answer = wrapped("teach-answer", "teach-answer");
        answer.textProperty().bind(Bindings.createStringBinding(() -> vm.currentProperty().get() == null
                || !vm.currentProperty().get().exercise() ? "" : vm.currentProperty().get().answer().text(),
                vm.currentProperty()));
        answer.visibleProperty().bind(exercise.and(vm.answerShownProperty()));
        answer.managedProperty().bind(answer.visibleProperty());

        Label sources = wrapped("teach-sources", "small");
        sources.getStyleClass().add("muted");
        sources.textProperty().bind(Bindings.createStringBinding(() -> vm.currentProperty().get() == null
                || vm.currentProperty().get().sources().isEmpty() ? ""
                : "Sources: " + String.join("; ", vm.currentProperty().get().sources()), vm.currentProperty()));

        VBox body = new VBox(10, counter, title, text, reveal, answer, message, sources);
        body.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("side-scroll");

        Button previous = new Button("◀ Previous");
        previous.setId("teach-previous");
        previous.setFocusTraversable(false);
        previous.setOnAction(e -> vm.previous());
        previous.disableProperty().bind(vm.indexProperty().lessThanOrEqualTo(0));
        Button next = new Button("Next ▶");
        next.setId("teach-next");
        next.setFocusTraversable(false);
        next.setOnAction(e -> vm.next());
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.indexProperty().get() < 0
                || vm.indexProperty().get() >= vm.steps().size() - 1, vm.indexProperty(), vm.steps()));
        Label keys = new Label("← → Space · Esc ends · F11 large");
        keys.getStyleClass().addAll("muted", "small");
        keys.setMinWidth(0);
        HBox.setHgrow(keys, Priority.ALWAYS);
        keys.setMaxWidth(Double.MAX_VALUE);
        for (Button b : new Button[] {previous, next}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox nav = new HBox(8, previous, next, keys);
        nav.setAlignment(Pos.CENTER_LEFT);
        nav.setPadding(new Insets(8, 10, 10, 10));

        top.setPadding(new Insets(10, 10, 0, 10));
        root.setTop(top);
        root.setCenter(scroll);
        root.setBottom(nav);
        root.visibleProperty().bind(vm.activeProperty());
        root.managedProperty().bind(root.visibleProperty());
    }

    private static Label wrapped(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    /** Lets the keyboard drive the lesson in {@code scene} while it is open. */
    public void install(Scene scene) {
        EventHandler<KeyEvent> keys = e -> {
            if (!vm.activeProperty().get() || e.getTarget() instanceof TextInputControl) {
                return;
            }
            boolean used = true;
            switch (e.getCode()) {
                case RIGHT, DOWN, SPACE, PAGE_DOWN -> vm.next();
                case LEFT, UP, BACK_SPACE, PAGE_UP -> vm.previous();
                case HOME -> vm.first();
                case END -> vm.last();
                case ESCAPE -> vm.stop();
                default -> used = false;
            }
            if (used) {
                e.consume();
            }
        };
        scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
    }

    public Node root() {
        return root;
    }
}
