package org.faultline.dump.minidump;

import java.util.List;
import java.util.Map;
import org.faultline.dump.io.Guid;

/**
 * Crashpad's MINIDUMP_CRASHPAD_INFO: report and client ids, the process's simple annotations, and the
 * per-module annotations Crashpad collected.
 */
public record CrashpadInfo(long version, Guid reportId, Guid clientId, Map<String, String> simpleAnnotations,
                           List<ModuleAnnotations> modules) {
    public CrashpadInfo {
        simpleAnnotations = Map.copyOf(simpleAnnotations);
        modules = List.copyOf(modules);
    }

    /** MINIDUMP_MODULE_CRASHPAD_INFO: annotations attached to one module of the module list. */
    public record ModuleAnnotations(long moduleIndex, List<String> listAnnotations,
                                    Map<String, String> simpleAnnotations) {
        public ModuleAnnotations {
            listAnnotations = List.copyOf(listAnnotations);
            simpleAnnotations = Map.copyOf(simpleAnnotations);
        }
    }
}
