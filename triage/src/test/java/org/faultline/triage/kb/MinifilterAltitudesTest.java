package org.faultline.triage.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.faultline.samples.Corpus;
import org.junit.jupiter.api.Test;

class MinifilterAltitudesTest {
    /** Data rows of shared/minifilter-altitudes/allocated-altitudes.csv (its SOURCE.md says 2132). */
    private static final int CSV_DATA_ROWS = 2132;
    /** Rows deliberately dropped while deriving the resource: none (retired, renamed and placeholder rows stay). */
    private static final int DROPPED = 0;

    private final MinifilterAltitudes table = MinifilterAltitudes.standard();

    @Test
    void loadsEveryRowOfTheSourceTable() {
        assertThat(table.all()).hasSize(CSV_DATA_ROWS - DROPPED);
    }

    @Test
    void rowCountMatchesTheSharedCsvWhenPresent() throws IOException {
        Optional<Path> csv = Corpus.shared().map(s -> s.resolve("minifilter-altitudes/allocated-altitudes.csv"))
                .filter(Files::isRegularFile);
        assumeTrue(csv.isPresent(), "SKIPPED: ../shared/minifilter-altitudes/allocated-altitudes.csv not found");
        List<String> lines = Files.readAllLines(csv.get(), StandardCharsets.UTF_8);
        long dataRows = lines.stream().skip(1).filter(l -> !l.isBlank()).count();
        assertThat(dataRows).isEqualTo(CSV_DATA_ROWS);
        assertThat(table.all()).hasSize((int) dataRows - DROPPED);
    }

    @Test
    void crowdStrikeFalcon() {
        assertThat(table.lookup("csagent.sys")).singleElement().satisfies(m -> {
            assertThat(m.company()).isEqualTo("CrowdStrike Ltd.");
            assertThat(m.loadOrderGroup()).isEqualTo("FSFilter Anti-Virus");
            assertThat(m.altitude()).isEqualTo("321410");
            assertThat(m.range()).isEqualTo("320000-329998");
            assertThat(m.microsoft()).isFalse();
        });
        assertThat(table.lookup("im.sys")).singleElement().satisfies(m -> {
            assertThat(m.company()).isEqualTo("CrowdStrike");
            assertThat(m.loadOrderGroup()).isEqualTo("FSFilter Security Enhancer");
            assertThat(m.altitude()).isEqualTo("80680");
        });
    }

    @Test
    void lookupIsCaseInsensitiveAndTakesTheLastPathComponent() {
        assertThat(table.lookup("CSAGENT.SYS")).hasSize(1);
        assertThat(table.lookup("\\SystemRoot\\System32\\drivers\\CSAgent.sys")).hasSize(1);
        assertThat(table.lookup("C:/Windows/System32/drivers/csagent.sys")).hasSize(1);
        assertThat(table.lookup("  csagent.sys ")).hasSize(1);
    }

    @Test
    void severalRowsMayShareAName() {
        assertThat(table.lookup("ntoskrnl.exe")).hasSize(2).allSatisfy(m -> assertThat(m.microsoft()).isTrue());
        assertThat(table.lookup("FileInfo.sys")).extracting(Minifilter::altitude).contains("40500");
    }

    @Test
    void namesWrittenWithNotesMatchByFileName() {
        assertThat(table.lookup("SentinelMonitor.sys")).extracting(Minifilter::driver)
                .anyMatch(d -> d.contains("retired"));
        assertThat(table.lookup("isafermon.sys")).extracting(Minifilter::driver).contains("isafermon");
    }

    @Test
    void vendorPreference() {
        List<Minifilter> rows = table.lookup("cldflt.sys");
        assertThat(rows.size()).isGreaterThan(1);
        String company = rows.get(rows.size() - 1).company();
        assertThat(table.lookup("cldflt.sys", company)).allSatisfy(m -> assertThat(m.company()).isEqualTo(company));
        assertThat(table.lookup("csagent.sys", "CrowdStrike")).hasSize(1);
        assertThat(table.lookup("csagent.sys", "Nobody Inc")).hasSize(1);
        assertThat(table.lookup("csagent.sys", null)).hasSize(1);
    }

    @Test
    void hostileNamesArePlainStrings() {
        for (String hostile : new String[] {".*", "(", "[a-z]+\\.sys", "csagent.sys\u0000", "..\\..\\", "",
            "\\", "/", "%s%n", "csagent.sys|im.sys", "\\Q.*\\E", "\uFEFFcsagent.sys", "pfmfs_???.sys"}) {
            List<Minifilter> rows = table.lookup(hostile);
            if (hostile.equals("pfmfs_???.sys")) {
                // a literal placeholder of the source table, matched only literally
                assertThat(rows).isNotEmpty().allSatisfy(m -> assertThat(m.file()).isEqualTo("pfmfs_???.sys"));
            } else {
                assertThat(rows).as(hostile).isEmpty();
            }
        }
        assertThat(table.lookup(null)).isEmpty();
        assertThat(table.lookup("x".repeat(100_000))).isEmpty();
    }

    @Test
    void groupsByAltitude() {
        assertThat(table.groupOf("321410")).get().extracting(LoadOrderGroup::name).isEqualTo("FSFilter Anti-Virus");
        assertThat(table.groupOf("329355.5")).get().extracting(LoadOrderGroup::range).isEqualTo("320000-329998");
        assertThat(table.groupOf("80680")).get().extracting(LoadOrderGroup::name)
                .isEqualTo("FSFilter Security Enhancer");
        assertThat(table.groupOf("425500")).get().extracting(LoadOrderGroup::name).isEqualTo("Filter");
        assertThat(table.groupOf("329999")).isEmpty();
        assertThat(table.groupOf("not a number")).isEmpty();
        assertThat(table.groupOf(null)).isEmpty();
        assertThat(table.groups()).hasSize(23);
    }
}
