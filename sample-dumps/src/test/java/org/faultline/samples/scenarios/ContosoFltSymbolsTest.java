package org.faultline.samples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faultline.samples.kernel.DriverSpec;
import org.junit.jupiter.api.Test;

/**
 * The committed Breakpad symbol file of contosoflt.sys matches the driver the contosoflt samples load: the
 * symbol-store path and MODULE line carry its debug id, INFO CODE_ID its TimeDateStamp and SizeOfImage as the
 * dumps' driver list has them, and its FUNC lines name the functions the faults and return addresses lie in.
 */
class ContosoFltSymbolsTest {

    record Func(long rva, long size, String name) {
    }

    private static Path symbolFile() {
        Path here = Path.of("symbols");
        Path root = Files.isDirectory(here) ? here : Path.of("sample-dumps", "symbols");
        return root.resolve("contosoflt.pdb").resolve(ContosoFltDriver.DEBUG_ID).resolve("contosoflt.sym");
    }

    private static List<String> lines() throws Exception {
        return Files.readAllLines(symbolFile(), StandardCharsets.US_ASCII);
    }

    private static List<Func> funcs() throws Exception {
        List<Func> out = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("FUNC ")) {
                String[] f = line.split(" ", 5);
                out.add(new Func(Long.parseLong(f[1], 16), Long.parseLong(f[2], 16), f[4]));
            }
        }
        return out;
    }

    private static String functionAt(long rva) throws Exception {
        return funcs().stream().filter(f -> rva >= f.rva() && rva < f.rva() + f.size()).map(Func::name)
                .findFirst().orElse("<none>");
    }

    @Test
    void moduleAndCodeIdMatchTheLoadedDriver() throws Exception {
        List<String> lines = lines();
        assertThat(lines.get(0)).isEqualTo("MODULE windows x86_64 " + ContosoFltDriver.DEBUG_ID + " contosoflt.pdb");
        assertThat(lines.get(1)).isEqualTo("INFO CODE_ID " + ContosoFltDriver.codeId() + " contosoflt.sys");
        DriverSpec driver = ContosoFltDriver.drivers().stream().filter(d -> d.name().endsWith("\\contosoflt.sys"))
                .findFirst().orElseThrow();
        assertThat(String.format("%08X%x", driver.timestamp(), driver.size())).isEqualTo(ContosoFltDriver.codeId());
        assertThat(driver.base()).isEqualTo(ContosoFltDriver.BASE);
    }

    @Test
    void funcLinesCoverTheFaultsAndReturnAddresses() throws Exception {
        long base = ContosoFltDriver.BASE;
        assertThat(functionAt(ContosoFltReadOutOfBounds.FAULT - base)).isEqualTo("ContosoFltScanBuffer");
        assertThat(functionAt(ContosoFltWriteAv.FAULT - base)).isEqualTo("ContosoFltUpdateStreamStats");
        assertThat(functionAt(ContosoFltDriver.RET_MATCH_RULES)).isEqualTo("ContosoFltMatchRules");
        assertThat(functionAt(ContosoFltDriver.RET_PRE_CREATE)).isEqualTo("ContosoFltPreCreate");
        assertThat(functionAt(ContosoFltDriver.RET_POST_WRITE)).isEqualTo("ContosoFltPostWrite");
        assertThat(functionAt(ContosoFltDriver.SCAN_BUFFER)).isEqualTo("ContosoFltScanBuffer");
        assertThat(funcs()).filteredOn(f -> f.name().equals("ContosoFltScanBuffer")).singleElement()
                .satisfies(f -> assertThat(f.size()).isEqualTo(ContosoFltReadOutOfBounds.scanBuffer().length));
        assertThat(funcs()).filteredOn(f -> f.name().equals("ContosoFltUpdateStreamStats")).singleElement()
                .satisfies(f -> assertThat(f.size()).isEqualTo(ContosoFltWriteAv.updateStreamStats().length));
    }

    @Test
    void funcLinesAreSortedAndDoNotOverlapInsideTheImage() throws Exception {
        List<Func> funcs = funcs();
        for (int i = 1; i < funcs.size(); i++) {
            assertThat(funcs.get(i).rva()).isGreaterThanOrEqualTo(funcs.get(i - 1).rva() + funcs.get(i - 1).size());
        }
        assertThat(funcs.get(funcs.size() - 1).rva() + funcs.get(funcs.size() - 1).size())
                .isLessThanOrEqualTo(ContosoFltDriver.SIZE);
    }
}
