package org.faultline.app.gui.teach;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faultline.app.gui.common.Fmt;
import org.faultline.app.gui.common.Highlight.Place;
import org.faultline.app.gui.detail.FaultingFrameViewModel;
import org.faultline.triage.AccessFacts;
import org.faultline.triage.FaultingFrame;
import org.faultline.triage.Frame;
import org.faultline.triage.ModuleRow;
import org.faultline.triage.Report;

/**
 * The walkthrough of the July 19, 2024 outage over the analysis of the open dump: ten steps, each two to four
 * plain sentences with its sources and the element of the window it points at. Every value a step quotes is
 * read from the {@link Report}; facts that are not in a dump (the root cause, the remediation, what changed
 * after) come from the published sources each step cites. A fact the dump lacks is said to be missing, never
 * filled in.
 */
public final class Lesson {
    /** The hours the bad Channel File 291 was served, UTC (CrowdStrike's Preliminary Post Incident Review). */
    static final LocalTime RELEASED = LocalTime.of(4, 9);
    static final LocalTime REVERTED = LocalTime.of(5, 27);

    private static final Pattern BASE_REGISTER = Pattern.compile("\\[([a-z0-9]+)\\]");
    private static final Pattern INDEXED = Pattern.compile("\\[([a-z0-9]+)\\+([a-z0-9]+)\\*([1248])\\]");

    private Lesson() {
    }

    /** The steps, in order, for the analysis {@code r} of the dump named {@code dump}. */
    public static List<Step> july19(Report r, String dump) {
        List<Draft> drafts = List.of(blueScreen(r), bugcheck(r), faultingFrame(r), instruction(r), origin(r),
                whoseCode(r), everyBoot(r), firstTheory(r), remediation(r), after(r));
        List<Step> steps = new ArrayList<>();
        for (Draft d : drafts) {
            steps.add(d.step(steps.size() + 1, dump, null));
        }
        return List.copyOf(steps);
    }

    // ---- the steps -------------------------------------------------------------------------------------

    private static Draft blueScreen(Report r) {
        Draft d = new Draft("What a blue screen is, and what a crash dump holds", Sources.MS_BUGCHECK_0X50, Sources.SCALE);
        d.say("When Windows meets an error in kernel mode that it cannot recover from, it stops the whole machine"
                + " with a blue screen and writes a crash dump before it restarts; on July 19, 2024 about 8.5 million"
                + " machines did this.");
        String format = d.q("dump format", "/format", r.format());
        String size = d.q("file size", "/size", Long.toString(r.size()), String.format(Locale.ROOT, "%,d bytes", r.size()));
        String when = r.crashTime() == null ? "at a time the dump does not record"
                : "at " + d.q("crash time", "/crashTime", Instant.ofEpochSecond(r.crashTime()).toString(), Fmt.time(r.crashTime()));
        String os = r.os() == null || r.os().build() == 0 ? "Windows"
                : "Windows " + d.q("Windows version", "/os/version", r.os().version());
        d.say("This one is a " + format + " dump of " + size + ", the small kind Windows keeps in C:\\Windows\\Minidump,"
                + " written " + when + " by " + os + ".");
        d.say("It holds the stop code and its four parameters, the processor's registers, the crashing thread's"
                + " stack, the list of the " + d.q("loaded drivers", "/modules#count", Integer.toString(r.modules().size()))
                + " loaded drivers and a few pages of memory: not the whole memory, and no function names.");
        if (r.crashTime() != null) {
            d.point(Place.DUMP_FACTS, "", Fmt.time(r.crashTime()));
        } else {
            d.point(Place.DUMP_FACTS, "", format);
        }
        return d;
    }

