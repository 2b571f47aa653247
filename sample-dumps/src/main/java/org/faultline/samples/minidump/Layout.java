package org.faultline.samples.minidump;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Where the writer put everything, before any {@link Damage} was applied: the directory entries as written
 * and labelled regions of sub-structures, so tests can aim at them.
 *
 * <p>Region labels: {@code header}, {@code directory}, {@code systemInfo.csd}, {@code thread[i]},
 * {@code thread[i].stack}, {@code thread[i].context}, {@code threadName[i].name}, {@code module[i]},
 * {@code module[i].name}, {@code module[i].cv}, {@code module[i].misc}, {@code unloadedModule[i].name},
 * {@code exception.context}, {@code memory[i]} (MemoryList data), {@code memory64[i]} (Memory64 data),
 * {@code handle[i].type}, {@code handle[i].object}, {@code crashpad.annotations},
 * {@code crashpad.annotation[i].key}, {@code crashpad.annotation[i].value}. Indexes count entries in the
 * order they were added to the builder.
 *
 * @param directoryRva StreamDirectoryRva
 * @param directory the directory entries in file order
 * @param regions labelled regions in writing order
 * @param fileSize size of the undamaged file
 */
public record Layout(long directoryRva, List<DirectoryEntry> directory, Map<String, Region> regions, long fileSize) {

    /**
     * One MINIDUMP_DIRECTORY entry as written.
     *
     * @param index position in the directory
     * @param offset file offset of the 12-byte entry itself
     * @param type StreamType
     * @param dataSize Location.DataSize
     * @param rva Location.Rva
     */
    public record DirectoryEntry(int index, long offset, long type, long dataSize, long rva) {
        /** End of the stream data ({@code rva + dataSize}). */
        public long end() {
            return rva + dataSize;
        }
    }

    /**
     * A byte range in the file.
     *
     * @param offset file offset
     * @param size length in bytes
     */
    public record Region(long offset, long size) {
        /** End offset (exclusive). */
        public long end() {
            return offset + size;
        }
    }

    /** Makes an immutable layout. */
    public Layout {
        directory = List.copyOf(directory);
        regions = Collections.unmodifiableMap(new LinkedHashMap<>(regions));
    }

    /** The first directory entry of {@code type}; fails if there is none. */
    public DirectoryEntry stream(long type) {
        return findStream(type).orElseThrow(() -> new NoSuchElementException("no stream of type 0x" + Long.toHexString(type)));
    }

    /** The first directory entry of {@code type}, if any. */
    public Optional<DirectoryEntry> findStream(long type) {
        return directory.stream().filter(e -> e.type() == type).findFirst();
    }

    /** A labelled region; fails with the known labels if absent. */
    public Region region(String label) {
        Region r = regions.get(label);
        if (r == null) {
            throw new NoSuchElementException("no region \"" + label + "\"; known: " + regions.keySet());
        }
        return r;
    }
}
