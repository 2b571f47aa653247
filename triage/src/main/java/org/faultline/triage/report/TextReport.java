package org.faultline.triage.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.faultline.triage.Evidence;
import org.faultline.triage.Frame;
import org.faultline.triage.Report;

/** The text form a help-desk engineer reads in ten seconds: the verdict first, then the evidence and details. */
public final class TextReport {
    /** Register lines wrap before this many characters. */
    private static final int REGISTER_LINE_WIDTH = 100;

    private TextReport() {
    }

    public static String render(List<Report> reports) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < reports.size(); i++) {
            if (i > 0) {
                out.append('\n').append("=".repeat(100)).append("\n\n");
            }
            render(out, reports.get(i));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String s) {
        out.append(s).append('\n');
    }

    static void render(StringBuilder out, Report r) {
        line(out, "VERDICT  " + r.verdict().category() + " (" + r.verdict().confidence() + " confidence)"
                + (r.thirdPartyFilterDriverReadOutOfBounds() ? "  [third-party filter driver read out of bounds]" : ""));
        line(out, "         " + Safe.text(r.verdict().summary()));
        if (r.knownIssue() != null) {
            line(out, "KNOWN    " + Safe.text(r.knownIssue().title()) + " (" + r.knownIssue().id() + ")");
        }
        line(out, "BUCKET   " + Safe.text(r.bucket()));
        line(out, "");
        line(out, "Evidence");
        for (Evidence e : r.verdict().evidence()) {
            line(out, "  - " + Safe.text(e.text()) + "  [" + e.rule() + "; " + Safe.text(e.source()) + "]");
        }
        if (r.bugcheck() != null) {
            var b = r.bugcheck();
            line(out, "");
            line(out, "Bug check " + Hex.of(b.code()) + (b.name() == null ? "" : " " + b.name()));
            if (b.meaning() != null) {
                line(out, "  " + Safe.text(b.meaning()));
            }
            for (int i = 0; i < b.parameters().size(); i++) {
                String m = i < b.meanings().size() && b.meanings().get(i) != null ? "  " + Safe.text(b.meanings().get(i)) : "";
                line(out, String.format("  P%d %-20s%s", i + 1, Hex.of(b.parameters().get(i)), m));
            }
        }
        if (r.exception() != null) {
            var e = r.exception();
            line(out, "");
            line(out, "Exception " + Hex.of(e.code()) + (e.name() == null ? "" : " " + e.name())
                    + (e.detail() == null ? "" : " (" + e.detail() + ")") + " at " + Hex.of(e.address()));
            if (!e.parameters().isEmpty()) {
                line(out, "  parameters " + String.join(" ", e.parameters().stream().map(Hex::of).toList()));
            }
        }
        if (r.faultingFrame() != null) {
            var f = r.faultingFrame();
            line(out, "");
            line(out, "Faulting frame " + Safe.text(f.text()) + " (" + Hex.of(f.address()) + ")");
            if (f.instruction() != null) {
                line(out, "  instruction " + f.instruction() + "   [" + f.instructionBytes() + "]");
            }
            if (f.effectiveAddress() != null) {
                line(out, "  operand address " + Hex.of(f.effectiveAddress()) + " (registers from " + f.registersFrom() + ")");
            }
            if (!f.registers().isEmpty()) {
                line(out, "  registers" + (f.registersFrom() == null ? "" : " from " + f.registersFrom()));
                StringBuilder row = new StringBuilder("   ");
                for (var reg : f.registers().entrySet()) {
                    String item = " " + reg.getKey() + "=" + Hex.of(reg.getValue());
                    if (row.length() > 3 && row.length() + item.length() > REGISTER_LINE_WIDTH) {
                        line(out, row.toString());
                        row.setLength(3);
                    }
                    row.append(item);
                }
                line(out, row.toString());
            }
            for (String p : f.provenance()) {
                line(out, "  " + Safe.text(p));
            }
            for (String d : f.disassembly()) {
                line(out, "  " + d);
            }
        }
        if (r.culprit() != null) {
            var c = r.culprit();
            line(out, "");
            line(out, "Culprit " + Safe.text(c.module()) + (c.microsoft() ? " (Microsoft)" : " (third-party)")
                    + (c.vendor() == null ? "" : ", " + Safe.text(c.vendor())));
            line(out, "  path   " + Safe.text(c.path()));
            line(out, "  why    " + Safe.text(c.reason()));
            line(out, "  origin " + Safe.text(c.how()));
            if (c.filter() != null) {
                line(out, "  filter " + (c.filter().altitude() == null ? "altitude not allocated"
                        : c.filter().group() + ", altitude " + c.filter().altitude()));
                for (String e : c.filter().evidence()) {
                    line(out, "         " + Safe.text(e));
                }
            }
        }
        if (r.knownIssue() != null) {
            var k = r.knownIssue();
            line(out, "");
            line(out, "Known issue: " + Safe.text(k.title()));
            line(out, "  " + Safe.text(k.summary()));
            line(out, "  Remediation:");
            for (int i = 0; i < k.remediation().size(); i++) {
                line(out, "   " + (i + 1) + ". " + Safe.text(k.remediation().get(i)));
            }
            for (String s : k.sources()) {
                line(out, "  source: " + Safe.text(s));
            }
        }
        line(out, "");
        line(out, "Stack (" + r.stack().size() + " frames; * culprit, + third-party)");
        for (Frame f : r.stack()) {
            line(out, String.format("  %s%2d %-18s %-44s %s", f.culprit() ? "*" : f.thirdParty() ? "+" : " ",
                    f.index(), Long.toHexString(f.address()), Safe.text(f.text()), f.trust()));
        }
        line(out, "");
        line(out, "Details");
        line(out, "  file         " + Safe.text(r.file()) + (r.sha256() == null ? "" : "  sha256 " + r.sha256()));
        line(out, "  format       " + r.format() + ", " + r.architecture() + ", " + r.os().platform() + " "
                + r.os().version() + (r.os().csd().isEmpty() ? "" : " " + Safe.text(r.os().csd())));
        if (r.crashTime() != null) {
            line(out, "  crash time   " + Instant.ofEpochSecond(r.crashTime()));
        }
        if (r.access() != null) {
            line(out, "  access       " + (r.access().kind() == null ? "?" : r.access().kind().name().toLowerCase(Locale.ROOT))
                    + " of " + Hex.of(r.access().address()) + " (" + r.access().addressClass() + ")");
        }
        line(out, "  modules      " + r.modules().size());
        if (!r.warnings().isEmpty()) {
            line(out, "");
            line(out, "Warnings (" + r.warnings().size() + ")");
            for (String w : r.warnings()) {
                line(out, "  " + Safe.text(w));
            }
        }
    }
}
