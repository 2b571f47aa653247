package org.faultline.dump;

/** The CPU architecture a dump was written for. */
public enum Architecture {
    X86("x86", 4),
    AMD64("amd64", 8),
    ARM64("arm64", 8),
    ARM("arm", 4),
    UNKNOWN("unknown", 8);

    private final String id;
    private final int pointerSize;

    Architecture(String id, int pointerSize) {
        this.id = id;
        this.pointerSize = pointerSize;
    }

    /** The lowercase name used in reports and JSON: {@code x86}, {@code amd64}, {@code arm64}, {@code arm}. */
    public String id() {
        return id;
    }

    /** Pointer size in bytes. */
    public int pointerSize() {
        return pointerSize;
    }

    /** Masks an address to the architecture's pointer width (32-bit CPUs keep the low 32 bits). */
    public long truncate(long address) {
        return pointerSize == 4 ? address & 0xFFFF_FFFFL : address;
    }
}
