package org.faultline.app.gui.detail;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.faultline.app.analysis.DumpAnalysis;
import org.faultline.app.analysis.LoadedDump;
import org.faultline.app.analysis.OpenedDump;
import org.faultline.app.gui.common.Highlight;
import org.faultline.app.gui.common.Severity;
import org.faultline.app.gui.hexview.HexViewModel;
import org.faultline.app.gui.task.BackgroundJob;
import org.faultline.app.gui.task.Job;
import org.faultline.app.gui.task.Tasks;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.triage.Evidence;
import org.faultline.triage.KnownIssueMatch;
import org.faultline.triage.Report;

/**
 * The detail of the selected dump: the verdict banner (headline, severity, confidence), the known issue with
 * its remediation, the evidence chain, and one view model per tab. Report-based tabs fill at once; Threads,
 * Memory and Structure need the dump itself, which is opened again in background work (and closed when
 * another dump is selected; selecting again cancels the previous open).
 */
public final class DetailViewModel {
    private final Tasks tasks;
    private final ReadOnlyObjectWrapper<LoadedDump> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper subline = new ReadOnlyStringWrapper(this, "subline", "");
    private final ReadOnlyStringWrapper facts = new ReadOnlyStringWrapper(this, "facts", "");
    private final ReadOnlyObjectWrapper<Severity> severity = new ReadOnlyObjectWrapper<>(this, "severity", Severity.NONE);
    private final ReadOnlyStringWrapper confidence = new ReadOnlyStringWrapper(this, "confidence", "");
    private final ReadOnlyBooleanWrapper hasKnownIssue = new ReadOnlyBooleanWrapper(this, "hasKnownIssue", false);
    private final ReadOnlyStringWrapper knownIssueTitle = new ReadOnlyStringWrapper(this, "knownIssueTitle", "");
    private final ReadOnlyStringWrapper knownIssueSummary = new ReadOnlyStringWrapper(this, "knownIssueSummary", "");
    private final ObservableList<String> remediation = FXCollections.observableArrayList();
    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final ObservableList<String> evidence = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper sessionReady = new ReadOnlyBooleanWrapper(this, "sessionReady", false);
    private final ObjectProperty<Highlight> highlight = new SimpleObjectProperty<>(this, "highlight");

    private final BugcheckViewModel bugcheck = new BugcheckViewModel();
    private final FaultingFrameViewModel faultingFrame = new FaultingFrameViewModel();
    private final StackViewModel stack = new StackViewModel();
    private final ModulesViewModel modules = new ModulesViewModel();
    private final ThreadsViewModel threads = new ThreadsViewModel();
    private final StructureViewModel structure = new StructureViewModel();
    private final WarningsViewModel warnings = new WarningsViewModel();
    private final HexViewModel memory;

    private Job openJob = Job.NONE;
    private OpenedDump session;
    private long generation;

    public DetailViewModel(Tasks tasks) {
        this.tasks = tasks;
        this.memory = new HexViewModel(tasks);
        clearFields();
    }

    /** What the detail knows once the dump is open. */
    private record Session(OpenedDump dump, List<ThreadsViewModel.Row> threads, StructureViewModel.Node tree) {
    }

