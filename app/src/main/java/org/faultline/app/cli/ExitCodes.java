package org.faultline.app.cli;

/** The documented, stable exit codes of the {@code faultline} command. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** An internal error: a bug in Faultline. */
    public static final int INTERNAL_ERROR = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The file is not a readable crash dump. */
    public static final int NOT_A_DUMP = 3;
    /** The file was not found or could not be read. */
    public static final int FILE_ERROR = 4;

    private ExitCodes() {
    }

    /** Text for {@code --help} and the README. */
    public static final String HELP_TEXT = """
            Exit codes:
              0  success
              1  internal error (a bug in Faultline: please report it)
              2  usage error
              3  the file is not a readable crash dump
              4  file not found or unreadable""";
}
