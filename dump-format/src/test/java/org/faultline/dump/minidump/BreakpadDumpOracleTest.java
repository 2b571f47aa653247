package org.faultline.dump.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faultline.dump.MemoryRange;
import org.faultline.dump.ModuleInfo;
import org.junit.jupiter.api.Test;

/**
 * Holds the reader against Breakpad's own {@code minidump_dump} output for minidump2.dmp (copied beside the
 * dump in the corpus): every module, thread, memory region and the exception record it prints.
 */
class BreakpadDumpOracleTest {

    /** The {@code key = value} blocks of minidump_dump output, in order, each with its heading. */
    private static List<Map<String, String>> blocks(String heading, List<String> lines) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = null;
        Pattern kv = Pattern.compile("^\\s+(\\S.*?)\\s+= (.*)$");
        for (String line : lines) {
            if (line.equals(heading)) {
                current = new LinkedHashMap<>();
                out.add(current);
            } else if (line.isBlank() || !line.startsWith(" ")) {
                current = null;
            } else if (current != null) {
                Matcher m = kv.matcher(line);
                if (m.matches()) {
                    current.put(m.group(1), m.group(2));
                }
            }
        }
        return out;
    }

    private static String unquote(String s) {
        return s.startsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    @Test
    void modulesThreadsMemoryAndExceptionMatchMinidumpDump() throws Exception {
        Path dumpFile = CorpusDumps.path("breakpad/minidump2.dmp");
        List<String> lines = Files.readAllLines(dumpFile.resolveSibling("minidump2.dmp.expected.dump.out"));
        try (Minidump dump = Minidump.open(dumpFile)) {
            List<Map<String, String>> modules = blocks("MDRawModule", lines);
            assertThat(modules).hasSize(13);
            assertThat(dump.modules()).hasSize(13);
            for (int i = 0; i < modules.size(); i++) {
                Map<String, String> want = modules.get(i);
                ModuleInfo got = dump.modules().get(i);
                assertThat(got.base()).as("module %d base", i).isEqualTo(Long.decode(want.get("base_of_image")));
                assertThat(got.size()).isEqualTo(Long.decode(want.get("size_of_image")));
                assertThat(got.checksum()).isEqualTo(Long.decode(want.get("checksum")));
                assertThat(got.timestamp()).isEqualTo(Long.decode(want.get("time_date_stamp").split(" ")[0]));
                assertThat(got.path()).isEqualTo(unquote(want.get("(code_file)")));
                assertThat(got.codeId()).isEqualTo(unquote(want.get("(code_identifier)")));
                assertThat(got.debugFile()).isEqualTo(unquote(want.get("(debug_file)")));
                assertThat(got.debugId()).isEqualTo(unquote(want.get("(debug_identifier)")));
                String version = unquote(want.get("(version)"));
                assertThat(got.version()).isEqualTo(version.isEmpty() ? null : version);
            }

            List<Map<String, String>> threads = blocks("MDRawThread", lines);
            assertThat(dump.threadList()).hasSize(threads.size());
            for (int i = 0; i < threads.size(); i++) {
                Map<String, String> want = threads.get(i);
                MinidumpThread got = dump.threadList().get(i);
                assertThat(got.threadId()).isEqualTo(Long.decode(want.get("thread_id")));
                assertThat(got.teb()).isEqualTo(Long.decode(want.get("teb")));
                assertThat(got.stackStart()).isEqualTo(Long.decode(want.get("stack.start_of_memory_range")));
                assertThat(got.stackSize()).isEqualTo(Long.decode(want.get("stack.memory.data_size")));
                assertThat(got.stackRva()).isEqualTo(Long.decode(want.get("stack.memory.rva")));
                assertThat(got.contextRva()).isEqualTo(Long.decode(want.get("thread_context.rva")));
            }

            List<Map<String, String>> regions = blocks("MDMemoryDescriptor", lines);
            List<MemoryRange> ranges = dump.memoryRanges();
            assertThat(ranges).hasSize(regions.size());
            for (int i = 0; i < regions.size(); i++) {
                assertThat(ranges.get(i).start()).isEqualTo(Long.decode(regions.get(i).get("start_of_memory_range")));
                assertThat(ranges.get(i).size()).isEqualTo(Long.decode(regions.get(i).get("memory.data_size")));
                assertThat(ranges.get(i).fileOffset()).isEqualTo(Long.decode(regions.get(i).get("memory.rva")));
            }

            Map<String, String> exc = blocks("MDException", lines).get(0);
            MinidumpExceptionStream e = dump.exceptionStream().orElseThrow();
            assertThat(e.threadId()).isEqualTo(Long.decode(exc.get("thread_id")));
            assertThat(e.exceptionCode()).isEqualTo(Long.decode(exc.get("exception_record.exception_code")));
            assertThat(e.exceptionAddress()).isEqualTo(Long.decode(exc.get("exception_record.exception_address")));
            assertThat(e.numberParameters()).isEqualTo(Long.parseLong(exc.get("exception_record.number_parameters")));
            assertThat(e.contextRva()).isEqualTo(Long.decode(exc.get("thread_context.rva")));

            Map<String, String> sys = blocks("MDRawSystemInfo", lines).get(0);
            MinidumpSystemInfo s = dump.systemInfo().orElseThrow();
            assertThat((long) s.processorRevision()).isEqualTo(Long.decode(sys.get("processor_revision")));
            assertThat((long) s.suiteMask()).isEqualTo(Long.decode(sys.get("suite_mask")));
            assertThat(s.csdVersionRva()).isEqualTo(Long.decode(sys.get("csd_version_rva")));
            assertThat(s.cpuVendor()).isEqualTo(unquote(sys.get("(cpu_vendor)")));
            assertThat(s.cpuWords()[3]).isEqualTo(Long.decode(sys.get("cpu.x86_cpu_info.version_information")));
            assertThat(s.cpuWords()[4]).isEqualTo(Long.decode(sys.get("cpu.x86_cpu_info.feature_information")));

            List<Map<String, String>> dirs = blocks("MDRawDirectory", lines);
            assertThat(dump.directory()).hasSize(dirs.size());
            for (int i = 0; i < dirs.size(); i++) {
                assertThat(dump.directory().get(i).streamType())
                        .isEqualTo(Long.decode(dirs.get(i).get("stream_type").split(" ")[0]));
                assertThat(dump.directory().get(i).rva()).isEqualTo(Long.decode(dirs.get(i).get("location.rva")));
            }
        }
    }
}
