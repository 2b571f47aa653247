package org.faultline.app.gui.detail;

import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.faultline.app.gui.common.Highlight;
import org.faultline.app.gui.common.Severity;
import org.faultline.app.gui.hexview.HexView;

/**
 * The detail of the selected dump: the verdict banner in its severity colour, the tabs, and beside them what to
 * do (the known issue and its remediation steps) and the evidence chain.
 */
public final class DetailView {
    private final VBox root;
    private final TabPane tabs = new TabPane();
    private final Label headline = new Label();
    private final Label facts = new Label();
    private final VBox issue;
    private final BugcheckView bugcheckView;
    private final FaultingFrameView faultingFrameView;
    private final StackView stackView;
    private final ModulesView modulesView;
    private Node marked;
    private final SplitPane body;
    private final ScrollPane sideScroll;

    /**
     * @param copySummary what "Copy summary" does (the main view owns the clipboard)
     * @param export      the Export menu to show in the banner (the main view builds it)
     */
    public DetailView(DetailViewModel vm, Consumer<String> copySummary, MenuButton export) {
        // Banner ---------------------------------------------------------------------------------------
        headline.setId("verdict-headline");
        headline.getStyleClass().add("verdict-headline");
        headline.setWrapText(true);
        headline.textProperty().bind(vm.headlineProperty());
        headline.setMinHeight(Region.USE_PREF_SIZE);
        Label subline = new Label();
        subline.setId("verdict-detail");
        subline.getStyleClass().add("verdict-detail");
        subline.setWrapText(true);
        subline.textProperty().bind(vm.sublineProperty());
        subline.setMinHeight(Region.USE_PREF_SIZE);
        facts.setId("verdict-facts");
        facts.getStyleClass().add("verdict-facts");
        facts.textProperty().bind(vm.factsProperty());
        Label confidence = new Label();
        confidence.getStyleClass().add("chip");
        confidence.textProperty().bind(vm.confidenceProperty());
        confidence.visibleProperty().bind(vm.confidenceProperty().isNotEmpty());
        Button copy = new Button("Copy summary");
        copy.setId("copy-summary");
        copy.setOnAction(e -> copySummary.accept(vm.ticketSummary()));
        copy.disableProperty().bind(vm.shownProperty().isNull());
        facts.setMinWidth(0);
        facts.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(facts, Priority.ALWAYS);
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {confidence, copy, export}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox factsRow = new HBox(10, facts, confidence, copy, export);
        factsRow.setAlignment(Pos.CENTER_LEFT);
        VBox banner = new VBox(4, headline, subline, factsRow);
        banner.setId("verdict-banner");
        banner.getStyleClass().add("verdict-banner");
        vm.severityProperty().addListener((o, a, b) -> severity(banner, b));
        severity(banner, vm.severityProperty().get());

        // Tabs -----------------------------------------------------------------------------------------
        tabs.setId("detail-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bugcheckView = new BugcheckView(vm.bugcheck());
        faultingFrameView = new FaultingFrameView(vm.faultingFrame());
        stackView = new StackView(vm.stack());
        modulesView = new ModulesView(vm.modules());
        tabs.getTabs().add(tab("Bugcheck", bugcheckView.root()));
        tabs.getTabs().add(tab("Faulting frame", faultingFrameView.root()));
        tabs.getTabs().add(tab("Stack", stackView.root()));
        tabs.getTabs().add(tab("Modules", modulesView.root()));
        tabs.getTabs().add(tab("Threads", new ThreadsView(vm.threads()).root()));
        tabs.getTabs().add(tab("Memory", new HexView(vm.memory()).root()));
        tabs.getTabs().add(tab("Structure", new StructureView(vm.structure()).root()));
        Tab warnings = tab("Warnings", new WarningsView(vm.warnings()).root());
        warnings.textProperty().bind(vm.warnings().tabTitleProperty());
        tabs.getTabs().add(warnings);

        // What to do -----------------------------------------------------------------------------------
        Label issueTitle = new Label();
        issueTitle.setId("known-issue-title");
        issueTitle.getStyleClass().add("section-title");
        issueTitle.setWrapText(true);
        issueTitle.textProperty().bind(vm.knownIssueTitleProperty());
        Label issueSummary = new Label();
        issueSummary.setWrapText(true);
        issueSummary.textProperty().bind(vm.knownIssueSummaryProperty());
        Label stepsTitle = new Label("Remediation");
        stepsTitle.getStyleClass().add("subsection-title");
        VBox steps = new VBox(3);
        steps.setId("remediation");
        VBox sources = new VBox(2);
        vm.remediation().addListener((ListChangeListener<String>) c -> numbered(steps, vm));
        vm.sources().addListener((ListChangeListener<String>) c -> {
            sources.getChildren().clear();
            vm.sources().forEach(s -> {
                Label l = new Label(s);
                l.getStyleClass().addAll("muted", "small");
                l.setWrapText(true);
                sources.getChildren().add(l);
            });
        });
        issue = new VBox(6, issueTitle, issueSummary, stepsTitle, steps, sources);
        issue.getStyleClass().add("known-issue");
        issue.setId("known-issue");
        issue.visibleProperty().bind(vm.hasKnownIssueProperty());
        issue.managedProperty().bind(issue.visibleProperty());

        Label evidenceTitle = new Label("How Faultline concluded");
        evidenceTitle.getStyleClass().add("section-title");
        VBox evidence = new VBox(3);
        vm.evidence().addListener((ListChangeListener<String>) c -> {
            evidence.getChildren().clear();
            vm.evidence().forEach(s -> {
                Label l = new Label("• " + s);
                l.setWrapText(true);
                l.getStyleClass().add("small");
                evidence.getChildren().add(l);
            });
        });
        VBox evidenceBox = new VBox(6, evidenceTitle, evidence);
        evidenceBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.evidence()));
        evidenceBox.managedProperty().bind(evidenceBox.visibleProperty());
        VBox side = new VBox(14, issue, evidenceBox);
        side.setPadding(new Insets(10));
        side.getStyleClass().add("side-panel");
        sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.getStyleClass().add("side-scroll");
        sideScroll.setMinWidth(260);

