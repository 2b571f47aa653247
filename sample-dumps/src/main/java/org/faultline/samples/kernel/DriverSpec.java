package org.faultline.samples.kernel;

/**
 * One loaded driver of a triage dump's driver list: its name (a bare file name or a path, stored in the
 * string pool), image range and the PE CheckSum and TimeDateStamp that key the symbol server.
 *
 * @param name DUMP_STRING text
 * @param base DllBase
 * @param size SizeOfImage
 * @param checksum PE CheckSum
 * @param timestamp PE TimeDateStamp
 * @param entryPoint EntryPoint (0 unless set)
 */
public record DriverSpec(String name, long base, long size, long checksum, long timestamp, long entryPoint) {
    /** A driver without an entry point. */
    public static DriverSpec of(String name, long base, long size, long checksum, long timestamp) {
        return new DriverSpec(name, base, size, checksum, timestamp, 0);
    }

    /** The same driver with EntryPoint {@code va}. */
    public DriverSpec withEntryPoint(long va) {
        return new DriverSpec(name, base, size, checksum, timestamp, va);
    }
}