    private static Draft bugcheck(Report r) {
        Draft d = new Draft("Bug check 0x50 and its four parameters", Sources.MS_BUGCHECK_0X50);
        Report.BugcheckFacts b = r.bugcheck();
        if (b == null || b.parameters().size() < 4) {
            d.say("This dump records no bug check with four parameters, so the stop code cannot be read here.");
            d.say("On July 19 the stop code was 0x50 PAGE_FAULT_IN_NONPAGED_AREA: kernel code referenced memory that"
                    + " is not there.");
            return d;
        }
        String code = d.q("bug check code", "/bugcheck/code", Fmt.hex(b.code()));
        String name = b.name() == null ? "" : " " + d.q("bug check name", "/bugcheck/name", b.name());
        d.say("The stop code is " + code + name + ": kernel code referenced memory that is not there.");
        String[] p = new String[4];
        for (int i = 0; i < 4; i++) {
            p[i] = d.q("bug check parameter " + (i + 1), "/bugcheck/parameters/" + i, Fmt.hex(b.parameters().get(i)));
        }
        AccessFacts a = r.access();
        String kind = a == null || a.kind() == null ? "" : ", a " + d.q("access kind", "/access/kind",
                a.kind().name().toLowerCase(Locale.ROOT));
        d.say("Parameter 1, " + p[0] + ", is the address referenced; parameter 2, " + p[1]
                + ", says what kind of access it was" + kind + "; parameter 3, " + p[2]
                + ", is the address of the instruction that made it.");
        d.say("Parameter 4, " + p[3] + ", is Windows' own reason code"
                + (b.code() == 0x50 && b.parameters().get(3) == 2
                ? ": 2 means the address had no valid page-table entry at all." : "."));
        d.point(Place.PARAMETER, "P1", p[0]);
        return d;
    }

    private static Draft faultingFrame(Report r) {
        Draft d = new Draft("The faulting frame, and why there are no function names", Sources.MS_BLOG);
        FaultingFrame f = r.faultingFrame();
        if (f == null || f.module() == null || f.offset() == null) {
            d.say("This dump does not say which module the faulting instruction belongs to.");
            d.say("On July 19 it was csagent+0xe14ed: offset 0xe14ed in CrowdStrike's csagent.sys.");
            return d;
        }
        Optional<Integer> row = moduleIndex(r, f.module());
        String module = d.q("faulting module", "/faultingFrame/module", f.module());
        String base = row.map(i -> ", which the driver list shows loaded at " + d.q("module base", "/modules/" + i
                + "/base", Fmt.hex(r.modules().get(i).base()))).orElse("");
        String text = d.q("faulting frame", "/faultingFrame/text", f.text());
        d.say("Parameter 3 points into " + module + base + ", so the faulting frame is " + text + ": offset "
                + d.q("offset in the module", "/faultingFrame/offset", Fmt.hex(f.offset())) + " into the driver's code.");
        if (f.symbol() == null) {
            d.say("There are no function names because a triage dump keeps no symbols and CrowdStrike publishes none"
                    + " for its driver: module+offset is how every analysis of this crash names the place, Microsoft's"
                    + " included.");
            d.say("Faultline always shows module+offset, and adds function names when a symbol path (Settings ›"
                    + " Symbols) has them.");
        } else {
            d.say("Symbols were found for this module, so the frame also has a name: "
                    + d.q("symbol", "/faultingFrame/symbol", f.symbol()) + ".");
        }
        d.point(Place.FAULT_LOCATION, "", f.text());
        return d;
    }

    private static Draft instruction(Report r) {
        Draft d = new Draft("The instruction: a read through the pointer in a register", Sources.MS_BLOG, Sources.OBJDUMP);
        FaultingFrame f = r.faultingFrame();
        if (f == null || f.instruction() == null) {
            d.say("The faulting instruction's bytes are not in this dump, so it cannot be decoded here.");
            d.say("On July 19 it was mov r9d,dword ptr [r8]: a read of four bytes from the address in r8.");
            return d;
        }
        String insn = d.q("faulting instruction", "/faultingFrame/instruction", f.instruction());
        String bytes = f.instructionBytes() == null ? "" : "The bytes " + d.q("instruction bytes", "/faultingFrame/bytes",
                f.instructionBytes()) + " at that address decode as ";
        Matcher m = BASE_REGISTER.matcher(f.instruction());
        String reg = m.find() ? m.group(1) : null;
        d.say((bytes.isEmpty() ? "The instruction is " : bytes) + insn + ": " + width(f.instruction())
                + (reg == null ? " memory." : " the address held in register " + reg + "."));
        Long value = reg == null ? null : f.registers().get(reg);
        if (value == null || f.registersFrom() == null) {
            d.say("The dump does not give that register's value at the fault, so the address cannot be checked"
                    + " against parameter 1 here.");
            return d;
        }
        String v = d.q("register " + reg, "/faultingFrame/registers/" + reg, Fmt.hex(value));
        d.say("The registers come from " + d.q("where the registers come from", "/faultingFrame/registersFrom",
                f.registersFrom()) + ", where the processor's state was saved when the fault trapped: " + reg + " = " + v + ".");
        Long referenced = r.access() == null ? null : r.access().address();
        if (referenced != null && referenced.equals(value)) {
            d.say("That is exactly parameter 1, the address referenced: the driver read through a bad pointer,"
                    + " and the instruction itself is fine.");
        } else if (referenced != null) {
            d.say("That is not the referenced address " + d.q("referenced address", "/access/address", Fmt.hex(referenced))
                    + ", so this operand may not be the access that faulted.");
        }
        d.point(Place.REGISTER, reg, v);
        return d;
    }

