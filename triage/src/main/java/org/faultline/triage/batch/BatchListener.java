package org.faultline.triage.batch;

/** Progress of a batch: a plain listener, called from the reader and worker threads; keep it cheap. */
@FunctionalInterface
public interface BatchListener {
    void progress(Progress p);

    /**
     * Where the batch is.
     *
     * @param dumps      rows so far (analysed or failed)
     * @param failed     of which failed
     * @param skipped    files and entries that are not dumps
     * @param bytesRead  bytes of the input files read so far (whole files, as they are finished)
     * @param bytesTotal bytes of all input files (-1 when not counted)
     */
    record Progress(long dumps, long failed, long skipped, long bytesRead, long bytesTotal) {
    }
}
