package org.faultline.app.cli.info;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.faultline.dump.CpuContext;
import org.faultline.dump.CrashDump;
import org.faultline.dump.Diagnostic;
import org.faultline.dump.ExceptionInfo;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.ModuleInfo;
import org.faultline.dump.OsInfo;
import org.faultline.dump.ThreadInfo;
import org.faultline.dump.kernel.KernelDump;
import org.faultline.dump.kernel.KernelDumpHeader;
import org.faultline.dump.minidump.Minidump;
import org.faultline.dump.minidump.MinidumpDirectory;
import org.faultline.dump.minidump.MinidumpMiscInfo;

/**
 * The JSON form of {@code faultline info} (documented in {@code docs/info-schema.md}). Addresses, sizes and
 * codes are lowercase hex strings; counts and ids are numbers; absent facts are null.
 */
public final class InfoJson {
    /** Bumped when a key changes meaning or disappears. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InfoJson() {
    }

    /** The mapper used to print; pretty-printing is the caller's choice. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Everything {@code info} knows about one opened dump. */
    public static ObjectNode of(String file, long size, CrashDump dump) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("schemaVersion", SCHEMA_VERSION);
        o.put("file", file);
        o.put("size", size);
        o.put("format", dump.format());
        o.put("architecture", dump.architecture().id());
        o.set("os", os(dump.os()));
        dump.crashTime().ifPresentOrElse(t -> o.put("crashTime", java.time.Instant.ofEpochSecond(t).toString()),
                () -> o.putNull("crashTime"));
        o.set("exception", dump.exception().map(InfoJson::exception).orElse(null));
        ArrayNode threads = o.putArray("threads");
        for (ThreadInfo t : dump.threads()) {
            threads.add(thread(t));
        }
        o.set("modules", modules(dump.modules()));
        o.set("unloadedModules", modules(dump.unloadedModules()));
        List<MemoryRange> ranges = dump.memory().ranges();
        o.put("memoryRanges", ranges.size());
        long bytes = 0;
        for (MemoryRange r : ranges) {
            bytes += r.size();
        }
        o.put("memoryBytes", bytes);
        o.set("bugcheck", dump.bugcheck().map(b -> {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("code", Hex.of(b.code()));
            ArrayNode p = n.putArray("parameters");
            b.parameters().forEach(v -> p.add(Hex.of(v)));
            return n;
        }).orElse(null));
        o.put("processors", dump.os().processors());
        if (dump instanceof Minidump m) {
            minidump(o, m);
        } else if (dump instanceof KernelDump k) {
            kernel(o, k);
        }
        ArrayNode diags = o.putArray("diagnostics");
        for (Diagnostic d : dump.diagnostics()) {
            ObjectNode n = diags.addObject();
            n.put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT));
            n.put("code", d.code());
            n.put("structure", d.structure());
            n.put("offset", Hex.of(d.offset()));
            n.put("message", d.message());
        }
        return o;
    }

    private static ObjectNode os(OsInfo os) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("platform", os.platform());
        n.put("version", os.version());
        n.put("build", os.build());
        n.put("csd", os.csd());
        n.put("processors", os.processors());
        n.put("productType", os.productType());
        n.put("cpu", os.cpuInfo());
        return n;
    }

    private static ObjectNode exception(ExceptionInfo e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", Hex.of(e.code()));
        n.put("flags", Hex.of(e.flags()));
        n.put("address", Hex.of(e.address()));
        ArrayNode p = n.putArray("parameters");
        e.parameters().forEach(v -> p.add(Hex.of(v)));
        n.put("threadId", e.threadId());
        n.set("context", context(e.context()));
        return n;
    }

    private static JsonNode context(CpuContext c) {
        if (c == null) {
            return null;
        }
        ObjectNode n = MAPPER.createObjectNode();
        for (Map.Entry<String, Long> r : c.registers().entrySet()) {
            n.put(r.getKey(), Hex.of(r.getValue()));
        }
        return n;
    }

    private static ObjectNode thread(ThreadInfo t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", t.id());
        n.put("name", t.name());
        ObjectNode stack = n.putObject("stack");
        stack.put("start", Hex.of(t.stackStart()));
        stack.put("size", Hex.of(t.stackSize()));
        n.put("teb", Hex.of(t.teb()));
        n.set("context", context(t.context()));
        return n;
    }

    private static ArrayNode modules(List<ModuleInfo> modules) {
        ArrayNode a = MAPPER.createArrayNode();
        for (ModuleInfo m : modules) {
            ObjectNode n = a.addObject();
            n.put("name", m.name());
            n.put("path", m.path());
            n.put("base", Hex.of(m.base()));
            n.put("size", Hex.of(m.size()));
            n.put("timestamp", Hex.of(m.timestamp()));
            n.put("checksum", Hex.of(m.checksum()));
            n.put("version", m.version());
            n.put("debugFile", m.debugFile());
            n.put("debugId", m.debugId());
            n.put("codeId", m.codeId());
        }
        return a;
    }

    private static void minidump(ObjectNode o, Minidump m) {
        ObjectNode h = o.putObject("header");
        h.put("signature", Hex.of(m.header().signature()));
        h.put("version", Hex.of(m.header().version()));
        h.put("streams", m.header().numberOfStreams());
        h.put("directoryRva", Hex.of(m.header().streamDirectoryRva()));
        h.put("checksum", Hex.of(m.header().checksum()));
        h.put("timeDateStamp", Hex.of(m.header().timeDateStamp()));
        h.put("flags", Hex.of(m.header().flags()));
        ArrayNode streams = o.putArray("streams");
        for (MinidumpDirectory d : m.directory()) {
            ObjectNode n = streams.addObject();
            n.put("index", d.index());
            n.put("type", Hex.of(d.streamType()));
            n.put("name", d.name());
            n.put("offset", Hex.of(d.rva()));
            n.put("size", Hex.of(d.dataSize()));
        }
        m.processId().ifPresentOrElse(p -> o.put("processId", p), () -> o.putNull("processId"));
        ObjectNode misc = m.miscInfo().map(InfoJson::misc).orElse(null);
        o.set("miscInfo", misc);
        o.set("breakpadInfo", m.breakpadInfo().map(b -> {
            ObjectNode n = MAPPER.createObjectNode();
            if (b.hasDumpThreadId()) {
                n.put("dumpThreadId", b.dumpThreadId());
            } else {
                n.putNull("dumpThreadId");
            }
            if (b.hasRequestingThreadId()) {
                n.put("requestingThreadId", b.requestingThreadId());
            } else {
                n.putNull("requestingThreadId");
            }
            return n;
        }).orElse(null));
        o.set("assertion", m.assertion().map(a -> {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("expression", a.expression());
            n.put("function", a.function());
            n.put("file", a.file());
            n.put("line", a.line());
            n.put("type", a.typeName());
            return n;
        }).orElse(null));
        o.set("crashpadInfo", m.crashpadInfo().map(c -> {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("reportId", c.reportId().toString());
            n.put("clientId", c.clientId().toString());
            ObjectNode ann = n.putObject("annotations");
            new java.util.TreeMap<>(c.simpleAnnotations()).forEach(ann::put);
            return n;
        }).orElse(null));
        o.put("comment", m.comment().orElse(null));
        o.put("handles", m.handles().size());
        o.put("memoryInfoRegions", m.memoryInfoList().size());
    }

    private static void kernel(ObjectNode o, KernelDump k) {
        KernelDumpHeader h = k.header();
        ObjectNode n = o.putObject("header");
        n.put("signature", h.is64Bit() ? "PAGEDU64" : "PAGEDUMP");
        n.put("majorVersion", Hex.of(h.majorVersion()));
        n.put("minorVersion", Hex.of(h.minorVersion()));
        n.put("directoryTableBase", Hex.of(h.directoryTableBase()));
        n.put("pfnDataBase", Hex.of(h.pfnDataBase()));
        n.put("psLoadedModuleList", Hex.of(h.psLoadedModuleList()));
        n.put("psActiveProcessHead", Hex.of(h.psActiveProcessHead()));
        n.put("machineImageType", Hex.of(h.machineImageType()));
        n.put("numberProcessors", h.numberProcessors());
        n.put("kdDebuggerDataBlock", Hex.of(h.kdDebuggerDataBlock()));
        n.put("dumpType", h.dumpType());
        n.put("requiredDumpSpace", Hex.of(h.requiredDumpSpace()));
        n.put("systemTime", Hex.of(h.systemTime()));
        n.put("systemUpTime", Hex.of(h.systemUpTime()));
        n.put("miniDumpFields", Hex.of(h.miniDumpFields()));
        n.put("productType", Hex.of(h.productType()));
        n.put("suiteMask", Hex.of(h.suiteMask()));
        n.put("comment", h.comment());
        if (h.physicalMemory() != null) {
            ObjectNode pm = n.putObject("physicalMemory");
            pm.put("numberOfRuns", h.physicalMemory().numberOfRuns());
            pm.put("numberOfPages", h.physicalMemory().numberOfPages());
            ArrayNode runs = pm.putArray("runs");
            h.physicalMemory().runs().forEach(r -> {
                ObjectNode rn = runs.addObject();
                rn.put("basePage", Hex.of(r.basePage()));
                rn.put("pageCount", Hex.of(r.pageCount()));
            });
        } else {
            n.putNull("physicalMemory");
        }
        o.set("triage", k.triage().map(t -> {
            ObjectNode tn = MAPPER.createObjectNode();
            tn.put("sizeOfDump", Hex.of(t.sizeOfDump()));
            tn.put("validOffset", Hex.of(t.validOffset()));
            tn.put("contextOffset", Hex.of(t.contextOffset()));
            tn.put("exceptionOffset", Hex.of(t.exceptionOffset()));
            tn.put("mmOffset", Hex.of(t.mmOffset()));
            tn.put("unloadedDriversOffset", Hex.of(t.unloadedDriversOffset()));
            tn.put("prcbOffset", Hex.of(t.prcbOffset()));
            tn.put("processOffset", Hex.of(t.processOffset()));
            tn.put("threadOffset", Hex.of(t.threadOffset()));
            tn.put("callStackOffset", Hex.of(t.callStackOffset()));
            tn.put("sizeOfCallStack", Hex.of(t.sizeOfCallStack()));
            tn.put("driverListOffset", Hex.of(t.driverListOffset()));
            tn.put("driverCount", t.driverCount());
            tn.put("stringPoolOffset", Hex.of(t.stringPoolOffset()));
            tn.put("stringPoolSize", Hex.of(t.stringPoolSize()));
            tn.put("triageOptions", Hex.of(t.triageOptions()));
            tn.put("topOfStack", Hex.of(t.topOfStack()));
            tn.put("dataPageAddress", Hex.of(t.dataPageAddress()));
            tn.put("debuggerDataOffset", Hex.of(t.debuggerDataOffset()));
            tn.put("debuggerDataSize", Hex.of(t.debuggerDataSize()));
            tn.put("dataBlocksOffset", Hex.of(t.dataBlocksOffset()));
            tn.put("dataBlocksCount", t.dataBlocksCount());
            return tn;
        }).orElse(null));
        o.set("context", context(k.crashingContext().orElse(null)));
        o.set("stack", k.callStack().map(s -> {
            ObjectNode sn = MAPPER.createObjectNode();
            sn.put("base", Hex.of(s.base()));
            sn.put("limit", Hex.of(s.limit()));
            return sn;
        }).orElse(null));
        o.put("dataBlocks", k.dataBlocks().size());
        o.set("physicalMemory", k.physicalMemory().map(pm -> {
            ObjectNode pn = MAPPER.createObjectNode();
            pn.put("kind", pm instanceof org.faultline.dump.kernel.BitmapPhysicalMemory ? "bitmap" : "runs");
            pn.put("presentPages", pm.presentPages());
            pn.put("coveredPages", pm.coveredPages());
            pn.put("summary", pm.summary());
            pn.put("pagingMode", k.pageTables().map(t -> t.mode().name()).orElse(null));
            return pn;
        }).orElse(null));
        o.put("kernBase", k.debuggerData().map(d -> Hex.of(d.kernBase())).orElse(null));
        o.put("buildLab", k.buildLab().orElse(null));
    }

    private static ObjectNode misc(MinidumpMiscInfo mi) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("sizeOfInfo", mi.sizeOfInfo());
        n.put("flags1", Hex.of(mi.flags1()));
        n.put("processId", mi.processId());
        n.put("processCreateTime", mi.processCreateTime() == null ? null
                : java.time.Instant.ofEpochSecond(mi.processCreateTime()).toString());
        n.put("processUserTime", mi.processUserTime());
        n.put("processKernelTime", mi.processKernelTime());
        n.put("processorMaxMhz", mi.processorMaxMhz());
        n.put("processorCurrentMhz", mi.processorCurrentMhz());
        n.put("timeZoneBias", mi.timeZoneBias());
        n.put("timeZoneStandardName", mi.standardName());
        n.put("timeZoneDaylightName", mi.daylightName());
        n.put("buildString", mi.buildString());
        n.put("dbgBuildString", mi.dbgBuildString());
        return n;
    }
}
