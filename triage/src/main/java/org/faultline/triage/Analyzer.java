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
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.dump.minidump.Minidump;
import org.faultline.dump.minidump.MinidumpMemoryInfo;
import org.faultline.symbols.ModuleMap;
import org.faultline.symbols.SymbolizedAddress;
import org.faultline.symbols.Symbolizer;
import org.faultline.symbols.disasm.FaultContext;
import org.faultline.symbols.disasm.Instruction;
import org.faultline.symbols.disasm.MemoryOperand;
import org.faultline.symbols.pe.PeFile;
import org.faultline.symbols.unwind.FrameTrust;
import org.faultline.symbols.unwind.StackFrame;
import org.faultline.symbols.unwind.StackWalker;
import org.faultline.triage.kb.AccessKind;
import org.faultline.triage.kb.AccessLayout;
import org.faultline.triage.kb.BugcheckCatalog;
import org.faultline.triage.kb.BugcheckInfo;
import org.faultline.triage.kb.DriverCatalog;
import org.faultline.triage.kb.KnownIssues;
import org.faultline.triage.kb.Minifilter;
import org.faultline.triage.kb.MinifilterAltitudes;
import org.faultline.triage.kb.ParameterInfo;
import org.faultline.triage.kb.StatusCatalog;
import org.faultline.triage.kb.VendorMatch;

/**
 * The verdict engine: from a dump (and whatever symbols the symbolizer finds) to a {@link Report}. The evidence
 * chain runs in order, each step saying "not applicable" when its input is missing: fault facts, address class,
 * faulting frame, culprit, driver identity; then the verdict, the known issue and the bucket.
 */
public final class Analyzer {
    private static final long STATUS_ACCESS_VIOLATION = 0xC000_0005L;
    private static final long STATUS_STACK_OVERFLOW = 0xC000_00FDL;
    private static final long STATUS_STACK_BUFFER_OVERRUN = 0xC000_0409L;
    /** Bug checks that are fail-fasts in kernel mode. */
    private static final long KERNEL_SECURITY_CHECK_FAILURE = 0x139;

    private final BugcheckCatalog bugchecks;
    private final StatusCatalog statuses;
    private final MinifilterAltitudes altitudes;
    private final DriverCatalog drivers;
    private final KnownIssues knownIssues;

