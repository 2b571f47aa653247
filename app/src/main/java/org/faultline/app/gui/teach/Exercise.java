package org.faultline.app.gui.teach;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.faultline.app.analysis.DumpInput;
import org.faultline.app.gui.common.Fmt;
import org.faultline.app.gui.common.Highlight.Place;
import org.faultline.triage.AccessFacts;
import org.faultline.triage.Category;
import org.faultline.triage.Culprit;
import org.faultline.triage.Report;

/**
 * The exercises after the walkthrough: three other dumps of the scenario library, each with a question ("what is
 * different, and does the flag fire?") and an answer written from the live analysis of that dump compared with
 * the July 19 dump's.
 */
public enum Exercise {
    /** contosoflt.sys, bug check 0x50 with P2 = 2: a write to freed memory in a minifilter. */
    WRITE("contosoflt-write-av.dmp", "A write instead of a read"),
    /** fabrikamndis.sys, bug check 0xD1: a read of 0x28 through a NULL pointer. */
    NULL_READ("fabrikamndis-null-read.dmp", "A NULL read"),
    /** Ntfs.sys, bug check 0x1000007E: a read out of bounds in Microsoft's own driver. */
    MICROSOFT_DRIVER("ntfs-access-violation.dmp", "A crash in a Microsoft driver");

    private final String file;
    private final String title;

    Exercise(String file, String title) {
        this.file = file;
        this.title = title;
    }

    /** The sample's file name. */
    public String file() {
        return file;
    }

    public String title() {
        return title;
    }

    /** The sample, shipped in the application beside the July 19 one. */
    public DumpInput.Bundled input() {
        return DumpInput.bundled(file);
    }

    /** The exercise as step {@code number}, for the analysis {@code r} of its dump and {@code july19} of the sample's. */
    public Step step(int number, Report r, Report july19) {
        Draft q = new Draft("Exercise " + (ordinal() + 1) + ": " + title);
        question(q, r, july19);
        q.say("What is different from July 19, and does Faultline's flag for a read out of bounds in a third-party"
                + " file-system filter driver fire?");
        return q.step(number, file, answer(r, july19));
    }

