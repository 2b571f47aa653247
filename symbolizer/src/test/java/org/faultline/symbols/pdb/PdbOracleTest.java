package org.faultline.symbols.pdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.faultline.samples.Corpus;
import org.faultline.symbols.Fixtures;
import org.faultline.symbols.pe.ImageSectionHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every MSF 7.0 PDB fixture against its oracles: {@code _tools/oracle-summary.json} (GUID, both ages, machine,
 * block size, stripped, OMAP, S_PUB32 and procedure counts), {@code *.llvm-pdbutil.txt} (MSF summary, section
 * headers), and the {@code *.publics-by-rva(-omap).tsv} / {@code *.procs-by-rva(-omap).tsv} files (every public
 * and procedure with its RVA), all made by llvm-pdbutil 16.
 */
class PdbOracleTest {

    static Stream<Map.Entry<String, JsonNode>> pdbs() {
        return Fixtures.summaryEntries("PDB-MSF7");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pdbs")
    void identityAndCountsMatchOracleSummary(Map.Entry<String, JsonNode> entry) throws Exception {
        JsonNode o = entry.getValue();
        try (PdbFile pdb = PdbFile.open(Fixtures.require(entry.getKey()))) {
            assertThat(pdb.guid().toString().toUpperCase(Locale.ROOT)).isEqualTo(o.path("guid").asText());
            assertThat(pdb.info().age()).isEqualTo(o.path("pdb_age").asLong());
            assertThat(pdb.age()).isEqualTo(o.path("dbi_age").asLong());
            int machine = switch (o.path("machine").asText()) {
                case "x86" -> 0x14C;
                case "Amd64" -> 0x8664;
                case "Arm64" -> 0xAA64;
                case "ArmNT" -> 0x1C4;
                default -> -1;
            };
            assertThat(pdb.dbi().machine()).isEqualTo(machine);
            assertThat(pdb.msf().blockSize()).isEqualTo(o.path("block_size").asInt());
            assertThat(pdb.dbi().isStripped()).isEqualTo(o.path("stripped").asBoolean());
            assertThat(pdb.hasOmap()).isEqualTo(o.path("omap").asBoolean());
            assertThat(pdb.publics()).hasSize(o.path("publics").asInt());
            if (o.has("procs")) {
                assertThat(pdb.procedures()).hasSize(o.path("procs").asInt());
            }
            assertThat(pdb.debugId()).isEqualTo(o.path("guid").asText().replace("-", "")
                    + Long.toHexString(o.path("dbi_age").asLong()).toUpperCase(Locale.ROOT));
            assertThat(pdb.diagnostics()).isEmpty();
        }
    }

    static Stream<String> pdbutilOracles() throws IOException {
        return oracleFiles(".pdb.llvm-pdbutil.txt");
    }

    private static Stream<String> oracleFiles(String suffix) throws IOException {
        var root = Corpus.symbolFixture("");
        if (root.isEmpty()) {
            return Stream.of("(fixtures absent)" + suffix);
        }
        try (Stream<Path> files = Files.walk(root.get())) {
            return files.map(p -> root.get().relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(suffix)).sorted().toList().stream();
        }
    }

    private static final Pattern SUMMARY = Pattern.compile("^\\s+(Block Size|Number of blocks|Number of streams): (\\d+)$");
    private static final Pattern STREAM = Pattern.compile("^\\s+Stream\\s+(\\d+) \\(\\s*(\\d+) bytes\\): \\[(.*)]$");

    @ParameterizedTest
    @MethodSource("pdbutilOracles")
    void msfSummaryStreamsAndSectionHeadersMatchLlvmPdbutil(String oracle) throws Exception {
        List<String> text = Fixtures.lines(Fixtures.require(oracle));
        String pdbPath = oracle.substring(0, oracle.length() - ".llvm-pdbutil.txt".length());
        try (PdbFile pdb = PdbFile.open(Fixtures.require(pdbPath))) {
            Map<String, Long> summary = new HashMap<>();
            Map<Integer, Long> streamSizes = new HashMap<>();
            Map<String, Integer> named = new HashMap<>();
            for (String line : text) {
                Matcher m = SUMMARY.matcher(line);
                if (m.matches()) {
                    summary.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
                }
                Matcher s = STREAM.matcher(line);
                if (s.matches()) {
                    streamSizes.put(Integer.parseInt(s.group(1)), Long.parseLong(s.group(2)));
                    if (s.group(3).startsWith("Named Stream \"")) {
                        named.put(s.group(3).substring(14, s.group(3).length() - 1), Integer.parseInt(s.group(1)));
                    }
                }
            }
            assertThat((long) pdb.msf().blockSize()).isEqualTo(summary.get("Block Size"));
            assertThat(pdb.msf().superBlock().numBlocks()).isEqualTo(summary.get("Number of blocks"));
            assertThat((long) pdb.msf().streamCount()).isEqualTo(summary.get("Number of streams"));
            // llvm-pdbutil prints a nil stream's size as 4294967295, the raw value
            streamSizes.forEach((i, size) -> assertThat(pdb.msf().streamSize(i)).as("stream %d", i).isEqualTo(size));
            named.forEach((name, stream) -> assertThat(pdb.info().namedStream(name)).as(name).isEqualTo(stream));

            List<long[]> sections = sectionHeaders(text, "Section Headers");
            assertThat(pdb.sectionHeaders()).hasSize(sections.size());
            for (int i = 0; i < sections.size(); i++) {
                ImageSectionHeader h = pdb.sectionHeaders().get(i);
                long[] e = sections.get(i);
                assertThat(new long[] {h.virtualSize(), h.virtualAddress(), h.sizeOfRawData(), h.pointerToRawData(),
                    h.characteristics()}).as("section %d", i + 1).isEqualTo(e);
            }
        }
    }

    /** {@code SECTION HEADER #n} blocks of one llvm-pdbutil section-header dump. */
    private static List<long[]> sectionHeaders(List<String> text, String title) {
        List<long[]> out = new ArrayList<>();
        boolean in = false;
        long[] cur = null;
        for (String line : text) {
            String t = line.trim();
            if (t.equals(title)) {
                in = true;
                continue;
            }
            if (!in) {
                continue;
            }
            if (t.endsWith("Section Headers") || t.equals("Public Symbols")) {
                break;
            }
            if (t.startsWith("SECTION HEADER #")) {
                cur = new long[5];
                out.add(cur);
            } else if (cur != null) {
                String[] f = t.split(" ", 2);
                if (f.length < 2) {
                    continue;
                }
                switch (f[1]) {
                    case "virtual size" -> cur[0] = Long.parseLong(f[0], 16);
                    case "virtual address" -> cur[1] = Long.parseLong(f[0], 16);
                    case "size of raw data" -> cur[2] = Long.parseLong(f[0], 16);
                    case "file pointer to raw data" -> cur[3] = Long.parseLong(f[0], 16);
                    case "flags" -> cur[4] = Long.parseLong(f[0], 16);
                    default -> {
                    }
                }
            }
        }
        return out;
    }

    static Stream<String> publicsOracles() throws IOException {
        return Stream.concat(oracleFiles(".publics-by-rva.tsv"), oracleFiles(".publics-by-rva-omap.tsv"));
    }

    /** Every S_PUB32 (name, flags, seg:off) and its RVA, as a multiset, equals the TSV's. */
    @ParameterizedTest
    @MethodSource("publicsOracles")
    void everyPublicAndItsRvaMatchesTheTsv(String oracle) throws Exception {
        boolean omap = oracle.endsWith("-omap.tsv");
        String pdbPath = oracle.substring(0, oracle.indexOf(".pdb.") + 4);
        List<String> expected = new ArrayList<>();
        for (String[] r : Fixtures.tsv(Fixtures.require(oracle))) {
            // plain: rva flags seg:off name; omap: final_rva pre_omap_rva flags seg:off name
            String rva = r[0];
            String flags = r[omap ? 2 : 1];
            String segOff = r[omap ? 3 : 2];
            String name = r[omap ? 4 : 3];
            String mapped = rva.equals("?") || (omap && rva.equals("0")) ? "-" : rva;
            expected.add(mapped + "|" + flags + "|" + segOff + "|" + name);
        }
        try (PdbFile pdb = PdbFile.open(Fixtures.require(pdbPath))) {
            List<String> mine = new ArrayList<>();
            for (PublicSymbol p : pdb.publics()) {
                long rva = pdb.addressMap().rva(p.segment(), p.offset());
                mine.add((rva == AddressMap.NO_RVA ? "-" : Long.toHexString(rva)) + "|" + flags(p.flags()) + "|"
                        + String.format("%04d:%04d", p.segment(), p.offset()) + "|" + p.name());
            }
            assertThat(mine).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** llvm-pdbutil's spelling of CV_PUBSYMFLAGS. */
    private static String flags(long f) {
        List<String> parts = new ArrayList<>();
        if ((f & 1) != 0) {
            parts.add("code");
        }
        if ((f & 2) != 0) {
            parts.add("function");
        }
        if ((f & 4) != 0) {
            parts.add("managed");
        }
        if ((f & 8) != 0) {
            parts.add("MSIL");
        }
        return parts.isEmpty() ? "none" : String.join(" | ", parts);
    }

    static Stream<String> procsOracles() throws IOException {
        return Stream.concat(oracleFiles(".procs-by-rva.tsv"), oracleFiles(".procs-by-rva-omap.tsv"));
    }

    /** Every procedure's (RVA, size, kind, name), as a multiset, equals the TSV's. */
    @ParameterizedTest
    @MethodSource("procsOracles")
    void everyProcedureAndItsRvaMatchesTheTsv(String oracle) throws Exception {
        boolean omap = oracle.endsWith("-omap.tsv");
        String pdbPath = oracle.substring(0, oracle.indexOf(".pdb.") + 4);
        List<String> expected = new ArrayList<>();
        for (String[] r : Fixtures.tsv(Fixtures.require(oracle))) {
            // plain: rva size kind name; omap: final_rva pre_omap_rva size kind name
            String rva = r[0];
            String mapped = rva.equals("?") || (omap && rva.equals("0")) ? "-" : rva;
            expected.add(mapped + "|" + r[omap ? 2 : 1] + "|" + r[omap ? 3 : 2] + "|" + r[omap ? 4 : 3]);
        }
        try (PdbFile pdb = PdbFile.open(Fixtures.require(pdbPath))) {
            List<String> mine = new ArrayList<>();
            for (ProcedureSymbol p : pdb.procedures()) {
                long rva = pdb.addressMap().rva(p.segment(), p.offset());
                mine.add((rva == AddressMap.NO_RVA ? "-" : Long.toHexString(rva)) + "|" + Long.toHexString(p.length())
                        + "|" + p.kindName() + "|" + p.name());
            }
            assertThat(mine).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
