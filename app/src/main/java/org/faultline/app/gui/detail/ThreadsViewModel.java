package org.faultline.app.gui.detail;

import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.faultline.app.gui.common.Fmt;
import org.faultline.dump.CrashDump;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.ThreadInfo;

/** The Threads tab: the threads a minidump records (a kernel dump usually holds only the crashing one). */
public final class ThreadsViewModel {
    /** One thread. */
    public record Row(String id, String name, String instructionPointer, String where, String stack, String teb,
                      boolean crashed) {
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /** Builds the rows from an opened dump (call from background work; apply with {@link #show}). */
    public static List<Row> rowsOf(CrashDump dump) {
        long crashedId = dump.exception().map(e -> e.threadId()).orElse(-1L);
        boolean wide = dump.architecture().pointerSize() == 8;
        return dump.threads().stream().map(t -> row(dump, t, wide, crashedId)).toList();
    }

    private static Row row(CrashDump dump, ThreadInfo t, boolean wide, long crashedId) {
        String ip = "";
        String where = "";
        if (t.context() != null) {
            long pc = t.context().instructionPointer();
            ip = Fmt.address(pc, wide);
            where = dump.moduleAt(pc).map(m -> location(m, pc)).orElse("");
        }
        String stack = t.stackSize() == 0 ? "" : Fmt.address(t.stackStart(), wide) + " (" + Fmt.size(t.stackSize()) + ")";
        return new Row(Long.toString(t.id()), t.name() == null ? "" : t.name(), ip, where, stack,
                t.teb() == 0 ? "" : Fmt.hex(t.teb()), t.id() == crashedId);
    }

    private static String location(ModuleInfo m, long pc) {
        String name = m.name();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "+" + Fmt.hex(pc - m.base());
    }

    public void show(List<Row> list) {
        rows.setAll(list);
        message.set(list.isEmpty() ? "The dump records no threads." : "");
    }

    public void loading() {
        rows.clear();
        message.set("Reading threads…");
    }

    public void failed(String why) {
        rows.clear();
        message.set(why);
    }

    public void clear() {
        rows.clear();
        message.set("");
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