    private void question(Draft q, Report r, Report july19) {
        String module = r.culprit() == null ? "a driver the dump does not name"
                : q.q("culprit module", "/culprit/module", r.culprit().module());
        String code = r.bugcheck() == null ? "an exception"
                : "bug check " + q.q("bug check code", "/bugcheck/code", Fmt.hex(r.bugcheck().code()));
        switch (this) {
            case WRITE -> {
                boolean same = r.bugcheck() != null && july19.bugcheck() != null
                        && r.bugcheck().code() == july19.bugcheck().code();
                q.say("Another driver, " + module + ", stopped the machine with " + code
                        + (same ? ", the same stop code as on July 19." : "."));
                if (r.bugcheck() != null && r.bugcheck().parameters().size() > 1) {
                    String p2 = q.q("bug check parameter 2", "/bugcheck/parameters/1", Fmt.hex(r.bugcheck().parameters().get(1)));
                    q.say("Look at parameter 2, " + p2 + ", and at the faulting instruction on the Faulting frame tab.");
                    q.point(Place.PARAMETER, "P2", p2);
                }
            }
            case NULL_READ -> {
                q.say("The driver " + module + " stopped the machine with " + code + ".");
                if (r.access() != null && r.access().address() != null) {
                    String address = q.q("referenced address", "/access/address", Fmt.hex(r.access().address()));
                    q.say("Look at the address it read, " + address + ", and at the register the instruction used.");
                    q.point(Place.ACCESS, "", address);
                }
            }
            case MICROSOFT_DRIVER -> {
                q.say("This time the fault is in " + module + ", and the stop code is " + code + ".");
                q.say("Look at the access on the Bugcheck tab, then find " + module + " on the Modules tab: whose driver"
                        + " is it?");
                if (r.culprit() != null) {
                    q.point(Place.MODULE, r.culprit().module(), r.culprit().module());
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** What the analysis of {@code r} says, and how it differs from {@code july19}'s. */
    static Step.Answer answer(Report r, Report july19) {
        Draft a = new Draft("answer");
        AccessFacts x = r.access();
        StringBuilder what = new StringBuilder("The analysis: ");
        if (x != null && x.kind() != null) {
            what.append("a ").append(a.q("access kind", "/access/kind", x.kind().name().toLowerCase(Locale.ROOT)));
        } else {
            what.append("an access");
        }
        if (x != null && x.address() != null) {
            what.append(" of ").append(a.q("referenced address", "/access/address", Fmt.hex(x.address())));
        }
        if (x != null && x.addressClass() != null) {
            what.append(" (").append(a.q("address class", "/access/addressClass", x.addressClass())).append(')');
        }
        if (r.faultingFrame() != null) {
            if (r.faultingFrame().instruction() != null) {
                what.append(" by ").append(a.q("faulting instruction", "/faultingFrame/instruction", r.faultingFrame().instruction()));
            }
            what.append(" at ").append(a.q("faulting frame", "/faultingFrame/text", r.faultingFrame().text()));
        }
        Culprit c = r.culprit();
        if (c != null) {
            what.append(", in ").append(a.q("culprit module", "/culprit/module", c.module())).append(", ");
            what.append(c.vendor() == null ? "from a vendor the dump does not name"
                    : "from " + a.q("culprit vendor", "/culprit/vendor", c.vendor()));
            what.append(c.filter() == null ? ", not a file-system filter" : ", a file-system filter");
        }
        a.say(what.append('.').toString());
        List<String> diffs = differences(r, july19);
        a.say(diffs.isEmpty() ? "Nothing that the flag looks at differs from July 19."
                : "Unlike July 19: " + String.join("; ", diffs) + ".");
        Category category = r.verdict() == null ? Category.UNKNOWN : r.verdict().category();
        boolean flag = r.thirdPartyFilterDriverReadOutOfBounds();
        a.say("Faultline's verdict is " + a.q("verdict", "/verdict/category", category.name()) + ", so the flag "
                + (flag ? "fires" : "does not fire") + " ("
                + a.q("third-party filter-driver read-out-of-bounds flag", "/flags/thirdPartyFilterDriverReadOutOfBounds",
                        Boolean.toString(flag)) + "): " + reason(r, category, flag) + ".");
        return new Step.Answer(a.sentences(), a.quotes());
    }

    private static List<String> differences(Report r, Report july) {
        List<String> out = new ArrayList<>();
        AccessFacts x = r.access();
        AccessFacts j = july.access();
        if (x != null && j != null && x.kind() != j.kind()) {
            out.add("a " + kind(x) + " where July 19 was a " + kind(j));
        }
        if (x != null && j != null && !Objects.equals(x.addressClass(), j.addressClass())) {
            out.add("the address is " + x.addressClass() + " where July 19's was " + j.addressClass()
                    + (x.address() != null && Long.compareUnsigned(x.address(), 0x10000) < 0
                    ? " (below 0x10000: a NULL pointer plus an offset)" : ""));
        }
        Culprit c = r.culprit();
        Culprit jc = july.culprit();
        if (c != null && jc != null) {
            if (c.microsoft() != jc.microsoft()) {
                out.add(c.microsoft() ? "the code is Microsoft's own, where July 19's was a third party's"
                        : "the code is a third party's, where July 19's was Microsoft's");
            }
            if ((c.filter() == null) != (jc.filter() == null)) {
                out.add(c.filter() == null ? "the driver is not a file-system filter, where csagent.sys is one"
                        : "the driver is a file-system filter, where July 19's was not");
            }
        }
        return out;
    }

    private static String kind(AccessFacts a) {
        return a.kind() == null ? "access of unknown kind" : a.kind().name().toLowerCase(Locale.ROOT);
    }

    private static String reason(Report r, Category category, boolean flag) {
        if (flag) {
            return "a read out of bounds in a third-party file-system filter driver, as on July 19";
        }
        if (category != Category.READ_OUT_OF_BOUNDS) {
            return "it fires only for a read out of bounds, and this is a " + Fmt.words(category.name()).toLowerCase(Locale.ROOT)
                    .replace("null", "NULL");
        }
        if (r.culprit() != null && r.culprit().microsoft()) {
            return "the read out of bounds is in Microsoft's own code, not in a third-party driver";
        }
        return "the culprit is not a third-party file-system filter driver";
    }
}
