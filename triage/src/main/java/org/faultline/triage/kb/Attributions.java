package org.faultline.triage.kb;

/** Attribution texts for data the knowledge base ships; the About box and NOTICE show them. */
public final class Attributions {
    private Attributions() {
    }

    /** The minifilter altitude table (a derived table of Microsoft's page, CC BY 4.0). */
    public static final String MINIFILTER_ALTITUDES = "Minifilter altitudes are derived from \"Allocated filter"
            + " altitudes\" by Microsoft (https://learn.microsoft.com/windows-hardware/drivers/ifs/allocated-altitudes,"
            + " MicrosoftDocs/windows-driver-docs), licensed under CC BY 4.0"
            + " (https://creativecommons.org/licenses/by/4.0/). Changed: kept the driver, altitude, company,"
            + " load order group and range columns, added a file-name column for matching, converted to TSV.";

    /** Bug check parameter roles and subcodes condensed from Microsoft's debugger documentation. */
    public static final String BUG_CHECK_REFERENCE = "Bug check codes, names, parameter roles and subcode"
            + " descriptions are condensed from Microsoft's \"Bug check code reference\" and its per-code pages"
            + " (https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-code-reference2,"
            + " MicrosoftDocs/windows-driver-docs), licensed under CC BY 4.0"
            + " (https://creativecommons.org/licenses/by/4.0/). One-line meanings are Faultline's own wording.";

    /** Everything, for the About box. */
    public static final String ALL = MINIFILTER_ALTITUDES + "\n\n" + BUG_CHECK_REFERENCE;
}
