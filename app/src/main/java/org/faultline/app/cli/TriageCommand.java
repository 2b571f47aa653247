package org.faultline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faultline.symbols.store.StoreOptions;
import org.faultline.symbols.store.SymbolPath;
import org.faultline.triage.Analyzer;
import org.faultline.triage.batch.BatchOptions;
import org.faultline.triage.batch.DumpAnalysis;
import org.faultline.triage.batch.FleetResult;
import org.faultline.triage.batch.FleetTriage;
import org.faultline.triage.batch.Limits;
import org.faultline.triage.batch.RowSink;
import org.faultline.triage.report.FleetCsv;
import org.faultline.triage.report.FleetHtml;
import org.faultline.triage.report.FleetJson;
import org.faultline.triage.report.FleetMarkdown;
import org.faultline.triage.report.FleetText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline triage PATH…}: every dump in files, folders and archives, clustered by bucket. */
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = {"Triage a fleet: every crash dump in the files, folders (recursive) and archives given (zip,"
                + " 7z, tar, tar.gz/tgz, tar.bz2, tar.xz, gz, bz2, xz; archives inside archives one level deep),"
                + " each analysed as 'faultline analyze' does, clustered by bucket: how many machines hit which"
                + " crash, and whose driver is behind it.",
                "Dumps are recognised by their signature, not their name; other files are counted and skipped. A"
                + " dump that cannot be read, or an archive entry refused by a limit, is reported and the batch"
                + " goes on."},
        footer = {"", "Formats: table (headline and clusters), csv (one row per dump; --clusters-out for the"
                + " clusters), json (docs/fleet-schema.md), markdown, html. Rows are written as dumps finish"
                + " (completion order; --jobs 1 keeps the input order).",
                "", "Sizes take K, M, G or T (binary: 1K = 1024 bytes).",
                "", "Exit codes: 0 when the batch ran (failed dumps are in the report), 2 usage error,"
                + " 4 a PATH or the output cannot be read or written, 1 internal error."})
