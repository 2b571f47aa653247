package org.faultline.app.analysis;

import java.util.List;
import java.util.Locale;
import org.faultline.triage.Report;
import org.faultline.triage.report.HtmlReport;
import org.faultline.triage.report.JsonReport;
import org.faultline.triage.report.MarkdownReport;
import org.faultline.triage.report.TextReport;

/** The report renderers of {@code faultline analyze --format}, shared by the window's export. */
public enum ReportFormat {
    TEXT("txt"), JSON("json"), MARKDOWN("md"), HTML("html");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** What {@code faultline analyze --format X} prints for these reports. */
    public String render(List<Report> reports) {
        return switch (this) {
            case TEXT -> TextReport.render(reports);
            case JSON -> JsonReport.render(reports) + "\n";
            case MARKDOWN -> MarkdownReport.render(reports);
            case HTML -> HtmlReport.render(reports);
        };
    }

    public String label() {
        return switch (this) {
            case TEXT -> "Text";
            case JSON -> "JSON";
            case MARKDOWN -> "Markdown";
            case HTML -> "HTML";
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