    private static Draft origin(Report r) {
        Draft d = new Draft("Where the pointer came from: the 21st slot of a 20-entry array", Sources.CS_RCA, Sources.MS_BLOG);
        FaultingFrame f = r.faultingFrame();
        Matcher faulting = f == null || f.instruction() == null ? null : BASE_REGISTER.matcher(f.instruction());
        String reg = faulting != null && faulting.find() ? faulting.group(1) : null;
        int at = reg == null ? -1 : originLine(f.disassembly(), reg);
        if (at < 0) {
            d.say("The code before the fault is not in this dump, so where the bad pointer came from cannot be read"
                    + " here.");
            d.say("CrowdStrike's root-cause analysis: the template type defined 21 input fields but the sensor"
                    + " supplied only 20 values, so the 21st was read past the end of the array.");
            return d;
        }
        String line = f.disassembly().get(at);
        String[] parts = splitLine(line);
        String insn = d.q("instruction that loaded " + reg, "/faultingFrame/disassembly/" + at, line, parts[1]);
        Matcher m = INDEXED.matcher(parts[1]);
        if (!m.find() || f.registers().get(m.group(1)) == null || f.registers().get(m.group(2)) == null) {
            d.say("Just before the fault, " + insn + " loaded " + reg + ".");
            d.say("CrowdStrike's root-cause analysis: the template type defined 21 input fields but the sensor"
                    + " supplied only 20 values, so the 21st was read past the end of the array.");
            d.point(Place.INSTRUCTION, parts[0], parts[1]);
            return d;
        }
        String base = m.group(1);
        String index = m.group(2);
        long indexValue = f.registers().get(index);
        String baseValue = d.q("register " + base, "/faultingFrame/registers/" + base, Fmt.hex(f.registers().get(base)));
        String indexHex = d.q("register " + index, "/faultingFrame/registers/" + index, Fmt.hex(indexValue));
        d.say("Just before the fault, " + insn + " loaded " + reg + " from a table of " + m.group(3)
                + "-byte pointers at " + base + " = " + baseValue + ", taking entry " + index + " = " + indexHex
                + " = " + Long.toUnsignedString(indexValue) + ".");
        d.say("Entries count from 0, so entry " + Long.toUnsignedString(indexValue) + " is the "
                + ordinal(indexValue + 1) + " slot.");
        d.say("CrowdStrike's root-cause analysis says why: the template type behind Channel File 291 defined 21 input"
                + " fields but the sensor supplied only 20 values, so reading the 21st went past the end of the"
                + " 20-entry array and took whatever lay there: here, a pointer to nowhere.");
        d.point(Place.INSTRUCTION, parts[0], parts[1]);
        return d;
    }

    private static Draft whoseCode(Report r) {
        Draft d = new Draft("Whose code it is, and why one bad read stops the machine", Sources.ALTITUDES, Sources.MS_BLOG);
        if (r.culprit() == null) {
            d.say("The analysis names no culprit module for this dump.");
            d.say("On July 19 it was csagent.sys, CrowdStrike's file-system minifilter at altitude 321410.");
            return d;
        }
        String module = d.q("culprit module", "/culprit/module", r.culprit().module());
        String vendor = r.culprit().vendor() == null ? "a vendor the dump does not name"
                : d.q("culprit vendor", "/culprit/vendor", r.culprit().vendor());
        d.say(module + " is the driver of CrowdStrike's Falcon sensor, from " + vendor + ": "
                + (r.culprit().microsoft() ? "a part of Windows." : "third-party code, not a part of Windows."));
        String altitude = null;
        if (r.culprit().filter() != null && r.culprit().filter().altitude() != null && r.culprit().filter().group() != null) {
            altitude = d.q("filter altitude", "/culprit/filter/altitude", r.culprit().filter().altitude());
            d.say("Microsoft's list of allocated filter altitudes registers it as a file-system minifilter in the "
                    + d.q("load-order group", "/culprit/filter/group", r.culprit().filter().group()) + " group at altitude "
                    + altitude + ": it sits in the path of every file operation on the machine.");
        }
        d.say("It runs in kernel mode, where nothing stands between a driver and the rest of the system: one bad read"
                + " stops the whole machine, where the same bug in an application would end only that application.");
        d.point(Place.MODULE, r.culprit().module(), altitude != null ? altitude : module);
        return d;
    }

