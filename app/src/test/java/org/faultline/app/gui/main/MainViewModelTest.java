package org.faultline.app.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.faultline.app.cli.Cli;
import org.faultline.app.gui.settings.Settings;
import org.faultline.app.gui.settings.Theme;
import org.faultline.app.gui.testing.DirectTasks;
import org.faultline.app.gui.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainViewModelTest {
    @TempDir
    Path dir;

    private MainViewModel vm(DirectTasks tasks) {
        return new MainViewModel(TestFiles.context(tasks, dir), Settings.defaults());
    }

    @Test
    void sampleOpensWithItsVerdict() {
        MainViewModel vm = vm(DirectTasks.immediate());
        vm.openSample();
        assertThat(vm.dumpList().rows()).hasSize(1);
        assertThat(vm.dumpList().selectedProperty().get().file()).isEqualTo(TestFiles.CSAGENT);
        assertThat(vm.detail().headlineProperty().get()).contains("csagent.sys").containsIgnoringCase("read out of bounds");
        assertThat(vm.statusProperty().get()).isEqualTo("Loaded 1 dump");
        assertThat(vm.loadingProperty().get()).isFalse();
        assertThat(vm.titleProperty().get()).isEqualTo("Faultline — " + TestFiles.CSAGENT);
        assertThat(vm.fleet().clusters()).hasSize(1);
    }

    @Test
    void folderFillsOneRowPerDumpAndRemembersIt() throws Exception {
        MainViewModel vm = vm(DirectTasks.immediate());
        vm.open(List.of(TestFiles.samples()));
        long dumps;
        try (Stream<Path> s = Files.list(TestFiles.samples())) {
            dumps = s.filter(p -> p.toString().endsWith(".dmp")).count();
        }
        assertThat(vm.dumpList().rows()).hasSize((int) dumps);
        assertThat(vm.statusProperty().get()).isEqualTo("Loaded " + dumps + " dumps");
        assertThat(vm.recentFiles()).containsExactly(TestFiles.samples().toString());
        assertThat(Files.readString(dir.resolve("config").resolve("settings.json"))).contains("sample-dumps");
        assertThat(vm.titleProperty().get()).isEqualTo("Faultline — " + dumps + " dumps");
    }

    @Test
    void rowsArriveOneByOneWithProgress() throws Exception {
        DirectTasks tasks = DirectTasks.queued();
        MainViewModel vm = vm(tasks);
        List<Integer> sizes = new java.util.ArrayList<>();
        vm.dumpList().rows().addListener((javafx.collections.ListChangeListener<Object>) c -> sizes.add(c.getList().size()));
        vm.open(List.of(TestFiles.samples()));
        assertThat(vm.loadingProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo("Opening dumps…");
        tasks.runAll();
        assertThat(sizes).startsWith(1, 2, 3);
        assertThat(vm.loadingProperty().get()).isFalse();
    }

    @Test
    void openingAnotherSetCancelsTheFirst() {
        DirectTasks tasks = DirectTasks.queued();
        MainViewModel vm = vm(tasks);
        vm.open(List.of(TestFiles.samples()));
        vm.open(List.of(TestFiles.sample(TestFiles.USERMODE)));
        tasks.runAll();
        assertThat(vm.dumpList().rows()).extracting(r -> r.file()).containsExactly(TestFiles.USERMODE);
        assertThat(vm.statusProperty().get()).isEqualTo("Loaded 1 dump");
    }

    @Test
    void cancelStopsTheLoad() {
        DirectTasks tasks = DirectTasks.queued();
        MainViewModel vm = vm(tasks);
        vm.open(List.of(TestFiles.samples()));
        vm.cancelLoad();
        tasks.runAll();
        assertThat(vm.loadingProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("Cancelled: loaded 0 of");
    }

    @Test
    void progressArrivingAfterTheEndIsIgnored() {
        org.faultline.app.gui.task.BackgroundJob<?>[] held = new org.faultline.app.gui.task.BackgroundJob<?>[1];
        org.faultline.app.gui.task.Tasks tasks = new org.faultline.app.gui.task.Tasks() {
            @Override
            public <T> org.faultline.app.gui.task.Job run(org.faultline.app.gui.task.BackgroundJob<T> job) {
                if (job.title().startsWith("Opening")) {
                    held[0] = job;
                }
                return org.faultline.app.gui.task.Job.NONE;
            }

            @Override
            public void ui(Runnable r) {
                r.run();
            }
        };
        MainViewModel vm = new MainViewModel(TestFiles.context(tasks, dir), Settings.defaults());
        vm.open(List.of(TestFiles.samples()));
        held[0].cancelled();
        held[0].progressSink().progress(0.5, "Analyzing late.dmp (5 of 11)");
        assertThat(vm.statusProperty().get()).startsWith("Cancelled: loaded 0 of");
        assertThat(vm.progressProperty().get()).isZero();
    }

    @Test
    void archivesOpenAsTheirEntries() throws Exception {
        Path zip = dir.resolve("fleet.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of(TestFiles.CSAGENT, TestFiles.USERMODE)) {
                z.putNextEntry(new ZipEntry("crashes/" + name));
                Files.copy(TestFiles.sample(name), z);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("not a dump".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }
        MainViewModel vm = vm(DirectTasks.immediate());
        vm.open(List.of(zip));
        assertThat(vm.dumpList().rows()).extracting(r -> r.path())
                .containsExactly(zip + "!/crashes/" + TestFiles.CSAGENT, zip + "!/crashes/" + TestFiles.USERMODE);
        assertThat(vm.dumpList().rows()).allMatch(r -> r.ok());
    }

    @Test
    void exportWritesWhatAnalyzePrints() throws Exception {
        MainViewModel vm = vm(DirectTasks.immediate());
        Path sample = TestFiles.sample(TestFiles.CSAGENT);
        vm.open(List.of(sample));
        Path out = dir.resolve("report.json");
        assertThat(vm.suggestedName(MainViewModel.ExportScope.SELECTED, MainViewModel.ExportFormat.JSON))
                .isEqualTo("crowdstrike-csagent-2024-07-19.json");
        vm.export(MainViewModel.ExportScope.SELECTED, MainViewModel.ExportFormat.JSON, out);
        assertThat(vm.lastExportProperty().get()).isEqualTo(out);
        assertThat(vm.statusProperty().get()).isEqualTo("Exported JSON to " + out);
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(Files.readString(out))).isEqualTo(m.readTree(analyze("json", sample)));

        Path md = dir.resolve("all.md");
        vm.export(MainViewModel.ExportScope.ALL, MainViewModel.ExportFormat.MARKDOWN, md);
        assertThat(Files.readString(md)).isEqualTo(analyze("markdown", sample));
        Path html = dir.resolve("all.html");
        vm.export(MainViewModel.ExportScope.ALL, MainViewModel.ExportFormat.HTML, html);
        assertThat(Files.readString(html)).isEqualTo(analyze("html", sample));
    }

    @Test
    void fleetSummaryExportIsWhatTriagePrints() throws Exception {
        MainViewModel vm = vm(DirectTasks.immediate());
        Path folder = TestFiles.samples();
        vm.open(List.of(folder));
        Path out = dir.resolve("fleet.json");
        vm.exportFleet(MainViewModel.ExportFormat.JSON, out);
        assertThat(vm.statusProperty().get()).isEqualTo("Exported the fleet summary (JSON) to " + out);
        ObjectMapper m = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode gui = m.readTree(Files.readString(out));
        StringWriter cliOut = new StringWriter();
        StringWriter cliErr = new StringWriter();
        int code = new Cli(new PrintWriter(cliOut), new PrintWriter(cliErr))
                .run("triage", "--format", "json", "--quiet", folder.toString());
        assertThat(code).as(cliErr.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode cli = m.readTree(cliOut.toString());
        assertThat(gui.get("clusters")).isEqualTo(cli.get("clusters"));
        for (String field : List.of("dumps", "failed", "flagged")) {
            assertThat(gui.get("summary").get(field)).as(field).isEqualTo(cli.get("summary").get(field));
        }
        assertThat(gui.get("dumps").size()).isEqualTo(vm.dumpList().rows().size());
        assertThat(gui.get("summary").get("dumps").asInt()).isEqualTo(vm.dumpList().rows().size());

        Path md = dir.resolve("fleet.md");
        vm.exportFleet(MainViewModel.ExportFormat.MARKDOWN, md);
        assertThat(Files.readString(md)).contains(cli.get("clusters").get(0).get("bucket").asText());
    }

    static String analyze(String format, Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(new PrintWriter(out), new PrintWriter(err)).run("analyze", "--format", format, file.toString());
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void nothingToExportSaysSo() {
        MainViewModel vm = vm(DirectTasks.immediate());
        assertThat(vm.canExport(MainViewModel.ExportScope.SELECTED)).isFalse();
        vm.export(MainViewModel.ExportScope.ALL, MainViewModel.ExportFormat.HTML, dir.resolve("x.html"));
        assertThat(vm.statusProperty().get()).startsWith("Nothing to export");
        assertThat(dir.resolve("x.html")).doesNotExist();
    }

    @Test
    void copySummaryAndFleetSummary() {
        MainViewModel vm = vm(DirectTasks.immediate());
        vm.openSample();
        assertThat(vm.copySummary()).startsWith("Crash dump crowdstrike-csagent-2024-07-19.dmp");
        assertThat(vm.statusProperty().get()).isEqualTo("Summary copied to the clipboard");
        assertThat(vm.copyFleetSummary()).startsWith("Fleet: 1 dump in 1 cluster\n");
    }

    @Test
    void themeAndPresenterModeAreSaved() throws Exception {
        MainViewModel vm = vm(DirectTasks.immediate());
        vm.setTheme(Theme.DARK);
        vm.setPresenterMode(true);
        assertThat(vm.settingsProperty().get().theme()).isEqualTo(Theme.DARK);
        Settings saved = TestFiles.context(DirectTasks.immediate(), dir).settingsStore().load();
        assertThat(saved.theme()).isEqualTo(Theme.DARK);
        assertThat(saved.presenterMode()).isTrue();
        vm.clearRecent();
        assertThat(vm.recentFiles()).isEmpty();
    }

    @Test
    void windowsMinidumpFolderIsOfferedOnWindowsOnly() {
        assertThat(new MainViewModel(TestFiles.context(DirectTasks.immediate(), dir, "Windows 11"), Settings.defaults())
                .windowsMinidumpsOffered()).isTrue();
        assertThat(vm(DirectTasks.immediate()).windowsMinidumpsOffered()).isFalse();
        assertThat(MainViewModel.WINDOWS_MINIDUMP.toString()).isEqualTo("C:\\Windows\\Minidump");
    }

    @Test
    void missingFileBecomesAnErrorRow() {
        MainViewModel vm = vm(DirectTasks.immediate());
        vm.open(List.of(dir.resolve("gone.dmp")));
        assertThat(vm.dumpList().rows()).singleElement().matches(r -> !r.ok());
        assertThat(vm.detail().sublineProperty().get()).contains("no such file");
        assertThat(vm.statusProperty().get()).isEqualTo("Loaded 1 dump, 1 unreadable");
    }

    @Test
    void emptyFolderSaysNoDumps() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        MainViewModel vm = vm(DirectTasks.immediate());
        vm.open(List.of(empty));
        assertThat(vm.statusProperty().get()).isEqualTo("No crash dumps found");
    }
}
