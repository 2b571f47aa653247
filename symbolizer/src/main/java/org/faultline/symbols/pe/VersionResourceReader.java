package org.faultline.symbols.pe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.minidump.VsFixedFileInfo;

/**
 * Finds RT_VERSION in the resource tree (type → name → language, exactly three levels, so no cycles) and
 * decodes the VS_VERSIONINFO block: {@code {wLength, wValueLength, wType, szKey, padding, Value, padding,
 * Children}} nodes, 32-bit aligned from the block's start.
 */
final class VersionResourceReader {
    private static final int RT_VERSION = 16;
    private static final int DIRECTORY_SIZE = 16;
    private static final int ENTRY_SIZE = 8;
    private static final int DATA_ENTRY_SIZE = 16;
    /** A version block is a few KiB; more is not a version resource. */
    private static final long MAX_BLOCK = 1 << 20;
    /** Most nodes visited in one block. */
    private static final int MAX_NODES = 10_000;
    private static final String STRUCTURE = "VS_VERSIONINFO";

    private final PeFile pe;
    private int nodes;

    VersionResourceReader(PeFile pe) {
        this.pe = pe;
    }

    VersionInfo read() throws DumpFormatException {
        ImageDataDirectory dir = pe.optionalHeader().dataDirectory(ImageDataDirectory.RESOURCE);
        if (!dir.present()) {
            return null;
        }
        long base = dir.virtualAddress();
        long typeDir = base;
        long nameDir = findEntry(base, typeDir, RT_VERSION, true);
        if (nameDir < 0) {
            return null;
        }
        long langDir = findEntry(base, nameDir, -1, true);
        if (langDir < 0) {
            return null;
        }
        long dataEntry = findEntry(base, langDir, -1, false);
        if (dataEntry < 0) {
            return null;
        }
        Cursor e = pe.cursorAtRva("IMAGE_RESOURCE_DATA_ENTRY", dataEntry, DATA_ENTRY_SIZE, pe.resourceDirectoryOffset());
        long dataRva = e.u32();
        long size = Math.min(e.u32(), MAX_BLOCK);
        long avail = pe.availableAtRva(dataRva);
        Cursor block = pe.cursorAtRva(STRUCTURE, dataRva, Math.min(size, avail), e.base());
        return parseBlock(block);
    }

    /**
     * In the resource directory at {@code dirRva}, the RVA of the entry with id {@code id} (-1: the first entry),
     * which must be a subdirectory when {@code wantDirectory}, else a data entry. -1 when absent.
     */
    private long findEntry(long base, long dirRva, int id, boolean wantDirectory) throws DumpFormatException {
        Cursor d = pe.cursorAtRva("IMAGE_RESOURCE_DIRECTORY", dirRva, DIRECTORY_SIZE, pe.resourceDirectoryOffset());
        d.skip(12);
        int named = d.u16();
        int ids = d.u16();
        long count = (long) named + ids;
        long avail = (pe.availableAtRva(dirRva + DIRECTORY_SIZE)) / ENTRY_SIZE;
        count = Math.min(count, avail);
        Cursor entries = pe.cursorAtRva("IMAGE_RESOURCE_DIRECTORY_ENTRY[]", dirRva + DIRECTORY_SIZE,
                count * ENTRY_SIZE, d.base());
        for (long i = 0; i < count; i++) {
            long nameField = entries.u32();
            long target = entries.u32();
            boolean isName = (nameField & 0x8000_0000L) != 0;
            if (id >= 0 && (isName || nameField != id)) {
                continue;
            }
            boolean isDirectory = (target & 0x8000_0000L) != 0;
            if (isDirectory != wantDirectory) {
                throw new DumpFormatException.InvalidValue("IMAGE_RESOURCE_DIRECTORY_ENTRY",
                        entries.absolutePosition() - 4, wantDirectory ? "expected a subdirectory, found data"
                                : "expected a data entry, found a subdirectory");
            }
            return base + (target & 0x7FFF_FFFFL);
        }
        return -1;
    }

