package org.faultline.app.gui.detail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.faultline.app.gui.common.Fmt;
import org.faultline.triage.FaultingFrame;
import org.faultline.triage.Report;

/**
 * The Faulting frame tab: where the fault happened (module+offset, symbol), the disassembly around it with the
 * faulting instruction and the registers of its memory operand marked, the effective address recomputed from
 * the registers against the address the crash names, and where the bad pointer came from.
 */
public final class FaultingFrameViewModel {
    /** One disassembly line, split for display. */
    public record DisasmLine(String address, String bytes, String text, boolean faulting) {
    }

    /**
     * One register of the faulting frame: its name, its value, and why it matters ("in the faulting operand",
     * "= the referenced address").
     */
    public record RegisterRow(String name, String value, String note) {
    }

    /** A piece of an instruction's text; {@code register} when it names a register of the faulting operand. */
    public record Token(String text, boolean register) {
    }

    private static final Pattern MEMORY_OPERAND = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern REGISTER = Pattern.compile(
            "\\b(r(?:[0-9]|1[0-5])[dwb]?|[re]?(?:ax|bx|cx|dx|si|di|sp|bp|ip)|[abcd][lh]|[sd]il|[sb]pl"
                    + "|[xw](?:[0-9]|[12][0-9]|30)|sp|fp|lr|wzr|xzr)\\b");

    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available", false);
    private final ReadOnlyStringWrapper location = new ReadOnlyStringWrapper(this, "location", "");
    private final ReadOnlyStringWrapper symbol = new ReadOnlyStringWrapper(this, "symbol", "");
    private final ReadOnlyStringWrapper instruction = new ReadOnlyStringWrapper(this, "instruction", "");
    private final ReadOnlyStringWrapper addresses = new ReadOnlyStringWrapper(this, "addresses", "");
    private final ReadOnlyStringWrapper registersFrom = new ReadOnlyStringWrapper(this, "registersFrom", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<DisasmLine> lines = FXCollections.observableArrayList();
    private final ObservableList<String> provenance = FXCollections.observableArrayList();
    private final ObservableList<String> registers = FXCollections.observableArrayList();
    private final ObservableList<RegisterRow> registerRows = FXCollections.observableArrayList();

    public void show(Report r) {
        clear();
        FaultingFrame f = r == null ? null : r.faultingFrame();
        if (f == null) {
            message.set(r == null ? "" : "The dump names no faulting instruction (" + verdictWords(r) + ").");
            return;
        }
        available.set(true);
        location.set(f.text() + " (" + Fmt.hex(f.address()) + ")");
        symbol.set(f.symbol() != null ? f.symbol()
                : "no symbols found: module+offset only (Settings › Symbols adds a symbol path)");
        if (f.instruction() != null) {
            instruction.set(f.instruction() + (f.instructionBytes() == null ? "" : "   [" + f.instructionBytes() + "]"));
            registers.setAll(operandRegisters(f.instruction()));
        } else {
            instruction.set("the instruction's bytes are not in the dump");
        }
        addresses.set(addressText(f.effectiveAddress(), r.access() == null ? null : r.access().address()));
        registersFrom.set(f.registersFrom() == null ? "" : "Registers from " + f.registersFrom() + ".");
        registerRows.setAll(registerRows(f.registers(), registers, r.access() == null ? null : r.access().address()));
        for (String l : f.disassembly()) {
            lines.add(parse(l));
        }
        provenance.setAll(f.provenance());
    }

    private static String verdictWords(Report r) {
        return r.verdict() == null ? "no verdict" : Fmt.words(r.verdict().category().name()).toLowerCase(Locale.ROOT);
    }

    /** "Effective … = referenced …": whether the recomputed operand address is the one the crash names. */
    static String addressText(Long effective, Long referenced) {
        if (effective == null && referenced == null) {
            return "";
        }
        if (effective == null) {
            return "Referenced address " + Fmt.hex(referenced) + " (the operand address could not be recomputed:"
                    + " no registers for this frame)";
        }
        if (referenced == null) {
            return "Effective address " + Fmt.hex(effective) + " (the crash names no referenced address)";
        }
        return "Effective address " + Fmt.hex(effective) + (Objects.equals(effective, referenced)
                ? " = referenced address " + Fmt.hex(referenced) + ": this instruction made the bad access"
                : " ≠ referenced address " + Fmt.hex(referenced) + ": the access may have been elsewhere");
    }

    /** {@code "> fffff806715114ed: 45 8b 08  mov r9d,dword ptr [r8]"} → its parts. */
    public static DisasmLine parse(String line) {
        boolean faulting = line.startsWith(">");
        String rest = line.length() >= 2 ? line.substring(2) : line;
        int colon = rest.indexOf(": ");
        if (colon < 0) {
            return new DisasmLine("", "", rest.strip(), faulting);
        }
        String address = rest.substring(0, colon).strip();
        String after = rest.substring(colon + 2);
        int gap = after.indexOf("  ");
        if (gap < 0) {
            return new DisasmLine(address, after.strip(), "", faulting);
        }
        return new DisasmLine(address, after.substring(0, gap).strip(), after.substring(gap).strip(), faulting);
    }

    /** The registers inside the memory operand ({@code [rax+r11*8]} → rax, r11), in order. */
    static List<String> operandRegisters(String instructionText) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = MEMORY_OPERAND.matcher(instructionText.toLowerCase(Locale.ROOT));
        while (m.find()) {
            Matcher r = REGISTER.matcher(m.group(1));
            while (r.find()) {
                out.add(r.group(1));
            }
        }
        return List.copyOf(out);
    }

