package org.faultline.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.faultline.dump.Architecture;
import org.faultline.dump.Bugcheck;
import org.faultline.dump.CpuContext;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.ExceptionInfo;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.symbols.ModuleMap;
import org.faultline.symbols.SymbolizedAddress;
import org.faultline.symbols.Symbolizer;
import org.faultline.symbols.disasm.FaultContext;
import org.faultline.symbols.disasm.Instruction;
import org.faultline.symbols.disasm.MemoryOperand;
import org.faultline.symbols.unwind.FrameTrust;
import org.faultline.symbols.unwind.StackFrame;
import org.faultline.symbols.unwind.ModuleUnwinders;
import org.faultline.symbols.unwind.StackWalker;
import org.faultline.triage.kb.AccessKind;
import org.faultline.triage.kb.AccessLayout;
import org.faultline.triage.kb.BugcheckCatalog;
import org.faultline.triage.kb.BugcheckInfo;
import org.faultline.triage.kb.DriverCatalog;
import org.faultline.triage.kb.KnownIssues;
import org.faultline.triage.kb.Minifilter;
import org.faultline.triage.kb.MinifilterAltitudes;
import org.faultline.triage.kb.StatusCatalog;
import org.faultline.triage.rules.AddressClassRule;
import org.faultline.triage.rules.BucketRule;
import org.faultline.triage.rules.DriverIdentity;
import org.faultline.triage.rules.FaultFactsRule;
import org.faultline.triage.rules.FaultingFrameRule;
import org.faultline.triage.rules.VerdictRule;

/**
 * The verdict engine: from a dump (and whatever symbols the symbolizer finds) to a {@link Report}. The evidence
 * chain runs in order, each step saying "not applicable" when its input is missing: fault facts, address class,
 * faulting frame, culprit, driver identity; then the verdict, the known issue and the bucket.
 */
public final class Analyzer {
    private static final long STATUS_ACCESS_VIOLATION = 0xC000_0005L;
    private static final long STATUS_STACK_BUFFER_OVERRUN = 0xC000_0409L;

    private final BugcheckCatalog bugchecks;
    private final StatusCatalog statuses;
    private final DriverIdentity identity;
    private final KnownIssues knownIssues;
    private final MinifilterAltitudes altitudes;
    private final DriverCatalog drivers;

    public Analyzer(BugcheckCatalog bugchecks, StatusCatalog statuses, MinifilterAltitudes altitudes,
                    DriverCatalog drivers, KnownIssues knownIssues) {
        this.bugchecks = bugchecks;
        this.statuses = statuses;
        this.altitudes = altitudes;
        this.drivers = drivers;
        this.identity = new DriverIdentity(drivers, altitudes);
        this.knownIssues = knownIssues;
    }

    /** The analyzer with the shipped knowledge base. */
    public static Analyzer standard() {
        return new Analyzer(BugcheckCatalog.standard(), StatusCatalog.standard(), MinifilterAltitudes.standard(),
                DriverCatalog.standard(), KnownIssues.standard());
    }

