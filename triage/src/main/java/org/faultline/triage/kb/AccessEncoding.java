package org.faultline.triage.kb;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.faultline.dump.Architecture;

/**
 * How one documented variant encodes the access kind in a bug check parameter.
 *
 * @param appliesTo     the documentation's condition, in words
 * @param architectures architectures it applies to; empty means all
 * @param afterBuild    applies only to builds greater than this one
 * @param beforeBuild   applies only to builds less than this one
 * @param written       the encoding as the page writes it
 * @param values        parameter value to access kind
 * @param source        URL of the page that documents the encoding
 */
public record AccessEncoding(String appliesTo, Set<Architecture> architectures, OptionalInt afterBuild,
                             OptionalInt beforeBuild, String written, Map<Long, AccessKind> values, String source) {

    public AccessEncoding {
        architectures = Set.copyOf(architectures);
        values = Map.copyOf(values);
    }

    /** Whether this variant applies to {@code arch} (UNKNOWN matches any) and {@code build} (0 = unknown). */
    public boolean appliesTo(Architecture arch, int build) {
        if (!architectures.isEmpty() && arch != null && arch != Architecture.UNKNOWN && !architectures.contains(arch)) {
            return false;
        }
        if (build > 0 && afterBuild.isPresent() && build <= afterBuild.getAsInt()) {
            return false;
        }
        return build <= 0 || beforeBuild.isEmpty() || build < beforeBuild.getAsInt();
    }
}
