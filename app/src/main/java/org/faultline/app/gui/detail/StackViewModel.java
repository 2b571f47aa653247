package org.faultline.app.gui.detail;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.faultline.app.gui.common.Fmt;
import org.faultline.triage.Frame;
import org.faultline.triage.Report;

/** The Stack tab: the faulting stack, each frame with how it was found; culprit and third-party frames marked. */
public final class StackViewModel {
    /**
     * One frame.
     *
     * @param how  how it was found, in words
     * @param mark {@code culprit}, {@code third-party} or empty
     */
    public record FrameRow(int index, String address, String location, String trust, String how, String mark,
                           boolean culprit, boolean thirdParty) {
    }

    private final ObservableList<FrameRow> frames = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    public void show(Report r) {
        frames.clear();
        summary.set("");
        if (r == null) {
            return;
        }
        boolean wide = !"x86".equals(r.architecture()) && !"arm".equals(r.architecture());
        for (Frame f : r.stack()) {
            String location = f.symbol() != null ? f.symbol() : f.text() != null ? f.text() : "?";
            String mark = f.culprit() ? "culprit" : f.thirdParty() ? "third-party" : "";
            frames.add(new FrameRow(f.index(), Fmt.address(f.address(), wide), location, f.trust(), how(f.trust()),
                    mark, f.culprit(), f.thirdParty()));
        }
        long third = r.stack().stream().filter(Frame::thirdParty).count();
        summary.set(r.stack().isEmpty() ? "No stack: the dump holds no registers or stack memory for the crash."
                : r.stack().size() + " frames, " + third + " in third-party code"
                + (r.culprit() != null ? "; culprit " + r.culprit().module() : ""));
    }

    /** What a trust label means for the person reading the stack. */
    public static String how(String trust) {
        if (trust == null) {
            return "";
        }
        return switch (trust) {
            case "context" -> "registers saved at the crash (certain)";
            case "cfi" -> "unwind data of the module (reliable)";
            case "frame-pointer" -> "frame-pointer chain (usually right)";
            case "trap-frame" -> "trap frame the CPU exception saved (certain)";
            case "scan" -> "stack scan: a return address found on the stack (may be stale)";
            default -> trust;
        };
    }

    public void clear() {
        show(null);
    }

    public ObservableList<FrameRow> frames() {
        return frames;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