    /** Shows one dump (null clears). */
    public void show(LoadedDump d) {
        if (d == shown.get()) {
            return;
        }
        closeSession();
        clearFields();
        highlight.set(null);
        shown.set(d);
        if (d == null) {
            return;
        }
        Report r = d.report();
        banner(d);
        bugcheck.show(r);
        faultingFrame.show(r);
        stack.show(r);
        modules.show(r);
        warnings.show(d);
        threads.loading();
        structure.loading();
        memory.clear();
        long gen = ++generation;
        openJob = tasks.run(BackgroundJob.<Session>of("Opening " + d.input().fileName(), p -> {
            OpenedDump opened = OpenedDump.open(d.input());
            try {
                return new Session(opened, ThreadsViewModel.rowsOf(opened.dump()), StructureViewModel.treeOf(opened));
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }).onSuccess(s -> {
            if (gen != generation) {
                s.dump().close();
                return;
            }
            session = s.dump();
            threads.show(s.threads());
            structure.show(s.tree());
            Long focus = r != null && r.faultingFrame() != null ? r.faultingFrame().address() : null;
            memory.open(s.dump().bytes(), s.dump().dump().memory(), s.dump().dump().architecture().pointerSize() == 8,
                    focus);
            sessionReady.set(true);
        }).onFailure(e -> {
            if (gen == generation) {
                String why = why(e);
                threads.failed(why);
                structure.failed(why);
                sessionReady.set(true);
            }
        }));
    }

    private static String why(Throwable e) {
        if (e instanceof DumpFormatException f) {
            return DumpAnalysis.describe(f);
        }
        if (e instanceof DumpAccessException a) {
            return a.getMessage();
        }
        return "cannot open the dump: " + e;
    }

    private void banner(LoadedDump d) {
        Report r = d.report();
        severity.set(Severity.of(r));
        if (r == null) {
            headline.set("Cannot read " + d.input().fileName());
            subline.set(d.error());
            confidence.set("");
            facts.set(d.input().displayPath());
            return;
        }
        String summary = r.verdict() == null ? "" : r.verdict().summary();
        String[] parts = splitSummary(summary);
        headline.set(parts[0]);
        subline.set(parts[1]);
        confidence.set(r.verdict() == null ? "" : r.verdict().confidence() + " confidence");
        facts.set(factsLine(r));
        KnownIssueMatch k = r.knownIssue();
        hasKnownIssue.set(k != null);
        knownIssueTitle.set(k == null ? "" : "Known issue: " + k.title());
        knownIssueSummary.set(k == null ? "" : k.summary());
        remediation.setAll(k == null ? List.of() : k.remediation());
        sources.setAll(k == null ? List.of() : k.sources());
        evidence.setAll(r.verdict() == null ? List.of()
                : r.verdict().evidence().stream().map(DetailViewModel::evidenceText).toList());
    }

    private static String evidenceText(Evidence e) {
        return e.text() + (e.source() == null ? "" : "  [" + e.source() + "]");
    }

    /**
     * The verdict's sentence split into the headline (what and whose) and the rest (the instruction and
     * address): {@code "Read out of bounds in … csagent.sys — CrowdStrike Ltd., …: mov r9d,… accessed 0x…."}.
     */
    static String[] splitSummary(String summary) {
        int cut = summary.indexOf(": ");
        if (cut < 0) {
            return new String[] {strip(summary), ""};
        }
        return new String[] {summary.substring(0, cut), summary.substring(cut + 2)};
    }

    private static String strip(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String factsLine(Report r) {
        StringBuilder s = new StringBuilder(r.file());
        s.append("  ·  ").append(r.format()).append(", ").append(r.architecture());
        if (r.os() != null && r.os().build() != 0) {
            s.append(", ").append(r.os().platform()).append(' ').append(r.os().version());
        }
        if (r.crashTime() != null) {
            s.append("  ·  crashed ").append(org.faultline.app.gui.common.Fmt.time(r.crashTime()));
        }
        if (r.bucket() != null) {
            s.append("  ·  bucket ").append(r.bucket());
        }
        return s.toString();
    }

    /** The text "Copy summary" puts on the clipboard, or empty when nothing is shown. */
    public String ticketSummary() {
        return shown.get() == null ? "" : TicketSummary.of(shown.get());
    }

    public void clear() {
        show(null);
    }

    private void clearFields() {
        severity.set(Severity.NONE);
        headline.set("Open a crash dump");
        subline.set("File › Open, Open Folder, or drop dumps, folders and archives on the window.");
        facts.set("");
        confidence.set("");
        hasKnownIssue.set(false);
        knownIssueTitle.set("");
        knownIssueSummary.set("");
        remediation.clear();
        sources.clear();
        evidence.clear();
        bugcheck.clear();
        faultingFrame.clear();
        stack.clear();
        modules.clear();
        threads.clear();
        structure.clear();
        warnings.clear();
        memory.clear();
    }

    private void closeSession() {
        openJob.cancel();
        generation++;
        sessionReady.set(false);
        if (session != null) {
            OpenedDump s = session;
            session = null;
            memory.clear();
            s.close();
        }
    }

    /** Closes the open dump (window closing). */
    public void dispose() {
        closeSession();
    }

    /**
     * What the teaching mode points at in the shown dump (the view selects its tab and row and marks it), or null.
     * Cleared when another dump is shown.
     */
    public ObjectProperty<Highlight> highlightProperty() {
        return highlight;
    }

    public ReadOnlyObjectProperty<LoadedDump> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** The rest of the verdict sentence, or the error. */
    public ReadOnlyStringProperty sublineProperty() {
        return subline.getReadOnlyProperty();
    }

    /** File, format, OS, time, bucket. */
    public ReadOnlyStringProperty factsProperty() {
        return facts.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Severity> severityProperty() {
        return severity.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty confidenceProperty() {
        return confidence.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasKnownIssueProperty() {
        return hasKnownIssue.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty knownIssueTitleProperty() {
        return knownIssueTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty knownIssueSummaryProperty() {
        return knownIssueSummary.getReadOnlyProperty();
    }

    public ObservableList<String> remediation() {
        return remediation;
    }

    public ObservableList<String> sources() {
        return sources;
    }

    public ObservableList<String> evidence() {
        return evidence;
    }

    /** True once Threads, Memory and Structure are filled (or failed) for the shown dump. */
    public ReadOnlyBooleanProperty sessionReadyProperty() {
        return sessionReady.getReadOnlyProperty();
    }

    public BugcheckViewModel bugcheck() {
        return bugcheck;
    }

    public FaultingFrameViewModel faultingFrame() {
        return faultingFrame;
    }

    public StackViewModel stack() {
        return stack;
    }

    public ModulesViewModel modules() {
        return modules;
    }

    public ThreadsViewModel threads() {
        return threads;
    }

    public StructureViewModel structure() {
        return structure;
    }

    public WarningsViewModel warnings() {
        return warnings;
    }

    public HexViewModel memory() {
        return memory;
    }
}