    private static Draft everyBoot(Report r) {
        Draft d = new Draft("Why machines crashed again at every boot", Sources.CS_PIR, Sources.CS_RCA);
        String path = r.culprit() == null || r.culprit().path() == null ? null
                : d.q("driver path", "/culprit/path", r.culprit().path());
        d.say("The driver loads early in every boot" + (path == null ? "" : " from " + path)
                + ", and reads its channel files from the same folder, C:\\Windows\\System32\\drivers\\CrowdStrike.");
        Frame first = r.stack().stream().filter(Frame::culprit).findFirst().orElse(null);
        if (first != null) {
            d.say("The stack shows the driver's own frames, from " + d.q("culprit frame", "/stack/" + r.stack().indexOf(first)
                    + "/text", first.text()) + " down, between the kernel's page-fault handler and the thread's start: the"
                    + " sensor was doing its own work, not serving a program.");
            d.point(Place.STACK_FRAME, Integer.toString(first.index()), first.text());
        }
        d.say("Channel File 291 stayed on disk, so every restart loaded the driver, read the same file and crashed"
                + " again: a boot loop that needed hands on each machine.");
        if (r.crashTime() != null) {
            LocalTime t = LocalTime.ofInstant(Instant.ofEpochSecond(r.crashTime()), ZoneOffset.UTC);
            boolean inside = !t.isBefore(RELEASED) && t.isBefore(REVERTED)
                    && Instant.ofEpochSecond(r.crashTime()).toString().startsWith("2024-07-19");
            d.say("This dump's crash time, " + d.q("crash time", "/crashTime", Instant.ofEpochSecond(r.crashTime()).toString(),
                    Fmt.time(r.crashTime())) + (inside ? ", lies inside" : ", lies outside")
                    + " the 78 minutes (04:09 to 05:27 UTC on July 19) the bad file was served.");
        }
        return d;
    }

    private static Draft firstTheory(Report r) {
        Draft d = new Draft("The first theory against the evidence: NULL pointer or out of bounds?", Sources.MS_BLOG, Sources.CS_RCA);
        d.say("On July 19, screenshots of a read of address 0x9c in csagent spread, and many called it a NULL-pointer"
                + " dereference.");
        d.say("A NULL read touches an address below 0x10000: the first 64 KiB are never mapped, so NULL plus a small"
                + " offset lands there.");
        AccessFacts a = r.access();
        if (a == null || a.address() == null) {
            d.say("This dump names no referenced address, so the two cannot be told apart here.");
            return d;
        }
        String address = d.q("referenced address", "/access/address", Fmt.hex(a.address()));
        String cls = a.addressClass() == null ? "" : " (address class "
                + d.q("address class", "/access/addressClass", a.addressClass()) + ")";
        boolean nullPage = Long.compareUnsigned(a.address(), 0x10000) < 0;
        d.say("Here the address read is " + address + (nullPage ? ", inside that NULL page" : ", far above that")
                + cls + (nullPage ? ": a NULL read." : ": not NULL, but a value taken from past the end of an array."));
        if (r.verdict() != null) {
            d.say("So Faultline's verdict is " + d.q("verdict", "/verdict/category", r.verdict().category().name())
                    + ", as Microsoft's and CrowdStrike's analyses of the crash concluded.");
        }
        d.point(Place.ACCESS, "", address);
        return d;
    }

