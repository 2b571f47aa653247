package org.faultline.app.gui.common;

/**
 * How loudly the window shows a verdict; each has a style class whose colours {@code app.css} names
 * ({@code -fl-critical}, …) and {@code dark.css} redefines.
 */
public enum Severity {
    /** A high-confidence verdict with a culprit, or a known issue. */
    CRITICAL("severity-critical"),
    /** A medium-confidence verdict. */
    WARNING("severity-warning"),
    /** A low-confidence or non-access verdict: look further. */
    INFO("severity-info"),
    /** The dump could not be read. */
    ERROR("severity-error"),
    /** Nothing selected. */
    NONE("severity-none");

    private final String styleClass;

    Severity(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }

    /** A known issue or a high-confidence verdict is critical; medium a warning; the rest information. */
    public static Severity of(org.faultline.triage.Report report) {
        if (report == null) {
            return ERROR;
        }
        if (report.knownIssue() != null) {
            return CRITICAL;
        }
        String c = report.verdict() == null ? "" : report.verdict().confidence();
        return switch (c == null ? "" : c) {
            case "high" -> CRITICAL;
            case "medium" -> WARNING;
            default -> INFO;
        };
    }
}