public final class TriageCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { table, csv, json, markdown, html }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "table",
            description = "table, csv, json, markdown or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--clusters-out", paramLabel = "FILE", description = "Also write the clusters as CSV to FILE.")
    Path clustersOut;

    @Option(names = "--jobs", paramLabel = "N", description = "Dumps analysed in parallel (default: the number of processors).")
    Integer jobs;

    @Option(names = "--quiet", description = "No progress bar (it only shows when standard error is a terminal).")
    boolean quiet;

    @Option(names = "--sha256", description = "Hash every dump (JSON and CSV rows carry sha256; costs a full read).")
    boolean sha256;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "3", description = "Example files per cluster (default: ${DEFAULT-VALUE}).")
    int examples;

    @Mixin
    AnalysisOptions analysisOptions = new AnalysisOptions();

    @Option(names = "--max-entry-size", paramLabel = "SIZE", description = "Largest archive entry read (default: 64G).")
    String maxEntrySize;

    @Option(names = "--max-total-size", paramLabel = "SIZE", description = "Most bytes read out of one archive (default: 1T).")
    String maxTotalSize;

    @Option(names = "--max-ratio", paramLabel = "R", description = "Most an entry or archive may expand, uncompressed:compressed (default: 200).")
    Double maxRatio;

    @Option(names = "--max-entries", paramLabel = "N", description = "Most entries in one archive (default: 1000000).")
    Long maxEntries;

    @Option(names = "--max-nesting", paramLabel = "N", description = "Levels of archives inside archives (default: 1).")
    Integer maxNesting;

    @Option(names = "--in-memory", paramLabel = "SIZE", description = "Largest archive entry held in memory; bigger dumps go"
            + " to a private temporary file, deleted afterwards (default: 256M, at most a quarter of the heap).")
    String inMemory;

    @Option(names = "--temp-dir", paramLabel = "DIR", description = "Where the private temporary folder goes (default: the system's).")
    Path tempDir;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Dumps, folders and archives.")
    List<Path> paths;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Limits limits = limits();
        BatchOptions options = BatchOptions.defaults().withExamples(examples).withSpillFolder(tempDir);
        if (jobs != null) {
            if (jobs < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
            }
            options = options.withJobs(jobs);
        }
        if (examples < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--examples must not be negative");
        }
        Analyzer analyzer = analysisOptions.analyzer(err);
        if (analyzer == null) {
            return ExitCodes.USAGE;
        }
        SymbolPath symbols = analysisOptions.symbols(err);
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("faultline: " + p + ": no such file or folder");
                return ExitCodes.FILE_ERROR;
            }
            if (!Files.isReadable(p)) {
                err.println("faultline: " + p + ": cannot be read");
                return ExitCodes.FILE_ERROR;
            }
        }
        if (tempDir != null && !Files.isDirectory(tempDir)) {
            err.println("faultline: --temp-dir " + tempDir + ": no such folder");
            return ExitCodes.FILE_ERROR;
        }
        FleetTriage triage = new FleetTriage(new DumpAnalysis(analyzer, symbols, StoreOptions.defaults(), sha256), limits);
        ProgressBar bar = quiet || System.console() == null ? null : new ProgressBar(err);
        if (bar != null) {
            options = options.withListener(bar);
        }
        Writer reportWriter = null;
        Writer clusterWriter = null;
        try {
            try {
                reportWriter = out == null ? spec.commandLine().getOut() : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                clusterWriter = clustersOut == null ? null : Files.newBufferedWriter(clustersOut, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("faultline: cannot write " + (reportWriter == null ? out : clustersOut) + ": " + e.getMessage());
                return ExitCodes.FILE_ERROR;
            }
            RowSink sink = sink(reportWriter, clusterWriter);
            FleetResult result;
            try {
                result = triage.run(paths, options, sink);
                if (clusterWriter != null && format != Format.csv) {
                    FleetCsv.clusters(clusterWriter, result);
                }
            } catch (IOException e) {
                if (bar != null) {
                    bar.clear();
                }
                err.println("faultline: cannot write the report: " + e.getMessage());
                return ExitCodes.FILE_ERROR;
            }
            if (bar != null) {
                bar.done(result);
            }
            return ExitCodes.OK;
        } finally {
            if (out != null && reportWriter != null) {
                reportWriter.close();
            } else if (reportWriter != null) {
                reportWriter.flush();
            }
            if (clusterWriter != null) {
                clusterWriter.close();
            }
        }
    }

    private RowSink sink(Writer w, Writer clusters) {
        return switch (format) {
            case table -> new FleetText(w);
            case csv -> new FleetCsv(w, clusters);
            case json -> new FleetJson(w, sha256);
            case markdown -> new FleetMarkdown(w);
            case html -> new FleetHtml(w);
        };
    }

    private Limits limits() {
        Limits l = Limits.defaults();
        if (maxEntrySize != null) {
            l = l.withMaxEntrySize(size("--max-entry-size", maxEntrySize));
        }
        if (maxTotalSize != null) {
            l = l.withMaxTotalSize(size("--max-total-size", maxTotalSize));
        }
        if (maxRatio != null) {
            if (maxRatio < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-ratio must be at least 1");
            }
            l = l.withMaxRatio(maxRatio);
        }
        if (maxEntries != null) {
            if (maxEntries < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-entries must be at least 1");
            }
            l = l.withMaxEntries(maxEntries);
        }
        if (maxNesting != null) {
            if (maxNesting < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-nesting must not be negative");
            }
            l = l.withMaxNesting(maxNesting);
        }
        if (inMemory != null) {
            l = l.withInMemory(size("--in-memory", inMemory));
        }
        return l;
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(I?B)?", Pattern.CASE_INSENSITIVE);

    /** {@code 4096}, {@code 512K}, {@code 256M}, {@code 64G}, {@code 1T} (also {@code 256MiB}, {@code 256MB}). */
    long size(String option, String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + ": '" + text + "' is not a size (examples: 4096, 512K, 256M, 64G)");
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        try {
            long v = Long.parseLong(m.group(1));
            if (v < 1 || v > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return v << shift;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": '" + text + "' is out of range");
        }
    }
}