    private VersionInfo parseBlock(Cursor block) throws DumpFormatException {
        Node root = node(block, 0, block.length());
        if (!"VS_VERSION_INFO".equals(root.key)) {
            throw new DumpFormatException.InvalidValue(STRUCTURE, block.base(),
                    "root key is \"" + root.key + "\", not VS_VERSION_INFO");
        }
        VsFixedFileInfo fixed = null;
        if (root.valueLength >= VsFixedFileInfo.SIZE && root.valueStart + VsFixedFileInfo.SIZE <= root.end) {
            block.seek(root.valueStart);
            long sig = block.u32();
            if (sig == VsFixedFileInfo.SIGNATURE) {
                fixed = new VsFixedFileInfo(sig, block.u32(), block.u32(), block.u32(), block.u32(), block.u32(),
                        block.u32(), block.u32(), block.u32(), block.u32(), block.u32(), block.u32(), block.u32());
            }
        }
        List<VersionInfo.StringTable> tables = new ArrayList<>();
        long childStart = align4(root.valueStart + root.valueLength);
        for (Node child : children(block, childStart, root.end)) {
            if (!"StringFileInfo".equals(child.key)) {
                continue; // VarFileInfo
            }
            for (Node table : children(block, align4(child.valueStart + child.valueLength), child.end)) {
                Map<String, String> strings = new LinkedHashMap<>();
                for (Node s : children(block, align4(table.valueStart + table.valueLength), table.end)) {
                    block.seek(s.valueStart);
                    long bytes = Math.max(0, s.end - s.valueStart) & ~1L;
                    String value = block.utf16((int) bytes);
                    int nul = value.indexOf('\0');
                    strings.putIfAbsent(s.key, nul >= 0 ? value.substring(0, nul) : value);
                }
                tables.add(new VersionInfo.StringTable(table.key, strings));
            }
        }
        return new VersionInfo(fixed, tables);
    }

    /** One node: its key, where its value starts (aligned) and where the node ends, relative to the block. */
    private record Node(String key, long valueLength, int type, long valueStart, long end) {
    }

    private List<Node> children(Cursor block, long from, long end) throws DumpFormatException {
        List<Node> list = new ArrayList<>();
        long pos = from;
        while (pos + 6 <= end) {
            block.seek(pos);
            int len = block.u16();
            if (len == 0) {
                break;
            }
            Node n = node(block, pos, end);
            list.add(n);
            pos = align4(n.end);
        }
        return list;
    }

    private Node node(Cursor block, long start, long limit) throws DumpFormatException {
        if (++nodes > MAX_NODES) {
            throw new DumpFormatException.InvalidValue(STRUCTURE, block.base() + start,
                    "more than " + MAX_NODES + " nodes");
        }
        block.seek(start);
        int length = block.u16();
        int valueLength = block.u16();
        int type = block.u16();
        long end = start + length;
        if (length < 6 || end > limit) {
            throw new DumpFormatException.InvalidValue(STRUCTURE, block.base() + start,
                    "node length " + length + " does not fit its parent (" + (limit - start) + " bytes)");
        }
        StringBuilder key = new StringBuilder();
        long pos = start + 6;
        while (pos + 2 <= end) {
            block.seek(pos);
            int ch = block.u16();
            pos += 2;
            if (ch == 0) {
                break;
            }
            key.append((char) ch);
        }
        long valueStart = Math.min(align4(pos), end);
        // Text values count wValueLength in characters, binary ones in bytes; callers read to the node's end.
        long valueBytes = type == 1 ? 2L * valueLength : valueLength;
        return new Node(key.toString(), Math.min(valueBytes, end - valueStart), type, valueStart, end);
    }

    private static long align4(long v) {
        return (v + 3) & ~3L;
    }
}
