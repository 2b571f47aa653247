package org.faultline.app.gui.hexview;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.faultline.app.gui.common.Fmt;
import org.faultline.app.gui.task.BackgroundJob;
import org.faultline.app.gui.task.Tasks;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.MemoryReader;
import org.faultline.dump.io.ByteSource;

/**
 * The Memory tab: a hex view that pages through the dump. A region is either the file's own bytes or a stretch
 * of the crashed system's virtual memory; the view asks for rows of 16 bytes by index, and this model answers
 * from a small cache of 4 KiB pages, reading missing pages in background work (the view refreshes when
 * {@link #pagesLoadedProperty()} changes). Nothing is copied into a list: a 2 GiB file is 134 million rows that
 * exist only while on screen. Bytes the dump does not hold show as {@code ??}.
 */
public final class HexViewModel {
    /** Bytes per row. */
    public static final int ROW = 16;
    /** Bytes per cached page. */
    static final int PAGE = 4096;
    /** Pages kept. */
    static final int CACHE_PAGES = 256;
    /** Size of the window opened around an address in a dump whose memory has no range list (kernel full dumps). */
    static final long WINDOW = 1L << 20;
    /** Most memory ranges offered as regions. */
    static final int MAX_REGIONS = 10_000;

    /** Where a region's bytes come from. */
    public enum Kind { FILE, MEMORY }

    /** A stretch of bytes the view can page through; {@code start} is an address (memory) or an offset (file). */
    public record Region(String label, Kind kind, long start, long length) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** One row as text; {@code missing} when the dump lacks its bytes. */
    public record HexRow(long address, String addressText, String hex, String ascii, boolean missing) {
    }

    private record Page(byte[] bytes, BitSet missingRows) {
    }

