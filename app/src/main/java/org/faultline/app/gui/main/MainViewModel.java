package org.faultline.app.gui.main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.faultline.app.analysis.Cancelled;
import org.faultline.app.analysis.DumpAnalysis;
import org.faultline.app.analysis.DumpInput;
import org.faultline.app.analysis.DumpInputs;
import org.faultline.app.analysis.LoadedDump;
import org.faultline.app.analysis.ReportFormat;
import org.faultline.app.gui.AppContext;
import org.faultline.app.gui.detail.DetailViewModel;
import org.faultline.app.gui.dumplist.DumpListViewModel;
import org.faultline.app.gui.dumplist.DumpRow;
import org.faultline.app.gui.fleet.FleetClusters;
import org.faultline.app.gui.fleet.FleetViewModel;
import org.faultline.app.gui.settings.Settings;
import org.faultline.app.gui.settings.Theme;
import org.faultline.app.gui.task.BackgroundJob;
import org.faultline.app.gui.teach.TeachViewModel;
import org.faultline.app.gui.task.Job;
import org.faultline.symbols.store.StoreOptions;
import org.faultline.triage.Analyzer;
import org.faultline.triage.Report;

/**
 * The main window: opening (files, folders, archives, recent files, the sample), the load of a set of dumps
 * (one background job: rows appear as each dump finishes; opening another set cancels it), the status line,
 * exports, the settings the window applies (theme, presenter mode), and the child view models.
 */
public final class MainViewModel {
    /** Windows' own folder of kernel minidumps. */
    public static final Path WINDOWS_MINIDUMP = Path.of("C:\\Windows\\Minidump");
    /** Below this many dumps the fleet view is recomputed after every dump; above, every {@link #FLEET_BATCH}. */
    static final int FLEET_BATCH = 25;

    /** What an export covers. */
    public enum ExportScope { SELECTED, ALL }

    /** The export formats: the renderers of {@code faultline analyze --format}. */
    public enum ExportFormat {
        HTML(ReportFormat.HTML), MARKDOWN(ReportFormat.MARKDOWN), JSON(ReportFormat.JSON);

        private final ReportFormat format;

        ExportFormat(ReportFormat format) {
            this.format = format;
        }

        ReportFormat format() {
            return format;
        }

        public String label() {
            return format.label();
        }

        /** Without the dot. */
        public String extension() {
            return format.extension();
        }
    }