        body = new SplitPane(tabs, sideScroll);
        body.setDividerPositions(0.64);
        SplitPane.setResizableWithParent(sideScroll, false);
        root = new VBox(banner, body);
        VBox.setVgrow(body, Priority.ALWAYS);
        vm.highlightProperty().addListener((o, a, b) -> spotlight(b));
    }

    /**
     * Points at what a teaching step talks about: selects its tab, selects its row or line, and marks the element
     * with the {@code teach-highlight} style class (removed from the one marked before). Null clears the mark.
     */
    private void spotlight(Highlight h) {
        if (marked != null) {
            marked.getStyleClass().remove(Spotlight.STYLE_CLASS);
            marked = null;
        }
        if (h == null) {
            return;
        }
        if (h.place().tab() != null) {
            selectTab(h.place().tab());
        }
        Node n = switch (h.place()) {
            case VERDICT -> headline;
            case DUMP_FACTS -> facts;
            case KNOWN_ISSUE -> issue.isVisible() ? issue : null;
            case PARAMETER, ACCESS -> bugcheckView.spotlight(h);
            case FAULT_LOCATION, REGISTER, INSTRUCTION -> faultingFrameView.spotlight(h);
            case STACK_FRAME -> stackView.spotlight(h);
            case MODULE -> modulesView.spotlight(h);
        };
        if (n != null) {
            n.getStyleClass().add(Spotlight.STYLE_CLASS);
            marked = n;
            Spotlight.reveal(n);
        }
    }

    /** Selects the tab whose title starts with {@code title} ("Warnings" matches "Warnings (2)"), if there is one. */
    public void selectTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().startsWith(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /**
     * Gives the tabs the most room (the panel beside them keeps its minimum width), or the usual split back: the
     * teaching mode's panel takes width from the window.
     */
    public void widenTabs(boolean on) {
        // At most a third of the window's width while teaching, so a projector's 1280 pixels keep the tabs readable.
        sideScroll.maxWidthProperty().unbind();
        if (on) {
            sideScroll.maxWidthProperty().bind(root.widthProperty().multiply(0.34));
        } else {
            sideScroll.setMaxWidth(Double.MAX_VALUE);
        }
        body.setDividerPositions(on ? 0.7 : 0.64);
    }

    /** Presenter mode: the disassembly leaves out the instruction bytes, so the instructions fit a narrow tab. */
    public void presenter(boolean on) {
        faultingFrameView.compact(on);
    }

    /** The element a teaching step points at now, or null (for tests and the handout). */
    public Node marked() {
        return marked;
    }

    private static void numbered(VBox steps, DetailViewModel vm) {
        steps.getChildren().clear();
        int i = 1;
        for (String s : vm.remediation()) {
            Label l = new Label(i++ + ". " + s);
            l.setWrapText(true);
            steps.getChildren().add(l);
        }
    }

    private static void severity(Node banner, Severity s) {
        for (Severity x : Severity.values()) {
            banner.getStyleClass().remove(x.styleClass());
        }
        banner.getStyleClass().add(s.styleClass());
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return t;
    }

    public Node root() {
        return root;
    }
}
