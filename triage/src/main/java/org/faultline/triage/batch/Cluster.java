package org.faultline.triage.batch;

import java.io.Serializable;
import java.util.List;

/**
 * The dumps that share a bucket.
 *
 * @param bucket     the bucket every dump in the cluster has
 * @param count      how many dumps
 * @param share      {@code count} / all dumps of the batch (failed ones included), 0..1
 * @param category   the verdict category (of the first example)
 * @param flag       whether every dump in the cluster is a read out of bounds in a third-party filter driver
 * @param flagged    how many of them are
 * @param culprit    the culprit module (of the first example), or {@code null}
 * @param vendor     its vendor, or {@code null}
 * @param knownIssue the known issue matched (of the first example), or {@code null}
 * @param summary    the verdict summary of the first example
 * @param firstCrash earliest crash time (seconds since 1970, UTC), or {@code null} when no dump says
 * @param lastCrash  latest crash time, or {@code null}
 * @param osBuilds   the distinct OS builds, in version order (at most {@link Clusters#MAX_OS_BUILDS})
 * @param examples   the first files of the cluster in (file, entry) order
 */
public record Cluster(String bucket, long count, double share, String category, boolean flag, long flagged,
                      String culprit, String vendor, String knownIssue, String summary, Long firstCrash,
                      Long lastCrash, List<String> osBuilds, List<Example> examples)
        implements Serializable {
    private static final long serialVersionUID = 1L;


    public Cluster {
        osBuilds = List.copyOf(osBuilds);
        examples = List.copyOf(examples);
    }

    /** A dump of the cluster: the file, and the entry inside it when it came from an archive. */
    public record Example(String file, String entry) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** {@code file}, or {@code file → entry}. */
        public String display() {
            return entry == null ? file : file + " \u2192 " + entry;
        }
    }
}