    private static Draft remediation(Report r) {
        Draft d = new Draft("The remediation", Sources.CS_PIR, Sources.RECOVERY_TOOL);
        if (r.knownIssue() != null) {
            String title = d.q("known issue", "/knownIssue/title", r.knownIssue().title());
            d.say("Faultline recognised the known issue \"" + title + "\" and lists its "
                    + d.q("remediation steps", "/knownIssue/remediation#count", Integer.toString(r.knownIssue().remediation().size()))
                    + " remediation steps beside the tabs.");
            d.point(Place.KNOWN_ISSUE, "", title);
        } else {
            d.say("Faultline matched no known issue on this dump, so no remediation is listed beside the tabs.");
        }
        d.say("The fix needed hands on every machine: boot into Safe Mode or the Windows Recovery Environment, delete"
                + " the C-00000291*.sys file stamped 04:09 UTC from C:\\Windows\\System32\\drivers\\CrowdStrike, and"
                + " boot normally.");
        d.say("Encrypted disks first needed their BitLocker recovery key; Microsoft's USB recovery tool automated the"
                + " deletion, and some Azure virtual machines recovered after repeated reboots.");
        return d;
    }

    private static Draft after(Report r) {
        Draft d = new Draft("What changed after", Sources.CS_RCA, Sources.MS_BLOG);
        String flag = d.q("third-party filter-driver read-out-of-bounds flag", "/flags/thirdPartyFilterDriverReadOutOfBounds",
                Boolean.toString(r.thirdPartyFilterDriverReadOutOfBounds()));
        String module = r.culprit() == null ? "this dump" : d.q("culprit module", "/culprit/module", r.culprit().module());
        d.say("Faultline's flag for this pattern, a read out of bounds in a third-party file-system filter driver, is "
                + (r.thirdPartyFilterDriverReadOutOfBounds() ? "raised" : "not raised") + " for " + module + " (" + flag
                + "): the same check finds the next driver that makes this mistake.");
        d.say("CrowdStrike now checks the number of input fields when content is built and the bounds when it runs,"
                + " and releases Rapid Response Content in stages, to a few machines first, with customers choosing when.");
        d.say("Microsoft called for end-to-end resilience: safe rollout for security products, and moving content"
                + " parsing out of the kernel into user mode, where a bad read ends one process instead of the machine.");
        if (r.culprit() != null) {
            d.point(Place.VERDICT, "", r.culprit().module());
        }
        return d;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static Optional<Integer> moduleIndex(Report r, String name) {
        List<ModuleRow> modules = r.modules();
        for (int i = 0; i < modules.size(); i++) {
            if (modules.get(i).name().equalsIgnoreCase(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** {@code dword ptr} → "reads four bytes from"; a write or an unknown width is said plainly. */
    static String width(String instruction) {
        String s = instruction.toLowerCase(Locale.ROOT);
        String verb = s.matches("^\\w+ \\w+,.*\\[.*") ? "read " : "access ";
        String size = s.contains("qword ptr") ? "eight bytes at" : s.contains("dword ptr") ? "four bytes at"
                : s.contains("word ptr") ? "two bytes at" : s.contains("byte ptr") ? "one byte at" : "";
        return verb + size;
    }

    /**
     * The disassembly line, before the faulting one, of the last instruction that wrote {@code register} as its
     * first operand ({@code mov r8,…}; {@code test r8,r8} and {@code cmp} only read it), or -1.
     */
    static int originLine(List<String> disassembly, String register) {
        int fault = -1;
        for (int i = 0; i < disassembly.size(); i++) {
            if (disassembly.get(i).startsWith(">")) {
                fault = i;
                break;
            }
        }
        // The first operand is the destination, except for the instructions that only compare.
        Pattern writes = Pattern.compile("^(?!test |cmp |bt )[a-z]+ " + Pattern.quote(register) + ",");
        for (int i = fault - 1; i >= 0; i--) {
            if (writes.matcher(splitLine(disassembly.get(i))[1]).find()) {
                return i;
            }
        }
        return -1;
    }

    /** {@code "  fffff806715114e4: 4e 8b 04 d8  mov r8,…"} → {@code {fffff806715114e4, mov r8,…}}. */
    static String[] splitLine(String line) {
        FaultingFrameViewModel.DisasmLine l = FaultingFrameViewModel.parse(line);
        return new String[] {l.address(), l.text()};
    }

    static String ordinal(long n) {
        long mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : switch ((int) (n % 10)) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
