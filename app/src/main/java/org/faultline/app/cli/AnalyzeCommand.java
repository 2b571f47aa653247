package org.faultline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Dumps;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.MappedByteSource;
import org.faultline.symbols.Symbolizer;
import org.faultline.symbols.store.StoreOptions;
import org.faultline.symbols.store.SymbolPath;
import org.faultline.triage.Analyzer;
import org.faultline.triage.Report;
import org.faultline.triage.kb.KnownIssues;
import org.faultline.triage.report.HtmlReport;
import org.faultline.triage.report.JsonReport;
import org.faultline.triage.report.MarkdownReport;
import org.faultline.triage.report.TextReport;
import picocli.CommandLine.Command;
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
    /** Largest file hashed for the report's sha256 (bigger ones get null and a warning). */
    static final long MAX_HASHED = 4L << 30;

    /** Output formats. */
    enum Format { text, json, markdown, html }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text, json, markdown or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--symbol-path", paramLabel = "PATH", description = "Where symbols are (_NT_SYMBOL_PATH syntax).")
    String symbolPath;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--known-issues", paramLabel = "FILE", description = "More known issues (JSON, see docs/known-issues.md).")
    Path knownIssuesFile;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Crash-dump files.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Analyzer analyzer = Analyzer.standard();
        if (knownIssuesFile != null) {
            try {
                analyzer = analyzer.withKnownIssues(KnownIssues.standard().with(knownIssuesFile));
            } catch (IOException e) {
                err.println("faultline: cannot read known issues " + knownIssuesFile + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        SymbolPath path = SymbolPath.effective(symbolPath, null, System.getenv());
        for (SymbolPath.Invalid bad : path.errors()) {
            err.println("faultline: symbol path element ignored: " + bad.text() + " (" + bad.message() + ")");
        }
        List<Report> reports = new ArrayList<>();
        int worst = ExitCodes.OK;
        for (Path file : files) {
            try {
                reports.add(analyze(analyzer, path, file));
            } catch (DumpAccessException e) {
                worst = Math.max(worst, FileErrors.report(err, e));
            } catch (DumpFormatException e) {
                worst = Math.max(worst, FileErrors.report(err, file, e));
            }
        }
        if (!reports.isEmpty()) {
            String text = switch (format) {
                case text -> TextReport.render(reports);
                case json -> JsonReport.render(reports) + "\n";
                case markdown -> MarkdownReport.render(reports);
                case html -> HtmlReport.render(reports);
            };
            if (out != null) {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } else {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            }
        }
        return worst;
    }

    static Report analyze(Analyzer analyzer, SymbolPath path, Path file) throws DumpAccessException, DumpFormatException {
        try (MappedByteSource source = MappedByteSource.open(file)) {
            String sha = source.size() <= MAX_HASHED ? sha256(source) : null;
            try (CrashDump dump = Dumps.open(source);
                 Symbolizer symbolizer = path.elements().isEmpty() ? Symbolizer.moduleOffsetOnly(dump)
                         : Symbolizer.of(dump, path, StoreOptions.defaults())) {
                return analyzer.analyze(dump, symbolizer, file.toString(), sha, source.size());
            }
        }
    }

    /** SHA-256 of the whole source, read in 1 MiB chunks from the mapping. */
    static String sha256(ByteSource source) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (long at = 0; at < source.size(); at += buffer.length) {
                int n = (int) Math.min(buffer.length, source.size() - at);
                source.copy(at, buffer, 0, n);
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