    /** The same analyzer with other known issues. */
    public Analyzer withKnownIssues(KnownIssues issues) {
        return new Analyzer(bugchecks, statuses, altitudes, drivers, issues);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Analyzes one opened dump. {@code sha256} may be null. */
    public Report analyze(CrashDump dump, Symbolizer symbolizer, String file, String sha256, long size) {
        Architecture arch = dump.architecture();
        ModuleMap modules = symbolizer.modules();
        boolean kernel = dump instanceof KernelDump;
        List<String> warnings = new ArrayList<>();
        for (Diagnostic d : dump.diagnostics()) {
            warnings.add(d.toString());
        }
        boolean partial = dump.diagnostics().stream().anyMatch(d -> d.code().equals("TRUNCATED")
                || d.severity() == Diagnostic.Severity.ERROR);
        List<Evidence> evidence = new ArrayList<>();

        // 1. Fault facts -------------------------------------------------------------------------------
        Report.BugcheckFacts bugcheckFacts = null;
        Optional<BugcheckInfo> bugcheckInfo = Optional.empty();
        AccessKind kind = null;
        Long referenced = null;
        Long faultAddress = null;
        String accessSource = null;
        Optional<Bugcheck> bugcheck = dump.bugcheck();
        if (bugcheck.isPresent()) {
            Bugcheck b = bugcheck.get();
            bugcheckInfo = bugchecks.of(b.code());
            List<String> meanings = new ArrayList<>();
            for (int i = 0; i < b.parameters().size(); i++) {
                meanings.add(FaultFactsRule.meaning(bugcheckInfo, i + 1, b.parameters().get(i)));
            }
            bugcheckFacts = new Report.BugcheckFacts(b.code(), bugcheckInfo.map(BugcheckInfo::name).orElse(null),
                    bugcheckInfo.map(BugcheckInfo::meaning).orElse(null), b.parameters(), meanings);
            Optional<AccessLayout> layout = bugcheckInfo.flatMap(BugcheckInfo::access);
            if (layout.isPresent()) {
                int build = (int) dump.os().build();
                Optional<AccessKind> k = layout.get().accessKind(b.parameters(), arch, build);
                OptionalLong addr = layout.get().referencedAddress(b.parameters());
                OptionalLong instr = layout.get().instructionAddress(b.parameters());
                if (k.isPresent()) {
                    kind = k.get();
                }
                if (addr.isPresent()) {
                    referenced = addr.getAsLong();
                }
                if (instr.isPresent()) {
                    faultAddress = arch.truncate(instr.getAsLong());
                }
                if (k.isPresent() || addr.isPresent()) {
                    accessSource = "bug check " + hex(b.code()) + " parameters";
                }
            }
        }
        Optional<ExceptionInfo> exception = dump.exception();
        Report.ExceptionFacts exceptionFacts = null;
        if (exception.isPresent()) {
            ExceptionInfo e = exception.get();
            String detail = null;
            if (e.code() == STATUS_STACK_BUFFER_OVERRUN && !e.parameters().isEmpty()) {
                detail = statuses.fastFailName(e.parameters().get(0)).orElse("fast-fail code " + e.parameters().get(0));
            }
            exceptionFacts = new Report.ExceptionFacts(e.code(), statuses.name(e.code()).orElse(null), e.address(),
                    e.parameters(), detail);
            if (faultAddress == null && e.address() != 0) {
                faultAddress = e.address();
            }
            if (FaultFactsRule.isPosixSegv(dump, e) && referenced == null && e.address() != 0) {
                // Breakpad's Linux writer: the code is the signal (SIGSEGV 11, SIGBUS 7) and the exception
                // address is the faulting data address (si_addr).
                referenced = e.address();
                faultAddress = null;
                accessSource = "the signal's fault address (" + (e.code() == 11 ? "SIGSEGV" : "SIGBUS") + ")";
            }
            if (e.code() == STATUS_ACCESS_VIOLATION && e.parameters().size() >= 2 && kind == null) {
                long k = e.parameters().get(0);
                kind = k == 0 ? AccessKind.READ : k == 1 ? AccessKind.WRITE : k == 8 ? AccessKind.EXECUTE : null;
                long target = e.parameters().get(1);
                referenced = target == -1L || target == 0xFFFF_FFFFL && arch.pointerSize() == 4 ? null : target;
                accessSource = "exception record (ExceptionInformation[0] and [1])";
            }
        }

        // 2. The stack and the faulting frame ------------------------------------------------------------
        CpuContext start = FaultingFrameRule.startContext(dump);
        long stackEnd = FaultingFrameRule.stackEnd(dump);
        List<StackFrame> walked = start == null ? List.of()
                : new StackWalker(dump.memory(), modules, arch, new ModuleUnwinders(modules,
                        m -> symbolizer.symbolsFor(m).breakpad(), m -> symbolizer.symbolsFor(m).image()))
                        .walk(start, stackEnd);
        if (faultAddress == null && start != null && !kernel) {
            faultAddress = start.instructionPointer();
        }
        int faultIndex = -1;
        CpuContext faultRegisters = null;
        String registersFrom = null;
        if (faultAddress != null) {
            for (StackFrame f : walked) {
                if (f.pc() == faultAddress && (f.trust() == FrameTrust.TRAP_FRAME || f.trust() == FrameTrust.CONTEXT)) {
                    faultIndex = f.index();
                    faultRegisters = f.registers();
                    registersFrom = f.trust() == FrameTrust.TRAP_FRAME ? "the trap frame at " + hex(f.slot())
                            : exception.isPresent() && exception.get().context() != null ? "the exception context"
                            : "the crash context";
                    break;
                }
            }
        }
        FaultingFrame faultingFrame = null;
        Instruction instruction = null;
        Long effective = null;
        if (faultAddress != null) {
            SymbolizedAddress where = symbolizer.symbolize(faultAddress);
            Optional<FaultContext> fc = FaultContext.at(dump.memory(), arch, faultAddress, 4, 2);
            List<String> provenance = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            if (fc.isPresent() && fc.get().faulting().decoded()) {
                instruction = fc.get().faulting();
                for (Instruction i : fc.get().window()) {
                    lines.add((i.address() == faultAddress ? "> " : "  ") + i.line());
                }
                Optional<MemoryOperand> op = instruction.memory().stream().findFirst();
                if (op.isPresent() && faultRegisters != null) {
                    OptionalLong ea = instruction.effectiveAddress(op.get(), faultRegisters);
                    if (ea.isPresent()) {
                        effective = ea.getAsLong();
                    }
                }
                if (op.isPresent()) {
                    for (String reg : FaultingFrameRule.registersOf(op.get())) {
                        Optional<FaultContext.RegisterOrigin> origin = fc.get().originOf(reg);
                        if (origin.isPresent()) {
                            provenance.add(FaultingFrameRule.describeOrigin(origin.get(), faultRegisters));
                        }
                    }
                }
                if (kind == null && op.isPresent() && FaultFactsRule.accessFault(exception, bugcheckInfo, dump)) {
                    kind = op.get().access().writes() ? AccessKind.WRITE : AccessKind.READ;
                    accessSource = "the faulting instruction";
                }
                if (referenced == null && effective != null && FaultFactsRule.accessFault(exception, bugcheckInfo, dump)) {
                    referenced = effective;
                }
            }
            faultingFrame = new FaultingFrame(faultAddress, where.module() == null ? null : where.module().name(),
                    where.module() == null ? null : where.offset(), where.symbol() == null ? null : where.text(),
                    where.text(), instruction == null ? null : instruction.text(),
                    instruction == null ? null : instruction.hexBytes(), effective, registersFrom,
                    FaultingFrameRule.generalPurposeRegisters(faultRegisters), provenance, lines);
        }

        // 3. Access facts and address class ------------------------------------------------------------
        String addressClass = referenced == null ? null : AddressClassRule.classify(dump, referenced, kernel, arch);
        AccessFacts access = kind == null && referenced == null ? null
                : new AccessFacts(kind, referenced, addressClass, accessSource);
        if (access != null) {
            evidence.add(new Evidence("fault-facts", FaultFactsRule.describeAccess(kind, referenced), accessSource));
            if (addressClass != null) {
                evidence.add(new Evidence("address-class", AddressClassRule.describe(addressClass, referenced), "address ranges"));
            }
        } else {
            evidence.add(new Evidence("fault-facts", "not applicable: the dump records no faulting memory access",
                    bugcheck.isPresent() ? "bug check " + hex(bugcheck.get().code()) : "exception"));
        }
        if (faultingFrame != null) {
            StringBuilder s = new StringBuilder("the faulting instruction is at " + faultingFrame.text());
            if (instruction != null) {
                s.append(": ").append(instruction.text());
                if (effective != null) {
                    s.append("; its operand address, recomputed from ").append(registersFrom).append(", is ")
                            .append(hex(effective));
                    if (referenced != null) {
                        s.append(effective.equals(referenced) ? ", the referenced address" : ", not the referenced "
                                + hex(referenced));
                    }
                }
            } else {
                s.append(" (its bytes are not in the dump)");
            }
            evidence.add(new Evidence("faulting-frame", s.toString(), faultingFrame.registersFrom() == null
                    ? "the dump's memory" : faultingFrame.registersFrom()));
            for (String p : faultingFrame.provenance()) {
                evidence.add(new Evidence("pointer-provenance", p, "the instructions before the fault"));
            }
        }

        // 4. Culprit and 5. driver identity --------------------------------------------------------------
        Culprit culprit = null;
        int culpritIndex = -1;
        if (!walked.isEmpty() || faultAddress != null) {
            int from = Math.max(faultIndex, 0);
            for (int i = from; i < walked.size(); i++) {
                Optional<ModuleInfo> m = modules.moduleAt(walked.get(i).lookupAddress());
                if (m.isPresent() && DriverIdentity.known(m.get()) && !identity.isMicrosoft(m.get(), symbolizer)) {
                    culpritIndex = i;
                    culprit = identity.identify(m.get(), symbolizer, walked, i, modules,
                            i == faultIndex || (faultIndex < 0 && i == 0) ? "the faulting module"
                                    : "the first non-Microsoft frame above the fault");
                    break;
                }
            }
            if (culprit == null && faultAddress != null) {
                Optional<ModuleInfo> m = modules.moduleAt(faultAddress).filter(DriverIdentity::known);
                if (m.isPresent()) {
                    culpritIndex = faultIndex;
                    culprit = identity.identify(m.get(), symbolizer, walked, Math.max(faultIndex, 0), modules,
                            "the faulting module (no non-Microsoft frame on the stack)");
                }
            }
        }
        if (culprit != null) {
            evidence.add(new Evidence("culprit", culprit.module() + " is " + culprit.reason(), "the stack"));
            evidence.add(new Evidence("driver-identity", DriverIdentity.identityText(culprit), culprit.how()));
        } else {
            evidence.add(new Evidence("culprit", "not applicable: no frame lies in a known module", "the stack"));
        }

        // Verdict -----------------------------------------------------------------------------------------
        Category category = VerdictRule.categorize(dump, kind, referenced, addressClass, exception, bugcheck, bugcheckInfo);
        boolean filter = culprit != null && !culprit.microsoft() && culprit.filter() != null;
        boolean flag = category == Category.READ_OUT_OF_BOUNDS && filter;
        String confidence = VerdictRule.confidence(category, accessSource, instruction, kind, effective, referenced, culprit,
                partial);
        String summary = VerdictRule.summary(category, culprit, faultingFrame, referenced, bugcheckFacts, exceptionFacts);
        Verdict verdict = new Verdict(category, confidence, summary, evidence);

        Optional<KnownIssues.Issue> issue = knownIssues.match(new KnownIssues.Facts(
                culprit == null ? null : culprit.module(), bugcheck.map(b -> b.code() & 0x0FFF_FFFFL).orElse(null),
                exception.map(ExceptionInfo::code).orElse(null),
                kind == null ? null : kind.name().toLowerCase(Locale.ROOT), category.name()));
        KnownIssueMatch known = issue.map(i -> new KnownIssueMatch(i.id(), i.title(), i.summary(), i.remediation(),
                i.sources())).orElse(null);

        String bucket = BucketRule.bucket(category, culprit, culpritIndex, walked, symbolizer, bugcheckFacts, exceptionFacts);

        List<Frame> stack = new ArrayList<>();
        for (StackFrame f : walked) {
            SymbolizedAddress s = symbolizer.symbolize(f.lookupAddress());
            boolean thirdParty = s.module() != null && !identity.isMicrosoft(s.module(), symbolizer);
            String text = f.lookupAddress() == f.pc() ? s.text() : symbolizer.symbolize(f.pc()).text();
            stack.add(new Frame(f.index(), f.pc(), s.module() == null ? null : s.module().name(),
                    s.module() == null ? null : f.pc() - s.module().base(), s.symbol() == null ? null : text, text,
                    f.trust().label(), f.index() == culpritIndex, thirdParty));
        }
        List<ModuleRow> rows = new ArrayList<>();
        for (ModuleInfo m : dump.modules()) {
            Optional<Minifilter> mf = identity.altitudes().lookup(m.name()).stream().findFirst();
            rows.add(new ModuleRow(m.name(), m.path(), m.base(), m.size(), m.timestamp(), identity.vendorOf(m, symbolizer),
                    identity.isMicrosoft(m, symbolizer), mf.map(Minifilter::altitude).orElse(null),
                    mf.map(Minifilter::loadOrderGroup).orElse(null)));
        }
        warnings.addAll(symbolizer.notes());
        if (faultAddress != null && instruction == null) {
            warnings.add("the faulting instruction's bytes at " + hex(faultAddress) + " are not in the dump");
        }
        return new Report(file, sha256, size, dump.format(), arch.id(), dump.os(), dump.crashTime().orElse(null),
                bugcheckFacts, exceptionFacts, access, faultingFrame, culprit, verdict, flag, known, bucket, stack,
                rows, warnings);
    }
}
