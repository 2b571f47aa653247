package org.faultline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.faultline.app.analysis.ReportFormat;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.store.StoreOptions;
import org.faultline.symbols.store.SymbolPath;
import org.faultline.triage.Analyzer;
import org.faultline.triage.Report;
import org.faultline.triage.batch.DumpAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline analyze FILE…}: the verdict, its evidence, the culprit and what to do. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyze crash dumps: what crashed, whose code it was, whether it was a read out of bounds"
                + " in a third-party filter driver, how sure the verdict is, and what to do.",
        footer = {"", "Symbols: --symbol-path takes the _NT_SYMBOL_PATH syntax (folders; srv*cache*https://server);"
                + " the _NT_SYMBOL_PATH environment variable is used too. Nothing goes over the network unless a"
                + " server is named.", "", ExitCodes.HELP_TEXT})
public final class AnalyzeCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json, markdown, html }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text, json, markdown or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Mixin
    AnalysisOptions analysisOptions = new AnalysisOptions();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Crash-dump files.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Analyzer analyzer = analysisOptions.analyzer(err);
        if (analyzer == null) {
            return ExitCodes.USAGE;
        }
        SymbolPath path = analysisOptions.symbols(err);
        // The per-dump code path fleet triage shares (triage.batch.DumpAnalysis); analyze hashes every dump.
        DumpAnalysis analysis = new DumpAnalysis(analyzer, path, StoreOptions.defaults(), true);
        List<Report> reports = new ArrayList<>();
        int worst = ExitCodes.OK;
        for (Path file : files) {
            try {
                reports.add(analysis.analyze(file));
            } catch (DumpAccessException e) {
                worst = Math.max(worst, FileErrors.report(err, e));
            } catch (DumpFormatException e) {
                worst = Math.max(worst, FileErrors.report(err, file, e));
            }
        }
        if (!reports.isEmpty()) {
            String text = ReportFormat.valueOf(format.name().toUpperCase(java.util.Locale.ROOT)).render(reports);
            if (out != null) {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } else {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            }
        }
        return worst;
    }
}