    private final Tasks tasks;
    private final ObservableList<Region> regions = FXCollections.observableArrayList();
    private final ObjectProperty<Region> region = new SimpleObjectProperty<>(this, "region");
    private final ReadOnlyIntegerWrapper rowCount = new ReadOnlyIntegerWrapper(this, "rowCount", 0);
    private final ReadOnlyLongWrapper pagesLoaded = new ReadOnlyLongWrapper(this, "pagesLoaded", 0);
    private final IntegerProperty scrollTarget = new SimpleIntegerProperty(this, "scrollTarget", -1);
    private final LongProperty highlight = new SimpleLongProperty(this, "highlight", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final Map<Long, Page> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Page> eldest) {
            return size() > CACHE_PAGES;
        }
    };
    private final Set<Long> pending = new HashSet<>();
    private ByteSource file;
    private MemoryReader memory;
    private boolean wide = true;
    private long generation;

    public HexViewModel(Tasks tasks) {
        this.tasks = tasks;
        region.addListener(o -> regionChanged());
    }

    /**
     * Shows a dump: its file bytes and memory ranges as regions, positioned at {@code focus} (the faulting
     * instruction) when the dump holds it.
     */
    public void open(ByteSource file, MemoryReader memory, boolean wideAddresses, Long focus) {
        this.file = file;
        this.memory = memory;
        this.wide = wideAddresses;
        region.set(null);
        List<Region> list = new ArrayList<>();
        list.add(new Region("File bytes (" + Fmt.size(file.size()) + ")", Kind.FILE, 0, file.size()));
        List<MemoryRange> ranges = memory.ranges();
        for (MemoryRange r : ranges.subList(0, Math.min(ranges.size(), MAX_REGIONS))) {
            list.add(memoryRegion(r.start(), r.size(), ""));
        }
        regions.setAll(list);
        highlight.set(focus == null ? -1 : focus);
        message.set(ranges.size() > MAX_REGIONS ? "Showing the first " + MAX_REGIONS + " of " + ranges.size()
                + " memory ranges; Go to reaches any address." : "");
        if (focus == null || !goToAddress(focus, false)) {
            region.set(list.size() > 1 ? list.get(1) : list.get(0));
        }
    }

    public void clear() {
        file = null;
        memory = null;
        regions.clear();
        region.set(null);
        message.set("");
        highlight.set(-1);
    }

    private Region memoryRegion(long start, long length, String note) {
        String end = Fmt.address(start + length - 1, wide);
        return new Region(Fmt.address(start, wide) + "–" + end + " (" + Fmt.size(length) + note + ")", Kind.MEMORY,
                start, length);
    }

    private void regionChanged() {
        generation++;
        cache.clear();
        pending.clear();
        Region r = region.get();
        if (r == null) {
            rowCount.set(0);
            return;
        }
        long rows = (r.start() - alignedStart(r) + r.length() + ROW - 1) / ROW;
        rowCount.set((int) Math.min(rows, Integer.MAX_VALUE - 1));
        scrollTarget.set(-1);
    }

    private static long alignedStart(Region r) {
        return r.start() & -ROW;
    }

    /** The address (or file offset) of row {@code index} in the current region. */
    public long addressOf(int index) {
        Region r = region.get();
        return r == null ? 0 : alignedStart(r) + (long) index * ROW;
    }

    /**
     * Row {@code index}, when its page is in the cache; otherwise empty, and the page is read in the background
     * ({@link #pagesLoadedProperty()} changes when it arrives).
     */
    public Optional<HexRow> row(int index) {
        Region r = region.get();
        if (r == null || index < 0 || index >= rowCount.get()) {
            return Optional.empty();
        }
        long address = addressOf(index);
        long pageBase = address & -PAGE;
        Page p = cache.get(pageBase);
        if (p == null) {
            request(r, pageBase);
            p = cache.get(pageBase);
            if (p == null) {
                return Optional.empty();
            }
        }
        int within = (int) (address - pageBase);
        return Optional.of(render(address, p, within, r));
    }

    private HexRow render(long address, Page p, int within, Region r) {
        String addressText = r.kind() == Kind.FILE ? String.format("%010x", address) : Fmt.address(address, wide);
        boolean missing = p.missingRows().get(within / ROW);
        StringBuilder hex = new StringBuilder(ROW * 3);
        StringBuilder ascii = new StringBuilder(ROW);
        for (int i = 0; i < ROW; i++) {
            long a = address + i;
            boolean inside = Long.compareUnsigned(a - r.start(), r.length()) < 0;
            if (i == 8) {
                hex.append(' ');
            }
            if (!inside) {
                hex.append("   ");
                ascii.append(' ');
            } else if (missing) {
                hex.append("?? ");
                ascii.append('.');
            } else {
                int b = p.bytes()[within + i] & 0xFF;
                hex.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16)).append(' ');
                ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
            }
        }
        return new HexRow(address, addressText, hex.toString().stripTrailing(), ascii.toString(), missing);
    }

    private void request(Region r, long pageBase) {
        if (!pending.add(pageBase)) {
            return;
        }
        long gen = generation;
        ByteSource f = file;
        MemoryReader m = memory;
        tasks.run(BackgroundJob.of("Reading memory", progress -> readPage(r, f, m, pageBase))
                .onSuccess(page -> {
                    if (gen == generation) {
                        pending.remove(pageBase);
                        cache.put(pageBase, page);
                        pagesLoaded.set(pagesLoaded.get() + 1);
                    }
                })
                .onFailure(e -> {
                    if (gen == generation) {
                        pending.remove(pageBase);
                        message.set("Cannot read at " + Fmt.hex(pageBase) + ": " + e.getMessage());
                    }
                }));
    }

    /** Reads one page: in one go when possible, else row by row so that gaps show as {@code ??}. */
    private static Page readPage(Region r, ByteSource file, MemoryReader memory, long pageBase) {
        byte[] bytes = new byte[PAGE];
        BitSet missing = new BitSet(PAGE / ROW);
        if (r.kind() == Kind.FILE) {
            long size = file == null ? 0 : file.size();
            long n = Math.max(0, Math.min(PAGE, size - pageBase));
            if (n > 0) {
                file.copy(pageBase, bytes, 0, (int) n);
            }
            for (int row = (int) ((n + ROW - 1) / ROW); row < PAGE / ROW; row++) {
                missing.set(row);
            }
            return new Page(bytes, missing);
        }
        Optional<byte[]> whole = memory == null ? Optional.empty() : memory.read(pageBase, PAGE);
        if (whole.isPresent()) {
            return new Page(whole.get(), missing);
        }
        for (int row = 0; row < PAGE / ROW; row++) {
            Optional<byte[]> b = memory == null ? Optional.empty() : memory.read(pageBase + (long) row * ROW, ROW);
            if (b.isPresent()) {
                System.arraycopy(b.get(), 0, bytes, row * ROW, ROW);
            } else {
                missing.set(row);
            }
        }
        return new Page(bytes, missing);
    }

    /**
     * Goes to an address typed by the user: hex with or without {@code 0x}, WinDbg's {@code fffff806`715114ed}
     * form too. Tries the crashed system's memory first, then (when the file region is shown) a file offset.
     * Returns whether it found the place; {@link #messageProperty()} says what happened.
     */
    public boolean goTo(String text) {
        OptionalLong v = parseAddress(text);
        if (v.isEmpty()) {
            message.set("Not an address: " + text);
            return false;
        }
        if (goToAddress(v.getAsLong(), true)) {
            return true;
        }
        Region current = region.get();
        if (current != null && current.kind() == Kind.FILE && file != null
                && Long.compareUnsigned(v.getAsLong(), file.size()) < 0) {
            scrollTo(current, v.getAsLong());
            message.set("File offset " + Fmt.hex(v.getAsLong()));
            return true;
        }
        message.set(Fmt.hex(v.getAsLong()) + " is not in the dump");
        return false;
    }

    private boolean goToAddress(long address, boolean say) {
        if (memory == null) {
            return false;
        }
        for (Region r : regions) {
            if (r.kind() == Kind.MEMORY && Long.compareUnsigned(address - r.start(), r.length()) < 0) {
                region.set(r);
                scrollTo(r, address);
                if (say) {
                    message.set(Fmt.hex(address) + " in " + r.label());
                }
                return true;
            }
        }
        if (memory.ranges().isEmpty() && memory.read(address, 1).isPresent()) {
            // Paged memory (kernel full and bitmap dumps): open a window around the address.
            long start = address & -WINDOW;
            Region w = memoryRegion(start, WINDOW, ", virtual");
            regions.add(w);
            region.set(w);
            scrollTo(w, address);
            if (say) {
                message.set(Fmt.hex(address) + " in " + w.label());
            }
            return true;
        }
        return false;
    }

    private void scrollTo(Region r, long address) {
        highlight.set(address);
        scrollTarget.set((int) Math.min(Integer.MAX_VALUE - 1, (address - alignedStart(r)) / ROW));
    }

    /** Parses {@code 0x1f}, {@code 1f}, {@code 1fh}, {@code fffff806`715114ed}. */
    static OptionalLong parseAddress(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String t = text.strip().replace("`", "").replace("_", "").toLowerCase(Locale.ROOT);
        if (t.startsWith("0x")) {
            t = t.substring(2);
        } else if (t.endsWith("h")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || t.length() > 16 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseUnsignedLong(t, 16));
    }

    public ObservableList<Region> regions() {
        return regions;
    }

    public ObjectProperty<Region> regionProperty() {
        return region;
    }

    public ReadOnlyIntegerProperty rowCountProperty() {
        return rowCount.getReadOnlyProperty();
    }

    /** Counts pages read; the view refreshes its visible rows when it changes. */
    public ReadOnlyLongProperty pagesLoadedProperty() {
        return pagesLoaded.getReadOnlyProperty();
    }

    /** A row the view should scroll to (-1: none). */
    public IntegerProperty scrollTargetProperty() {
        return scrollTarget;
    }

    /** The address to mark (the fault, or the last Go to), or -1. */
    public LongProperty highlightProperty() {
        return highlight;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