    public Analyzer(BugcheckCatalog bugchecks, StatusCatalog statuses, MinifilterAltitudes altitudes,
                    DriverCatalog drivers, KnownIssues knownIssues) {
        this.bugchecks = bugchecks;
        this.statuses = statuses;
        this.altitudes = altitudes;
        this.drivers = drivers;
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
                meanings.add(meaning(bugcheckInfo, i + 1, b.parameters().get(i)));
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
            if (isPosixSegv(dump, e) && referenced == null && e.address() != 0) {
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
        CpuContext start = startContext(dump);
        long stackEnd = stackEnd(dump);
        List<StackFrame> walked = start == null ? List.of()
                : new StackWalker(dump.memory(), modules, arch).walk(start, stackEnd);
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
                    for (String reg : registersOf(op.get())) {
                        Optional<FaultContext.RegisterOrigin> origin = fc.get().originOf(reg);
                        if (origin.isPresent()) {
                            provenance.add(describeOrigin(origin.get(), faultRegisters));
                        }
                    }
                }
                if (kind == null && op.isPresent() && accessFault(exception, bugcheckInfo, dump)) {
                    kind = op.get().access().writes() ? AccessKind.WRITE : AccessKind.READ;
                    accessSource = "the faulting instruction";
                }
                if (referenced == null && effective != null && accessFault(exception, bugcheckInfo, dump)) {
                    referenced = effective;
                }
            }
            faultingFrame = new FaultingFrame(faultAddress, where.module() == null ? null : where.module().name(),
                    where.module() == null ? null : where.offset(), where.symbol() == null ? null : where.text(),
                    where.text(), instruction == null ? null : instruction.text(),
                    instruction == null ? null : instruction.hexBytes(), effective, registersFrom, provenance, lines);
        }

        // 3. Access facts and address class ------------------------------------------------------------
        String addressClass = referenced == null ? null : classify(dump, referenced, kernel, arch, walked, start);
        AccessFacts access = kind == null && referenced == null ? null
                : new AccessFacts(kind, referenced, addressClass, accessSource);
        if (access != null) {
            evidence.add(new Evidence("fault-facts", describeAccess(kind, referenced), accessSource));
            if (addressClass != null) {
                evidence.add(new Evidence("address-class", describeClass(addressClass, referenced), "address ranges"));
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
                if (m.isPresent() && known(m.get()) && !isMicrosoft(m.get(), symbolizer)) {
                    culpritIndex = i;
                    culprit = identify(m.get(), symbolizer, walked, i, modules,
                            i == faultIndex || (faultIndex < 0 && i == 0) ? "the faulting module"
                                    : "the first non-Microsoft frame above the fault");
                    break;
                }
            }
            if (culprit == null && faultAddress != null) {
                Optional<ModuleInfo> m = modules.moduleAt(faultAddress).filter(Analyzer::known);
                if (m.isPresent()) {
                    culpritIndex = faultIndex;
                    culprit = identify(m.get(), symbolizer, walked, Math.max(faultIndex, 0), modules,
                            "the faulting module (no non-Microsoft frame on the stack)");
                }
            }
        }
        if (culprit != null) {
            evidence.add(new Evidence("culprit", culprit.module() + " is " + culprit.reason(), "the stack"));
            evidence.add(new Evidence("driver-identity", identityText(culprit), culprit.how()));
        } else {
            evidence.add(new Evidence("culprit", "not applicable: no frame lies in a known module", "the stack"));
        }

        // Verdict -----------------------------------------------------------------------------------------
        Category category = categorize(dump, kind, referenced, addressClass, exception, bugcheck, bugcheckInfo);
        boolean filter = culprit != null && !culprit.microsoft() && culprit.filter() != null;
        boolean flag = category == Category.READ_OUT_OF_BOUNDS && filter;
        String confidence = confidence(category, accessSource, instruction, kind, effective, referenced, culprit,
                partial);
        String summary = summary(category, culprit, faultingFrame, referenced, bugcheckFacts, exceptionFacts);
        Verdict verdict = new Verdict(category, confidence, summary, evidence);

        Optional<KnownIssues.Issue> issue = knownIssues.match(new KnownIssues.Facts(
                culprit == null ? null : culprit.module(), bugcheck.map(b -> b.code() & 0x0FFF_FFFFL).orElse(null),
                exception.map(ExceptionInfo::code).orElse(null),
                kind == null ? null : kind.name().toLowerCase(Locale.ROOT), category.name()));
        KnownIssueMatch known = issue.map(i -> new KnownIssueMatch(i.id(), i.title(), i.summary(), i.remediation(),
                i.sources())).orElse(null);

        String bucket = bucket(category, culprit, culpritIndex, walked, symbolizer, bugcheckFacts, exceptionFacts);

        List<Frame> stack = new ArrayList<>();
        for (StackFrame f : walked) {
            SymbolizedAddress s = symbolizer.symbolize(f.lookupAddress());
            boolean thirdParty = s.module() != null && !isMicrosoft(s.module(), symbolizer);
            String text = f.lookupAddress() == f.pc() ? s.text() : symbolizer.symbolize(f.pc()).text();
            stack.add(new Frame(f.index(), f.pc(), s.module() == null ? null : s.module().name(),
                    s.module() == null ? null : f.pc() - s.module().base(), s.symbol() == null ? null : text, text,
                    f.trust().label(), f.index() == culpritIndex, thirdParty));
        }
        List<ModuleRow> rows = new ArrayList<>();
        for (ModuleInfo m : dump.modules()) {
            Optional<Minifilter> mf = altitudes.lookup(m.name()).stream().findFirst();
            rows.add(new ModuleRow(m.name(), m.path(), m.base(), m.size(), m.timestamp(), vendorOf(m, symbolizer),
                    isMicrosoft(m, symbolizer), mf.map(Minifilter::altitude).orElse(null),
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

    /** Linux minidumps record a SIGSEGV or SIGBUS with the data address in the exception address. */
    private static boolean isPosixSegv(CrashDump dump, ExceptionInfo e) {
        return dump.os().platform().equals("Linux") && (e.code() == 11 || e.code() == 7);
    }

    /** Whether the crash is a memory access fault, so the faulting instruction may say which kind. */
    private static boolean accessFault(Optional<ExceptionInfo> exception, Optional<BugcheckInfo> bugcheck, CrashDump dump) {
        if (bugcheck.isPresent()) {
            return bugcheck.get().access().isPresent();
        }
        return exception.isPresent() && (exception.get().code() == STATUS_ACCESS_VIOLATION
                || isPosixSegv(dump, exception.get()));
    }

    /** Whether the dump says who the module is (a damaged dump can lose the names). */
    private static boolean known(ModuleInfo m) {
        return !m.name().startsWith("<unreadable");
    }

    /** Where the walk starts: the exception's context, else the crashing thread's. */
    private static CpuContext startContext(CrashDump dump) {
        Optional<ExceptionInfo> e = dump.exception();
        if (e.isPresent() && e.get().context() != null) {
            return e.get().context();
        }
        if (dump instanceof KernelDump k) {
            return k.crashingContext().orElse(null);
        }
        return dump.threads().isEmpty() ? null : dump.threads().get(0).context();
    }

    private static long stackEnd(CrashDump dump) {
        if (dump instanceof KernelDump k) {
            return k.callStack().map(s -> s.base()).orElse(0L);
        }
        long tid = dump.exception().map(ExceptionInfo::threadId).orElse(-1L);
        for (ThreadInfo t : dump.threads()) {
            if (t.id() == tid || tid < 0) {
                return t.stackStart() + t.stackSize();
            }
        }
        return 0;
    }

    private String meaning(Optional<BugcheckInfo> info, int number, long value) {
        if (info.isEmpty()) {
            return null;
        }
        String role = null;
        for (ParameterInfo p : info.get().parameters()) {
            if (p.number() == number) {
                role = p.role();
            }
        }
        String sub = info.get().subcode(number, value).map(s -> s.meaning()).orElse(null);
        if (role == null) {
            return sub;
        }
        return sub == null ? role : role + " (" + sub + ")";
    }

    private static List<String> registersOf(MemoryOperand op) {
        List<String> out = new ArrayList<>();
        op.baseRegister().ifPresent(out::add);
        op.indexRegister().ifPresent(out::add);
        return out;
    }

    /** {@code r8 was loaded from [rax+r11*8], index r11 = 20}. */
    private static String describeOrigin(FaultContext.RegisterOrigin origin, CpuContext registers) {
        StringBuilder s = new StringBuilder(origin.description());
        Optional<MemoryOperand> src = origin.writer().memory().stream().findFirst();
        if (src.isPresent() && registers != null) {
            Optional<String> index = src.get().indexRegister();
            if (index.isPresent() && registers.get(index.get()).isPresent()) {
                long v = registers.get(index.get()).getAsLong();
                s.append(", index ").append(index.get()).append(" = ").append(v);
                if (src.get().scale() > 1) {
                    s.append(" (slot ").append(v).append(", the ").append(ordinal(v + 1)).append(" entry)");
                }
            }
        }
        return s.toString();
    }

    private static String ordinal(long n) {
        long mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }

    private static String describeAccess(AccessKind kind, Long address) {
        String k = kind == null ? "an access" : kind == AccessKind.READ ? "a read" : kind == AccessKind.WRITE ? "a write"
                : "an instruction fetch";
        return address == null ? k + " of an unknown address" : k + " of address " + hex(address);
    }

    private static String describeClass(String c, long address) {
        return switch (c) {
            case "null-page" -> hex(address) + " lies in the first 64 KiB: a NULL pointer plus a small offset";
            case "non-canonical" -> hex(address) + " is not a canonical x64 address: the pointer is corrupted";
            case "user-from-kernel" -> hex(address) + " is a user-mode address touched from kernel code";
            case "kernel-unmapped" -> hex(address) + " is a kernel address with no valid page in the dump's page tables";
            case "kernel-invalid" -> hex(address) + " is a non-null kernel address the bug check says was invalid";
            case "user-unmapped" -> hex(address) + " lies in a free region of the process's address space";
            case "user-reserved" -> hex(address) + " lies in reserved, uncommitted memory";
            case "stack" -> hex(address) + " lies in the thread's stack";
            default -> hex(address) + ": nothing in the dump says what lies there";
        };
    }

    /** The address class of a referenced address. */
    String classify(CrashDump dump, long address, boolean kernel, Architecture arch, List<StackFrame> walked,
                    CpuContext start) {
        if (Long.compareUnsigned(address, 0x10000) < 0) {
            return "null-page";
        }
        if (arch == Architecture.AMD64 || arch == Architecture.ARM64) {
            long top = address >> 47;
            if (top != 0 && top != -1) {
                return "non-canonical";
            }
        }
        boolean userAddress = arch.pointerSize() == 8 ? address >= 0 && address < 0x0000_8000_0000_0000L
                : Long.compareUnsigned(address, 0x8000_0000L) < 0;
        if (kernel && userAddress) {
            return "user-from-kernel";
        }
        for (ThreadInfo t : dump.threads()) {
            if (t.stackSize() > 0 && Long.compareUnsigned(address - t.stackStart(), t.stackSize()) < 0) {
                return "stack";
            }
        }
        if (dump instanceof KernelDump k) {
            if (k.pageTables().isPresent()) {
                return k.memory().read(address, 1).isPresent() ? "kernel-mapped" : "kernel-unmapped";
            }
            return "kernel-invalid";
        }
        if (dump instanceof Minidump m) {
            for (MinidumpMemoryInfo r : m.memoryInfoList()) {
                if (Long.compareUnsigned(address - r.baseAddress(), r.regionSize()) < 0) {
                    return r.state() == 0x10000 ? "user-unmapped" : r.state() == 0x2000 ? "user-reserved"
                            : "user-mapped";
                }
            }
            return "user-invalid";
        }
        return "unknown";
    }

    private Category categorize(CrashDump dump, AccessKind kind, Long referenced, String addressClass,
                                Optional<ExceptionInfo> exception, Optional<Bugcheck> bugcheck,
                                Optional<BugcheckInfo> info) {
        if (exception.isPresent() && exception.get().code() == STATUS_STACK_OVERFLOW) {
            return Category.STACK_OVERFLOW;
        }
        if (exception.isPresent() && exception.get().code() == STATUS_STACK_BUFFER_OVERRUN
                || bugcheck.isPresent() && bugcheck.get().code() == KERNEL_SECURITY_CHECK_FAILURE) {
            return Category.FAST_FAIL;
        }
        boolean accessFault = kind != null || referenced != null;
        if (!accessFault) {
            if (bugcheck.isPresent() && info.flatMap(BugcheckInfo::access).isEmpty()) {
                return Category.NOT_AN_ACCESS_VIOLATION;
            }
            if (exception.isPresent() && exception.get().code() != STATUS_ACCESS_VIOLATION
                    && bugcheck.isEmpty()) {
                return Category.NOT_AN_ACCESS_VIOLATION;
            }
            return Category.UNKNOWN;
        }
        if (kind == AccessKind.EXECUTE) {
            return Category.EXECUTE_ACCESS_VIOLATION;
        }
        if ("null-page".equals(addressClass)) {
            return kind == AccessKind.WRITE ? Category.NULL_POINTER_WRITE : Category.NULL_POINTER_READ;
        }
        if ("non-canonical".equals(addressClass)) {
            return Category.NON_CANONICAL_ACCESS;
        }
        if ("user-from-kernel".equals(addressClass)) {
            return Category.USER_ADDRESS_FROM_KERNEL;
        }
        if (kind == AccessKind.WRITE) {
            return Category.WRITE_ACCESS_VIOLATION;
        }
        if (kind == AccessKind.READ && referenced != null) {
            return Category.READ_OUT_OF_BOUNDS;
        }
        return Category.UNKNOWN;
    }

    private static String confidence(Category category, String accessSource, Instruction instruction, AccessKind kind,
                                     Long effective, Long referenced, Culprit culprit, boolean partial) {
        if (category == Category.UNKNOWN) {
            return "low";
        }
        int points = 0;
        if (accessSource != null && !accessSource.equals("the faulting instruction")) {
            points++;
        }
        if (instruction != null && (effective != null && effective.equals(referenced)
                || kind != null && instruction.memory().stream().anyMatch(m -> kind == AccessKind.READ
                ? m.access().reads() : m.access().writes()))) {
            points++;
        }
        if (culprit != null) {
            points++;
        }
        if (category == Category.NOT_AN_ACCESS_VIOLATION || category == Category.STACK_OVERFLOW
                || category == Category.FAST_FAIL) {
            points = Math.max(points, 2);
        }
        String c = points >= 3 ? "high" : points == 2 ? "medium" : "low";
        if (partial && c.equals("high")) {
            c = "medium";
        }
        return c;
    }

    private boolean isMicrosoft(ModuleInfo m, Symbolizer symbolizer) {
        Optional<String> company = imageCompany(m, symbolizer);
        if (company.isPresent()) {
            return company.get().toLowerCase(Locale.ROOT).startsWith("microsoft");
        }
        if (drivers.isWindowsInbox(m.name())) {
            return true;
        }
        List<Minifilter> mf = altitudes.lookup(m.name());
        return !mf.isEmpty() && mf.stream().allMatch(Minifilter::microsoft);
    }

    private static Optional<String> imageCompany(ModuleInfo m, Symbolizer symbolizer) {
        Optional<PeFile> image = symbolizer.symbolsFor(m).image();
        return image.flatMap(PeFile::versionInfo).flatMap(v -> v.companyName());
    }

    private String vendorOf(ModuleInfo m, Symbolizer symbolizer) {
        Optional<String> company = imageCompany(m, symbolizer);
        if (company.isPresent()) {
            return company.get();
        }
        if (drivers.isWindowsInbox(m.name())) {
            return "Microsoft";
        }
        return drivers.vendorOf(m.name()).orElse(null);
    }

    private Culprit identify(ModuleInfo m, Symbolizer symbolizer, List<StackFrame> walked, int index,
                             ModuleMap modules, String reason) {
        boolean microsoft = isMicrosoft(m, symbolizer);
        String vendor;
        String how;
        Optional<String> company = imageCompany(m, symbolizer);
        if (company.isPresent()) {
            vendor = company.get();
            how = "CompanyName in the image's version resource";
        } else if (drivers.isWindowsInbox(m.name())) {
            vendor = "Microsoft";
            how = DriverCatalog.INBOX_EVIDENCE;
        } else {
            Optional<VendorMatch> v = drivers.vendor(m.name());
            vendor = v.map(VendorMatch::vendor).orElse(null);
            how = v.map(VendorMatch::evidence).orElse("not in the Windows inbox list, no known vendor");
        }
        List<Minifilter> rows = vendor == null ? altitudes.lookup(m.name()) : altitudes.lookup(m.name(), vendor);
        List<String> filterEvidence = new ArrayList<>();
        Minifilter row = rows.isEmpty() ? null : rows.get(0);
        if (row != null) {
            filterEvidence.add("allocated minifilter altitude " + row.altitude() + " (" + row.loadOrderGroup() + ", "
                    + row.company() + ")");
        }
        for (int i = index + 1; i < walked.size(); i++) {
            Optional<ModuleInfo> below = modules.moduleAt(walked.get(i).lookupAddress());
            if (below.isPresent() && below.get().name().equalsIgnoreCase("fltmgr.sys")) {
                filterEvidence.add("FLTMGR.SYS frames below it on the stack: it runs as a file-system minifilter");
                break;
            }
        }
        Culprit.Filter filter = filterEvidence.isEmpty() ? null : new Culprit.Filter(
                row == null ? null : row.altitude(), row == null ? null : row.loadOrderGroup(), filterEvidence);
        return new Culprit(m.name(), m.path(), vendor, microsoft, how, filter, reason);
    }

    private static String identityText(Culprit c) {
        StringBuilder s = new StringBuilder(c.module()).append(c.microsoft() ? " is Microsoft's" : " is third-party");
        if (c.vendor() != null && !c.microsoft()) {
            s.append(" (").append(c.vendor()).append(")");
        }
        if (c.filter() != null) {
            s.append("; a file-system filter driver");
            if (c.filter().altitude() != null) {
                s.append(", ").append(c.filter().group()).append(", altitude ").append(c.filter().altitude());
            }
        }
        return s.toString();
    }

    private static String summary(Category category, Culprit culprit, FaultingFrame frame, Long referenced,
                                  Report.BugcheckFacts bugcheck, Report.ExceptionFacts exception) {
        String what = switch (category) {
            case READ_OUT_OF_BOUNDS -> "Read out of bounds";
            case NULL_POINTER_READ -> "NULL pointer read";
            case NULL_POINTER_WRITE -> "NULL pointer write";
            case WRITE_ACCESS_VIOLATION -> "Write to an invalid address";
            case EXECUTE_ACCESS_VIOLATION -> "Execution of non-executable or invalid memory";
            case NON_CANONICAL_ACCESS -> "Access through a corrupted (non-canonical) pointer";
            case USER_ADDRESS_FROM_KERNEL -> "Kernel code touched a user-mode address";
            case STACK_OVERFLOW -> "Stack overflow";
            case FAST_FAIL -> "Fail-fast" + (exception != null && exception.detail() != null ? " (" + exception.detail() + ")" : "");
            case NOT_AN_ACCESS_VIOLATION -> bugcheck != null && bugcheck.name() != null ? bugcheck.name()
                    + ": not a memory access fault" : exception != null && exception.name() != null
                    ? exception.name() + ": not a memory access fault" : "Not a memory access fault";
            case UNKNOWN -> "The cause could not be determined";
        };
        StringBuilder s = new StringBuilder(what);
        if (culprit != null) {
            s.append(" in ").append(culprit.microsoft() ? "Microsoft " : "third-party ");
            if (culprit.filter() != null) {
                s.append("file-system filter driver ");
            } else if (culprit.module().toLowerCase(Locale.ROOT).endsWith(".sys")) {
                s.append("driver ");
            } else {
                s.append("module ");
            }
            s.append(culprit.module());
            List<String> who = new ArrayList<>();
            if (culprit.vendor() != null && !culprit.microsoft()) {
                who.add(culprit.vendor());
            }
            if (culprit.filter() != null && culprit.filter().altitude() != null) {
                who.add(culprit.filter().group());
                who.add("altitude " + culprit.filter().altitude());
            }
            if (!who.isEmpty()) {
                s.append(" — ").append(String.join(", ", who));
            }
        }
        if (frame != null && frame.instruction() != null) {
            s.append(": ").append(frame.instruction()).append(" at ").append(frame.text());
            if (referenced != null && category != Category.NOT_AN_ACCESS_VIOLATION) {
                s.append(" accessed ").append(hex(referenced));
            }
        } else if (frame != null) {
            s.append(" at ").append(frame.text());
        }
        return s.append('.').toString();
    }

    /**
     * WinDbg-style bucket: the category's prefix, then {@code module!function} of the culprit (or of the faulting
     * frame), with {@code unknown_function} when no symbol is known, so that dumps of one crash share a bucket.
     */
    private static String bucket(Category category, Culprit culprit, int culpritIndex, List<StackFrame> walked,
                                 Symbolizer symbolizer, Report.BugcheckFacts bugcheck, Report.ExceptionFacts exception) {
        String prefix = switch (category) {
            case READ_OUT_OF_BOUNDS -> "AV_R_INVALID";
            case NULL_POINTER_READ -> "AV_NULL_R";
            case NULL_POINTER_WRITE -> "AV_NULL_W";
            case WRITE_ACCESS_VIOLATION -> "AV_W_INVALID";
            case EXECUTE_ACCESS_VIOLATION -> "AV_X_INVALID";
            case NON_CANONICAL_ACCESS -> "AV_NONCANONICAL";
            case USER_ADDRESS_FROM_KERNEL -> "AV_USER_FROM_KERNEL";
            case STACK_OVERFLOW -> "STACK_OVERFLOW";
            case FAST_FAIL -> "FAIL_FAST" + (exception != null && exception.detail() != null
                    ? "_" + exception.detail().replaceFirst("^FAST_FAIL_", "") : "");
            case NOT_AN_ACCESS_VIOLATION -> bugcheck != null ? "0x" + Long.toHexString(bugcheck.code()).toUpperCase(Locale.ROOT)
                    + (bugcheck.name() != null ? "_" + bugcheck.name() : "")
                    : exception != null ? "0x" + Long.toHexString(exception.code()).toUpperCase(Locale.ROOT) : "UNKNOWN";
            case UNKNOWN -> "UNKNOWN";
        };
        if (culprit == null) {
            return prefix;
        }
        String function = "unknown_function";
        if (culpritIndex >= 0 && culpritIndex < walked.size()) {
            SymbolizedAddress s = symbolizer.symbolize(walked.get(culpritIndex).lookupAddress());
            if (s.symbol() != null) {
                function = s.symbol().name().replaceAll("\\s+", "_");
            }
        }
        String module = culprit.module();
        int dot = module.lastIndexOf('.');
        return prefix + "_" + (dot > 0 ? module.substring(0, dot) : module) + "!" + function;
    }
}
