package org.faultline.samples.minidump;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.faultline.samples.io.Guids;
import org.faultline.samples.io.LeWriter;

/**
 * One {@code MINIDUMP_MODULE} (108 bytes): image range, PE checksum/timestamp, full path, fixed file
 * version info, CodeView record and optional misc record.
 */
public final class ModuleSpec {
    /** VS_FIXEDFILEINFO signature, written only when a version is set. */
    public static final long VS_FFI_SIGNATURE = 0xFEEF_04BDL;
    /** VS_FIXEDFILEINFO structure version written with it. */
    public static final long VS_FFI_STRUCVERSION = 0x0001_0000L;

    final long base;
    final long size;
    final String name;
    long checksum;
    long timestamp;
    long[] fileVersion;
    long[] productVersion;
    long fileFlagsMask;
    long fileFlags;
    long fileOs;
    long fileType;
    long fileSubtype;
    long fileDate;
    byte[] cvRecord;
    byte[] miscRecord;

    private ModuleSpec(long base, long size, String name) {
        this.base = base;
        this.size = size;
        this.name = name;
    }

    /** A module at {@code base} of {@code size} bytes with full path {@code name}. */
    public static ModuleSpec of(long base, long size, String name) {
        return new ModuleSpec(base, size, name);
    }

    /** PE CheckSum. */
    public ModuleSpec checksum(long value) {
        this.checksum = value;
        return this;
    }

    /** PE TimeDateStamp. */
    public ModuleSpec timestamp(long value) {
        this.timestamp = value;
        return this;
    }

    /** File version a.b.c.d (sets the VS_FIXEDFILEINFO signature). */
    public ModuleSpec fileVersion(int a, int b, int c, int d) {
        this.fileVersion = msLs(a, b, c, d);
        return this;
    }

    /** Product version a.b.c.d (sets the VS_FIXEDFILEINFO signature). */
    public ModuleSpec productVersion(int a, int b, int c, int d) {
        this.productVersion = msLs(a, b, c, d);
        return this;
    }

    /** dwFileFlagsMask and dwFileFlags. */
    public ModuleSpec fileFlags(long mask, long flags) {
        this.fileFlagsMask = mask;
        this.fileFlags = flags;
        return this;
    }

    /** dwFileOS, dwFileType, dwFileSubtype (e.g. 0x40004, 2 = VFT_DLL, 0). */
    public ModuleSpec fileKind(long os, long type, long subtype) {
        this.fileOs = os;
        this.fileType = type;
        this.fileSubtype = subtype;
        return this;
    }

    /** dwFileDateMS:dwFileDateLS as one 64-bit value. */
    public ModuleSpec fileDate(long value) {
        this.fileDate = value;
        return this;
    }

    /** CodeView RSDS (CV_INFO_PDB70): GUID, age and PDB file name (NUL-terminated UTF-8). */
    public ModuleSpec rsds(UUID guid, long age, String pdbName) {
        LeWriter w = new LeWriter().bytes(ascii("RSDS")).guid(guid).u32(age);
        this.cvRecord = w.bytes(pdbName.getBytes(StandardCharsets.UTF_8)).u8(0).toByteArray();
        return this;
    }

    /** CodeView RSDS with the GUID in registry form, e.g. {@code "{971F98E5-CE60-41FF-B2D7-235BBEB34578}"}. */
    public ModuleSpec rsds(String registryGuid, long age, String pdbName) {
        return rsds(Guids.parse(registryGuid), age, pdbName);
    }

    /** CodeView NB10 (CV_INFO_PDB20): offset 0, signature (time_t), age, PDB file name. */
    public ModuleSpec nb10(long signature, long age, String pdbName) {
        LeWriter w = new LeWriter().bytes(ascii("NB10")).u32(0).u32(signature).u32(age);
        this.cvRecord = w.bytes(pdbName.getBytes(StandardCharsets.UTF_8)).u8(0).toByteArray();
        return this;
    }

    /** Any CodeView record bytes (e.g. {@code LEpB} + build id, or garbage). */
    public ModuleSpec cvRecord(byte[] raw) {
        this.cvRecord = raw.clone();
        return this;
    }

    /** IMAGE_DEBUG_MISC record with DataType 1 (EXENAME) and an ANSI, NUL-terminated name. */
    public ModuleSpec miscExeName(String exeName) {
        byte[] data = (exeName + '\0').getBytes(StandardCharsets.ISO_8859_1);
        int length = (12 + data.length + 3) & ~3;
        LeWriter w = new LeWriter().u32(1).u32(length).u8(0).zeros(3).bytes(data);
        this.miscRecord = w.padTo(length).toByteArray();
        return this;
    }

    /** Any misc record bytes. */
    public ModuleSpec miscRecord(byte[] raw) {
        this.miscRecord = raw.clone();
        return this;
    }

    /** The 52-byte VS_FIXEDFILEINFO as written. */
    byte[] fixedFileInfo() {
        LeWriter w = new LeWriter(52);
        boolean present = fileVersion != null || productVersion != null;
        long[] fv = fileVersion == null ? new long[2] : fileVersion;
        long[] pv = productVersion == null ? new long[2] : productVersion;
        w.u32(present ? VS_FFI_SIGNATURE : 0).u32(present ? VS_FFI_STRUCVERSION : 0)
                .u32(fv[0]).u32(fv[1]).u32(pv[0]).u32(pv[1])
                .u32(fileFlagsMask).u32(fileFlags).u32(fileOs).u32(fileType).u32(fileSubtype)
                .u32(fileDate >>> 32).u32(fileDate & 0xFFFF_FFFFL);
        return w.toByteArray();
    }

    private static long[] msLs(int a, int b, int c, int d) {
        for (int part : new int[] {a, b, c, d}) {
            if (part < 0 || part > 0xFFFF) {
                throw new IllegalArgumentException("version part out of range: " + part);
            }
        }
        return new long[] {((long) a << 16) | b, ((long) c << 16) | d};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