    private final AppContext context;
    private final DumpListViewModel dumpList = new DumpListViewModel();
    private final DetailViewModel detail;
    private final FleetViewModel fleet;
    private final TeachViewModel teach;
    private final ObjectProperty<Settings> settings = new SimpleObjectProperty<>(this, "settings");
    private final ObservableList<String> recentFiles = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Ready");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Faultline");
    private final ReadOnlyObjectWrapper<Path> lastExport = new ReadOnlyObjectWrapper<>(this, "lastExport");
    private final ObservableList<String> problems = FXCollections.observableArrayList();

    private Job loadJob = Job.NONE;
    private long generation;
    private int expected;
    private List<Path> lastOpened = List.of();
    private DumpInputs inputs;

    public MainViewModel(AppContext context, Settings initial) {
        this.context = context;
        this.detail = new DetailViewModel(context.tasks());
        this.fleet = new FleetViewModel(dumpList);
        this.teach = new TeachViewModel(dumpList, detail, loading.getReadOnlyProperty(), this::openBundled);
        settings.set(initial);
        recentFiles.setAll(initial.recentFiles());
        settings.addListener((o, a, b) -> recentFiles.setAll(b.recentFiles()));
        dumpList.selectedProperty().addListener((o, a, b) -> detail.show(b == null ? null : b.loaded()));
        title.bind(Bindings.createStringBinding(() -> {
            int n = dumpList.rows().size();
            return n == 0 ? "Faultline" : n == 1 ? "Faultline — " + dumpList.rows().get(0).file()
                    : "Faultline — " + n + " dumps";
        }, dumpList.rows()));
    }

    // ---- opening --------------------------------------------------------------------------------------

    /** Opens the bundled July 19, 2024 sample. */
    public void openSample() {
        start("the sample", List.of(), cancelled -> new DumpInputs.Expansion(List.of(DumpInput.sample()), List.of()));
    }

    /** Opens dumps shipped in the application (the teaching mode's lesson), replacing what is shown. */
    public void openBundled(List<DumpInput> bundled) {
        List<DumpInput> copy = List.copyOf(bundled);
        start(copy.size() == 1 ? copy.get(0).fileName() : copy.size() + " samples", List.of(),
                cancelled -> new DumpInputs.Expansion(copy, List.of()));
    }

    /** Opens files, folders and archives (replacing what is shown). */
    public void open(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        List<Path> copy = List.copyOf(paths);
        Settings s = settings.get();
        for (int i = copy.size() - 1; i >= 0; i--) {
            s = s.withRecent(copy.get(i).toAbsolutePath().toString());
        }
        updateSettings(s);
        String what = copy.size() == 1 ? copy.get(0).getFileName() == null ? copy.get(0).toString()
                : copy.get(0).getFileName().toString() : copy.size() + " items";
        start(what, copy, cancelled -> inputs().expand(copy, cancelled));
    }

    public void openRecent(String path) {
        open(List.of(Path.of(path)));
    }

    /** Windows only: the folder where Windows writes kernel minidumps. */
    public void openWindowsMinidumps() {
        open(List.of(WINDOWS_MINIDUMP));
    }

    /** The environment (for the settings dialog's privacy line). */
    public java.util.Map<String, String> environment() {
        return context.env();
    }

    /** Whether to offer "Open C:\Windows\Minidump". */
    public boolean windowsMinidumpsOffered() {
        return context.windows();
    }

    /** Opens the last set again (after the symbol path changed). */
    public void reload() {
        if (!lastOpened.isEmpty()) {
            open(lastOpened);
        } else if (!dumpList.rows().isEmpty()) {
            openSample();
        }
    }

    public void clearRecent() {
        updateSettings(settings.get().withoutRecent());
    }

    private DumpInputs inputs() {
        if (inputs == null) {
            inputs = new DumpInputs(context.scratch().get());
        }
        return inputs;
    }

    private void start(String what, List<Path> paths, Function<BooleanSupplier, DumpInputs.Expansion> expand) {
        loadJob.cancel();
        long gen = ++generation;
        lastOpened = paths;
        dumpList.clear();
        fleet.clear();
        detail.clear();
        problems.clear();
        expected = 0;
        loading.set(true);
        progress.set(-1);
        status.set("Opening " + what + "…");
        DumpAnalysis analysis = new DumpAnalysis(Analyzer.standard(),
                settings.get().effectiveSymbolPath(context.env()),
                StoreOptions.defaults().withDefaultCache(Path.of(settings.get().symbolCache())));
        loadJob = context.tasks().run(BackgroundJob.<Integer>of("Opening " + what, p -> {
            DumpInputs.Expansion x = expand.apply(p::isCancelled);
            List<DumpInput> list = x.inputs();
            int n = list.size();
            context.tasks().ui(() -> {
                if (gen == generation) {
                    expected = n;
                    problems.setAll(x.problems());
                }
            });
            int done = 0;
            for (DumpInput in : list) {
                if (p.isCancelled()) {
                    break;
                }
                int index = done;
                p.message("Analyzing " + in.fileName() + " (" + (index + 1) + " of " + n + ")");
                LoadedDump d;
                try {
                    d = analysis.load(in, p::isCancelled, (h, total) -> {
                        if (total > (64L << 20)) {
                            p.update((long) ((index + (double) h / total) * 1000), n * 1000L);
                        }
                    });
                } catch (Cancelled c) {
                    break;
                }
                done++;
                context.tasks().ui(() -> added(gen, d));
                p.update(done * 1000L, n * 1000L);
            }
            return done;
        }).onProgress((fraction, message) -> {
            // Progress posted just before a cancel can arrive after it: only a running load reports.
            if (gen == generation && loading.get()) {
                progress.set(fraction);
                if (message != null && !message.isEmpty()) {
                    status.set(message);
                }
            }
        }).onSuccess(done -> {
            if (gen == generation) {
                finished(done == expected ? null : "Stopped");
            }
        }).onCancelled(() -> {
            if (gen == generation) {
                finished("Cancelled");
            }
        }).onFailure(e -> {
            if (gen == generation) {
                finished("Failed: " + e.getMessage());
            }
        }));
    }

    private void added(long gen, LoadedDump d) {
        // A dump that finished just as the load was cancelled arrives after the status was written: drop it, so
        // "Cancelled: loaded N" stays true.
        if (gen != generation || !loading.get()) {
            return;
        }
        dumpList.add(d);
        fleet.add(d);
        int n = dumpList.rows().size();
        if (n < FLEET_BATCH || n % FLEET_BATCH == 0) {
            fleet.refresh();
        }
    }

    private void finished(String prefix) {
        loading.set(false);
        progress.set(0);
        fleet.refresh();
        if (prefix != null) {
            status.set(prefix + ": loaded " + dumpList.rows().size() + " of " + expected + " dumps");
        } else if (dumpList.rows().isEmpty()) {
            status.set(problems.isEmpty() ? "No crash dumps found" : problems.get(0));
        } else {
            status.set("Loaded " + dumpList.countsProperty().get()
                    + (problems.isEmpty() ? "" : "; " + problems.size() + " archive or folder problems"));
        }
    }

    /** Stops the current load; the rows loaded so far stay. */
    public void cancelLoad() {
        loadJob.cancel();
    }

    // ---- export and share ---------------------------------------------------------------------------

    /** The reports an export of {@code scope} covers (unreadable dumps have none). */
    public List<Report> reports(ExportScope scope) {
        List<DumpRow> rows = scope == ExportScope.ALL ? dumpList.rows()
                : !dumpList.selection().isEmpty() ? dumpList.selection()
                : dumpList.selectedProperty().get() == null ? List.of() : List.of(dumpList.selectedProperty().get());
        List<Report> out = new ArrayList<>();
        for (DumpRow r : rows) {
            if (r.ok()) {
                out.add(r.loaded().report());
            }
        }
        return out;
    }

    /** A file name to suggest: {@code crowdstrike-csagent-2024-07-19.html}, {@code fleet-300-dumps.md}. */
    public String suggestedName(ExportScope scope, ExportFormat format) {
        List<Report> r = reports(scope);
        String base;
        if (r.size() == 1) {
            String f = r.get(0).file();
            f = f.substring(Math.max(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')), f.lastIndexOf('!')) + 1);
            base = f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : f;
        } else {
            base = "faultline-" + r.size() + "-dumps";
        }
        return base + "." + format.extension();
    }

    /** Whether there is anything to export. */
    public boolean canExport(ExportScope scope) {
        return !reports(scope).isEmpty();
    }

    /**
     * Writes the reports with the CLI's renderer ({@code faultline analyze --format}), in background work.
     * {@link #lastExportProperty()} changes when the file is written.
     */
    public Job export(ExportScope scope, ExportFormat format, Path target) {
        List<Report> reports = reports(scope);
        if (reports.isEmpty()) {
            status.set("Nothing to export: no readable dump selected");
            return Job.NONE;
        }
        status.set("Exporting " + reports.size() + (reports.size() == 1 ? " report" : " reports") + "…");
        return context.tasks().run(BackgroundJob.<Path>of("Exporting", p -> {
            Files.writeString(target, format.format().render(reports), StandardCharsets.UTF_8);
            return target;
        }).onSuccess(path -> {
            status.set("Exported " + format.label() + " to " + path);
            lastExport.set(path);
        }).onFailure(e -> status.set("Export failed: " + e.getMessage())));
    }

    /**
     * Writes the fleet summary of every loaded dump (clusters, and one row per dump in JSON) with the renderers
     * of {@code faultline triage}, in background work.
     */
    public Job exportFleet(ExportFormat format, Path target) {
        List<LoadedDump> dumps = new ArrayList<>();
        for (DumpRow r : dumpList.rows()) {
            dumps.add(r.loaded());
        }
        if (dumps.isEmpty()) {
            status.set("Nothing to export: no dumps loaded");
            return Job.NONE;
        }
        String kind = format.name().toLowerCase(java.util.Locale.ROOT);
        status.set("Exporting the fleet summary of " + dumps.size() + " dumps…");
        return context.tasks().run(BackgroundJob.<Path>of("Exporting", p -> {
            Files.writeString(target, FleetClusters.render(kind, dumps), StandardCharsets.UTF_8);
            return target;
        }).onSuccess(path -> {
            status.set("Exported the fleet summary (" + format.label() + ") to " + path);
            lastExport.set(path);
        }).onFailure(e -> status.set("Export failed: " + e.getMessage())));
    }

    /** The ticket-ready summary of the selected dump. */
    public String copySummary() {
        String s = detail.ticketSummary();
        status.set(s.isEmpty() ? "Nothing selected" : "Summary copied to the clipboard");
        return s;
    }

    /** The fleet summary (clusters with counts). */
    public String copyFleetSummary() {
        status.set("Fleet summary copied to the clipboard");
        return fleet.summaryText();
    }

    // ---- settings ------------------------------------------------------------------------------------

    /** Applies new settings and saves them in background work. */
    public void updateSettings(Settings s) {
        settings.set(s);
        context.tasks().run(BackgroundJob.<Void>of("Saving settings", p -> {
            context.settingsStore().save(s);
            return null;
        }).onFailure(e -> status.set("Cannot save settings: " + e.getMessage())));
    }

    public void setTheme(Theme t) {
        if (settings.get().theme() != t) {
            updateSettings(settings.get().withTheme(t));
        }
    }

    public void setPresenterMode(boolean on) {
        if (settings.get().presenterMode() != on) {
            updateSettings(settings.get().withPresenterMode(on));
        }
    }

    /** Closes what is open and removes extracted archive entries (window closing). */
    public void dispose() {
        loadJob.cancel();
        generation++;
        detail.dispose();
    }

    /** Deletes a scratch folder and what is in it (used when the app exits). */
    public static void deleteScratch(Path scratch) {
        if (scratch == null || !Files.isDirectory(scratch)) {
            return;
        }
        try (var walk = Files.walk(scratch)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left for the OS's temp cleaner
                }
            });
        } catch (IOException ignored) {
            // left for the OS's temp cleaner
        }
    }

    // ---- properties ----------------------------------------------------------------------------------

    public DumpListViewModel dumpList() {
        return dumpList;
    }

    public DetailViewModel detail() {
        return detail;
    }

    public FleetViewModel fleet() {
        return fleet;
    }

    /** Teaching mode (Help › Teach). */
    public TeachViewModel teach() {
        return teach;
    }

    public ReadOnlyObjectProperty<Settings> settingsProperty() {
        return settings;
    }

    public ObservableList<String> recentFiles() {
        return recentFiles;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** 0 idle, -1 indeterminate, else the fraction done. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> lastExportProperty() {
        return lastExport.getReadOnlyProperty();
    }

    /** Folders and archives that could not be read in the last open. */
    public ObservableList<String> problems() {
        return problems;
    }
}
