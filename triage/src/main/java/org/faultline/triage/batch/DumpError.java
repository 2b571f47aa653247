package org.faultline.triage.batch;

import java.io.Serializable;
import java.util.Objects;

/**
 * Why a dump (or an archive entry that might hold one) has no report.
 *
 * @param code    a stable code: the dump reader's ({@code BAD_SIGNATURE}, {@code UNSUPPORTED}, {@code TRUNCATED},
 *                {@code OUT_OF_BOUNDS}, {@code INVALID_VALUE}) or the batch's (see {@link #READ_ERROR} and the others)
 * @param message one sentence for a person, with the offset for dump errors and the limit for refusals
 */
public record DumpError(String code, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The file or entry could not be read (I/O error, vanished file, permission). */
    public static final String READ_ERROR = "READ_ERROR";
    /** The archive is damaged or not what its signature says; its remaining entries were not read. */
    public static final String ARCHIVE_UNREADABLE = "ARCHIVE_UNREADABLE";
    /** The entry is encrypted or uses a compression method that cannot be read. */
    public static final String UNSUPPORTED_ENTRY = "UNSUPPORTED_ENTRY";
    /** The entry's name climbs out of the archive ({@code ..}) or is absolute; refused. */
    public static final String PATH_TRAVERSAL = "PATH_TRAVERSAL";
    /** An archive inside an archive inside an archive: deeper than the nesting limit. */
    public static final String NESTED_TOO_DEEP = "NESTED_TOO_DEEP";
    /** An entry bigger than the entry size limit (declared or counted). */
    public static final String ENTRY_TOO_LARGE = "ENTRY_TOO_LARGE";
    /** The archive's entries add up to more than the total size limit. */
    public static final String TOTAL_TOO_LARGE = "TOTAL_TOO_LARGE";
    /** An entry (or the whole archive) expands more than the compression ratio limit allows. */
    public static final String RATIO_TOO_HIGH = "RATIO_TOO_HIGH";
    /** The archive holds more entries than the entry count limit. */
    public static final String TOO_MANY_ENTRIES = "TOO_MANY_ENTRIES";
    /** A dump too big for memory could not be written to the temporary folder. */
    public static final String NO_SPACE = "NO_SPACE";
    /** The analysis failed with an unexpected error: a bug in Faultline. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    public DumpError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