    /** The frame's registers in the order the dump gives them, with a note on the operand's and the referenced address. */
    static List<RegisterRow> registerRows(java.util.Map<String, Long> values, List<String> operand, Long referenced) {
        List<RegisterRow> out = new ArrayList<>();
        values.forEach((name, value) -> {
            List<String> notes = new ArrayList<>();
            if (operand.contains(name)) {
                notes.add("in the faulting operand");
            }
            if (referenced != null && referenced.longValue() == value.longValue() && referenced != 0) {
                notes.add("= the referenced address");
            }
            out.add(new RegisterRow(name, Fmt.hex(value), String.join(", ", notes)));
        });
        return out;
    }

    /** The text split so that the faulting operand's registers can be highlighted wherever they appear. */
    public List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        if (registers.isEmpty()) {
            out.add(new Token(text, false));
            return out;
        }
        Matcher m = REGISTER.matcher(text);
        int at = 0;
        while (m.find()) {
            if (registers.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                if (m.start() > at) {
                    out.add(new Token(text.substring(at, m.start()), false));
                }
                out.add(new Token(m.group(1), true));
                at = m.end();
            }
        }
        if (at < text.length()) {
            out.add(new Token(text.substring(at), false));
        }
        return out;
    }

    public void clear() {
        available.set(false);
        location.set("");
        symbol.set("");
        instruction.set("");
        addresses.set("");
        registersFrom.set("");
        message.set("");
        lines.clear();
        provenance.clear();
        registers.clear();
        registerRows.clear();
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty locationProperty() {
        return location.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty symbolProperty() {
        return symbol.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty instructionProperty() {
        return instruction.getReadOnlyProperty();
    }

    /** Effective vs referenced address. */
    public ReadOnlyStringProperty addressesProperty() {
        return addresses.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty registersFromProperty() {
        return registersFrom.getReadOnlyProperty();
    }

    /** Why there is nothing to show, when there is not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<DisasmLine> lines() {
        return lines;
    }

    /** Sentences on where the bad pointer came from. */
    public ObservableList<String> provenance() {
        return provenance;
    }

    /** The faulting frame's registers (from the trap frame or context the analysis used). */
    public ObservableList<RegisterRow> registerRows() {
        return registerRows;
    }

    /** Registers of the faulting memory operand. */
    public ObservableList<String> registers() {
        return registers;
    }
}
