package org.faultline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.faultline.symbols.store.SymbolPath;
import org.faultline.triage.Analyzer;
import org.faultline.triage.kb.KnownIssues;
import picocli.CommandLine.Option;

/** The options {@code analyze} and {@code triage} share: where symbols are and which known issues to add. */
final class AnalysisOptions {
    @Option(names = "--symbol-path", paramLabel = "PATH", description = "Where symbols are (_NT_SYMBOL_PATH syntax).")
    String symbolPath;

    @Option(names = "--known-issues", paramLabel = "FILE", description = "More known issues (JSON, see docs/known-issues.md).")
    Path knownIssuesFile;

    /** The standard analyzer plus {@code --known-issues}; null (after saying why on {@code err}) when that file is unreadable. */
    Analyzer analyzer(PrintWriter err) {
        Analyzer analyzer = Analyzer.standard();
        if (knownIssuesFile == null) {
            return analyzer;
        }
        try {
            return analyzer.withKnownIssues(KnownIssues.standard().with(knownIssuesFile));
        } catch (IOException e) {
            err.println("faultline: cannot read known issues " + knownIssuesFile + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code --symbol-path} with {@code _NT_SYMBOL_PATH}; each element that cannot be used is named on {@code err}. */
    SymbolPath symbols(PrintWriter err) {
        SymbolPath path = SymbolPath.effective(symbolPath, null, System.getenv());
        for (SymbolPath.Invalid bad : path.errors()) {
            err.println("faultline: symbol path element ignored: " + bad.text() + " (" + bad.message() + ")");
        }
        return path;
    }
}
