package org.faultline.samples.minidump;

import java.util.SplittableRandom;

/**
 * A deliberate corruption applied to the finished file, in the order given to
 * {@link SynthMinidump#damage(Damage...)}. The {@link Layout} seen by every damage is that of the undamaged
 * file; patches outside the (possibly already truncated) file fail with {@link IllegalArgumentException}.
 */
@FunctionalInterface
public interface Damage {
    /** Applies the damage. */
    void apply(DumpPatcher dump);

    /** Cuts the file to {@code length} bytes. */
    static Damage truncate(long length) {
        return d -> d.truncate(length);
    }

    /** Appends bytes after the end of the file. */
    static Damage append(byte[] data) {
        byte[] copy = data.clone();
        return d -> d.append(copy);
    }

    /** Flips one bit. */
    static Damage flipBit(long offset, int bit) {
        return d -> d.flipBit(offset, bit);
    }

    /** Flips {@code count} bits chosen by a {@link SplittableRandom} with {@code seed} (repeatable). */
    static Damage flipRandomBits(long seed, int count) {
        return d -> {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < count; i++) {
                d.flipBit(random.nextLong(d.size()), random.nextInt(8));
            }
        };
    }

    /** Writes a 32-bit value at a file offset. */
    static Damage putU32(long offset, long value) {
        return d -> d.putLe(offset, value, 4);
    }

    /** Writes a 64-bit value at a file offset. */
    static Damage putU64(long offset, long value) {
        return d -> d.putLe(offset, value, 8);
    }

    /** Overwrites bytes at a file offset. */
    static Damage putBytes(long offset, byte[] data) {
        byte[] copy = data.clone();
        return d -> d.putBytes(offset, copy);
    }

    /** Writes a 32-bit value at {@code delta} bytes into the labelled region (see {@link Layout}). */
    static Damage putU32(String label, long delta, long value) {
        return d -> d.putLe(d.layout().region(label).offset() + delta, value, 4);
    }

    /** Sets Location.DataSize in the first directory entry of {@code type}. */
    static Damage streamSize(long type, long dataSize) {
        return d -> d.putLe(d.layout().stream(type).offset() + 4, dataSize, 4);
    }

    /** Sets Location.Rva in the first directory entry of {@code type} (e.g. past the end of the file). */
    static Damage streamRva(long type, long rva) {
        return d -> d.putLe(d.layout().stream(type).offset() + 8, rva, 4);
    }

    /** Rewrites directory entry {@code index} completely. */
    static Damage directoryEntry(int index, long type, long dataSize, long rva) {
        return d -> {
            long at = d.layout().directoryRva() + 12L * index;
            d.putLe(at, type, 4).putLe(at + 4, dataSize, 4).putLe(at + 8, rva, 4);
        };
    }

    /** Sets the header's NumberOfStreams. */
    static Damage streamCount(long count) {
        return d -> d.putLe(8, count, 4);
    }

    /** Sets the header's StreamDirectoryRva. */
    static Damage directoryRva(long rva) {
        return d -> d.putLe(12, rva, 4);
    }

    /**
     * Overwrites the entry count of a list stream (e.g. larger than the data): ThreadList, ModuleList,
     * MemoryList, ThreadNames (u32 at 0), Memory64List (u64 at 0), UnloadedModuleList, ThreadInfoList,
     * HandleData (u32 at 8), MemoryInfoList (u64 at 8).
     */
    static Damage listCount(int type, long count) {
        final int at;
        final int width;
        switch (type) {
            case StreamType.THREAD_LIST, StreamType.MODULE_LIST, StreamType.MEMORY_LIST, StreamType.THREAD_NAMES -> {
                at = 0;
                width = 4;
            }
            case StreamType.MEMORY64_LIST -> {
                at = 0;
                width = 8;
            }
            case StreamType.UNLOADED_MODULE_LIST, StreamType.THREAD_INFO_LIST, StreamType.HANDLE_DATA -> {
                at = 8;
                width = 4;
            }
            case StreamType.MEMORY_INFO_LIST -> {
                at = 8;
                width = 8;
            }
            default -> throw new IllegalArgumentException("not a list stream: 0x" + Integer.toHexString(type));
        }
        return d -> d.putLe(d.layout().stream(type).rva() + at, count, width);
    }

    /**
     * Sets the Length (bytes) of the MINIDUMP_STRING at a labelled region: odd for an odd-length string,
     * huge for one running past the end of the file.
     */
    static Damage stringLength(String label, long length) {
        return putU32(label, 0, length);
    }
}
