package org.faultline.dump;

import java.util.List;
import java.util.Optional;

/**
 * What every crash dump says, whatever its format: the one model the symbolizer, triage and the app read.
 * User-mode minidumps and kernel dumps both implement it.
 */
public interface CrashDump extends AutoCloseable {

    /** {@code minidump}, {@code kernel-triage}, {@code kernel-full}, {@code kernel-bitmap}, … */
    String format();

    Architecture architecture();

    /** The operating system, or a best-effort record with what is known. */
    OsInfo os();

    /** Loaded modules (user-mode) or drivers (kernel), in the dump's order. */
    List<ModuleInfo> modules();

    /** Modules that had been unloaded before the crash. */
    List<ModuleInfo> unloadedModules();

    /** Threads the dump records. */
    List<ThreadInfo> threads();

    /** The exception, if the dump records one. */
    Optional<ExceptionInfo> exception();

    /** The bug check (kernel dumps only). */
    default Optional<Bugcheck> bugcheck() {
        return Optional.empty();
    }

    /** The crashed system's memory as far as the dump holds it. */
    MemoryReader memory();

    /** Problems met while reading; empty for a healthy dump. Parts of the dump parse on first use. */
    List<Diagnostic> diagnostics();

    /** Crash time in seconds since 1970 UTC, if known. */
    Optional<Long> crashTime();

    /** The module containing {@code address}, if any. */
    default Optional<ModuleInfo> moduleAt(long address) {
        for (ModuleInfo m : modules()) {
            if (m.contains(address)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    void close();
}
